// Fleet-wide scheduling on PostgreSQL (skipped without the server of scripts/run-tests.sh):
// several SyncSchedulers ("engines", each with its own store handle, engine id and, where
// balancing matters, a FleetMember heartbeating on the shared ManualClock) share one database
// and the loopback FakeApi.
// - A flow runs once per interval across the fleet: three engines whose own timers all fire
//   (their start-up runs included, as they are not alone) still start it only when its last
//   finished run (fleet_flow_runs) is an interval old.
// - Balancing: with two live engines and four flows falling due at once, the engine whose
//   timers fire first takes its fair share (two) and leaves the rest to the other.
// - A flow deferred to a live engine that never takes it (its workspace leaves the flow out)
//   is taken anyway after one lease length.
#include "fleet/FleetMember.h"
#include "fleet/FleetMigrations.h"
#include "fleet/LeaseStore.h"
#include "support/TestPostgres.h"
#include "sync/SyncFixture.h"
#include "sync/SyncScheduler.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::sync;
using namespace bk::synctest;

namespace {

constexpr qint64 kLeaseMs = 30'000;
constexpr qint64 kIntervalMs = 600'000;

struct TestEngine {
    QString id;
    std::shared_ptr<store::Database> db;
    std::shared_ptr<SyncStore> store;
    std::unique_ptr<fleet::FleetMember> member;
    std::unique_ptr<SyncScheduler> scheduler;
    QList<qint64> finishedAt; ///< engine clock when each run reported
};

/// Moves the fixture's store to a fresh PostgreSQL database.
bool usePostgres(SyncFixture& f) {
    auto pg = test::freshPostgresStore(u"bk_sched_"_s);
    if (!pg)
        return false;
    f.workspace.store = *pg;
    auto db =
        store::Database::open(f.workspace.store, {syncMigrations(), fleet::fleetMigrations()});
    if (!db)
        return false;
    f.database = *db;
    f.store = std::make_shared<SyncStore>(f.database);
    return true;
}

std::unique_ptr<TestEngine> makeEngine(SyncFixture& f, const QString& id,
                                       const std::shared_ptr<ManualClock>& clock,
                                       const QStringList& flows, bool member) {
    auto e = std::make_unique<TestEngine>();
    e->id = id;
    auto db =
        store::Database::open(f.workspace.store, {syncMigrations(), fleet::fleetMigrations()});
    if (!db)
        qFatal("%s", qPrintable(db.error().message));
    e->db = *db;
    e->store = std::make_shared<SyncStore>(e->db);
    if (member) {
        fleet::EngineInfo self;
        self.engineId = id;
        e->member = std::make_unique<fleet::FleetMember>(e->db, clock, self);
        if (!e->member->start())
            qFatal("announce failed");
    }
    auto policy = f.fastRetry();
    std::shared_ptr<Clock> c = clock;
    e->scheduler =
        std::make_unique<SyncScheduler>(e->store, e->store, c, [policy, c](const ConnectorDef&) {
            return std::unique_ptr<Transport>(new NetworkTransport(c, policy));
        });
    e->scheduler->setLeases({std::make_shared<fleet::LeaseStore>(e->db), id, kLeaseMs});
    for (const QString& flowId : flows)
        e->scheduler->addFlow({f.spec(flowId), personToContact()});
    TestEngine* raw = e.get();
    QObject::connect(e->scheduler.get(), &SyncScheduler::runFinished, e->scheduler.get(),
                     [raw, clock] { raw->finishedAt.append(clock->nowMs()); });
    return e;
}

QHash<QString, int> leasesByHolder(SyncFixture& f, qint64 nowMs) {
    QHash<QString, int> out;
    auto all = fleet::LeaseStore(f.database).list();
    if (all)
        for (const auto& l : *all)
            if (l.expiresMs > nowMs)
                ++out[l.holder];
    return out;
}

void seed(SyncFixture& f, int persons) {
    for (int i = 0; i < persons; ++i) {
        f.sourceTime->advance(1000);
        f.api.add(u"pipedrive/persons"_s,
                  {{u"name"_s, u"P%1"_s.arg(i)}, {u"email"_s, u"p%1@x.nl"_s.arg(i)}});
    }
}

QJsonObject personFlow(const QString& id) {
    return flow(id, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s);
}

} // namespace

class TestFleetSchedule : public QObject {
    Q_OBJECT

    bool setUp(SyncFixture& f, const QStringList& flowIds, qint64 intervalMs) {
        QJsonArray flows;
        for (const QString& id : flowIds)
            flows.append(personFlow(id));
        if (!f.init(flows) || !usePostgres(f))
            return false;
        for (auto& fl : f.workspace.flows) {
            fl.intervalMs = intervalMs;
            fl.reconcileIntervalMs = 3'600'000LL * 100; // no reconciliation in these tests
        }
        return true;
    }

    /// Waits (real time) until no flow lease is held: every run in hand has reported. A run
    /// posts its report before it gives the lease back; it is delivered here before the clock
    /// moves again, so finishedAt holds the clock time of the run.
    static bool idle(SyncFixture& f, const std::shared_ptr<ManualClock>& clock) {
        const bool ok =
            QTest::qWaitFor([&] { return leasesByHolder(f, clock->nowMs()).isEmpty(); }, 20'000);
        QCoreApplication::sendPostedEvents();
        return ok;
    }

private Q_SLOTS:
    void init() {
        if (!test::hasPostgres())
            QSKIP(test::noPostgresReason());
    }

    void oncePerIntervalAcrossThreeEngines() {
        SyncFixture f;
        QVERIFY(setUp(f, {u"p2c"_s}, kIntervalMs));
        seed(f, 30);
        auto clock = std::make_shared<ManualClock>();
        std::vector<std::unique_ptr<TestEngine>> engines;
        for (int i = 0; i < 3; ++i)
            engines.push_back(makeEngine(f, u"engine-%1"_s.arg(i), clock, {u"p2c"_s}, true));
        // engine-0 starts first and runs the flow at once (start-up run, no record yet).
        engines[0]->scheduler->start(true);
        QTRY_VERIFY_WITH_TIMEOUT(clock->pendingCount() >= 3 + 2, 5'000); // heartbeats + begin()
        const qint64 t0 = clock->nowMs();
        clock->advance(0);
        QVERIFY(idle(f, clock));
        QCOMPARE(engines[0]->finishedAt.size(), 1);
        // The others start right after it finished: their start-up runs find the lease free,
        // but they are not alone and the record says the flow just ran — they wait.
        engines[1]->scheduler->start(true);
        engines[2]->scheduler->start(true);
        QTRY_VERIFY_WITH_TIMEOUT(clock->pendingCount() >= 3 + 6, 5'000);
        clock->advance(0);
        QVERIFY(idle(f, clock));
        QCOMPARE(engines[1]->finishedAt.size() + engines[2]->finishedAt.size(), 0);
        // An hour of engine time in 5-s steps; every run in hand ends before the clock moves.
        while (clock->nowMs() - t0 < 3'600'000) {
            clock->advance(5'000);
            QVERIFY(idle(f, clock));
        }
        QTest::qWait(50); // the last reports cross threads
        QList<qint64> runs;
        QStringList who;
        for (auto& e : engines) {
            runs += e->finishedAt;
            if (!e->finishedAt.isEmpty())
                who << u"%1: %2"_s.arg(e->id).arg(e->finishedAt.size());
        }
        std::sort(runs.begin(), runs.end());
        QStringList at;
        for (qint64 r : std::as_const(runs))
            at << QString::number((r - t0) / 1000);
        qInfo() << "runs in one hour:" << runs.size() << "by" << who.join(u", "_s) << "at s"
                << at.join(u' ');
        // Runs at 0, 10, …, 60 minutes: seven, each an interval after the previous one (its
        // own engine's timer or not). Without the shared record every engine runs the flow
        // on its own interval: up to three runs per interval.
        QCOMPARE(runs.size(), 7);
        for (int i = 1; i < runs.size(); ++i)
            QVERIFY2(runs[i] - runs[i - 1] >= kIntervalMs,
                     qPrintable(u"runs %1 ms apart"_s.arg(runs[i] - runs[i - 1])));
        auto rec = fleet::FlowRunLog(f.database).last(u"p2c"_s);
        QVERIFY(rec && rec->has_value());
        QCOMPARE((*rec)->finishedMs, runs.last());
        QVERIFY((*rec)->ok);
        for (auto& e : engines)
            QVERIFY(e->scheduler->shutdown(5'000));
    }

    void balancingLeavesFlowsToAnEngineWithFewer() {
        SyncFixture f;
        const QStringList ids{u"f1"_s, u"f2"_s, u"f3"_s, u"f4"_s};
        QVERIFY(setUp(f, ids, kIntervalMs));
        seed(f, 20);
        // Every list page is answered 1.5 s late: the runs are in hand while we look.
        for (int i = 0; i < 8; ++i)
            f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 1'500});
        auto clock = std::make_shared<ManualClock>();
        auto a = makeEngine(f, u"engine-a"_s, clock, ids, true);
        auto b = makeEngine(f, u"engine-b"_s, clock, ids, true);
        a->scheduler->start(true); // A's first runs fall due before B's
        QTRY_VERIFY_WITH_TIMEOUT(clock->pendingCount() >= 2 + 8, 5'000);
        b->scheduler->start(true);
        QTRY_VERIFY_WITH_TIMEOUT(clock->pendingCount() >= 2 + 16, 5'000);
        clock->advance(0);
        // Fair share: ceil(4 flows / 2 live engines) = 2 each. Without balancing A, whose
        // timers fire first, takes all four and B idles.
        const auto held = leasesByHolder(f, clock->nowMs());
        QCOMPARE(held.value(u"engine-a"_s), 2);
        QCOMPARE(held.value(u"engine-b"_s), 2);
        QVERIFY(idle(f, clock));
        QTest::qWait(50);
        QCOMPARE(a->finishedAt.size(), 2);
        QCOMPARE(b->finishedAt.size(), 2);
        QVERIFY(a->scheduler->shutdown(5'000));
        QVERIFY(b->scheduler->shutdown(5'000));
    }

    void aDeferredFlowIsTakenAfterOneLease() {
        SyncFixture f;
        const QStringList ids{u"f1"_s, u"f2"_s, u"f3"_s, u"f4"_s};
        QVERIFY(setUp(f, ids, kIntervalMs));
        seed(f, 20);
        // A's runs stay in hand for seconds of real time while the engine clock moves on.
        for (int i = 0; i < 8; ++i)
            f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 4'000});
        auto clock = std::make_shared<ManualClock>();
        auto a = makeEngine(f, u"engine-a"_s, clock, ids, true);
        // B is live but its workspace runs none of these flows.
        auto b = makeEngine(f, u"engine-b"_s, clock, {}, true);
        a->scheduler->start(true);
        b->scheduler->start(true);
        QTRY_VERIFY_WITH_TIMEOUT(clock->pendingCount() >= 2 + 8, 5'000);
        clock->advance(0);
        QCOMPARE(leasesByHolder(f, clock->nowMs()).value(u"engine-a"_s), 2); // two deferred
        clock->advance(kLeaseMs - 1);
        QCOMPARE(leasesByHolder(f, clock->nowMs()).value(u"engine-a"_s), 2);
        // One lease length after the first deferral nobody has taken them: A does.
        clock->advance(kLeaseMs / 3);
        QCOMPARE(leasesByHolder(f, clock->nowMs()).value(u"engine-a"_s), 4);
        QVERIFY(idle(f, clock));
        QTest::qWait(50);
        QCOMPARE(a->finishedAt.size(), 4);
        QVERIFY(a->scheduler->shutdown(5'000));
        QVERIFY(b->scheduler->shutdown(5'000));
    }
};

QTEST_GUILESS_MAIN(TestFleetSchedule)
#include "TestFleetSchedule.moc"
