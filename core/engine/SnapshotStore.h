#pragma once

#include "Result.h"
#include "engine/Snapshots.h"
#include "store/Database.h"
#include "store/Migration.h"

#include <memory>

#include <QJsonObject>
#include <QList>

namespace bk {

/// The latest snapshot of everything an engine reports, kept in the store so that
/// `status --json`, the metrics endpoint and a console attached to a fleet can read what
/// engines in other processes (or machines) see.
class SnapshotStore {
public:
    /// engineId names the writer (default: host:pid).
    explicit SnapshotStore(std::shared_ptr<store::Database> db, QString engineId = {});

    static store::MigrationSet migrations();

    /// Upserts a batch of snapshots in one transaction.
    Status save(const QList<ConnectorHealth>& health, const QList<TokenState>& tokens,
                const QList<RateGauge>& gauges, const QList<LagSample>& lags,
                const QList<FlowProgress>& flows);

    struct All {
        QList<ConnectorHealth> health;
        QList<TokenState> tokens;
        QList<RateGauge> gauges;
        QList<LagSample> lags;
        QList<FlowProgress> flows;
        QHash<QString, QString> engineOf; ///< "kind/key" → engine id that wrote it
        QHash<QString, qint64> updatedMs; ///< "kind/key" → when
    };
    Result<All> loadAll();

private:
    Status upsert(QSqlDatabase& db, const QString& kind, const QString& key,
                  const QJsonObject& json, qint64 nowMs);

    std::shared_ptr<store::Database> m_db;
    QString m_engineId;
};

} // namespace bk
