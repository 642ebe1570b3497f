#pragma once

#include "Clock.h"
#include "engine/Snapshots.h"

#include <memory>
#include <optional>

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QTimer>

namespace bk::ui {

/// One row per connector: its health in words and colour, fed by connectorHealthChanged.
/// Snapshots are buffered and applied at most every 100 ms with one dataChanged for all
/// changed rows, so a flood of snapshots costs one repaint.
class ConnectorStatusModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        StateColumn,
        SinceColumn,
        OkColumn,
        FailedColumn,
        RetriesColumn,
        DeadLettersColumn,
        DetailColumn, ///< last: it takes the remaining width
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, ///< typed value to sort on (rank, count, time)
        ConnectorIdRole,             ///< QString
        HealthStateRole,             ///< int(HealthState), or -1 before the first report
    };

    /// A connector the workspace declares (rows also appear for connectors first seen in a
    /// snapshot).
    struct Entry {
        QString id;
        QString name;
        bool enabled = true;
    };

    explicit ConnectorStatusModel(std::shared_ptr<Clock> clock, QObject* parent = nullptr);

    void setConnectors(const QList<Entry>& entries);
    /// Buffers a snapshot; applied by flush() shortly after.
    void applyHealth(const ConnectorHealth& health);
    /// Applies buffered snapshots now.
    void flush();
    /// Re-renders time-dependent cells (probe countdowns, "since").
    void tick();

    int rowOf(const QString& connectorId) const;
    QString connectorId(int row) const;
    QString connectorName(const QString& connectorId) const;
    std::optional<ConnectorHealth> health(const QString& connectorId) const;
    std::optional<HealthState> state(const QString& connectorId) const;
    /// The state needing the most attention across all connectors.
    std::optional<HealthState> worstState() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

Q_SIGNALS:
    /// Emitted after buffered snapshots were applied, with the connectors that changed.
    void healthApplied(const QStringList& connectorIds);

private:
    struct Row {
        Entry entry;
        std::optional<ConnectorHealth> health;
        std::optional<HealthState> state() const;
    };
    QVariant display(const Row& row, int column) const;
    QVariant sortValue(const Row& row, int column) const;

    std::shared_ptr<Clock> m_clock;
    QList<Row> m_rows;
    QHash<QString, int> m_index;
    QHash<QString, ConnectorHealth> m_pending;
    QTimer m_flushTimer;
};

} // namespace bk::ui
