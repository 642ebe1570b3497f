#pragma once

#include "Clock.h"
#include "engine/Snapshots.h"

#include <memory>
#include <optional>

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

namespace bk::ui {

/// Sync progress per flow: last run, records done / total, ETA (only when the engine
/// trusts it), next run and the last reconciliation. Fed by flowProgressChanged.
class FlowProgressModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        FlowColumn,
        StateColumn,
        ProgressColumn,
        EtaColumn,
        LastRunColumn,
        NextRunColumn,
        ReconcileColumn,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< typed value to sort on
        FractionRole,                ///< done/total in [0, 1], or invalid when total unknown
        FlowIdRole,
    };
    struct Entry {
        QString id;
        QString route; ///< "pipedrive/persons → exact/Contacts"
    };

    explicit FlowProgressModel(std::shared_ptr<Clock> clock, QObject* parent = nullptr);

    void setFlows(const QList<Entry>& entries);
    void applyProgress(const FlowProgress& progress);
    void flush();
    void tick();
    std::optional<FlowProgress> progress(const QString& flowId) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row {
        Entry entry;
        std::optional<FlowProgress> progress;
    };
    QVariant display(const Row& row, int column) const;
    QVariant sortValue(const Row& row, int column) const;

    std::shared_ptr<Clock> m_clock;
    QList<Row> m_rows;
    QHash<QString, int> m_index;
    QHash<QString, FlowProgress> m_pending;
    QTimer m_flushTimer;
};

} // namespace bk::ui
