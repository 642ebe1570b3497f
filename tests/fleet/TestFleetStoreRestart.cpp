// The database restarted under a running fleet: three real `bridgekeeper-engine run`
// processes on one PostgreSQL database, each syncing its own flow (Pipedrive persons → Exact
// contacts, in-process sandbox) while signed Shopify webhooks are posted round-robin to their
// three listeners. The server is stopped (pg_ctl stop -m fast) for a few seconds mid-sync and
// started again. Then: no engine exited, every flow settled every record exactly once (no
// failure, no duplicate, no contact outside the id maps), every delivery answered 200 is in
// the inbox once and processed once, deliveries during the outage were answered 503 (never
// 200), and each engine logged its reconnect. Needs the restartable server of
// scripts/run-tests.sh (BK_TEST_PGBIN/PGDATA/PGOPTS); RUN_SERIAL, leaves the server running.
#include "fleet/FleetHarness.h"
#include "fleet/FleetWorkspace.h"
#include "sandbox/Sandbox.h"
#include "store/PgServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QScopeGuard>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::fleettest;
using sandbox::Vendor;

namespace {

const QByteArray kShopifySecret = "fleet-restart-shopify-secret";
constexpr int kRecords = 500;   ///< persons per flow
constexpr int kEvents = 150;    ///< webhooks
constexpr int kOutageMs = 4000; ///< how long the server stays down
const QStringList kFlows{u"persons-1"_s, u"persons-2"_s, u"persons-3"_s};

} // namespace

class TestFleetStoreRestart : public QObject {
    Q_OBJECT

    sandbox::Sandbox m_sandbox;
    std::unique_ptr<FleetHarness> m_fleet;
    QList<EngineProcess*> m_engines;
    QSet<QString> m_seededContacts;

    // Records of flow linked (one id-map row per source record, state ok).
    int linked(const QString& flow) {
        return m_fleet
            ->scalar(u"SELECT count(DISTINCT source_id) FROM sync_idmap WHERE flow_id = ? AND "
                     "state = 'ok'"_s,
                     {flow})
            .toInt();
    }

    // Engine i runs flow i only; all three listen for webhooks on the shared inbox.
    QString workspace(int engine) {
        QJsonArray flows;
        for (int i = 0; i < kFlows.size(); ++i)
            flows.append(personsFlow(kFlows[i], i == engine));
        constexpr int kNoQuota = 1'000'000;
        return m_fleet->writeWorkspace(
            u"restart-%1.json"_s.arg(engine),
            QJsonObject{
                {u"name"_s, u"fleet restart"_s},
                {u"webhooks"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:0"_s}}},
                {u"connectors"_s,
                 QJsonArray{
                     sandboxConnector(m_sandbox, u"exact"_s, Vendor::Exact, kNoQuota),
                     sandboxConnector(m_sandbox, u"pipedrive"_s, Vendor::Pipedrive, kNoQuota),
                     sandboxConnector(m_sandbox, u"shopify"_s, Vendor::Shopify)}},
                {u"flows"_s, flows}});
    }

private Q_SLOTS:
    void initTestCase() {
        if (!bk::test::PgServer::restartable())
            QSKIP("needs a PostgreSQL server that can be stopped (run through "
                  "scripts/run-tests.sh)");
        sandbox::SandboxOptions so;
        so.recordsPerVendor = kRecords;
        liftLimits(so, 1'000'000);
        auto port = m_sandbox.start(so);
        QVERIFY2(port.ok(), port.ok() ? "" : qPrintable(port.error().message));
        m_fleet = std::make_unique<FleetHarness>(QStringLiteral(BK_ENGINE_EXE),
                                                 PgServer::fromEnvironment());
        QVERIFY2(m_fleet->createDatabase(), qPrintable(m_fleet->why()));
        QStringList workspaces;
        for (int i = 0; i < 3; ++i)
            workspaces << workspace(i);
        for (auto [id, vendor] :
             {std::pair{u"exact"_s, Vendor::Exact}, std::pair{u"pipedrive"_s, Vendor::Pipedrive}}) {
            QVERIFY2(m_fleet->setSecret(workspaces[0], id, u"client_secret"_s,
                                        sandbox::Sandbox::clientSecret(vendor).toUtf8()),
                     qPrintable(m_fleet->why()));
            QVERIFY2(m_fleet->importTokens(workspaces[0], id, m_sandbox.issueTokensForTest(vendor)),
                     qPrintable(m_fleet->why()));
        }
        QVERIFY2(
            m_fleet->setSecret(workspaces[0], u"shopify"_s, u"webhook-secret"_s, kShopifySecret),
            qPrintable(m_fleet->why()));
        const QStringList seeded = m_sandbox.recordIds(Vendor::Exact, u"Contacts"_s);
        m_seededContacts = QSet<QString>(seeded.begin(), seeded.end());
        for (int i = 0; i < 3; ++i) {
            EngineProcess* e = m_fleet->startEngine(workspaces[i], u"engine-%1"_s.arg(i + 1));
            QVERIFY(e);
            m_engines << e;
        }
        for (EngineProcess* e : std::as_const(m_engines))
            QVERIFY2(m_fleet->waitReady(e, true, false), qPrintable(m_fleet->why()));
    }

    void databaseRestartedMidSyncLosesAndDoublesNothing() {
        QElapsedTimer total;
        total.start();
        const auto sender =
            roundRobinShopify(m_engines, kShopifySecret, "fleet-restart-", u"shopify"_s);
        bk::test::ShopifyRetrySender& s = *sender;
        // Mid-run: every flow under way, then webhooks flowing (about 20 a second over two
        // connections, so that they span the outage).
        QTRY_VERIFY_WITH_TIMEOUT(
            linked(kFlows[0]) >= 30 && linked(kFlows[1]) >= 30 && linked(kFlows[2]) >= 30, 60'000);
        s.setPace(100);
        s.start(kEvents, 2);
        QTRY_VERIFY_WITH_TIMEOUT(s.accepted().size() >= 20, 30'000);
        QList<int> atStop;
        for (const QString& flow : kFlows)
            atStop << linked(flow);
        const int acceptedAtStop = int(s.accepted().size());
        for (int i = 0; i < kFlows.size(); ++i)
            QVERIFY2(atStop[i] < kRecords, "the flows must still be running at the stop");

        QString out;
        bool stopped = bk::test::PgServer::stop(&out);
        const auto restore = qScopeGuard([&] {
            if (stopped)
                bk::test::PgServer::start(); // later tests need the server
        });
        QVERIFY2(stopped, qPrintable(out));
        s.setStoreDown(true);
        QElapsedTimer down;
        down.start();
        QTRY_VERIFY_WITH_TIMEOUT(s.refused503() >= 3 && down.elapsed() >= kOutageMs, 30'000);
        s.setStoreDown(false);
        const qint64 outageMs = down.elapsed();
        stopped = !bk::test::PgServer::start(&out);
        QVERIFY2(!stopped, qPrintable(out));

        // Everything finishes after the restart.
        for (const QString& flow : kFlows)
            QTRY_VERIFY2_WITH_TIMEOUT(linked(flow) == kRecords, qPrintable(flow), 60'000);
        QTRY_VERIFY_WITH_TIMEOUT(s.done(), 60'000);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fleet->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE state = 2"_s).toInt(),
            kEvents, 60'000);

        // No engine exited; each noticed the outage and reconnected.
        for (EngineProcess* e : std::as_const(m_engines)) {
            QVERIFY2(e->process->state() == QProcess::Running, qPrintable(e->id));
            QVERIFY2(e->log().contains(u"reconnected to PostgreSQL database"_s), qPrintable(e->id));
        }

        // Webhooks: 503 while the store was away, never a 200; each delivery answered 200 is
        // stored once and processed once (done, no failed attempt).
        QVERIFY(acceptedAtStop < kEvents);
        QCOMPARE(s.acceptedWhileDown(), 0);
        QCOMPARE(s.otherAnswers(), 0);
        QCOMPARE(m_fleet->scalar(u"SELECT count(*) FROM webhooks_inbox"_s).toInt(), kEvents);
        QCOMPARE(m_fleet->scalar(u"SELECT count(DISTINCT event_id) FROM webhooks_inbox"_s).toInt(),
                 kEvents);
        QCOMPARE(m_fleet
                     ->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE attempts > 0 OR "
                              "state <> 2"_s)
                     .toInt(),
                 0);

        // Sync: every record linked once per flow, nothing failed, one contact per person
        // within a flow, and no contact in Exact that no id map knows (a record written twice).
        QCOMPARE(m_fleet->scalar(u"SELECT count(*) FROM sync_failures"_s).toInt(), 0);
        QSet<QString> linkedContacts;
        for (const QString& flow : kFlows) {
            QSqlQuery q(m_fleet->db());
            q.prepare(u"SELECT source_id, dest_id FROM sync_idmap WHERE flow_id = ? AND "
                      "state = 'ok'"_s);
            q.addBindValue(flow);
            QVERIFY(q.exec());
            QSet<QString> sources, dests;
            int rows = 0;
            while (q.next()) {
                sources.insert(q.value(0).toString());
                dests.insert(q.value(1).toString());
                ++rows;
            }
            QCOMPARE(int(sources.size()), kRecords);
            QCOMPARE(int(dests.size()), rows);
            QCOMPARE(rows, kRecords);
            linkedContacts.unite(dests);
        }
        QStringList orphans;
        for (const QString& id : m_sandbox.recordIds(Vendor::Exact, u"Contacts"_s))
            if (!m_seededContacts.contains(id) && !linkedContacts.contains(id))
                orphans << id;
        QVERIFY2(orphans.isEmpty(),
                 qPrintable(u"contacts written twice: "_s + orphans.join(u", "_s)));
        QCOMPARE(m_sandbox.countRequests(Vendor::Exact, {}, 429), 0);

        qInfo("server down %lld ms with flows at %d/%d/%d of %d and %d of %d webhooks accepted; "
              "%d answers 503 meanwhile; all done %lld ms after the start",
              outageMs, atStop[0], atStop[1], atStop[2], kRecords, acceptedAtStop, kEvents,
              s.refused503(), total.elapsed());
    }

    // Graceful stop after the restart: exit 0, nothing claimed left behind.
    void cleanupTestCase() {
        if (!bk::test::PgServer::restartable())
            return;
        if (!bk::test::PgServer::up())
            bk::test::PgServer::start();
        QVERIFY(bk::test::PgServer::up()); // later tests need the server
        for (EngineProcess* e : std::as_const(m_engines))
            QVERIFY2(m_fleet->terminate(e), qPrintable(e->id + u": "_s + e->log().right(2000)));
        if (m_fleet)
            QCOMPARE(
                m_fleet->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE state = 1"_s).toInt(),
                0);
        m_fleet.reset();
        m_sandbox.stop();
    }
};

QTEST_GUILESS_MAIN(TestFleetStoreRestart)
#include "TestFleetStoreRestart.moc"
