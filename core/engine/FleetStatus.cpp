#include "engine/FleetStatus.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk {

FleetEngineState fleetEngineState(const fleet::EngineInfo& engine, qint64 nowMs,
                                  qint64 silentAfterMs) {
    if (engine.stoppedMs > 0)
        return FleetEngineState::Stopped;
    if (nowMs - engine.heartbeatMs > silentAfterMs)
        return FleetEngineState::Silent;
    return FleetEngineState::Running;
}

QString fleetEngineStateKey(FleetEngineState state) {
    switch (state) {
    case FleetEngineState::Running:
        return u"running"_s;
    case FleetEngineState::Silent:
        return u"silent"_s;
    case FleetEngineState::Stopped:
        return u"stopped"_s;
    }
    return {};
}

namespace {

// Grouped claims: (holder, resource, count, latest expiry) per row of sql.
void readGroupedClaims(store::Database& db, FleetStatus& out, const QString& kind,
                       const QString& sql, const QVariantList& binds) {
    auto q = db.exec(sql, binds);
    if (!q) {
        out.errors << kind + u": "_s + q.error().message;
        return;
    }
    while (q->next())
        out.claims.append({kind, q->value(1).toString(), q->value(0).toString(),
                           q->value(2).toInt(), q->value(3).toLongLong()});
}

} // namespace

FleetStatus readFleetStatus(const std::shared_ptr<store::Database>& database, qint64 nowMs) {
    FleetStatus out;
    store::Database& db = *database;
    if (auto engines = fleet::FleetRegistry(database).engines())
        out.engines = *engines;
    else
        out.errors << u"engines: "_s + engines.error().message;
    if (auto leases = fleet::LeaseStore(database).list()) {
        for (const fleet::Lease& l : std::as_const(*leases))
            if (l.expiresMs >= nowMs)
                out.claims.append({l.kind, l.resource, l.holder, 1, l.expiresMs});
    } else {
        out.errors << u"leases: "_s + leases.error().message;
    }
    if (auto q = db.exec(u"SELECT connector, lease_holder, lease_expires_ms FROM auth_connections "
                         u"WHERE lease_holder IS NOT NULL AND lease_holder <> '' AND "
                         u"lease_expires_ms >= ? ORDER BY connector"_s,
                         {nowMs});
        q) {
        while (q->next())
            out.claims.append({u"token-refresh"_s, q->value(0).toString(), q->value(1).toString(),
                               1, q->value(2).toLongLong()});
    } else {
        out.errors << u"token-refresh: "_s + q.error().message;
    }
    // state 1 = claimed by claim_owner until claim_until_ms (core/webhooks/InboxProcessor).
    readGroupedClaims(db, out, u"webhook"_s,
                      u"SELECT claim_owner, connector_id, COUNT(*), MAX(claim_until_ms) FROM "
                      u"webhooks_inbox WHERE state = 1 AND claim_owner IS NOT NULL AND "
                      u"claim_until_ms >= ? GROUP BY claim_owner, connector_id "
                      u"ORDER BY claim_owner, connector_id"_s,
                      {nowMs});
    // Every outbox entry belongs to the engine that wrote or took it over last, leased or not.
    readGroupedClaims(db, out, u"outbox"_s,
                      u"SELECT owner, connector, COUNT(*), MAX(lease_until) FROM http_outbox "
                      u"GROUP BY owner, connector ORDER BY owner, connector"_s,
                      {});
    return out;
}

} // namespace bk
