#include "Clock.h"
#include "FleetTestStore.h"
#include "fleet/FleetChannel.h"
#include "fleet/FleetChannelAgent.h"
#include "fleet/FleetRegistry.h"
#include "fleet/LeaseStore.h"

#include <barrier>
#include <memory>
#include <mutex>
#include <vector>

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::fleet;

// The fleet's command channel (fleet_controls, fleet_commands) against a real SQLite file and
// the real PostgreSQL server of scripts/run-tests.sh (those rows skip without it).
class TestFleetChannel : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void controlsRoundTrip_data() { fleet::test::addBackendRows(); }
    void controlsRoundTrip() {
        OPEN_FLEET_STORE(db, m_dir);
        FleetChannel ch(db);
        QVERIFY(ch.controls()->isEmpty());
        int audited = 0;
        ConnectorControl seenBefore, seenAfter;
        auto also = [&](QSqlDatabase&, const ConnectorControl& b, const ConnectorControl& a) {
            ++audited;
            seenBefore = b;
            seenAfter = a;
            return Status::success();
        };
        QVERIFY(ch.setPaused(u"exact"_s, true, u"console:a"_s, 1000, also).ok());
        QVERIFY(ch.setBreakerOverride(u"exact"_s, u"open"_s, u"console:b"_s, 2000, also).ok());
        QVERIFY(ch.setBreakerOverride(u"shop"_s, u"closed"_s, u"console:a"_s, 3000).ok());
        QVERIFY(!ch.setBreakerOverride(u"shop"_s, u"ajar"_s, u"console:a"_s, 3000).ok());
        QCOMPARE(audited, 2);
        QCOMPARE(seenBefore.paused, true); // the pause stays when the breaker is overridden
        QCOMPARE(seenBefore.breakerOverride, QString());
        QCOMPARE(seenAfter.breakerOverride, u"open"_s);

        auto rows = ch.controls();
        QVERIFY(rows.ok());
        QCOMPARE(rows->size(), 2);
        QCOMPARE(rows->at(0).connectorId, u"exact"_s);
        QCOMPARE(rows->at(0).paused, true);
        QCOMPARE(rows->at(0).breakerOverride, u"open"_s);
        QCOMPARE(rows->at(0).updatedMs, 2000);
        QCOMPARE(rows->at(0).updatedBy, u"console:b"_s);
        QCOMPARE(rows->at(1).connectorId, u"shop"_s);
        QCOMPARE(rows->at(1).paused, false);
        QCOMPARE(rows->at(1).breakerOverride, u"closed"_s);

        // A failing companion write (the audit entry) takes the control back with it.
        QVERIFY(!ch.setPaused(u"exact"_s, false, u"console:a"_s, 4000,
                              [](QSqlDatabase&, const ConnectorControl&, const ConnectorControl&) {
                                  return Status(Error::internal(u"audit refused"_s));
                              })
                     .ok());
        QCOMPARE(ch.controls()->at(0).paused, true);
        QVERIFY(ch.setPaused(u"exact"_s, false, u"console:a"_s, 5000).ok());
        QCOMPARE(ch.controls()->at(0).paused, false);
        QCOMPARE(ch.controls()->at(0).breakerOverride, u"open"_s);
    }

    void commandLifecycle_data() { fleet::test::addBackendRows(); }
    void commandLifecycle() {
        OPEN_FLEET_STORE(db, m_dir);
        FleetChannel ch(db);
        auto id = ch.issue(FleetChannel::kResync, u"orders"_s, u"42"_s, u"console:a"_s, 1000);
        QVERIFY(id.ok() && *id > 0);
        QVERIFY(!ch.issue(u"delete-everything"_s, u"orders"_s, {}, u"console:a"_s, 1000).ok());
        QCOMPARE(ch.command(*id)->value().state(), u"waiting"_s);

        // Only an engine that runs the flow claims it.
        QVERIFY(!ch.claimNext(u"e1"_s, {u"invoices"_s}, 1100)->has_value());
        auto c = ch.claimNext(u"e1"_s, {u"invoices"_s, u"orders"_s}, 1100);
        QVERIFY(c.ok() && c->has_value());
        QCOMPARE((*c)->id, *id);
        QCOMPARE((*c)->claimedBy, u"e1"_s);
        QCOMPARE((*c)->sourceId, u"42"_s);
        QCOMPARE((*c)->state(), u"claimed"_s);
        QVERIFY(!ch.claimNext(u"e2"_s, {u"orders"_s}, 1100)->has_value());

        QCOMPARE(*ch.finish(*id, u"e2"_s, true, u"resolved"_s, u"x"_s, 1200), false); // not e2's
        QCOMPARE(*ch.finish(*id, u"e1"_s, true, u"resolved"_s, u"written"_s, 1200), true);
        QCOMPARE(*ch.finish(*id, u"e1"_s, false, {}, {}, 1300), false); // once
        const FleetCommand done = ch.command(*id)->value();
        QCOMPARE(done.state(), u"done"_s);
        QCOMPARE(done.detail, u"resolved"_s);
        QCOMPARE(done.message, u"written"_s);
        QCOMPARE(done.finishedMs, 1200);
        QCOMPARE(ch.recent(10)->size(), 1);
        QCOMPARE(*ch.prune(1201), 1);
        QVERIFY(!ch.command(*id)->has_value());
    }

    // The flow's lease decides who may claim: another engine's valid lease keeps a command
    // for that flow from this one; an expired lease or one's own does not.
    void claimFollowsTheFlowLease_data() { fleet::test::addBackendRows(); }
    void claimFollowsTheFlowLease() {
        OPEN_FLEET_STORE(db, m_dir);
        FleetChannel ch(db);
        LeaseStore leases(db);
        QVERIFY(*leases.acquire(u"flow:orders"_s, u"flow"_s, u"e1"_s, 1000, 30'000));
        auto id = ch.issue(FleetChannel::kRun, u"orders"_s, {}, u"console:a"_s, 1000);
        QVERIFY(id.ok());
        QVERIFY(!ch.claimNext(u"e2"_s, {u"orders"_s}, 2000)->has_value());
        QVERIFY(!ch.claimNext(u"e2"_s, {u"orders"_s}, 30'999)->has_value());
        QCOMPARE(ch.claimNext(u"e2"_s, {u"orders"_s}, 31'000)->value().id, *id); // expired

        auto id2 = ch.issue(FleetChannel::kRun, u"orders"_s, {}, u"console:a"_s, 1000);
        QVERIFY(*leases.acquire(u"flow:orders"_s, u"flow"_s, u"e1"_s, 31'000, 30'000));
        QVERIFY(!ch.claimNext(u"e2"_s, {u"orders"_s}, 32'000)->has_value());
        QCOMPARE(ch.claimNext(u"e1"_s, {u"orders"_s}, 32'000)->value().id, *id2); // its own
    }

    // A command nobody can claim fails after the timeout with a message saying why; a claimed
    // command whose engine stopped (or went silent) fails too; a live claimer's does not.
    void unclaimableCommandTimesOut_data() { fleet::test::addBackendRows(); }
    void unclaimableCommandTimesOut() {
        OPEN_FLEET_STORE(db, m_dir);
        FleetChannel ch(db);
        FleetRegistry registry(db);
        auto lonely = ch.issue(FleetChannel::kRun, u"nobody-runs-this"_s, {}, u"c"_s, 1000);
        auto live = ch.issue(FleetChannel::kRun, u"orders"_s, {}, u"c"_s, 1000);
        auto orphan = ch.issue(FleetChannel::kReconcile, u"invoices"_s, {}, u"c"_s, 1000);
        QVERIFY(registry.announce({u"e-live"_s, u"h"_s, u"v"_s, {}, 1, 1000, 1000, 0}).ok());
        QVERIFY(registry.announce({u"e-dead"_s, u"h"_s, u"v"_s, {}, 2, 1000, 1000, 0}).ok());
        QVERIFY(ch.claimNext(u"e-live"_s, {u"orders"_s}, 1500)->has_value());
        QVERIFY(ch.claimNext(u"e-dead"_s, {u"invoices"_s}, 1500)->has_value());

        QVERIFY(registry.heartbeat(u"e-live"_s, 60'000).ok());
        QVERIFY(registry.markStopped(u"e-dead"_s, 50'000).ok());
        QCOMPARE(*ch.expire(60'999, 60'000, 15'000), 1); // e-dead's reconcile
        QCOMPARE(ch.command(*lonely)->value().state(), u"waiting"_s);
        QCOMPARE(*ch.expire(61'000, 60'000, 15'000), 1); // a minute unclaimed
        const FleetCommand a = ch.command(*lonely)->value();
        QCOMPARE(a.state(), u"failed"_s);
        QVERIFY2(a.message.contains(u"no engine took this command within 60 s"_s),
                 qPrintable(a.message));
        QVERIFY(a.claimedBy.isEmpty());
        const FleetCommand o = ch.command(*orphan)->value();
        QCOMPARE(o.state(), u"failed"_s);
        QVERIFY2(o.message.contains(u"e-dead"_s), qPrintable(o.message));
        QCOMPARE(ch.command(*live)->value().state(), u"claimed"_s);
        QCOMPARE(*ch.expire(62'000, 60'000, 15'000), 0);
    }

    // Four engines, each on its own connection, claim from one queue at once: every command is
    // claimed exactly once, by one of them.
    void claimExactlyOnceUnderRace_data() { fleet::test::addBackendRows(); }
    void claimExactlyOnceUnderRace() {
        OPEN_FLEET_STORE(db, m_dir);
        FleetChannel ch(db);
        constexpr int kCommands = 60;
        constexpr int kEngines = 4;
        QSet<qint64> issued;
        for (int i = 0; i < kCommands; ++i)
            issued.insert(*ch.issue(FleetChannel::kRun, u"f%1"_s.arg(i % 3), {}, u"c"_s, 1000));
        QCOMPARE(issued.size(), kCommands);

        std::mutex mutex;
        QList<QPair<qint64, QString>> claims;
        QStringList errors;
        std::barrier start(kEngines);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int t = 0; t < kEngines; ++t) {
            threads.emplace_back(QThread::create([&, t] {
                FleetChannel mine(db);
                const QString engine = u"e%1"_s.arg(t);
                start.arrive_and_wait();
                for (;;) {
                    auto c = mine.claimNext(engine, {u"f0"_s, u"f1"_s, u"f2"_s}, 2000);
                    std::lock_guard lock(mutex);
                    if (!c) {
                        errors << c.error().message;
                        return;
                    }
                    if (!c->has_value())
                        return;
                    claims.append({(*c)->id, engine});
                }
            }));
            threads.back()->start();
        }
        for (auto& th : threads)
            QVERIFY(th->wait(60'000));
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(u"; "_s)));
        QSet<qint64> claimedIds;
        QSet<QString> claimers;
        for (const auto& [id, engine] : claims) {
            QVERIFY2(!claimedIds.contains(id), qPrintable(u"claimed twice: %1"_s.arg(id)));
            claimedIds.insert(id);
            claimers.insert(engine);
            QCOMPARE(ch.command(id)->value().claimedBy, engine);
        }
        QCOMPARE(claimedIds, issued);
        qInfo("%d commands claimed by %d of %d engines", int(claims.size()), int(claimers.size()),
              kEngines);
    }

    // The agent on a ManualClock: applies controls at its first poll and then only changes,
    // claims commands for its flows, reports its own issued commands when they finish.
    void agentAppliesClaimsAndReports_data() { fleet::test::addBackendRows(); }
    void agentAppliesClaimsAndReports() {
        OPEN_FLEET_STORE(db, m_dir);
        auto clock = std::make_shared<ManualClock>(1'000'000);
        FleetChannel ch(db);
        QVERIFY(ch.setPaused(u"exact"_s, true, u"x"_s, 1).ok());
        QVERIFY(ch.setBreakerOverride(u"shop"_s, u"closed"_s, u"x"_s, 1).ok());

        FleetChannelAgent::Options eo;
        eo.engineId = u"engine"_s;
        eo.flowIds = {u"orders"_s};
        FleetChannelAgent engine(db, clock, eo);
        FleetChannelAgent::Options co;
        co.engineId = u"console"_s;
        FleetChannelAgent console(db, clock, co);
        QSignalSpy pauses(&engine, &FleetChannelAgent::pauseWanted);
        QSignalSpy breakers(&engine, &FleetChannelAgent::breakerWanted);
        QSignalSpy claimed(&engine, &FleetChannelAgent::commandClaimed);
        QSignalSpy finished(&console, &FleetChannelAgent::commandFinished);
        QSignalSpy consoleClaims(&console, &FleetChannelAgent::commandClaimed);

        engine.start();
        console.start();
        QCOMPARE(pauses.size(), 1); // at start: the pause; a "closed" override is a no-op
        QCOMPARE(pauses.at(0).at(0).toString(), u"exact"_s);
        QCOMPARE(pauses.at(0).at(1).toBool(), true);
        QCOMPARE(breakers.size(), 0);

        QVERIFY(console.setPaused(u"exact"_s, false));
        QVERIFY(console.setBreakerOverride(u"exact"_s, u"open"_s));
        clock->advance(FleetChannelAgent::kPollMs - 1);
        QCOMPARE(pauses.size(), 1); // not polled yet
        clock->advance(1);
        QCOMPARE(pauses.size(), 2);
        QCOMPARE(pauses.at(1).at(1).toBool(), false);
        QCOMPARE(breakers.size(), 1);
        QCOMPARE(breakers.at(0).at(1).toString(), u"open"_s);
        clock->advance(FleetChannelAgent::kPollMs);
        QCOMPARE(pauses.size(), 2); // nothing changed
        QCOMPARE(breakers.size(), 1);

        const qint64 id = console.issue(FleetChannel::kRun, u"orders"_s);
        QVERIFY(id > 0);
        clock->advance(FleetChannelAgent::kPollMs);
        QCOMPARE(claimed.size(), 1);
        QCOMPARE(consoleClaims.size(), 0); // a console runs no flows
        const auto cmd = claimed.at(0).at(0).value<FleetCommand>();
        QCOMPARE(cmd.id, id);
        QCOMPARE(finished.size(), 0);
        engine.finish(id, true, u"ok"_s, u"3 records"_s);
        clock->advance(FleetChannelAgent::kPollMs);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).value<FleetCommand>().message, u"3 records"_s);
        QCOMPARE(finished.at(0).at(0).value<FleetCommand>().claimedBy, u"engine"_s);

        // Nobody runs "invoices": after a minute of polls the console hears it failed.
        const qint64 lost = console.issue(FleetChannel::kReconcile, u"invoices"_s);
        for (int i = 0; i < 59; ++i)
            clock->advance(FleetChannelAgent::kPollMs);
        QCOMPARE(finished.size(), 1);
        clock->advance(FleetChannelAgent::kPollMs);
        QCOMPARE(finished.size(), 2);
        const auto failed = finished.at(1).at(0).value<FleetCommand>();
        QCOMPARE(failed.id, lost);
        QCOMPARE(failed.state(), u"failed"_s);
        engine.stop();
        console.stop();
        QCOMPARE(claimed.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestFleetChannel)
#include "TestFleetChannel.moc"
