// The console's Fleet page on a real store (SQLite, and PostgreSQL through
// scripts/run-tests.sh) holding a small fleet written through core/fleet: engines with their
// state, every claim with its holder and time left, which engine reported each snapshot; the
// periodic read keeps the selection; the relay hands the store's snapshots to the dashboard.
#include "../engine/FleetFixture.h"
#include "Clock.h"
#include "FleetModels.h"
#include "FleetPage.h"
#include "FleetRelay.h"
#include "deadletters/DeadLetterStore.h"
#include "engine/SnapshotStore.h"

#include <QLabel>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::ui;

class TestFleetPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString cell(const FleetTableModel* m, const QString& key, int column) {
        const int row = m->rowOf(key);
        return row < 0 ? u"<no row %1>"_s.arg(key)
                       : m->index(row, column).data(Qt::DisplayRole).toString();
    }
    static bool waitRead(FleetPage& page) {
        QSignalSpy spy(&page, &FleetPage::refreshed);
        return spy.wait(10'000);
    }
    static QString currentKey(QTableView* view) {
        return view->currentIndex().data(FleetTableModel::KeyRole).toString();
    }

private Q_SLOTS:
    void showsTheFleet_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgres") << u"postgres"_s;
    }
    void showsTheFleet() {
        QFETCH(QString, backend);
        if (backend == u"postgres"_s && !fleet::test::hasPostgres())
            QSKIP("no PostgreSQL server (run through scripts/run-tests.sh)");
        auto db = fleettest::openFleetStore(backend, m_dir);
        QVERIFY(db);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto clock = std::make_shared<ManualClock>(now);
        QVERIFY(fleettest::writeFleet(db, now));
        ConnectorHealth health{u"shop"_s, HealthState::Degraded, u"3 retries"_s, now, 0, 40, 2, 3,
                               0};
        const RateGauge gauge{u"shop"_s, u"rest-bucket"_s, u"leaky-bucket"_s, 31, 40, 0, true, now};
        const LagSample lag{u"shop"_s, now, 800, 2400, 3};
        QVERIFY(SnapshotStore(db, u"e-run"_s).save({health}, {}, {gauge}, {lag}, {}).ok());
        FlowProgress flow;
        flow.flowId = u"orders"_s;
        flow.done = 120;
        QVERIFY(SnapshotStore(db, u"e-silent"_s).save({}, {}, {}, {}, {flow}).ok());

        FleetPage page(db, clock, 2000);
        FleetRelay relay(nullptr);
        connect(&page, &FleetPage::snapshotsRead, &relay, &FleetRelay::applySnapshots);
        connect(&page, &FleetPage::deadLettersAdded, &relay, &FleetRelay::announceDeadLetters);
        QSignalSpy relayedLetters(relay.relayed(), &EngineSignals::deadLetterChanged);
        QSignalSpy relayedHealth(relay.relayed(), &EngineSignals::connectorHealthChanged);
        page.resize(1400, 820);
        page.show();
        page.start();
        QVERIFY(waitRead(page));

        // Engines: state from stopped_ms and the heartbeat's age.
        const FleetEngineModel* engines = page.engineModel();
        QCOMPARE(engines->rowCount(), 3);
        QCOMPARE(cell(engines, u"e-run"_s, FleetEngineModel::StateColumn), u"running"_s);
        QCOMPARE(cell(engines, u"e-silent"_s, FleetEngineModel::StateColumn), u"silent"_s);
        QCOMPARE(cell(engines, u"e-stopped"_s, FleetEngineModel::StateColumn), u"stopped"_s);
        QCOMPARE(cell(engines, u"e-silent"_s, FleetEngineModel::HeartbeatColumn), u"20 s ago"_s);
        QCOMPARE(cell(engines, u"e-run"_s, FleetEngineModel::ListenColumn), u"0.0.0.0:8443"_s);
        QCOMPARE(cell(engines, u"e-run"_s, FleetEngineModel::HostColumn), u"node-run"_s);
        QVERIFY(page.summaryLabel()->text().contains(u"1 running, 1 silent"_s));

        // Claims: the flow lease, webhook claims, outbox entries, token-refresh lease.
        const FleetClaimModel* claims = page.claimModel();
        QCOMPARE(claims->rowCount(), 4);
        const QString flowKey = FleetClaimModel::keyOf({u"flow"_s, u"flow:orders"_s, u"e-run"_s});
        const QString hookKey = FleetClaimModel::keyOf({u"webhook"_s, u"shop"_s, u"e-run"_s});
        const QString outKey = FleetClaimModel::keyOf({u"outbox"_s, u"crm"_s, u"e-silent"_s});
        QCOMPARE(cell(claims, flowKey, FleetClaimModel::TimeLeftColumn), u"00:30"_s);
        QCOMPARE(cell(claims, flowKey, FleetClaimModel::HolderColumn), u"e-run"_s);
        QCOMPARE(cell(claims, hookKey, FleetClaimModel::CountColumn), u"2"_s);
        QCOMPARE(cell(claims, outKey, FleetClaimModel::CountColumn), u"3"_s);

        // Which engine reported the connector's health; the relay passes it on once.
        QCOMPARE(page.reportModel()->engineOf(u"health"_s, u"shop"_s), u"e-run"_s);
        QCOMPARE(page.reportModel()->engineOf(u"gauge"_s, u"shop/rest-bucket"_s), u"e-run"_s);
        QCOMPARE(page.reportModel()->engineOf(u"flow"_s, u"orders"_s), u"e-silent"_s);
        QCOMPARE(page.reportModel()->rowCount(), 4);
        QCOMPARE(relayedHealth.size(), 1);
        QCOMPARE(relayedHealth[0][0].value<ConnectorHealth>().state, HealthState::Degraded);
        QCOMPARE(relayedHealth[0][0].value<ConnectorHealth>().reason,
                 u"3 retries (reported by e-run)"_s);

        if (const QString out = qEnvironmentVariable("BK_FLEET_SCREENSHOT"); !out.isEmpty())
            QVERIFY(page.grab().save(out));

        // Select the flow lease; the next reads count it down and keep the selection.
        auto* proxy = qobject_cast<QSortFilterProxyModel*>(page.claimView()->model());
        page.claimView()->setCurrentIndex(
            proxy->mapFromSource(claims->index(claims->rowOf(flowKey), 0)));
        QCOMPARE(currentKey(page.claimView()), flowKey);
        // e-silent comes back; e-run hands its webhook claims back.
        QVERIFY(fleet::FleetRegistry(db).heartbeat(u"e-silent"_s, now + 2000).ok());
        QVERIFY(fleettest::exec(*db, u"UPDATE webhooks_inbox SET state = 2, claim_owner = NULL "
                                     u"WHERE claim_owner = 'e-run'"_s));
        // Another engine stores a dead letter: the next read announces it to the console.
        http::Request request;
        request.method = "POST";
        request.url = QUrl(u"http://127.0.0.1:9/crm/Accounts"_s);
        request.body = R"({"Name":"Acme"})";
        request.connectorId = u"crm"_s;
        http::Outcome failure;
        failure.cls = http::OutcomeClass::Permanent;
        failure.status = 422;
        failure.reason = u"Name too long"_s;
        auto letter =
            deadletters::DeadLetterStore(db, clock).deadLetter(request, failure, u"outbox:crm:1"_s);
        QVERIFY(letter.ok());
        clock->advance(2000);
        QVERIFY(waitRead(page));
        QCOMPARE(relayedLetters.size(), 1);
        QCOMPARE(relayedLetters[0][0].toLongLong(), *letter);
        QCOMPARE(cell(claims, flowKey, FleetClaimModel::TimeLeftColumn), u"00:28"_s);
        QCOMPARE(claims->rowOf(hookKey), -1);
        QCOMPARE(currentKey(page.claimView()), flowKey);
        QCOMPARE(cell(engines, u"e-silent"_s, FleetEngineModel::StateColumn), u"running"_s);
        QCOMPARE(relayedHealth.size(), 1); // unchanged snapshot: not emitted again

        // Between reads the countdown still moves each second.
        clock->advance(1000);
        QCOMPARE(cell(claims, flowKey, FleetClaimModel::TimeLeftColumn), u"00:27"_s);

        // Nobody heartbeats: 16 s later both running engines are silent (ticks each second;
        // one read starts at the first tick 2 s after the previous read).
        clock->advance(16'000);
        QVERIFY(waitRead(page));
        QCOMPARE(cell(engines, u"e-run"_s, FleetEngineModel::StateColumn), u"silent"_s);
        QCOMPARE(cell(engines, u"e-silent"_s, FleetEngineModel::StateColumn), u"silent"_s);
        QVERIFY(page.summaryLabel()->text().contains(u"0 running, 2 silent"_s));

        // The flow lease runs out: shown as expired until a read no longer finds it.
        clock->advance(12'000);
        QVERIFY(waitRead(page)); // read at +20 s, rendered at +31 s
        QCOMPARE(cell(claims, flowKey, FleetClaimModel::TimeLeftColumn), u"expired"_s);
        clock->advance(1000);
        QVERIFY(waitRead(page)); // read at +32 s
        QCOMPARE(claims->rowOf(flowKey), -1);
    }
};

QTEST_MAIN(TestFleetPage)
#include "TestFleetPage.moc"
