#include "Clock.h"
#include "FleetFixture.h"
#include "auth/SecretStore.h"
#include "engine/Engine.h"
#include "engine/FleetStatus.h"
#include "support/MemorySecrets.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;

namespace {

using testing::MemorySecrets;

const FleetClaim* find(const FleetStatus& s, const QString& kind, const QString& holder) {
    for (const auto& c : s.claims)
        if (c.kind == kind && c.holder == holder)
            return &c;
    return nullptr;
}

} // namespace

// What the fleet view and /metrics read about the engines sharing a store: engines and their
// state, every kind of claim with its holder, and the Prometheus lines; on SQLite and on a real
// PostgreSQL server (scripts/run-tests.sh).
class TestFleetStatus : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static void backends() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgres") << u"postgres"_s;
    }
    static bool skipPg(const QString& backend) {
        return backend == u"postgres"_s && !fleet::test::hasPostgres();
    }

private Q_SLOTS:
    void engineStates() {
        fleet::EngineInfo e;
        e.heartbeatMs = 100'000;
        QCOMPARE(fleetEngineState(e, 100'000 + kFleetSilentAfterMs), FleetEngineState::Running);
        QCOMPARE(fleetEngineState(e, 100'001 + kFleetSilentAfterMs), FleetEngineState::Silent);
        e.stoppedMs = 100'000;
        QCOMPARE(fleetEngineState(e, 100'001 + kFleetSilentAfterMs), FleetEngineState::Stopped);
    }

    void readsEveryClaim_data() { backends(); }
    void readsEveryClaim() {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP("no PostgreSQL server (run through scripts/run-tests.sh)");
        auto db = fleettest::openFleetStore(backend, m_dir);
        QVERIFY(db);
        const qint64 now = 1'790'000'000'000;
        QVERIFY(fleettest::writeFleet(db, now));

        const FleetStatus s = readFleetStatus(db, now);
        QVERIFY2(s.errors.isEmpty(), qPrintable(s.errors.join(u"; "_s)));
        QCOMPARE(s.engines.size(), 3);
        QHash<QString, FleetEngineState> states;
        for (const auto& e : s.engines)
            states.insert(e.engineId, fleetEngineState(e, now));
        QCOMPARE(states.value(u"e-run"_s), FleetEngineState::Running);
        QCOMPARE(states.value(u"e-silent"_s), FleetEngineState::Silent);
        QCOMPARE(states.value(u"e-stopped"_s), FleetEngineState::Stopped);

        // The expired flow lease and the expired inbox claim are nobody's any more.
        const FleetClaim* flow = find(s, u"flow"_s, u"e-run"_s);
        QVERIFY(flow);
        QCOMPARE(flow->resource, u"flow:orders"_s);
        QCOMPARE(flow->expiresMs, now + 30'000);
        QVERIFY(!find(s, u"flow"_s, u"e-silent"_s));
        const FleetClaim* hooks = find(s, u"webhook"_s, u"e-run"_s);
        QVERIFY(hooks);
        QCOMPARE(hooks->resource, u"shop"_s);
        QCOMPARE(hooks->count, 2);
        QCOMPARE(hooks->expiresMs, now + 5000);
        QVERIFY(!find(s, u"webhook"_s, u"e-silent"_s));
        const FleetClaim* outbox = find(s, u"outbox"_s, u"e-silent"_s);
        QVERIFY(outbox);
        QCOMPARE(outbox->count, 3);
        QCOMPARE(outbox->expiresMs, now + 2000);
        const FleetClaim* token = find(s, u"token-refresh"_s, u"e-run"_s);
        QVERIFY(token);
        QCOMPARE(token->resource, u"shop"_s);
        QCOMPARE(s.claims.size(), 4);

        // 11 s later the token lease and the inbox claims have run out as well.
        const FleetStatus later = readFleetStatus(db, now + 11'000);
        QVERIFY(!find(later, u"token-refresh"_s, u"e-run"_s));
        QVERIFY(!find(later, u"webhook"_s, u"e-run"_s));
        QVERIFY(find(later, u"flow"_s, u"e-run"_s));
    }

    void rendersLeaseMetrics_data() { backends(); }
    void rendersLeaseMetrics() {
        QFETCH(QString, backend);
        if (skipPg(backend))
            QSKIP("no PostgreSQL server (run through scripts/run-tests.sh)");
        auto db = fleettest::openFleetStore(backend, m_dir);
        QVERIFY(db);
        const qint64 now = 1'790'000'000'000;
        QVERIFY(fleettest::writeFleet(db, now));
        const QByteArray text = renderFleetMetrics(readFleetStatus(db, now), now);
        for (const char* line : {
                 "# TYPE bridgekeeper_fleet_engines gauge\n",
                 "bridgekeeper_fleet_engines{state=\"running\"} 1\n",
                 "bridgekeeper_fleet_engines{state=\"silent\"} 1\n",
                 "bridgekeeper_fleet_engines{state=\"stopped\"} 1\n",
                 "# TYPE bridgekeeper_leases gauge\n",
                 "bridgekeeper_leases{kind=\"flow\",holder=\"e-run\"} 1\n",
                 "bridgekeeper_leases{kind=\"webhook\",holder=\"e-run\"} 2\n",
                 "bridgekeeper_leases{kind=\"outbox\",holder=\"e-silent\"} 3\n",
                 "bridgekeeper_leases{kind=\"token-refresh\",holder=\"e-run\"} 1\n",
             })
            QVERIFY2(text.contains(line), line);
        QVERIFY(!text.contains("holder=\"e-stopped\""));
        QVERIFY(!text.contains("kind=\"flow\",holder=\"e-silent\""));
    }

    // The engine's own /metrics carries the fleet lines, read from the store per scrape.
    void rendersStoreReachability() {
        store::StoreAvailability down;
        down.reachable = false;
        down.outages = 2;
        down.reconnects = 5;
        const QByteArray text = renderStoreMetrics(down);
        for (const char* line :
             {"# TYPE bridgekeeper_store_reachable gauge\n", "bridgekeeper_store_reachable 0\n",
              "# TYPE bridgekeeper_store_outages_total counter\n",
              "bridgekeeper_store_outages_total 2\n", "bridgekeeper_store_reconnects_total 5\n"})
            QVERIFY2(text.contains(line), line);
        QVERIFY(renderStoreMetrics({}).contains("bridgekeeper_store_reachable 1\n"));
    }

    void engineServesFleetMetrics() {
        auto db = fleettest::openFleetStore(u"sqlite"_s, m_dir);
        QVERIFY(db);
        auto clock = std::make_shared<ManualClock>(1'790'000'000'000);
        QVERIFY(fleettest::writeFleet(db, clock->nowMs()));
        EngineOptions o;
        o.workspace.name = u"fleet"_s;
        o.workspace.metrics.enabled = true;
        o.workspace.metrics.port = 0;
        o.db = db;
        o.clock = clock;
        o.secrets = std::make_shared<MemorySecrets>();
        o.engineId = u"e-metrics"_s;
        o.runFlows = false;
        Engine engine(o);
        const Status st = engine.start();
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
        QVERIFY(engine.metricsPort() > 0);

        auto scrape = [&] {
            QNetworkAccessManager nam;
            QNetworkReply* reply = nam.get(
                QNetworkRequest(QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(engine.metricsPort()))));
            QSignalSpy done(reply, &QNetworkReply::finished);
            if (!done.wait(10'000))
                return QByteArray();
            const QByteArray body = reply->readAll();
            reply->deleteLater();
            return body;
        };
        QByteArray text = scrape();
        QVERIFY2(text.contains("bridgekeeper_leases{kind=\"flow\",holder=\"e-run\"} 1\n"),
                 text.constData());
        QVERIFY(text.contains("bridgekeeper_leases{kind=\"webhook\",holder=\"e-run\"} 2\n"));
        QVERIFY(text.contains("bridgekeeper_store_reachable 1\n"));
        QVERIFY(text.contains("bridgekeeper_store_outages_total 0\n"));
        // The flow lease runs out on the engine's clock: the next scrape no longer counts it.
        clock->advance(31'000);
        text = scrape();
        QVERIFY(!text.contains("kind=\"flow\",holder=\"e-run\""));
        QVERIFY(text.contains("bridgekeeper_leases{kind=\"outbox\",holder=\"e-silent\"} 3\n"));
        engine.shutdown();
    }
};

QTEST_GUILESS_MAIN(TestFleetStatus)
#include "TestFleetStatus.moc"
