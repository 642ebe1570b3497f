#pragma once

#include "Clock.h"
#include "engine/Snapshots.h"

#include <memory>

#include <QAbstractTableModel>
#include <QList>
#include <QTimer>

namespace bk::ui {

/// Engine events, newest first, bounded. With a minimum severity of "warning" it is the
/// alert history. Arrivals are batched into one row insertion per 100 ms.
class EventLogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ConnectorColumn,
        SeverityColumn,
        KindColumn,
        MessageColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< time ms, severity rank or text
        SeverityRankRole,            ///< 0 info, 1 warning, 2 critical
        EventIdRole,
    };

    EventLogModel(std::shared_ptr<Clock> clock, int capacity, QString minSeverity = {},
                  QObject* parent = nullptr);

    /// 0 info, 1 warning, 2 critical; unknown words count as info.
    static int severityRank(const QString& severity);
    static QString severityText(const QString& severity);

    void applyEvent(const EngineEvent& event);
    void flush();
    /// Shows connector names instead of ids.
    void setConnectorNames(const QHash<QString, QString>& names);
    void clear();
    const EngineEvent& event(int row) const { return m_rows.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    /// Events accepted by this model's severity filter, oldest first, once per batch.
    void eventsAdded(const QList<bk::EngineEvent>& events);

private:
    std::shared_ptr<Clock> m_clock;
    int m_capacity;
    int m_minRank;
    QHash<QString, QString> m_names;
    QList<EngineEvent> m_rows; ///< newest first
    QList<EngineEvent> m_pending;
    QTimer m_flushTimer;
};

} // namespace bk::ui
