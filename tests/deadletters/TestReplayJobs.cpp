// Persisted, budget-aware bulk replay on real parts: a real pipeline (SQLite store, rate-limit
// ledger, breaker) sending to a loopback server that enforces its quota by arrival time. A
// job stays inside the budget minus the reserve, never draws a 429, pauses while the circuit is
// open, can be cancelled, and after the runner and pipeline are destroyed a new pair finishes
// it, sending every letter exactly once.
#include "../http/PipelineFixture.h"
#include "deadletters/ReplayJobRunner.h"
#include "deadletters/ReplayJobs.h"
#include "support/TestPostgres.h"

#include <cstdio>

#include <QJsonArray>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::deadletters;
using namespace bk::testing;

namespace {

constexpr qint64 kWindowMs = 10'000;

QByteArray quotaDefinition(int limit) {
    return QStringLiteral(R"({"retry": {"maxAttempts": 5, "maxSpan": "15m", "baseDelay": "1s",
        "maxDelay": "5m", "jitter": 0.2}, "breaker": {"failureThreshold": 2, "cooldown": "60s"},
        "rateLimits": [{"id": "window", "kind": "fixed-window", "limit": %1, "window": "10s",
                        "scope": "client"}]})")
        .arg(limit)
        .toUtf8();
}

/// A server-side quota: `limit` calls per aligned 10 s window of the test clock, else 429.
struct QuotaServer {
    std::shared_ptr<ManualClock> clock;
    int limit;
    QMutex mutex;
    QHash<qint64, int> perWindow;
    int refused = 0;
    QList<QByteArray> bodies;

    LoopbackApi::Handler handler() {
        return [this](const httpserver::Request& r) {
            QMutexLocker lock(&mutex);
            const qint64 w = clock->nowMs() / kWindowMs;
            if (++perWindow[w] > limit) {
                ++refused;
                return answer(429, R"({"error":"quota"})");
            }
            bodies.append(r.body);
            return answer(201, R"({"id":"x"})");
        };
    }
    int maxPerWindow() {
        QMutexLocker lock(&mutex);
        int m = 0;
        for (int n : std::as_const(perWindow))
            m = std::max(m, n);
        return m;
    }
};

QList<qint64> makeLetters(PipelineFixture& f, const LoopbackApi& api, int n) {
    QList<qint64> ids;
    for (int i = 0; i < n; ++i) {
        http::Request r;
        r.method = "POST";
        r.url = api.url(u"/crm/Accounts"_s);
        r.headers = {{"Content-Type", "application/json"}};
        r.body = QStringLiteral(R"({"Name":"letter-%1"})").arg(i).toUtf8();
        r.connectorId = u"api"_s;
        r.flowId = u"f1"_s;
        http::Outcome o;
        o.cls = http::OutcomeClass::Transient;
        o.status = 503;
        o.reason = u"gave up after 5 attempts"_s;
        auto id = f.deadLetters->deadLetter(r, o, u"outbox:api:%1"_s.arg(i));
        if (!id)
            qWarning("%s", qPrintable(id.error().message));
        ids << *id;
    }
    return ids;
}

/// A pipeline like the fixture's, owned by a named engine (a restarted engine is a new owner).
std::unique_ptr<http::Pipeline> ownedPipeline(PipelineFixture& f, const QByteArray& definition,
                                              const QString& owner) {
    ConnectorConfig c;
    c.id = u"api"_s;
    c.type = u"test-api"_s;
    http::Pipeline::Options o;
    o.clock = f.clock;
    o.db = f.db;
    o.deadLetters = f.deadLetters;
    o.seed = 42;
    o.monitorStatusPage = false;
    o.owner = owner;
    auto p = http::Pipeline::create(c, QJsonDocument::fromJson(definition).object(), o);
    return p ? std::move(*p) : nullptr;
}

} // namespace

class TestReplayJobs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QLoggingCategory::setFilterRules(u"bridgekeeper.deadletters.info=false"_s);
    }

    void pacedInsideTheBudgetWithoutA429() {
        PipelineFixture f;
        QVERIFY(f.open());
        QuotaServer quota{f.clock, 5};
        LoopbackApi api(quota.handler());
        QVERIFY(api.start());
        auto p = f.pipeline(quotaDefinition(5));
        QVERIFY(p);
        const QList<qint64> ids = makeLetters(f, api, 12);
        auto jobs = std::make_shared<ReplayJobStore>(f.db, f.clock);
        auto created = jobs->create(ids, u"ann"_s);
        QVERIFY(created.ok());
        QCOMPARE(created->size(), 1);
        const qint64 jobId = created->first();
        QCOMPARE(jobs->job(jobId)->total, 12);

        ReplayJobRunner runner(f.deadLetters, jobs, p.get(), f.clock, {});
        QSignalSpy changes(&runner, &ReplayJobRunner::jobChanged);
        const qint64 start = f.clock->nowMs();
        runner.start();
        QVERIFY(f.driveUntil(*p, [&] { return jobs->job(jobId)->state == JobState::Finished; }));

        const ReplayJob j = *jobs->job(jobId);
        QCOMPARE(j.resolved, 12);
        QCOMPARE(j.failed, 0);
        QCOMPARE(quota.refused, 0); // never a 429
        QCOMPARE(api.hits(), 12);   // each letter once
        // The reserve (20 % of 5 = 1 slot) stays free for live traffic in every window.
        QVERIFY2(quota.maxPerWindow() <= 4, qPrintable(QString::number(quota.maxPerWindow())));
        // 12 letters at 4 per 10 s window take at least two full windows more.
        QVERIFY(f.clock->nowMs() - start >= 2 * kWindowMs);
        for (qint64 id : ids)
            QCOMPARE(f.deadLetters->get(id)->state, State::Resolved);
        // Progress was published as it went, ending with the finished job.
        QVERIFY(changes.size() >= 12);
        const auto last = changes.last().first().value<ReplayJob>();
        QCOMPARE(last.state, JobState::Finished);
        QCOMPARE(last.done(), 12);
        // While the budget held it, the job said so (and stayed "running").
        bool waited = false;
        for (const auto& c : std::as_const(changes)) {
            const auto seen = c.first().value<ReplayJob>();
            waited |= seen.state == JobState::Running &&
                      seen.pauseReason.startsWith(u"waiting for the rate-limit budget (window: "_s);
        }
        QVERIFY(waited);
        std::printf("12 letters, server quota 5 per 10 s window: at most %d per window, %d x 429, "
                    "done after %lld s of clock time\n",
                    quota.maxPerWindow(), quota.refused,
                    static_cast<long long>((f.clock->nowMs() - start) / 1000));
        QStringList actions;
        const auto audit = f.deadLetters->audit().entries();
        QVERIFY(audit.ok());
        for (const auto& e : audit.value())
            actions << e.action;
        QCOMPARE(actions.first(), u"bulk-replay"_s);
        QCOMPARE(actions.count(u"replay-resolved"_s), 12);
    }

    void pausesWhileTheCircuitIsOpenAndContinues() {
        PipelineFixture f;
        QVERIFY(f.open());
        std::atomic<bool> down{true};
        LoopbackApi api([&](const httpserver::Request&) {
            return down ? answer(503, R"({"error":"down"})") : answer(201, R"({"id":"x"})");
        });
        QVERIFY(api.start());
        auto p = f.pipeline(quotaDefinition(100));
        const QList<qint64> ids = makeLetters(f, api, 5);
        auto jobs = std::make_shared<ReplayJobStore>(f.db, f.clock);
        const qint64 jobId = jobs->create(ids, u"ann"_s)->first();
        ReplayJobRunner runner(f.deadLetters, jobs, p.get(), f.clock, {});
        QList<ReplayJob> seen;
        connect(&runner, &ReplayJobRunner::jobChanged, this,
                [&](const ReplayJob& j) { seen.append(j); });
        runner.start();
        QVERIFY(f.driveUntil(*p, [&] { return jobs->job(jobId)->state == JobState::Paused; }));
        const ReplayJob paused = *jobs->job(jobId);
        QVERIFY2(paused.pauseReason.contains(u"circuit open"_s), qPrintable(paused.pauseReason));
        // Paused: nothing new is handed to the pipeline while the circuit is open.
        QCOMPARE(paused.pending, 5 - 2);
        const int hitsWhenPaused = api.hits();
        f.clock->advance(30'000); // half the cooldown
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(api.hits(), hitsWhenPaused);
        QCOMPARE(jobs->job(jobId)->pending, 3);

        down = false; // the probe after the cooldown succeeds and closes the circuit
        QVERIFY(f.driveUntil(*p, [&] { return jobs->job(jobId)->state == JobState::Finished; }));
        QCOMPARE(jobs->job(jobId)->resolved, 5);
        bool resumed = false;
        for (qsizetype i = 1; i < seen.size(); ++i)
            resumed |= seen[i - 1].state == JobState::Paused && seen[i].state == JobState::Running;
        QVERIFY(resumed);
        for (qint64 id : ids)
            QCOMPARE(f.deadLetters->get(id)->state, State::Resolved);
    }

    void resumesAfterARestartSendingEachLetterOnce() {
        PipelineFixture f;
        QVERIFY(f.open());
        QuotaServer quota{f.clock, 3};
        LoopbackApi api(quota.handler());
        QVERIFY(api.start());
        const QList<qint64> ids = makeLetters(f, api, 8);
        qint64 jobId = 0;
        {
            auto p = f.pipeline(quotaDefinition(3));
            auto jobs = std::make_shared<ReplayJobStore>(f.db, f.clock);
            jobId = jobs->create(ids, u"ann"_s)->first();
            ReplayJobRunner runner(f.deadLetters, jobs, p.get(), f.clock, {});
            runner.start();
            QVERIFY(f.driveUntil(*p, [&] {
                const auto j = jobs->job(jobId);
                return j->resolved >= 3 && j->sent == 0;
            }));
            QCOMPARE(jobs->job(jobId)->state, JobState::Running);
            // The engine goes away mid-job: runner first, then its pipeline.
        }
        auto jobs = std::make_shared<ReplayJobStore>(f.db, f.clock);
        const ReplayJob interrupted = *jobs->job(jobId);
        QVERIFY(interrupted.pending > 0);
        const int sentBefore = api.hits();
        QCOMPARE(sentBefore, interrupted.resolved);

        // A new engine on the same store: new pipeline (recovers its outbox), new runner.
        auto p = f.pipeline(quotaDefinition(3));
        QVERIFY(p->recoverPending(true).ok());
        ReplayJobRunner runner(f.deadLetters, jobs, p.get(), f.clock, {});
        runner.start();
        QVERIFY(f.driveUntil(*p, [&] { return jobs->job(jobId)->state == JobState::Finished; }));
        QCOMPARE(jobs->job(jobId)->resolved, 8);
        QCOMPARE(api.hits(), 8);
        QCOMPARE(quota.refused, 0);
        QSet<QByteArray> bodies;
        for (const QByteArray& b : std::as_const(quota.bodies))
            bodies.insert(b);
        QCOMPARE(bodies.size(), 8); // every letter, none twice
        for (qint64 id : ids) {
            const auto d = f.deadLetters->get(id);
            QCOMPARE(d->state, State::Resolved);
            QCOMPARE(d->replays, 1);
        }
    }

    void resumesItemsThatWereInFlightAtTheRestart() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(503), answer(201, R"({"id":"x"})")}));
        QVERIFY(api.start());
        const QList<qint64> ids = makeLetters(f, api, 1);
        qint64 jobId = 0;
        {
            auto p = ownedPipeline(f, quotaDefinition(100), u"engine-1"_s);
            auto jobs = std::make_shared<ReplayJobStore>(f.db, f.clock);
            jobId = jobs->create(ids, u"ann"_s)->first();
            ReplayJobRunner runner(f.deadLetters, jobs, p.get(), f.clock, {});
            runner.start();
            // The first attempt fails (503) and waits for its retry: in the outbox, not done.
            QTRY_COMPARE(api.hits(), 1);
            QVERIFY(PipelineFixture::settle(*p));
            QCOMPARE(jobs->job(jobId)->sent, 1);
        }
        auto jobs = std::make_shared<ReplayJobStore>(f.db, f.clock);
        auto p = ownedPipeline(f, quotaDefinition(100), u"engine-2"_s);
        QCOMPARE(*p->recoverPending(true), 1); // the pipeline resumes the retry itself
        ReplayJobRunner runner(f.deadLetters, jobs, p.get(), f.clock, {});
        runner.start();
        QVERIFY(f.driveUntil(*p, [&] { return jobs->job(jobId)->state == JobState::Finished; }));
        QCOMPARE(jobs->job(jobId)->resolved, 1);
        QCOMPARE(api.hits(), 2); // the failed attempt and its retry; the runner sent nothing new
        QCOMPARE(f.deadLetters->get(ids[0])->replays, 1);
    }

    void cancelSkipsWhatIsLeft() {
        PipelineFixture f;
        QVERIFY(f.open());
        QuotaServer quota{f.clock, 2};
        LoopbackApi api(quota.handler());
        QVERIFY(api.start());
        auto p = f.pipeline(quotaDefinition(2));
        const QList<qint64> ids = makeLetters(f, api, 6);
        auto jobs = std::make_shared<ReplayJobStore>(f.db, f.clock);
        const qint64 jobId = jobs->create(ids, u"ann"_s)->first();
        ReplayJobRunner runner(f.deadLetters, jobs, p.get(), f.clock, {});
        runner.start();
        QVERIFY(f.driveUntil(*p, [&] {
            const auto j = jobs->job(jobId);
            return j->resolved >= 2 && j->sent == 0;
        }));
        QVERIFY(jobs->cancel(jobId, u"bob"_s).ok());
        QVERIFY(!jobs->cancel(jobId, u"bob"_s).ok()); // once
        runner.wake();
        const int hits = api.hits();
        f.clock->advance(5 * kWindowMs);
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(api.hits(), hits); // nothing more is sent
        const ReplayJob j = *jobs->job(jobId);
        QCOMPARE(j.state, JobState::Cancelled);
        QCOMPARE(j.resolved + j.skipped, 6);
        int stillNew = 0;
        for (qint64 id : ids)
            stillNew += f.deadLetters->get(id)->state == State::New ? 1 : 0;
        QCOMPARE(stillNew, j.skipped);
        const auto audit = f.deadLetters->audit().entries();
        QVERIFY(audit.ok());
        const QList<AuditEntry> entries = audit.value();
        QCOMPARE(entries.last().action, u"bulk-replay-cancelled"_s);
        QCOMPARE(entries.last().user, u"bob"_s);
        QVERIFY(f.deadLetters->audit().verify().ok());
    }

    void jobsAndRedirectsOnPostgres() {
        if (!bk::test::hasPostgres())
            QSKIP(bk::test::noPostgresReason());
        const auto pg = bk::test::freshPostgresStore(u"bk_dlq_"_s);
        QVERIFY(pg.has_value());
        {
            const StoreConfig& c = *pg;
            auto db = store::Database::open(
                c, {http::httpMigrations(), deadletters::deadlettersMigrations()});
            QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().message));
            auto clock = std::make_shared<ManualClock>();
            auto letters = std::make_shared<DeadLetterStore>(*db, clock);
            QList<qint64> ids;
            for (int i = 0; i < 3; ++i) {
                http::Request r;
                r.method = "POST";
                r.url = QUrl(u"http://127.0.0.1:9/v1/accounts"_s);
                r.body = "{}";
                r.connectorId = u"api"_s;
                http::Outcome o;
                o.reason = u"no"_s;
                auto id = letters->deadLetter(r, o, u"pg:%1"_s.arg(i));
                QVERIFY2(id.ok(), id ? "" : qPrintable(id.error().message));
                ids << *id;
            }
            ReplayJobStore jobs(*db, clock);
            auto created = jobs.create(ids, u"ann"_s);
            QVERIFY2(created.ok(), created ? "" : qPrintable(created.error().message));
            const qint64 jobId = created->first();
            QVERIFY(jobId > 0);
            QCOMPARE(jobs.job(jobId)->total, 3);
            QCOMPARE(jobs.items(jobId, ItemState::Pending)->size(), 3);
            QVERIFY(jobs.setItem(jobId, 0, ItemState::Resolved, u"ok"_s).ok());
            QVERIFY(jobs.setState(jobId, JobState::Paused, u"circuit open"_s).ok());
            QCOMPARE(jobs.job(jobId)->pauseReason, u"circuit open"_s);
            QVERIFY(jobs.cancel(jobId, u"bob"_s).ok());
            QCOMPARE(jobs.job(jobId)->skipped, 2);
            QCOMPARE(jobs.jobs({}, true)->size(), 0);

            ReplayRedirect to;
            to.connectorId = u"api2"_s;
            to.url = QUrl(u"http://127.0.0.1:9/v2/accounts"_s);
            to.label = u"connector api2"_s;
            auto req = letters->beginReplay(ids[1], u"ann"_s, to);
            QVERIFY2(req.ok(), req ? "" : qPrintable(req.error().message));
            QCOMPARE(letters->get(ids[1])->replayTarget, u"connector api2"_s);
            Filter before;
            before.beforeId = ids[2];
            QCOMPARE(*letters->count(before), 2);
            QVERIFY(*letters->matches(ids[0], before));
            QVERIFY(!*letters->matches(ids[2], before));
            QVERIFY(letters->audit().verify().ok());
        }
        bk::test::pgAdminExec(u"DROP DATABASE IF EXISTS "_s + pg->database);
    }

    void plannedLettersAreRedirectedOrFailedWithoutSending() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(201, R"({"id":"x"})")}));
        QVERIFY(api.start());
        auto p = f.pipeline(quotaDefinition(100));
        const QList<qint64> ids = makeLetters(f, api, 3);
        auto jobs = std::make_shared<ReplayJobStore>(f.db, f.clock);
        const qint64 jobId = jobs->create(ids, u"ann"_s)->first();
        ReplayJobRunner::Options options;
        // As the engine plans source records: one still does not map, one goes elsewhere.
        options.plan = [&](const DeadLetter& d) -> Result<ReplayRedirect> {
            if (d.id == ids[0])
                return Error::invalid(u"the payload does not fit x/Accounts: $.Name (required)"_s);
            ReplayRedirect to;
            if (d.id == ids[1]) {
                to.connectorId = u"api"_s;
                to.url = api.url(u"/crm/Contacts"_s);
                to.body = QByteArray(R"({"LastName":"mapped"})");
                to.label = u"flow f2"_s;
            }
            return to;
        };
        ReplayJobRunner runner(f.deadLetters, jobs, p.get(), f.clock, options);
        runner.start();
        QVERIFY(f.driveUntil(*p, [&] { return jobs->job(jobId)->state == JobState::Finished; }));
        const ReplayJob j = *jobs->job(jobId);
        QCOMPARE(j.failed, 1);
        QCOMPARE(j.resolved, 2);
        QCOMPARE(api.hits(), 2); // the unmappable one was not sent
        QCOMPARE(api.hits(u"/crm/Contacts"_s), 1);
        QCOMPARE(f.deadLetters->get(ids[0])->state, State::New);
        QCOMPARE(f.deadLetters->get(ids[0])->replays, 0);
        const auto failed = jobs->items(jobId, ItemState::Failed);
        QVERIFY(failed.ok());
        QVERIFY(failed->first().detail.contains(u"$.Name"_s));
        const auto redirected = *f.deadLetters->get(ids[1]);
        QCOMPARE(redirected.state, State::Resolved);
        QCOMPARE(redirected.replayTarget, u"flow f2"_s);
        QVERIFY(redirected.stateReason.startsWith(u"to flow f2: "_s));
    }

    void onlyNewLettersJoinAJobOnePerConnector() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api;
        QVERIFY(api.start());
        QList<qint64> ids = makeLetters(f, api, 3);
        http::Request other;
        other.url = api.url(u"/x"_s);
        other.connectorId = u"shop"_s;
        http::Outcome o;
        o.reason = u"no"_s;
        ids << *f.deadLetters->deadLetter(other, o, u"outbox:shop:1"_s);
        QVERIFY(f.deadLetters->discard(ids[1], u"ann"_s, u"duplicate"_s).ok());
        ReplayJobStore jobs(f.db, f.clock);
        auto created = jobs.create(ids, u"ann"_s);
        QVERIFY(created.ok());
        QCOMPARE(created->size(), 2);
        QCOMPARE(jobs.job(created->at(0))->connectorId, u"api"_s);
        QCOMPARE(jobs.job(created->at(0))->total, 2); // the discarded one is left out
        QCOMPARE(jobs.job(created->at(1))->connectorId, u"shop"_s);
        QCOMPARE(jobs.jobs(u"api"_s, true)->size(), 1);
        QCOMPARE(jobs.jobs({}, true)->size(), 2);
    }
};

QTEST_MAIN(TestReplayJobs)
#include "TestReplayJobs.moc"
