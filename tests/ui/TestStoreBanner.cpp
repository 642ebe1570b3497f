// The console shows when its store is unreachable: a console attached to a fleet (a
// PostgreSQL workspace, real widgets, the real server of scripts/run-tests.sh) shows the
// "Store unreachable since …" banner within seconds of the server being stopped and clears
// it once the server is started again; the status bar says the same. With
// BK_STORE_DOWN_SCREENSHOT=path the window is saved there while the banner shows.
#include "../engine/FleetFixture.h"
#include "Clock.h"
#include "ConsoleSession.h"
#include "DashboardPage.h"
#include "EventLogModel.h"
#include "MainWindow.h"
#include "StoreStatusBanner.h"
#include "engine/Engine.h"
#include "engine/SnapshotStore.h"
#include "store/PgServer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using bk::test::PgServer;

class TestStoreBanner : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QLabel* storeLabel(ui::MainWindow& window) {
        for (QLabel* l : window.statusBar()->findChildren<QLabel*>())
            if (l->accessibleName() == u"Store"_s)
                return l;
        return nullptr;
    }

    // Whether model (the alert history: warnings and worse; the dashboard's recent events:
    // all) holds an event of kind.
    static bool hasEvent(ui::EventLogModel* model, const QString& kind) {
        model->flush();
        for (int row = 0; row < model->rowCount(); ++row)
            if (model->event(row).kind == kind)
                return true;
        return false;
    }

private Q_SLOTS:
    // The banner on its own: hidden while reachable, the headline for an outage, an older
    // status (a queued one overtaken by a re-published one) ignored.
    void bannerShowsAndIgnoresOlderStatus() {
        const qint64 now = QDateTime(QDate(2026, 11, 30), QTime(9, 15, 0)).toMSecsSinceEpoch();
        ui::StoreStatusBanner banner(std::make_shared<ManualClock>(now));
        banner.apply({u"PostgreSQL database bk on db1:5432"_s, true, 0, 0, 3, now});
        QVERIFY(banner.isHidden());
        const StoreStatus down{u"PostgreSQL database bk on db1:5432"_s, false, now, 1, 1, now};
        banner.apply(down);
        QVERIFY(!banner.isHidden());
        QCOMPARE(banner.headline(),
                 u"Store unreachable since 09:15:00 — retrying (1 reconnect so far)"_s);
        banner.apply({down.store, true, 0, 0, 3, now - 1}); // from before the outage
        QVERIFY(!banner.isHidden());
        banner.apply({down.store, true, 0, 1, 2, now + 500});
        QVERIFY(banner.isHidden());
        QVERIFY(banner.headline().isEmpty());
        banner.apply({down.store, false, now + 900, 2, 2, now + 900});
        QCOMPARE(banner.headline(),
                 u"Store unreachable since 09:15:00 — retrying (2 reconnects so far)"_s);
        banner.clear();
        QVERIFY(banner.isHidden());
    }

    void bannerFollowsTheServer() {
        if (!PgServer::restartable())
            QSKIP("needs a PostgreSQL server that can be stopped (run through "
                  "scripts/run-tests.sh)");
        const StoreConfig config = fleet::test::freshStore(u"postgres"_s, m_dir);
        QVERIFY(!config.database.isEmpty());
        // A fixed, readable moment: the banner's "since" comes from the console's clock.
        const qint64 now = QDateTime(QDate(2026, 11, 30), QTime(14, 3, 12)).toMSecsSinceEpoch();
        {
            auto db = store::Database::open(config, fleettest::migrationsWithFleet());
            QVERIFY(db.ok());
            QVERIFY(fleettest::writeFleet(*db, now));
            ConnectorHealth shop{u"shop"_s, HealthState::Healthy, {}, now, 0, 412, 0, 3, 0};
            ConnectorHealth exact{u"exact"_s,
                                  HealthState::Degraded,
                                  u"2 retries in the last minute"_s,
                                  now,
                                  0,
                                  1280,
                                  4,
                                  2,
                                  1};
            QVERIFY(SnapshotStore(*db, u"e-run"_s).save({shop, exact}, {}, {}, {}, {}).ok());
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
            {u"connectors"_s, QJsonArray()},
            {u"flows"_s, QJsonArray()}};
        const QString path = m_dir.filePath(u"fleet.json"_s);
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(ws).toJson());
        f.close();

        auto clock = std::make_shared<ManualClock>(now);
        ui::MainWindow window(m_dir.filePath(u"data"_s), clock);
        window.resize(1280, 760);
        window.show();
        ConsoleSession session(m_dir.filePath(u"data"_s), &window, clock);
        QSignalSpy started(&session, &ConsoleSession::engineStarted);
        QSignalSpy failed(&session, &ConsoleSession::engineFailed);
        session.open(path);
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), 30'000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));

        ui::StoreStatusBanner* banner = window.storeBanner();
        QLabel* label = storeLabel(window);
        QVERIFY(banner && label);
        QVERIFY(banner->isHidden());
        QVERIFY(banner->headline().isEmpty());
        QVERIFY(!label->text().contains(u"unreachable"_s));
        const quint64 reconnectsBefore = session.engine()->storeStatus().reconnects;

        QString out;
        bool stopped = PgServer::stop(&out);
        const auto restore = qScopeGuard([&] {
            if (stopped)
                PgServer::start(); // later tests need the server
        });
        QVERIFY2(stopped, qPrintable(out));
        QElapsedTimer sinceStop;
        sinceStop.start();
        // The console's engine is idle (no flows, no listener): its probe notices the outage.
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10'000);
        const qint64 shownAfterMs = sinceStop.elapsed();
        QVERIFY2(shownAfterMs < 5'000, qPrintable(u"banner after %1 ms"_s.arg(shownAfterMs)));
        QVERIFY2(banner->headline().startsWith(u"Store unreachable since 14:03:12 — retrying ("_s),
                 qPrintable(banner->headline()));
        QVERIFY(!banner->status().reachable);
        QVERIFY(banner->status().store.contains(config.database));
        QVERIFY2(label->text().endsWith(u"— unreachable"_s), qPrintable(label->text()));
        QVERIFY(!session.engine()->storeStatus().reachable);
        QTRY_VERIFY_WITH_TIMEOUT(hasEvent(window.alertModel(), u"store-unreachable"_s), 5'000);

        if (const QString shot = qEnvironmentVariable("BK_STORE_DOWN_SCREENSHOT");
            !shot.isEmpty()) {
            window.dashboard()->flushAll();
            QTest::qWait(200); // let the layout settle
            QVERIFY(window.grab().save(shot));
            qInfo("screenshot: %s", qPrintable(shot));
        }

        stopped = !PgServer::start(&out);
        QVERIFY2(!stopped, qPrintable(out));
        QElapsedTimer sinceStart;
        sinceStart.start();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isHidden(), 10'000);
        const qint64 clearedAfterMs = sinceStart.elapsed();
        QVERIFY(banner->headline().isEmpty());
        QVERIFY(banner->status().reachable);
        QVERIFY(banner->status().reconnects > reconnectsBefore);
        QVERIFY(!label->text().contains(u"unreachable"_s));
        QTRY_VERIFY_WITH_TIMEOUT(hasEvent(window.dashboard()->eventModel(), u"store-reconnected"_s),
                                 5'000);
        qInfo("banner shown %lld ms after the stop, cleared %lld ms after the start", shownAfterMs,
              clearedAfterMs);
        session.stop();
    }

    void cleanupTestCase() {
        if (PgServer::restartable() && !PgServer::up())
            PgServer::start();
    }
};

QTEST_MAIN(TestStoreBanner)
#include "TestStoreBanner.moc"
