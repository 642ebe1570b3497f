// The console on a PostgreSQL workspace attaches to the fleet: its own engine runs no webhook
// listener and no /metrics, a Fleet page lists the engines and leases found in the store, and
// the dashboard shows the connector health another engine wrote there, naming that engine.
#include "../engine/FleetFixture.h"
#include "Clock.h"
#include "ConnectorStatusModel.h"
#include "ConsoleSession.h"
#include "DashboardPage.h"
#include "FleetModels.h"
#include "FleetPage.h"
#include "MainWindow.h"
#include "engine/Engine.h"
#include "engine/SnapshotStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;

class TestFleetConsole : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void attachesToTheFleet() {
        if (!fleet::test::hasPostgres())
            QSKIP("no PostgreSQL server (run through scripts/run-tests.sh)");
        const StoreConfig config = fleet::test::freshStore(u"postgres"_s, m_dir);
        QVERIFY(!config.database.isEmpty());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        {
            auto db = store::Database::open(config, fleettest::migrationsWithFleet());
            QVERIFY(db.ok());
            QVERIFY(fleettest::writeFleet(*db, now));
            ConnectorHealth h{
                u"shop"_s, HealthState::RateLimited, u"bucket full"_s, now, 0, 7, 0, 0, 0};
            QVERIFY(SnapshotStore(*db, u"e-run"_s).save({h}, {}, {}, {}, {}).ok());
        }
        qputenv("BK_TEST_FLEET_KEY", QByteArray(32, 'k').toBase64());
        const QJsonObject ws{
            {u"version"_s, 1},
            {u"name"_s, u"fleet"_s},
            {u"store"_s, u"postgresql://%1@%2:%3/%4"_s.arg(config.user, config.host)
                             .arg(config.port)
                             .arg(config.database)},
            {u"secrets"_s,
             QJsonObject{{u"store"_s, u"encrypted-db"_s}, {u"keyEnv"_s, u"BK_TEST_FLEET_KEY"_s}}},
            {u"webhooks"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:0"_s}}},
            {u"metrics"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:0"_s}}},
            {u"connectors"_s, QJsonArray()},
            {u"flows"_s, QJsonArray()}};
        const QString path = m_dir.filePath(u"fleet.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(ws).toJson());
        f.close();

        auto clock = std::make_shared<ManualClock>(now);
        ui::MainWindow window(m_dir.filePath(u"data"_s), clock);
        ConsoleSession session(m_dir.filePath(u"data"_s), &window, clock);
        QSignalSpy started(&session, &ConsoleSession::engineStarted);
        QSignalSpy failed(&session, &ConsoleSession::engineFailed);
        session.open(path);
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), 30'000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));

        // Neither a listener nor /metrics of its own.
        QCOMPARE(session.engine()->webhookPort(), quint16(0));
        QCOMPARE(session.engine()->metricsPort(), quint16(0));

        auto* page = window.findChild<ui::FleetPage*>();
        QVERIFY(page);
        QVERIFY(window.pages()->indexOf(page) >= 0);
        QCOMPARE(window.pages()->tabText(window.pages()->indexOf(page)), u"Fleet"_s);
        QTRY_VERIFY_WITH_TIMEOUT(page->engineModel()->rowOf(u"e-run"_s) >= 0, 10'000);
        QVERIFY(page->engineModel()->rowOf(u"e-silent"_s) >= 0);
        QVERIFY(page->claimModel()->rowCount() >= 4);

        // The dashboard shows what e-run reported, not the console's idle engine.
        QTRY_VERIFY_WITH_TIMEOUT(
            (window.dashboard()->flushAll(),
             window.dashboard()->connectorModel()->state(u"shop"_s) == HealthState::RateLimited),
            10'000);
        QVERIFY(window.dashboard()->connectorModel()->health(u"shop"_s)->reason.contains(
            u"reported by e-run"_s));
        session.stop();
    }
};

QTEST_MAIN(TestFleetConsole)
#include "TestFleetConsole.moc"
