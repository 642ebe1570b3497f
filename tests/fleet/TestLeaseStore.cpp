#include "ConnectorCatalog.h"
#include "FleetTestStore.h"
#include "Workspace.h"
#include "fleet/FleetMember.h"
#include "fleet/FleetRegistry.h"
#include "fleet/LeaseStore.h"

#include <atomic>
#include <barrier>
#include <memory>
#include <vector>

#include <QElapsedTimer>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::fleet;

// LeaseStore and FleetRegistry against a real SQLite file and the real PostgreSQL server of
// scripts/run-tests.sh: every case runs on both backends (the PostgreSQL rows are skipped when
// no server was provided).
class TestLeaseStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static Lease leaseOf(LeaseStore& leases, const QString& resource) {
        auto all = leases.list();
        if (all)
            for (const Lease& l : *all)
                if (l.resource == resource)
                    return l;
        return {};
    }

private Q_SLOTS:
    // fleet.leaseSeconds: default 30 s, whole seconds 1–3600, anything else is refused.
    void workspaceLeaseSeconds() {
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        const auto load = [&](const QByteArray& fleet) {
            WorkspaceLoader loader(*catalog);
            const QByteArray json = R"({"version": 1, "store": "sqlite:x.db")" +
                                    (fleet.isEmpty() ? QByteArray() : ", \"fleet\": " + fleet) +
                                    "}";
            return loader.loadFromJson(json, m_dir.filePath(u"ws.json"_s), m_dir.path());
        };
        auto ws = load({});
        QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
        QCOMPARE(ws->fleet.leaseMs, 30'000);
        ws = load(R"({"leaseSeconds": 12})");
        QVERIFY(ws.ok());
        QCOMPARE(ws->fleet.leaseMs, 12'000);
        for (const QByteArray& bad : {R"({"leaseSeconds": 0})"_ba, R"({"leaseSeconds": 2.5})"_ba,
                                      R"({"leaseSeconds": "30"})"_ba, R"({"leaseSecs": 30})"_ba}) {
            ws = load(bad);
            QVERIFY2(!ws.ok(), bad.constData());
            QVERIFY2(ws.error().message.contains(u"$.fleet"_s), qPrintable(ws.error().message));
        }
    }

    void acquireRefuseExpireTakeOver_data() { fleet::test::addBackendRows(); }
    void acquireRefuseExpireTakeOver() {
        OPEN_FLEET_STORE(db, m_dir);
        LeaseStore leases(db);
        const QString flow = u"flow:orders"_s;

        // Free → taken by A.
        QCOMPARE(*leases.acquire(flow, u"flow"_s, u"engine-a"_s, 1000, 30000), true);
        Lease l = leaseOf(leases, flow);
        QCOMPARE(l.holder, u"engine-a"_s);
        QCOMPARE(l.kind, u"flow"_s);
        QCOMPARE(l.acquiredMs, 1000);
        QCOMPARE(l.expiresMs, 31000);

        // Held → B is refused and the row is untouched (the affected-row count tells).
        QCOMPARE(*leases.acquire(flow, u"flow"_s, u"engine-b"_s, 30999, 30000), false);
        l = leaseOf(leases, flow);
        QCOMPARE(l.holder, u"engine-a"_s);
        QCOMPARE(l.expiresMs, 31000);

        // A acquiring again extends its own lease and keeps the original acquired time.
        QCOMPARE(*leases.acquire(flow, u"flow"_s, u"engine-a"_s, 2000, 30000), true);
        l = leaseOf(leases, flow);
        QCOMPARE(l.acquiredMs, 1000);
        QCOMPARE(l.expiresMs, 32000);

        // Expired (expiresMs reached) → B takes it over.
        QCOMPARE(*leases.acquire(flow, u"flow"_s, u"engine-b"_s, 32000, 30000), true);
        l = leaseOf(leases, flow);
        QCOMPARE(l.holder, u"engine-b"_s);
        QCOMPARE(l.acquiredMs, 32000);
        QCOMPARE(l.expiresMs, 62000);

        // A, back from a pause, can neither renew nor release B's lease.
        QCOMPARE(*leases.renew(flow, u"engine-a"_s, 33000, 30000), false);
        QVERIFY(leases.release(flow, u"engine-a"_s).ok());
        QCOMPARE(leaseOf(leases, flow).holder, u"engine-b"_s);
        QCOMPARE(*leases.acquire(flow, u"flow"_s, u"engine-a"_s, 33000, 30000), false);
    }

    void renewAndRelease_data() { fleet::test::addBackendRows(); }
    void renewAndRelease() {
        OPEN_FLEET_STORE(db, m_dir);
        LeaseStore leases(db);
        QVERIFY(*leases.acquire(u"flow:a"_s, u"flow"_s, u"e1"_s, 0, 300));
        QVERIFY(*leases.acquire(u"flow:b"_s, u"flow"_s, u"e1"_s, 0, 300));
        QVERIFY(*leases.acquire(u"flow:c"_s, u"flow"_s, u"e2"_s, 0, 300));

        // Renewing every leaseMs/3 keeps the lease alive well past the first expiry.
        for (qint64 now = 100; now <= 1000; now += 100)
            QCOMPARE(*leases.renew(u"flow:a"_s, u"e1"_s, now, 300), true);
        QCOMPARE(leaseOf(leases, u"flow:a"_s).expiresMs, 1300);
        QCOMPARE(*leases.acquire(u"flow:a"_s, u"flow"_s, u"e2"_s, 1200, 300), false);
        // Unrenewed flow:b expired at 300 and is free for e2.
        QCOMPARE(*leases.acquire(u"flow:b"_s, u"flow"_s, u"e2"_s, 1200, 300), true);

        // Renewing a lease nobody holds fails; release frees a lease at once.
        QCOMPARE(*leases.renew(u"flow:none"_s, u"e1"_s, 1200, 300), false);
        QVERIFY(leases.release(u"flow:a"_s, u"e1"_s).ok());
        QCOMPARE(*leases.acquire(u"flow:a"_s, u"flow"_s, u"e2"_s, 1201, 300), true);

        // releaseAll hands back every lease of one holder only.
        QVERIFY(*leases.acquire(u"flow:d"_s, u"flow"_s, u"e1"_s, 1201, 300));
        QCOMPARE(*leases.releaseAll(u"e2"_s), 3);
        auto rest = leases.list();
        QVERIFY(rest.ok());
        QCOMPARE(rest->size(), 1);
        QCOMPARE(rest->first().resource, u"flow:d"_s);
        QCOMPARE(*leases.releaseAll(u"e2"_s), 0);
    }

    // Several threads, each on its own connection, race for the same lease: per round exactly
    // one wins — for a fresh lease, and again when the winner's lease has expired.
    void contentionHasOneWinnerPerRound_data() { fleet::test::addBackendRows(); }
    void contentionHasOneWinnerPerRound() {
        OPEN_FLEET_STORE(db, m_dir);
        constexpr int kThreads = 6;
        constexpr int kRounds = 40;
        std::array<std::array<std::atomic<int>, 2>, kRounds> winners{};
        std::atomic<int> errors{0};
        std::barrier sync(kThreads);
        // Own threads (not the pool, which may have fewer threads than the barrier needs).
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back(QThread::create([&, t] {
                LeaseStore leases(db);
                const QString me = u"engine-%1"_s.arg(t);
                for (int r = 0; r < kRounds; ++r) {
                    const QString res = u"flow:race-%1"_s.arg(r);
                    // Phase 0: a fresh lease at time 0, 1000 ms long.
                    sync.arrive_and_wait();
                    auto got = leases.acquire(res, u"flow"_s, me, 0, 1000);
                    if (!got)
                        ++errors;
                    else if (*got)
                        ++winners[r][0];
                    // Phase 1: at time 1000 the winner's lease has expired; all race again.
                    sync.arrive_and_wait();
                    got = leases.acquire(res, u"flow"_s, me, 1000, 1000);
                    if (!got)
                        ++errors;
                    else if (*got)
                        ++winners[r][1];
                }
            }));
        QElapsedTimer took;
        took.start();
        for (auto& t : threads)
            t->start();
        for (auto& t : threads)
            QVERIFY(t->wait(60000));
        QFETCH(QString, backend);
        qInfo("%s: %d contended acquires (%d threads x %d rounds x 2) in %lld ms",
              qPrintable(backend), kThreads * kRounds * 2, kThreads, kRounds, took.elapsed());
        QCOMPARE(errors.load(), 0);
        for (int r = 0; r < kRounds; ++r) {
            QCOMPARE(winners[r][0].load(), 1);
            // The phase-0 winner may win again (its own lease), but only one thread wins.
            QCOMPARE(winners[r][1].load(), 1);
        }
        LeaseStore leases(db);
        auto all = leases.list();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), kRounds);
        for (const Lease& l : *all)
            QCOMPARE(l.expiresMs, 2000);
    }

    // The engine's membership: announced at start, a heartbeat every 5 s of engine clock,
    // and a graceful stop that hands back every lease of the engine (not others') and marks
    // it stopped.
    void memberHeartbeatsAndHandsLeasesBack_data() { fleet::test::addBackendRows(); }
    void memberHeartbeatsAndHandsLeasesBack() {
        OPEN_FLEET_STORE(db, m_dir);
        auto clock = std::make_shared<ManualClock>();
        EngineInfo self;
        self.engineId = u"engine-a"_s;
        self.host = u"server-1"_s;
        FleetMember member(db, clock, self);
        const Status started = member.start();
        QVERIFY2(started.ok(), started.ok() ? "" : qPrintable(started.error().message));
        FleetRegistry registry(db);
        auto all = registry.engines();
        QVERIFY(all.ok() && all->size() == 1);
        QCOMPARE(all->first().startedMs, clock->nowMs());
        QCOMPARE(all->first().heartbeatMs, clock->nowMs());

        clock->advance(FleetMember::kHeartbeatMs * 3 + 1000);
        all = registry.engines();
        QCOMPARE(all->first().heartbeatMs, clock->nowMs() - 1000); // the third beat
        QCOMPARE(all->first().stoppedMs, 0);

        LeaseStore leases(db);
        const qint64 now = clock->nowMs();
        QVERIFY(*leases.acquire(u"flow:a"_s, u"flow"_s, u"engine-a"_s, now, 30'000));
        QVERIFY(*leases.acquire(u"flow:b"_s, u"flow"_s, u"engine-a"_s, now, 30'000));
        QVERIFY(*leases.acquire(u"flow:c"_s, u"flow"_s, u"engine-b"_s, now, 30'000));
        auto released = member.stop();
        QVERIFY(released.ok());
        QCOMPARE(*released, 2);
        QCOMPARE(leases.list()->size(), 1);
        QCOMPARE(leases.list()->first().holder, u"engine-b"_s);
        all = registry.engines();
        QCOMPARE(all->first().stoppedMs, now);
        // No heartbeat after the stop.
        clock->advance(FleetMember::kHeartbeatMs * 2);
        QCOMPARE(registry.engines()->first().heartbeatMs, now);
    }

    void registryAnnounceHeartbeatStop_data() { fleet::test::addBackendRows(); }
    void registryAnnounceHeartbeatStop() {
        OPEN_FLEET_STORE(db, m_dir);
        FleetRegistry registry(db);
        EngineInfo a;
        a.engineId = u"engine-a"_s;
        a.host = u"server-1"_s;
        a.pid = 4242;
        a.version = u"1.2.3"_s;
        a.startedMs = 1000;
        a.listen = u"127.0.0.1:8081"_s;
        QVERIFY(registry.announce(a).ok());
        EngineInfo b = a;
        b.engineId = u"engine-b"_s;
        b.host = u"server-2"_s;
        b.startedMs = 1500;
        QVERIFY(registry.announce(b).ok());

        QVERIFY(registry.heartbeat(u"engine-a"_s, 5000).ok());
        QVERIFY(!registry.heartbeat(u"engine-unknown"_s, 5000).ok());
        QVERIFY(registry.markStopped(u"engine-b"_s, 6000).ok());

        auto all = registry.engines();
        QVERIFY(all.ok());
        QCOMPARE(all->size(), 2);
        const EngineInfo& ra = all->at(0);
        QCOMPARE(ra.engineId, u"engine-a"_s);
        QCOMPARE(ra.host, u"server-1"_s);
        QCOMPARE(ra.pid, 4242);
        QCOMPARE(ra.version, u"1.2.3"_s);
        QCOMPARE(ra.listen, u"127.0.0.1:8081"_s);
        QCOMPARE(ra.startedMs, 1000);
        QCOMPARE(ra.heartbeatMs, 5000);
        QCOMPARE(ra.stoppedMs, 0);
        QCOMPARE(all->at(1).stoppedMs, 6000);

        // A restart with the same id starts afresh: running again, new start time and pid.
        b.startedMs = 9000;
        b.pid = 777;
        QVERIFY(registry.announce(b).ok());
        all = registry.engines();
        QVERIFY(all.ok());
        QCOMPARE(all->at(1).stoppedMs, 0);
        QCOMPARE(all->at(1).pid, 777);
        QCOMPARE(all->at(1).startedMs, 9000);
        QCOMPARE(all->at(1).heartbeatMs, 9000);
    }
};

QTEST_GUILESS_MAIN(TestLeaseStore)
#include "TestLeaseStore.moc"
