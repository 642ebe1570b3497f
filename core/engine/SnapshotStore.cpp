#include "engine/SnapshotStore.h"

#include "engine/SnapshotJson.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace bk {

SnapshotStore::SnapshotStore(std::shared_ptr<store::Database> db, QString engineId)
    : m_db(std::move(db))
    , m_engineId(std::move(engineId)) {
    if (m_engineId.isEmpty())
        m_engineId =
            u"%1:%2"_s.arg(QSysInfo::machineHostName()).arg(QCoreApplication::applicationPid());
}

store::MigrationSet SnapshotStore::migrations() {
    return {
        u"engine"_s,
        {{1,
          u"latest snapshots"_s,
          {u"CREATE TABLE engine_snapshots (kind {{text}} NOT NULL, key {{text}} NOT NULL, "
           u"engine_id {{text}} NOT NULL, json {{text}} NOT NULL, updated_ms {{bigint}} NOT NULL, "
           u"PRIMARY KEY (kind, key))"_s}}}};
}

Status SnapshotStore::upsert(QSqlDatabase& db, const QString& kind, const QString& key,
                             const QJsonObject& json, qint64 nowMs) {
    // ON CONFLICT … DO UPDATE is the same in SQLite (3.24+) and PostgreSQL.
    auto r = store::Database::run(
        db,
        u"INSERT INTO engine_snapshots (kind, key, engine_id, json, updated_ms) VALUES (?, ?, ?, "
        u"?, ?) "
        u"ON CONFLICT (kind, key) DO UPDATE SET engine_id = excluded.engine_id, json = "
        u"excluded.json, "
        u"updated_ms = excluded.updated_ms"_s,
        {kind, key, m_engineId,
         QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)), nowMs});
    return r ? Status::success() : Status(r.error());
}

Status SnapshotStore::save(const QList<ConnectorHealth>& health, const QList<TokenState>& tokens,
                           const QList<RateGauge>& gauges, const QList<LagSample>& lags,
                           const QList<FlowProgress>& flows) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return m_db->write([&](QSqlDatabase& db) -> Status {
        for (const auto& h : health)
            if (auto st = upsert(db, u"health"_s, h.connectorId, toJson(h), now); !st)
                return st;
        for (const auto& t : tokens)
            if (auto st = upsert(db, u"token"_s, t.connectorId, toJson(t), now); !st)
                return st;
        for (const auto& g : gauges)
            if (auto st = upsert(db, u"gauge"_s, g.connectorId + u'/' + g.policyId, toJson(g), now);
                !st)
                return st;
        for (const auto& l : lags)
            if (auto st = upsert(db, u"lag"_s, l.connectorId, toJson(l), now); !st)
                return st;
        for (const auto& f : flows)
            if (auto st = upsert(db, u"flow"_s, f.flowId, toJson(f), now); !st)
                return st;
        return Status::success();
    });
}

Result<SnapshotStore::All> SnapshotStore::loadAll() {
    auto q = m_db->exec(u"SELECT kind, key, engine_id, json, updated_ms FROM engine_snapshots "
                        u"ORDER BY kind, key"_s);
    if (!q)
        return q.error();
    All all;
    while (q->next()) {
        const QString kind = q->value(0).toString();
        const QString key = q->value(1).toString();
        const QJsonObject o = QJsonDocument::fromJson(q->value(3).toString().toUtf8()).object();
        all.engineOf.insert(kind + u'/' + key, q->value(2).toString());
        all.updatedMs.insert(kind + u'/' + key, q->value(4).toLongLong());
        if (kind == u"health"_s)
            all.health << connectorHealthFromJson(o);
        else if (kind == u"token"_s)
            all.tokens << tokenStateFromJson(o);
        else if (kind == u"gauge"_s)
            all.gauges << rateGaugeFromJson(o);
        else if (kind == u"lag"_s)
            all.lags << lagSampleFromJson(o);
        else if (kind == u"flow"_s)
            all.flows << flowProgressFromJson(o);
    }
    return all;
}

} // namespace bk
