// Flow runs claimed through fleet leases: two SyncSchedulers ("engines", each with its own
// store connection and engine id) share one SQLite store and one flow against the loopback
// FakeApi. Only the lease holder runs the flow, and only once per interval across both; an
// engine that stops renewing (dead or frozen) loses the flow after the lease length and the
// other resumes it from the durable run state without writing any record twice; a graceful
// shutdown hands the lease back.
#include "fleet/FleetMigrations.h"
#include "fleet/LeaseStore.h"
#include "sync/SyncFixture.h"
#include "sync/SyncScheduler.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::sync;
using namespace bk::synctest;

namespace {

constexpr qint64 kLeaseMs = 30'000;

/// One engine: its own connection to the shared store, its own clock and scheduler.
struct TestEngine {
    QString id;
    std::shared_ptr<ManualClock> clock;
    std::shared_ptr<store::Database> db;
    std::shared_ptr<SyncStore> store;
    std::unique_ptr<SyncScheduler> scheduler;
    std::unique_ptr<QSignalSpy> finished;
};

std::unique_ptr<TestEngine> makeEngine(SyncFixture& f, const QString& id,
                                       std::shared_ptr<ManualClock> clock) {
    auto e = std::make_unique<TestEngine>();
    e->id = id;
    e->clock = std::move(clock);
    auto db =
        store::Database::open(f.workspace.store, {syncMigrations(), fleet::fleetMigrations()});
    if (!db)
        qFatal("%s", qPrintable(db.error().message));
    e->db = *db;
    e->store = std::make_shared<SyncStore>(e->db);
    auto policy = f.fastRetry();
    std::shared_ptr<Clock> c = e->clock;
    e->scheduler =
        std::make_unique<SyncScheduler>(e->store, e->store, c, [policy, c](const ConnectorDef&) {
            return std::unique_ptr<Transport>(new NetworkTransport(c, policy));
        });
    e->scheduler->setLeases({std::make_shared<fleet::LeaseStore>(e->db), id, kLeaseMs});
    e->scheduler->addFlow({f.spec(u"p2c"_s), personToContact()});
    e->finished = std::make_unique<QSignalSpy>(e->scheduler.get(), &SyncScheduler::runFinished);
    return e;
}

void seed(SyncFixture& f, int persons) {
    for (int i = 0; i < persons; ++i) {
        f.sourceTime->advance(1000);
        f.api.add(u"pipedrive/persons"_s,
                  {{u"name"_s, u"P%1"_s.arg(i)}, {u"email"_s, u"p%1@x.nl"_s.arg(i)}});
    }
}

QList<fleet::Lease> leases(SyncFixture& f) {
    auto db = store::Database::open(f.workspace.store, {fleet::fleetMigrations()});
    if (!db)
        return {};
    auto all = fleet::LeaseStore(*db).list();
    return all ? *all : QList<fleet::Lease>{};
}

/// Every person exactly once in the destination.
bool eachPersonOnce(SyncFixture& f, int persons) {
    QSet<QString> names;
    for (const auto& r : f.api.records(u"exact-online/Contacts"_s))
        names.insert(r.fields.value(u"LastName"_s).toString());
    return f.api.count(u"exact-online/Contacts"_s) == persons && names.size() == persons;
}

bool initFixture(SyncFixture& f) {
    if (!f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}))
        return false;
    // No second scheduled run within the test: what runs is what the leases allow.
    f.workspace.flows[0].intervalMs = 3'600'000 * 100;
    f.workspace.flows[0].reconcileIntervalMs = 3'600'000 * 100;
    return true;
}

} // namespace

class TestFlowLeases : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Both engines start the same flow at once: exactly one claims it and runs; the other's
    // tick is skipped, and its retry while the run is in hand (the holder renewing) is refused
    // again. After the run the lease is free, but the other engine's retry does not run the flow
    // again within its interval; a run asked for explicitly does, and writes nothing new.
    void onlyTheHolderRunsTheFlow() {
        SyncFixture f;
        QVERIFY(initFixture(f));
        seed(f, 150);
        // Every list page answers 700 ms late, so the run spans the other engine's retry.
        for (int i = 0; i < 5; ++i)
            f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 700});
        auto clock = std::make_shared<ManualClock>();
        auto a = makeEngine(f, u"engine-a"_s, clock);
        auto b = makeEngine(f, u"engine-b"_s, clock);
        a->scheduler->start(true);
        b->scheduler->start(true);
        QTRY_COMPARE_WITH_TIMEOUT(clock->pendingCount(), 4, 5'000); // both begin()s ran
        clock->advance(0);                                          // both first runs fall due now
        QList<fleet::Lease> held = leases(f);
        QCOMPARE(held.size(), 1);
        const QString winner = held.first().holder;
        QVERIFY(winner == u"engine-a"_s || winner == u"engine-b"_s);
        TestEngine* holder = winner == u"engine-a"_s ? a.get() : b.get();
        TestEngine* other = winner == u"engine-a"_s ? b.get() : a.get();

        // One lease length later the holder has renewed (every 10 s) and the other engine's
        // retry is refused: still one holder, lease extended past the original expiry.
        QTRY_VERIFY_WITH_TIMEOUT(f.store->runState(u"p2c"_s)->done > 0, 10'000);
        clock->advance(kLeaseMs);
        held = leases(f);
        QCOMPARE(held.size(), 1);
        QCOMPARE(held.first().holder, winner);
        QVERIFY(held.first().expiresMs > clock->nowMs());
        QCOMPARE(other->finished->size(), 0);

        QTRY_COMPARE_WITH_TIMEOUT(holder->finished->size(), 1, 20'000);
        QVERIFY(holder->finished->first().at(1).toBool());
        QCOMPARE(other->finished->size(), 0);
        QVERIFY(eachPersonOnce(f, 150));
        QTRY_VERIFY_WITH_TIMEOUT(leases(f).isEmpty(), 5'000); // released when the run ended

        // The other engine's next retry finds the lease free, but the shared run record says
        // the flow ran within its interval: it does not run it again (one run per interval
        // across the fleet) and hands the lease straight back.
        const int writesBefore = f.api.requestCount(u"/exact-online"_s, "POST") +
                                 f.api.requestCount(u"/exact-online"_s, "PUT");
        clock->advance(kLeaseMs);
        QCOMPARE(other->finished->size(), 0);
        QVERIFY(leases(f).isEmpty());
        // Asked for explicitly (console, webhook) it runs: a delta run with nothing to write.
        other->scheduler->runNow(u"p2c"_s);
        QTRY_COMPARE_WITH_TIMEOUT(other->finished->size(), 1, 20'000);
        QVERIFY(other->finished->first().at(1).toBool());
        QCOMPARE(f.api.requestCount(u"/exact-online"_s, "POST") +
                     f.api.requestCount(u"/exact-online"_s, "PUT"),
                 writesBefore);
        QVERIFY(eachPersonOnce(f, 150));
        QVERIFY(a->scheduler->shutdown(5'000));
        QVERIFY(b->scheduler->shutdown(5'000));
        QVERIFY(leases(f).isEmpty());
    }

    // Engine A stalls mid-run (its page hangs and its clock — hence its renewals — stops, as
    // for a killed or frozen process). Engine B is refused until A's lease expires, then takes
    // the flow over, resumes from the durable run state and finishes it: every record once.
    // When A comes back, its renewal is refused and it stops without writing anything more.
    void anotherEngineTakesOverAfterExpiry() {
        SyncFixture f;
        QVERIFY(initFixture(f));
        seed(f, 200);
        // A's first page normally, its second hangs for a minute.
        f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 0});
        f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 60'000});
        auto clockA = std::make_shared<ManualClock>();
        auto clockB = std::make_shared<ManualClock>();
        auto a = makeEngine(f, u"engine-a"_s, clockA);
        a->scheduler->start(true);
        QTRY_COMPARE_WITH_TIMEOUT(clockA->pendingCount(), 2, 5'000);
        clockA->advance(0);
        QTRY_VERIFY_WITH_TIMEOUT(f.store->runState(u"p2c"_s)->done > 0, 10'000);
        QTRY_COMPARE_WITH_TIMEOUT(f.api.requestCount(u"/pipedrive/api/v2/persons"_s), 2, 10'000);
        const RunState atStall = *f.store->runState(u"p2c"_s);
        QVERIFY(!atStall.next.isEmpty());
        QCOMPARE(leases(f).first().holder, u"engine-a"_s);
        const qint64 expiry = leases(f).first().expiresMs;

        // B starts: refused while A's lease is valid.
        auto b = makeEngine(f, u"engine-b"_s, clockB);
        b->scheduler->start(true);
        QTRY_COMPARE_WITH_TIMEOUT(clockB->pendingCount(), 2, 5'000);
        clockB->advance(0);
        clockB->advance(kLeaseMs - 1); // its retry lands 1 ms before A's lease runs out
        QCOMPARE(clockB->nowMs(), expiry - 1);
        QCOMPARE(b->finished->size(), 0);
        QCOMPARE(leases(f).first().holder, u"engine-a"_s);
        QCOMPARE(f.api.requestCount(u"/pipedrive/api/v2/persons"_s), 2);

        // The next retry, after the expiry, takes the flow over and resumes at page 2.
        clockB->advance(kLeaseMs);
        QTRY_COMPARE_WITH_TIMEOUT(b->finished->size(), 1, 20'000);
        QVERIFY2(b->finished->first().at(1).toBool(),
                 qPrintable(b->finished->first().at(2).toString()));
        QVERIFY(eachPersonOnce(f, 200));
        // Two pages of 100: A read page 1 and hung on page 2; B read only page 2 (resumed from
        // the run state's page token), not page 1 again.
        QCOMPARE(f.api.requestCount(u"/pipedrive/api/v2/persons"_s), 3);
        QCOMPARE(f.api.requestCount(u"/pipedrive/api/v2/persons?"_s), 3);
        QCOMPARE(f.api.requestCount(u"&cursor=MTAw"_s), 2); // page token "100": page 2
        QVERIFY(f.store->runState(u"p2c"_s)->next.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(leases(f).isEmpty(), 5'000);

        // B runs again and holds the lease; A wakes up: its renewal finds the lease gone or
        // in B's hands, so it gives up its run (after the page in hand, abandoned here).
        QVERIFY(*fleet::LeaseStore(b->db).acquire(u"flow:p2c"_s, u"flow"_s, u"engine-b"_s,
                                                  clockB->nowMs(), kLeaseMs));
        clockA->advance(kLeaseMs / 3);
        QVERIFY(a->scheduler->shutdown(10'000, 200));
        QTRY_COMPARE_WITH_TIMEOUT(a->finished->size(), 1, 5'000);
        QVERIFY(!a->finished->first().at(1).toBool() ||
                a->finished->first().at(2).toString().contains(u"interrupted"_s));
        QCOMPARE(leases(f).first().holder, u"engine-b"_s); // A's release did not touch it
        QVERIFY(eachPersonOnce(f, 200));
        QVERIFY(b->scheduler->shutdown(5'000));
    }

    // A graceful shutdown finishes the page in hand and hands the lease back at once: the
    // other engine can take the flow before the lease would have expired.
    void gracefulShutdownHandsTheLeaseBack() {
        SyncFixture f;
        QVERIFY(initFixture(f));
        seed(f, 400); // four pages of 100, each answered 500 ms late
        for (int i = 0; i < 4; ++i)
            f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 500});
        auto clock = std::make_shared<ManualClock>();
        auto a = makeEngine(f, u"engine-a"_s, clock);
        a->scheduler->start(true);
        QTRY_COMPARE_WITH_TIMEOUT(clock->pendingCount(), 2, 5'000);
        clock->advance(0);
        QTRY_VERIFY_WITH_TIMEOUT(f.store->runState(u"p2c"_s)->done > 0, 10'000);
        QCOMPARE(leases(f).size(), 1);
        QVERIFY(a->scheduler->shutdown(10'000, 10'000));
        QVERIFY(leases(f).isEmpty());
        const RunState left = *f.store->runState(u"p2c"_s);
        QVERIFY(left.done > 0 && left.done < 400);
        QVERIFY(!left.next.isEmpty());

        auto b = makeEngine(f, u"engine-b"_s, clock);
        const int pendingBefore = clock->pendingCount(); // A's cancelled timers count too
        b->scheduler->start(true);
        QTRY_COMPARE_WITH_TIMEOUT(clock->pendingCount(), pendingBefore + 2, 5'000);
        clock->advance(0); // well within A's former lease
        QTRY_COMPARE_WITH_TIMEOUT(b->finished->size(), 1, 20'000);
        QVERIFY(b->finished->first().at(1).toBool());
        QVERIFY(eachPersonOnce(f, 400));
        QVERIFY(b->scheduler->shutdown(5'000));
    }
};

QTEST_GUILESS_MAIN(TestFlowLeases)
#include "TestFlowLeases.moc"
