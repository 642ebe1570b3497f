// The fleet command channel end to end: two real bk::Engine objects on one PostgreSQL database
// (scripts/run-tests.sh) against the API sandbox — a flow-running engine and a console attached
// to the fleet (no flows, no snapshots, as ConsoleSession opens a PostgreSQL workspace):
// - the console pauses a connector: the engine's pipeline reports paused (in its signals and
//   in the stored snapshots the console's dashboard shows) and sends that vendor nothing while
//   paused; resume: its requests flow again;
// - Run now and Reconcile from the console: the engine runs the flow once and the console hears
//   the outcome; a command for a flow no engine runs fails after the 60-s claim timeout.
#include "Clock.h"
#include "FleetWorkspace.h"
#include "auth/OAuthSettings.h"
#include "auth/SecretStore.h"
#include "auth/TokenRecord.h"
#include "auth/TokenStateStore.h"
#include "deadletters/AuditLog.h"
#include "engine/AllMigrations.h"
#include "engine/Engine.h"
#include "engine/SnapshotStore.h"
#include "fleet/FleetChannel.h"
#include "sandbox/Sandbox.h"
#include "support/MemorySecrets.h"
#include "support/TestPostgres.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using sandbox::Vendor;

namespace {

constexpr int kWaitMs = 30'000;

using testing::MemorySecrets;

} // namespace

class TestFleetCommands : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    // Ten times real time: the agents' 1-s polls run every 100 ms, the 60-s claim timeout
    // passes in 6 s.
    std::shared_ptr<ScaledClock> m_clock =
        std::make_shared<ScaledClock>(1'767'254'400'000 /* 2026-01-01T08:00Z */, 10.0);
    sandbox::Sandbox m_sandbox;
    ConnectorCatalog m_catalog;
    Workspace m_ws;
    std::shared_ptr<store::Database> m_engineDb, m_consoleDb;
    std::shared_ptr<MemorySecrets> m_secrets = std::make_shared<MemorySecrets>();
    std::unique_ptr<Engine> m_engine, m_console;
    QHash<QString, ConnectorHealth> m_engineHealth;
    FlowProgress m_progress;
    int m_runs = 0; ///< runs of p2c the engine finished
    QList<EngineEvent> m_consoleEvents;
    QList<QPair<QString, bool>> m_consoleReconciled;
    QStringList m_consoleResynced; ///< "flow/source/ok/state"
    bool m_ready = false;

    int personReads() const {
        int n = 0;
        for (const auto& r : m_sandbox.requests())
            if (r.vendor == Vendor::Pipedrive && r.path.contains(u"/persons"_s))
                ++n;
        return n;
    }
    const EngineEvent* consoleEvent(const QString& contains) const {
        for (const auto& e : m_consoleEvents)
            if (e.kind == u"fleet-command"_s && e.message.contains(contains))
                return &e;
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!test::hasPostgres())
            QSKIP(test::noPostgresReason());
        QLoggingCategory::setFilterRules(u"bridgekeeper.*.info=false"_s);
        QVERIFY(m_dir.isValid());
        sandbox::SandboxOptions so;
        so.clock = m_clock;
        so.recordsPerVendor = 6;
        auto port = m_sandbox.start(so);
        QVERIFY2(port.ok(), port ? "" : qPrintable(port.error().message));

        const QJsonArray cs{
            fleettest::sandboxConnector(m_sandbox, u"exact"_s, Vendor::Exact),
            fleettest::sandboxConnector(m_sandbox, u"pipedrive"_s, Vendor::Pipedrive)};
        const QJsonObject ws{{u"version"_s, 1},
                             {u"store"_s, QString(u"sqlite:"_s + m_dir.filePath(u"x.db"_s))},
                             {u"connectors"_s, cs},
                             {u"flows"_s, QJsonArray{fleettest::personsFlow(u"p2c"_s)}}};
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        m_catalog = *catalog;
        auto loaded = WorkspaceLoader(m_catalog).loadFromJson(
            QJsonDocument(ws).toJson(), m_dir.filePath(u"ws.json"_s), m_dir.path());
        QVERIFY2(loaded.ok(), loaded ? "" : qPrintable(loaded.error().message));
        m_ws = *loaded;
        auto pg = test::freshPostgresStore(u"bk_fleet_cmd_"_s);
        QVERIFY(pg);
        m_ws.store = *pg;
        // Each engine has its own store handle (its own connections), as two processes would.
        auto a = store::Database::open(m_ws.store, allMigrations());
        QVERIFY2(a.ok(), a ? "" : qPrintable(a.error().message));
        m_engineDb = *a;
        auto c = store::Database::open(m_ws.store, allMigrations());
        QVERIFY2(c.ok(), c ? "" : qPrintable(c.error().message));
        m_consoleDb = *c;

        for (const auto& [id, vendor] :
             {std::pair{u"exact"_s, Vendor::Exact}, std::pair{u"pipedrive"_s, Vendor::Pipedrive}}) {
            const ConnectorConfig* cc = m_ws.connector(id);
            auto settings =
                auth::OAuthSettings::fromDefinition(m_catalog.definition(cc->type), *cc);
            QVERIFY(settings.ok());
            auto record = auth::TokenRecord::fromResponse(m_sandbox.issueTokensForTest(vendor),
                                                          m_clock->nowMs(), *settings, nullptr);
            QVERIFY(record.ok());
            record->generation = 1;
            QVERIFY(auth::TokenStateStore(m_engineDb, id)
                        .commitTokens(*record, QString(), m_clock->nowMs(), u"test"_s)
                        .ok());
            m_secrets->put(auth::connectorSecretKey(id, u"client_secret"_s),
                           sandbox::Sandbox::clientSecret(vendor).toUtf8());
            m_secrets->put(auth::connectorSecretKey(id, u"tokens"_s), record->toJson());
        }

        EngineOptions o;
        o.workspace = m_ws;
        o.catalog = m_catalog;
        o.db = m_engineDb;
        o.clock = m_clock;
        o.secrets = m_secrets;
        o.engineId = u"engine-a"_s;
        o.serveMetrics = false;
        o.runFirstSyncNow = false; // runs only when asked
        m_engine = std::make_unique<Engine>(o);
        connect(m_engine->engineSignals(), &EngineSignals::connectorHealthChanged, this,
                [this](const ConnectorHealth& h) { m_engineHealth[h.connectorId] = h; });
        connect(m_engine->engineSignals(), &EngineSignals::flowProgressChanged, this,
                [this](const FlowProgress& p) {
                    if (p.flowId != u"p2c"_s)
                        return;
                    if (!p.running && p.lastRunMs > 0 && p.lastRunMs != m_progress.lastRunMs)
                        ++m_runs;
                    m_progress = p;
                });
        Status st = m_engine->start();
        QVERIFY2(st.ok(), st ? "" : qPrintable(st.error().message));

        // The console as ConsoleSession starts it for a PostgreSQL workspace.
        EngineOptions co = o;
        co.db = m_consoleDb;
        co.engineId = u"console:test"_s;
        co.runFlows = false;
        co.recordSnapshots = false;
        m_console = std::make_unique<Engine>(co);
        connect(m_console->engineSignals(), &EngineSignals::eventRaised, this,
                [this](const EngineEvent& e) { m_consoleEvents << e; });
        connect(m_console->engineSignals(), &EngineSignals::reconciliationFinished, this,
                [this](const QString& flowId, bool ok, const QString&) {
                    m_consoleReconciled.append({flowId, ok});
                });
        connect(m_console->engineSignals(), &EngineSignals::recordResynced, this,
                [this](const QString& flowId, const QString& sourceId, bool ok,
                       const QString& state, const QString&) {
                    m_consoleResynced << u"%1/%2/%3/%4"_s.arg(flowId, sourceId,
                                                              ok ? u"ok"_s : u"failed"_s, state);
                });
        st = m_console->start();
        QVERIFY2(st.ok(), st ? "" : qPrintable(st.error().message));
        m_ready = true;
    }

    void cleanupTestCase() {
        if (m_console)
            m_console->shutdown();
        if (m_engine)
            m_engine->shutdown();
        m_console.reset();
        m_engine.reset();
    }

    void pauseFromTheConsoleHoldsTheEnginesRequests() {
        QVERIFY(m_ready);
        m_console->pauseConnector(u"pipedrive"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_engineHealth.value(u"pipedrive"_s).state, HealthState::Paused,
                                  kWaitMs);
        // The desired state and who set it, with its audit entry.
        auto controls = fleet::FleetChannel(m_consoleDb).controls();
        QVERIFY(controls.ok());
        QCOMPARE(controls->size(), 1);
        QCOMPARE(controls->at(0).connectorId, u"pipedrive"_s);
        QVERIFY(controls->at(0).paused);
        QCOMPARE(controls->at(0).updatedBy, u"console:test"_s);
        auto audit = deadletters::AuditLog(m_consoleDb).entries();
        QVERIFY(audit.ok());
        QVERIFY(!audit->isEmpty());
        QCOMPARE(audit->last().action, u"pause"_s);
        QCOMPARE(audit->last().target, u"connector pipedrive"_s);
        // What the console's dashboard reads: the engine's stored snapshot says paused.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                auto all = SnapshotStore(m_consoleDb).loadAll();
                if (!all)
                    return false;
                for (const auto& h : all->health)
                    if (h.connectorId == u"pipedrive"_s)
                        return h.state == HealthState::Paused &&
                               all->engineOf.value(u"health/pipedrive"_s) == u"engine-a"_s;
                return false;
            }(),
            kWaitMs);

        // Asked to run while paused, the engine sends Pipedrive nothing (20 s of its clock).
        m_sandbox.clearLog();
        m_engine->runFlowNow(u"p2c"_s);
        QTest::qWait(2000);
        QCOMPARE(personReads(), 0);
        QCOMPARE(m_runs, 0);

        // Resumed from the console: the held run goes out and finishes.
        m_console->resumeConnector(u"pipedrive"_s);
        QTRY_VERIFY_WITH_TIMEOUT(m_engineHealth.value(u"pipedrive"_s).state != HealthState::Paused,
                                 kWaitMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_runs, 1, kWaitMs);
        QVERIFY2(m_progress.lastRunOk, qPrintable(m_progress.lastRunMessage));
        QVERIFY(personReads() > 0);
        QVERIFY(!fleet::FleetChannel(m_consoleDb).controls()->at(0).paused);
    }

    void breakerOverrideFromTheConsoleReachesTheEngine() {
        QVERIFY(m_ready);
        m_console->forceBreaker(u"exact"_s, true);
        QTRY_COMPARE_WITH_TIMEOUT(m_engineHealth.value(u"exact"_s).state, HealthState::CircuitOpen,
                                  kWaitMs);
        QCOMPARE(fleet::FleetChannel(m_consoleDb).controls()->at(0).breakerOverride, u"open"_s);
        m_console->forceBreaker(u"exact"_s, false);
        QTRY_VERIFY_WITH_TIMEOUT(m_engineHealth.value(u"exact"_s).state != HealthState::CircuitOpen,
                                 kWaitMs);
        auto audit = deadletters::AuditLog(m_consoleDb).entries();
        QVERIFY(audit.ok());
        QCOMPARE(audit->last().action, u"breaker-closed"_s);
        QCOMPARE(audit->last().target, u"connector exact"_s);
    }

    void runNowAndReconcileFromTheConsoleRunOnTheEngine() {
        QVERIFY(m_ready);
        const int runsBefore = m_runs;
        m_sandbox.clearLog();
        m_consoleEvents.clear();
        m_console->runFlowNow(u"p2c"_s);
        QTRY_VERIFY_WITH_TIMEOUT(consoleEvent(u"run of p2c on engine-a"_s), kWaitMs);
        const EngineEvent* done = consoleEvent(u"run of p2c on engine-a"_s);
        QCOMPARE(done->severity, u"info"_s);
        QCOMPARE(m_runs, runsBefore + 1);
        QVERIFY(personReads() > 0);
        auto recent = fleet::FleetChannel(m_consoleDb).recent(1);
        QVERIFY(recent.ok() && recent->size() == 1);
        QCOMPARE(recent->at(0).kind, u"run"_s);
        QCOMPARE(recent->at(0).issuedBy, u"console:test"_s);
        QCOMPARE(recent->at(0).claimedBy, u"engine-a"_s);
        QCOMPARE(recent->at(0).state(), u"done"_s);
        QTest::qWait(500); // no second run follows (5 s of the engines' clock)
        QCOMPARE(m_runs, runsBefore + 1);

        m_console->reconcileNow(u"p2c"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!m_consoleReconciled.isEmpty(), kWaitMs);
        QCOMPARE(m_consoleReconciled.first().first, u"p2c"_s);
        QVERIFY(m_consoleReconciled.first().second);
        QCOMPARE(fleet::FleetChannel(m_consoleDb).recent(1)->at(0).claimedBy, u"engine-a"_s);

        // Resync of one record: the console gets the engine's answer for that record.
        const QString person = m_sandbox.recordIds(Vendor::Pipedrive, u"persons"_s).first();
        m_console->resyncRecord(u"p2c"_s, person);
        QTRY_COMPARE_WITH_TIMEOUT(m_consoleResynced.size(), 1, kWaitMs);
        QVERIFY2(m_consoleResynced.first().startsWith(u"p2c/%1/ok/"_s.arg(person)),
                 qPrintable(m_consoleResynced.first()));
        const fleet::FleetCommand resync = fleet::FleetChannel(m_consoleDb).recent(1)->at(0);
        QCOMPARE(resync.kind, u"resync"_s);
        QCOMPARE(resync.claimedBy, u"engine-a"_s);
        QVERIFY(m_consoleResynced.first().endsWith(u"/"_s + resync.detail));
    }

    void commandNoEngineCanTakeFails() {
        QVERIFY(m_ready);
        m_consoleEvents.clear();
        m_console->runFlowNow(u"nobody-runs-this"_s);
        QTRY_VERIFY_WITH_TIMEOUT(consoleEvent(u"run of nobody-runs-this on"_s), kWaitMs);
        const EngineEvent* failed = consoleEvent(u"run of nobody-runs-this on"_s);
        QCOMPARE(failed->severity, u"warning"_s);
        QVERIFY2(failed->message.contains(u"no engine took this command within 60 s"_s),
                 qPrintable(failed->message));
    }
};

QTEST_MAIN(TestFleetCommands)
#include "TestFleetCommands.moc"
