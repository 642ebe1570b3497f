// Two real `bridgekeeper-engine run` processes on one PostgreSQL database take signed Shopify
// webhooks round-robin while the database server is stopped and started again: every
// delivery answered 200 is in the inbox exactly once and processed once, deliveries that
// arrive while the server is away are answered 503 (and come back), and both engines keep
// running. Needs the server of scripts/run-tests.sh with BK_TEST_PGBIN/PGDATA/PGOPTS.
#include "fleet/FleetHarness.h"
#include "sandbox/Sandbox.h"
#include "store/PgServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::fleettest;
using sandbox::Vendor;

namespace {
const QByteArray kShopifySecret = "restart-shopify-webhook-secret";
}

class TestEngineStoreRestart : public QObject {
    Q_OBJECT

    sandbox::Sandbox m_sandbox;
    std::unique_ptr<FleetHarness> m_fleet;
    QList<EngineProcess*> m_engines;

private Q_SLOTS:
    void initTestCase() {
        if (!bk::test::PgServer::restartable())
            QSKIP("needs a PostgreSQL server that can be stopped (run through "
                  "scripts/run-tests.sh)");
        sandbox::SandboxOptions so;
        so.recordsPerVendor = 10;
        auto port = m_sandbox.start(so);
        QVERIFY2(port.ok(), port.ok() ? "" : qPrintable(port.error().message));
        m_fleet = std::make_unique<FleetHarness>(QStringLiteral(BK_ENGINE_EXE),
                                                 PgServer::fromEnvironment());
        QVERIFY2(m_fleet->createDatabase(), qPrintable(m_fleet->why()));
        const QJsonObject shopify{{u"id"_s, u"shopify"_s},
                                  {u"type"_s, sandbox::vendorSlug(Vendor::Shopify)},
                                  {u"baseUrl"_s, m_sandbox.baseUrl(Vendor::Shopify)},
                                  {u"authBaseUrl"_s, m_sandbox.baseUrl(Vendor::Shopify)},
                                  {u"statusPageUrl"_s, m_sandbox.statusPageUrl(Vendor::Shopify)},
                                  {u"clientId"_s, sandbox::Sandbox::clientId(Vendor::Shopify)},
                                  {u"shop"_s, u"demo-shop"_s}};
        const QString ws = m_fleet->writeWorkspace(
            u"restart.json"_s,
            QJsonObject{{u"name"_s, u"restart"_s},
                        {u"webhooks"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:0"_s}}},
                        {u"connectors"_s, QJsonArray{shopify}}});
        QVERIFY(!ws.isEmpty());
        QVERIFY2(m_fleet->setSecret(ws, u"shopify"_s, u"webhook-secret"_s, kShopifySecret),
                 qPrintable(m_fleet->why()));
        for (const QString& id : {u"engine-1"_s, u"engine-2"_s}) {
            EngineProcess* e = m_fleet->startEngine(ws, id);
            QVERIFY(e);
            m_engines << e;
        }
        for (EngineProcess* e : std::as_const(m_engines))
            QVERIFY2(m_fleet->waitReady(e, true, false), qPrintable(m_fleet->why()));
    }

    void databaseRestartLosesAndDoublesNothing() {
        const auto sender = roundRobinShopify(m_engines, kShopifySecret, "restart-", u"shopify"_s);
        bk::test::ShopifyRetrySender& s = *sender;
        s.start(200);
        QTRY_VERIFY_WITH_TIMEOUT(s.accepted().size() >= 40, 30'000);

        QString out;
        bool stopped = bk::test::PgServer::stop(&out);
        const auto restore = qScopeGuard([&] {
            if (stopped)
                bk::test::PgServer::start();
        });
        QVERIFY2(stopped, qPrintable(out));
        s.setStoreDown(true);
        const int acceptedAtStop = int(s.accepted().size());
        QTRY_VERIFY_WITH_TIMEOUT(s.refused503() >= 4, 30'000);
        s.setStoreDown(false);
        stopped = !bk::test::PgServer::start(&out);
        QVERIFY2(!stopped, qPrintable(out));

        QTRY_VERIFY_WITH_TIMEOUT(s.done(), 120'000);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fleet->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE state = 2"_s).toInt(),
            s.total(), 120'000);
        QVERIFY(acceptedAtStop < s.total());
        QCOMPARE(s.acceptedWhileDown(), 0);
        QCOMPARE(s.otherAnswers(), 0);
        // Each delivery answered 200 stored once, processed once (done, never retried).
        QCOMPARE(m_fleet->scalar(u"SELECT count(*) FROM webhooks_inbox"_s).toInt(), s.total());
        QCOMPARE(m_fleet->scalar(u"SELECT count(DISTINCT event_id) FROM webhooks_inbox"_s).toInt(),
                 s.total());
        QCOMPARE(m_fleet
                     ->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE attempts > 0 OR "
                              "state <> 2"_s)
                     .toInt(),
                 0);
        // Both engines lived through it and said so once.
        for (EngineProcess* e : std::as_const(m_engines)) {
            QCOMPARE(e->process->state(), QProcess::Running);
            const QString log = e->log();
            QVERIFY2(log.contains(u"reconnected to PostgreSQL database"_s), qPrintable(e->id));
        }
        qInfo("server stopped after %d of %d deliveries; %d answers were 503 meanwhile",
              acceptedAtStop, s.total(), s.refused503());
    }

    void cleanupTestCase() {
        if (!bk::test::PgServer::restartable())
            return;
        if (!bk::test::PgServer::up())
            bk::test::PgServer::start();
        QVERIFY(bk::test::PgServer::up()); // later tests need the server
        for (EngineProcess* e : std::as_const(m_engines))
            QVERIFY2(m_fleet->terminate(e), qPrintable(e->log().right(2000)));
    }
};

QTEST_GUILESS_MAIN(TestEngineStoreRestart)
#include "TestEngineStoreRestart.moc"
