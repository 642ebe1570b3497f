// The Fleet page's view of the command channel on a real store (SQLite, and PostgreSQL through
// scripts/run-tests.sh): recent commands with their state (waiting, claimed by, done by,
// failed with why) and the connector controls set across the fleet.
#include "Clock.h"
#include "FleetModels.h"
#include "FleetPage.h"
#include "FleetTestStore.h"
#include "engine/AllMigrations.h"
#include "fleet/FleetChannel.h"

#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::ui;

class TestFleetCommandsPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void showsCommandsAndControls_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgres") << u"postgres"_s;
    }
    void showsCommandsAndControls() {
        QFETCH(QString, backend);
        if (backend == u"postgres"_s && !fleet::test::hasPostgres())
            QSKIP("no PostgreSQL server (run through scripts/run-tests.sh)");
        auto db = store::Database::open(fleet::test::freshStore(backend, m_dir), allMigrations());
        QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().message));
        const qint64 now = 1'790'000'000'000;
        auto clock = std::make_shared<ManualClock>(now);
        fleet::FleetChannel ch(*db);
        QVERIFY(ch.setPaused(u"pipedrive"_s, true, u"console:a"_s, now).ok());
        QVERIFY(ch.setBreakerOverride(u"exact"_s, u"open"_s, u"console:a"_s, now).ok());
        const qint64 waiting = *ch.issue(u"run"_s, u"p2c"_s, {}, u"console:a"_s, now - 5000);
        const qint64 claimed = *ch.issue(u"reconcile"_s, u"o2i"_s, {}, u"console:a"_s, now - 4000);
        const qint64 done = *ch.issue(u"resync"_s, u"o2i"_s, u"77"_s, u"console:b"_s, now - 3000);
        const qint64 failed = *ch.issue(u"run"_s, u"gone"_s, {}, u"console:b"_s, now - 120'000);
        QVERIFY(ch.claimNext(u"e1"_s, {u"o2i"_s}, now)->has_value());
        QVERIFY(ch.claimNext(u"e1"_s, {u"o2i"_s}, now)->has_value());
        QVERIFY(*ch.finish(done, u"e1"_s, true, u"resolved"_s, u"written"_s, now));
        QCOMPARE(*ch.expire(now, 60'000, 15'000), 1);

        FleetPage page(*db, clock);
        QSignalSpy refreshed(&page, &FleetPage::refreshed);
        page.start();
        QVERIFY(refreshed.wait(10'000));
        FleetCommandModel* m = page.commandModel();
        QCOMPARE(m->rowCount(), 4);
        QCOMPARE(m->stateText(waiting), u"waiting for an engine"_s);
        QCOMPARE(m->stateText(claimed), u"claimed by e1"_s);
        QCOMPARE(m->stateText(done), u"done by e1"_s);
        QCOMPARE(m->stateText(failed), u"failed"_s);
        const int row = m->rowOf(QString::number(failed));
        QVERIFY(m->index(row, FleetCommandModel::MessageColumn)
                    .data()
                    .toString()
                    .contains(u"no engine took this command"_s));
        QCOMPARE(m->index(m->rowOf(QString::number(done)), FleetCommandModel::ActionColumn).data(),
                 QVariant(u"Resync record 77"_s));
        const QString controls = page.controlsLabel()->text();
        QVERIFY2(controls.contains(u"Paused across the fleet: pipedrive"_s), qPrintable(controls));
        QVERIFY2(controls.contains(u"breaker forced open: exact"_s), qPrintable(controls));

        // The next read follows the channel: the claimed command finishes.
        QVERIFY(*ch.finish(claimed, u"e1"_s, false, u"failed"_s, u"vendor down"_s, now + 1000));
        QVERIFY(ch.setPaused(u"pipedrive"_s, false, u"console:a"_s, now + 1000).ok());
        QVERIFY(ch.setBreakerOverride(u"exact"_s, {}, u"console:a"_s, now + 1000).ok());
        page.refreshNow();
        QVERIFY(refreshed.wait(10'000));
        QCOMPARE(m->stateText(claimed), u"failed on e1"_s);
        QVERIFY(page.controlsLabel()->isHidden());
    }
};

QTEST_MAIN(TestFleetCommandsPage)
#include "TestFleetCommandsPage.moc"
