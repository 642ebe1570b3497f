#pragma once

#include "LogRing.h"

#include <QAbstractTableModel>
#include <QList>

namespace bk::ui {

/// Recent log lines from the core's LogRing, appended live (already redacted).
class LogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, LevelColumn, CategoryColumn, MessageColumn, ColumnCount };

    explicit LogModel(LogRing& ring, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void fetchNew();

    LogRing& m_ring;
    QList<LogEntry> m_rows;
    quint64 m_lastId = 0;
    bool m_fetchQueued = false;
    static constexpr int kMaxRows = 5000;
};

} // namespace bk::ui
