#pragma once

#include "engine/FleetStatus.h"
#include "engine/SnapshotStore.h"
#include "fleet/FleetChannel.h"

#include <functional>

#include <QAbstractTableModel>
#include <QStringList>

namespace bk::ui {

/// A table whose rows are identified by a key. Replacing the rows keeps each surviving key's
/// row in place (updated), removes vanished keys and appends new ones, so a periodic re-read
/// keeps the view's selection and scroll position. Times are rendered against setNow().
class FleetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Roles { SortRole = Qt::UserRole + 1, KeyRole };

    using QAbstractTableModel::QAbstractTableModel;
    int rowCount(const QModelIndex& parent = {}) const override;
    /// Re-renders the time columns for nowMs.
    void setNow(qint64 nowMs);
    qint64 now() const { return m_nowMs; }
    /// The row of key, -1 when absent.
    int rowOf(const QString& key) const { return int(m_keys.indexOf(key)); }

protected:
    template <typename T>
    void replaceRows(QList<T>& rows, const QList<T>& fresh,
                     const std::function<QString(const T&)>& keyOf) {
        QStringList freshKeys;
        for (const T& t : fresh)
            freshKeys << keyOf(t);
        for (int r = int(m_keys.size()) - 1; r >= 0; --r) {
            if (freshKeys.contains(m_keys[r]))
                continue;
            beginRemoveRows({}, r, r);
            m_keys.removeAt(r);
            rows.removeAt(r);
            endRemoveRows();
        }
        for (qsizetype i = 0; i < fresh.size(); ++i) {
            const int r = int(m_keys.indexOf(freshKeys[i]));
            if (r >= 0) {
                rows[r] = fresh[i];
                continue;
            }
            const int at = int(m_keys.size());
            beginInsertRows({}, at, at);
            m_keys << freshKeys[i];
            rows << fresh[i];
            endInsertRows();
        }
        if (!m_keys.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    }

    QStringList m_keys;
    qint64 m_nowMs = 0;
};

/// One row per engine of fleet_engines: id, host, pid, version, started, last heartbeat
/// ("12 s ago"), state (running / silent / stopped), listen address.
class FleetEngineModel : public FleetTableModel {
    Q_OBJECT
public:
    enum Column {
        EngineColumn,
        HostColumn,
        PidColumn,
        VersionColumn,
        StartedColumn,
        HeartbeatColumn,
        StateColumn,
        ListenColumn,
        ColumnCount
    };
    explicit FleetEngineModel(qint64 silentAfterMs, QObject* parent = nullptr);

    void setEngines(const QList<fleet::EngineInfo>& engines);
    FleetEngineState state(int row) const;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    qint64 m_silentAfterMs;
    QList<fleet::EngineInfo> m_rows;
};

/// One row per claim on shared work: flow and token-refresh leases, webhook inbox claims and
/// outbox entries grouped per holder and connector, with the time left.
class FleetClaimModel : public FleetTableModel {
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        ResourceColumn,
        HolderColumn,
        CountColumn,
        TimeLeftColumn,
        ColumnCount
    };
    using FleetTableModel::FleetTableModel;

    void setClaims(const QList<FleetClaim>& claims);
    static QString keyOf(const FleetClaim& claim);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<FleetClaim> m_rows;
};

/// One row per stored snapshot (connector health, token, rate gauge, webhook lag, flow
/// progress): which engine reported it last, and when.
class FleetReportModel : public FleetTableModel {
    Q_OBJECT
public:
    enum Column { WhatColumn, SubjectColumn, EngineColumn, UpdatedColumn, ColumnCount };
    using FleetTableModel::FleetTableModel;

    struct Report {
        QString kind, key, engineId;
        qint64 updatedMs = 0;
    };
    void setSnapshots(const SnapshotStore::All& all);
    /// The engine that last reported kind/key ("health", connector id), empty when none did.
    QString engineOf(const QString& kind, const QString& key) const;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<Report> m_rows;
};

/// One row per recent command of the fleet's command channel (Run now, Reconcile, Resync from a
/// console): what, for which flow, who asked, when, and its state — waiting, claimed by an
/// engine, done by it, or failed (with why).
class FleetCommandModel : public FleetTableModel {
    Q_OBJECT
public:
    enum Column {
        IssuedColumn,
        ActionColumn,
        FlowColumn,
        IssuedByColumn,
        StateColumn,
        MessageColumn,
        ColumnCount
    };
    using FleetTableModel::FleetTableModel;

    /// Newest first, as FleetChannel::recent() returns them.
    void setCommands(const QList<fleet::FleetCommand>& commands);
    /// "waiting", "claimed by e1", "done by e1", "failed" (for the row of command id).
    QString stateText(qint64 id) const;

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<fleet::FleetCommand> m_rows;
};

} // namespace bk::ui
