#pragma once

#include "../fleet/FleetTestStore.h"
#include "engine/AllMigrations.h"
#include "fleet/FleetMigrations.h"
#include "fleet/FleetRegistry.h"
#include "fleet/LeaseStore.h"
#include "store/Database.h"

#include <QTest>

// A store with every module's schema (the fleet's too) holding a small fleet: three engines
// (running, silent, stopped), flow leases (one expired), webhook inbox claims, outbox entries
// and a token-refresh lease. Shared by the engine and console tests of the fleet view.
namespace bk::fleettest {

using namespace Qt::StringLiterals;

inline QList<store::MigrationSet> migrationsWithFleet() {
    QList<store::MigrationSet> sets;
    for (const auto& s : allMigrations())
        sets << s;
    const bool hasFleet = std::any_of(sets.cbegin(), sets.cend(), [](const auto& s) {
        return s.module == QStringLiteral("fleet");
    });
    if (!hasFleet)
        sets << fleet::fleetMigrations();
    return sets;
}

inline std::shared_ptr<store::Database> openFleetStore(const QString& backend,
                                                       const QTemporaryDir& dir) {
    const StoreConfig config = fleet::test::freshStore(backend, dir);
    auto db = store::Database::open(config, migrationsWithFleet());
    if (!db) {
        qWarning("%s", qPrintable(db.error().message));
        return nullptr;
    }
    return *db;
}

inline bool exec(store::Database& db, const QString& sql, const QVariantList& binds = {}) {
    auto q = db.exec(sql, binds);
    if (!q)
        qWarning("%s", qPrintable(q.error().message));
    return q.ok();
}

/// e-run (heartbeat at now), e-silent (last heartbeat 20 s ago), e-stopped; flow:orders held by
/// e-run for 30 s, flow:stale expired 50 s ago; 2 webhook claims of shop by e-run (5 s), one
/// expired claim and one unclaimed event; 3 outbox entries of crm owned by e-silent; the
/// token-refresh lease of shop held by e-run for 10 s.
inline bool writeFleet(const std::shared_ptr<store::Database>& db, qint64 now) {
    fleet::FleetRegistry reg(db);
    auto engine = [](const QString& id, qint64 started, qint64 beat, const QString& listen) {
        fleet::EngineInfo e;
        e.engineId = id;
        e.host = QStringLiteral("node-") + id.mid(2);
        e.pid = 4000 + id.size();
        e.version = QStringLiteral("1.4.0");
        e.startedMs = started;
        e.heartbeatMs = beat;
        e.listen = listen;
        return e;
    };
    for (const auto& e : {engine(u"e-run"_s, now - 600'000, now, u"0.0.0.0:8443"_s),
                          engine(u"e-silent"_s, now - 900'000, now - 20'000, u""_s),
                          engine(u"e-stopped"_s, now - 1'200'000, now - 300'000, u""_s)})
        if (const Status st = reg.announce(e); !st) {
            qWarning("announce: %s", qPrintable(st.error().message));
            return false;
        }
    if (const Status st = reg.markStopped(u"e-stopped"_s, now - 300'000); !st) {
        qWarning("markStopped: %s", qPrintable(st.error().message));
        return false;
    }
    fleet::LeaseStore leases(db);
    auto a = leases.acquire(u"flow:orders"_s, u"flow"_s, u"e-run"_s, now, 30'000);
    auto b = leases.acquire(u"flow:stale"_s, u"flow"_s, u"e-silent"_s, now - 60'000, 10'000);
    if (!a || !*a || !b || !*b) {
        qWarning("acquire: %s", !a   ? qPrintable(a.error().message)
                                : !b ? qPrintable(b.error().message)
                                     : "refused");
        return false;
    }
    const QString inbox =
        QStringLiteral("INSERT INTO webhooks_inbox (connector_id, dedup_key, payload_hash, "
                       "record_key, body, received_ms, state, claim_owner, claim_until_ms) "
                       "VALUES (?, ?, 'h', 'k', ?, ?, ?, ?, ?)");
    const QByteArray body("{}");
    if (!exec(*db, inbox, {u"shop"_s, u"d1"_s, body, now, 1, u"e-run"_s, now + 5000}) ||
        !exec(*db, inbox, {u"shop"_s, u"d2"_s, body, now, 1, u"e-run"_s, now + 4000}) ||
        !exec(*db, inbox, {u"shop"_s, u"d3"_s, body, now, 1, u"e-silent"_s, now - 1000}) ||
        !exec(*db, inbox,
              {u"shop"_s, u"d4"_s, body, now, 0, QVariant(QMetaType(QMetaType::QString)),
               QVariant(QMetaType(QMetaType::LongLong))}))
        return false;
    for (int i = 0; i < 3; ++i)
        if (!exec(*db,
                  QStringLiteral("INSERT INTO http_outbox (connector, request, attempts, owner, "
                                 "lease_until, created_ms) VALUES ('crm', '{}', '[]', ?, ?, ?)"),
                  {u"e-silent"_s, now + 1000 * i, now}))
            return false;
    return exec(*db,
                QStringLiteral("INSERT INTO auth_connections (connector, lease_holder, "
                               "lease_expires_ms) VALUES ('shop', 'e-run', ?)"),
                {now + 10'000});
}

} // namespace bk::fleettest
