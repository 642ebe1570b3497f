// The pipeline against real loopback HTTP servers on a manual clock: each error class,
// Retry-After, attempt cap and span, 401 refresh, circuit breaker, status page, batch split.
#include "PipelineFixture.h"
#include "http/Batch.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::http;
using namespace bk::testing;

namespace {

const QByteArray kDefinition = R"({"retry": {"maxAttempts": 5, "maxSpan": "15m", "baseDelay": "1s",
                                    "maxDelay": "5m", "jitter": 0.2},
                                   "breaker": {"failureThreshold": 5, "cooldown": "5m"}})";

struct OpResult {
    bool done = false;
    Outcome outcome;
};

std::shared_ptr<OpResult> submit(Pipeline& p, Request r) {
    auto res = std::make_shared<OpResult>();
    auto id = p.send(std::move(r), &p, [res](const Outcome& o) {
        res->done = true;
        res->outcome = o;
    });
    if (!id)
        qWarning("%s", qPrintable(id.error().message));
    return res;
}

Request get(const LoopbackApi& api, const QString& path = u"/items"_s) {
    Request r;
    r.url = api.url(path);
    r.flowId = u"flow-1"_s;
    r.recordIds = {u"rec-1"_s};
    return r;
}

class FakeAuth : public AuthProvider {
public:
    int authorizeCalls = 0;
    int unauthorizedCalls = 0;
    QByteArray current = "Bearer first";
    QByteArray refreshed = "Bearer second";
    int tokenEndpointDownFor = 0; ///< this many authorize calls fail as the vault does in an outage
    void authorize(QObject* context, std::function<void(bk::Result<Header>)> done) override {
        ++authorizeCalls;
        if (tokenEndpointDownFor > 0) {
            --tokenEndpointDownFor;
            const bk::Error down{bk::ErrorCategory::Transient,
                                 QStringLiteral("the access token expired and the token endpoint "
                                                "answered 503")};
            QMetaObject::invokeMethod(
                context, [done, down] { done(down); }, Qt::QueuedConnection);
            return;
        }
        const Header h{"Authorization", current};
        QMetaObject::invokeMethod(
            context, [done, h] { done(h); }, Qt::QueuedConnection);
    }
    void unauthorized(const Header&, QObject* context,
                      std::function<void(bk::Result<Header>)> done) override {
        ++unauthorizedCalls;
        current = refreshed;
        const Header h{"Authorization", current};
        QMetaObject::invokeMethod(
            context, [done, h] { done(h); }, Qt::QueuedConnection);
    }
};

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void successLeavesNothingBehind() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(200, R"({"id":1})")}));
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition);
        Request r = get(api);
        r.idempotencyKey = u"key-1"_s;
        auto res = submit(*p, r);
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QVERIFY(res->outcome.ok());
        QCOMPARE(res->outcome.attempts.size(), 1);
        QCOMPARE(res->outcome.body, QByteArray(R"({"id":1})"));
        QCOMPARE(api.requests().first().header("Idempotency-Key"), QByteArray("key-1"));
        QCOMPARE(*Outbox(f.db, u"x"_s).count(u"api"_s), 0);
        QCOMPARE(*f.deadLetters->count(), 0);
    }

    void permanentGoesStraightToDeadLetters() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(404, R"({"error":"Account not found"})")}));
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition);
        auto res = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QCOMPARE(res->outcome.cls, OutcomeClass::Permanent);
        QCOMPARE(api.hits(), 1);
        f.clock->advance(3'600'000);
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(api.hits(), 1); // never retried
        auto dl = f.deadLetters->get(res->outcome.deadLetterId);
        QVERIFY(dl.ok());
        QCOMPARE(dl->status, 404);
        QVERIFY(dl->reason.contains(u"404"_s));
        QVERIFY(dl->reason.contains(u"Account not found"_s));
        QCOMPARE(dl->recordIds, QStringList{u"rec-1"_s});
        QCOMPARE(dl->flowId, u"flow-1"_s);
        QCOMPARE(*Outbox(f.db, u"x"_s).count(u"api"_s), 0);
    }

    void transientBacksOffWithJitter() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(503), answer(502), answer(200)}));
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition);
        auto res = submit(*p, get(api));
        QVERIFY(PipelineFixture::settle(*p));
        QTRY_COMPARE(api.hits(), 1);
        QVERIFY(PipelineFixture::settle(*p));
        const qint64 first = f.clock->nextDueMs() - f.clock->nowMs();
        QVERIFY2(first >= 800 && first <= 1200, qPrintable(QString::number(first)));
        f.clock->advance(first - 1);
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(api.hits(), 1); // waiting is a timer: nothing before it is due
        QVERIFY(f.step(*p));
        QCOMPARE(api.hits(), 2);
        const qint64 second = f.clock->nextDueMs() - f.clock->nowMs();
        QVERIFY2(second >= 1600 && second <= 2400, qPrintable(QString::number(second)));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QVERIFY(res->outcome.ok());
        QCOMPARE(res->outcome.attempts.size(), 3);
        QCOMPARE(res->outcome.attempts[0].cls, OutcomeClass::Transient);
        QCOMPARE(res->outcome.attempts[0].waitAfterMs, first);
        QCOMPARE(p->counters().retries, 2u);
    }

    void networkFailureRetriesOnceAtOnceThenBacksOff() {
        PipelineFixture f;
        QVERIFY(f.open());
        auto up = std::make_shared<std::atomic<bool>>(false);
        LoopbackApi api([up](const httpserver::Request&) {
            httpserver::Response drop;
            drop.status = LoopbackApi::kDrop;
            return up->load() ? answer(200) : drop;
        });
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition);
        const qint64 start = f.clock->nowMs();
        auto res = submit(*p, get(api));
        // Immediate retry, clock untouched. (Qt itself may re-send once on a dropped
        // keep-alive connection, so count the pipeline's attempts, not the server's hits.)
        QTRY_COMPARE(p->counters().byClass.value(u"network"_s), 2u);
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(f.clock->nowMs(), start);
        const qint64 wait = f.clock->nextDueMs() - f.clock->nowMs();
        QVERIFY(wait >= 800 && wait <= 1200);
        up->store(true);
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QVERIFY(res->outcome.ok());
        QCOMPARE(res->outcome.attempts[0].cls, OutcomeClass::Network);
        QCOMPARE(res->outcome.attempts[0].waitAfterMs, 0);
    }

    void retryAfterDeltaSecondsAndHttpDate() {
        PipelineFixture f;
        QVERIFY(f.open());
        const QByteArray date =
            QLocale::c()
                .toString(f.clock->now().addSecs(7), u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s)
                .toLatin1();
        LoopbackApi api(sequence({answer(429, "{}", {{"Retry-After", "2.0"}}),
                                  answer(429, "{}", {{"Retry-After", date}}), answer(200)}));
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition);
        auto res = submit(*p, get(api));
        QTRY_COMPARE(api.hits(), 1);
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(f.clock->nextDueMs() - f.clock->nowMs(), 2000);
        QVERIFY(f.step(*p));
        QCOMPARE(api.hits(), 2);
        // The date was 7 s after the start; 2 s have passed.
        QCOMPARE(f.clock->nextDueMs() - f.clock->nowMs(), 5000);
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QVERIFY(res->outcome.ok());
        QCOMPARE(res->outcome.attempts[0].cls, OutcomeClass::RateLimited);
    }

    void rateLimitedWithoutRetryAfterWaitsForResetHeader() {
        PipelineFixture f;
        QVERIFY(f.open());
        const qint64 reset = (f.clock->nowMs() / 60'000 + 1) * 60'000 + 0;
        LoopbackApi api(
            sequence({answer(429, "",
                             {{"X-RateLimit-Minutely-Remaining", "0"},
                              {"X-RateLimit-Minutely-Reset", QByteArray::number(reset)}}),
                      answer(200)}));
        QVERIFY(api.start());
        auto p = f.pipeline(R"({"rateLimits": [{"id": "minutely", "kind": "fixed-window",
            "limit": 60, "window": "60s", "scope": "client",
            "headers": {"remaining": "X-RateLimit-Minutely-Remaining",
                        "reset": "X-RateLimit-Minutely-Reset", "resetUnit": "epoch-ms"}}]})");
        f.clock->advance(20'000);
        auto res = submit(*p, get(api));
        QTRY_COMPARE(api.hits(), 1);
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(f.clock->nextDueMs(), reset);
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QVERIFY(res->outcome.ok());
        QCOMPARE(res->outcome.attempts.size(), 2);
        QCOMPARE(res->outcome.attempts[1].timeMs, reset);
    }

    void attemptCapThenDeadLetter() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(503, "overloaded")}));
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition);
        auto res = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QCOMPARE(api.hits(), 5);
        QCOMPARE(res->outcome.cls, OutcomeClass::Transient);
        QVERIFY(res->outcome.reason.contains(u"5 attempts"_s));
        auto dl = f.deadLetters->get(res->outcome.deadLetterId);
        QVERIFY(dl.ok());
        QCOMPARE(dl->attempts.size(), 5);
        QCOMPARE(dl->attempts[4].status, 503);
        QCOMPARE(dl->attempts[4].excerpt, u"overloaded"_s);
        QCOMPARE(*Outbox(f.db, u"x"_s).count(u"api"_s), 0);
    }

    void retrySpanEndsRetriesEarly() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(500)}));
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition, R"({"retry": {"maxAttempts": 10, "baseDelay": "4s",
                                              "maxSpan": "10s", "jitter": 0}})");
        const qint64 start = f.clock->nowMs();
        auto res = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        // Tries at 0 s and 4 s; the next (at 12 s) would pass the 10 s span.
        QCOMPARE(api.hits(), 2);
        QCOMPARE(f.clock->nowMs() - start, 4000);
        QVERIFY(res->outcome.reason.contains(u"retry span"_s));
        QVERIFY(res->outcome.deadLetterId > 0);
    }

    void defaultSpanIsFifteenMinutes() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(503)}));
        QVERIFY(api.start());
        // Many attempts allowed, long delays: the 15-minute span decides.
        auto p = f.pipeline(kDefinition, R"({"retry": {"maxAttempts": 100, "baseDelay": "60s",
                                              "jitter": 0}, "breaker": {"failureThreshold": 1000}})");
        const qint64 start = f.clock->nowMs();
        auto res = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        // 0, 1, 3, 7 min; the next at 15 min + would pass 15 min (7 + 8 = 15 is allowed,
        // 15 + 5 (capped) = 20 is not).
        QCOMPARE(api.hits(), 5);
        QVERIFY(f.clock->nowMs() - start <= 15 * 60'000);
        QVERIFY(res->outcome.reason.contains(u"900 s retry span"_s));
    }

    void unauthorizedRefreshesOnceAndRetries() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api([](const httpserver::Request& r) {
            return r.header("Authorization") == "Bearer second" ? answer(200) : answer(401);
        });
        QVERIFY(api.start());
        auto auth = std::make_shared<FakeAuth>();
        auto p = f.pipeline(kDefinition, "{}", auth);
        auto res = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QVERIFY(res->outcome.ok());
        QCOMPARE(auth->unauthorizedCalls, 1);
        QCOMPARE(api.hits(), 2);
        QCOMPARE(api.requests()[1].header("Authorization"), QByteArray("Bearer second"));
    }

    void tokenEndpointOutageWaitsInsteadOfDeadLettering() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api([](const httpserver::Request&) { return answer(200); });
        QVERIFY(api.start());
        auto auth = std::make_shared<FakeAuth>();
        auth->tokenEndpointDownFor = 2;
        auto p = f.pipeline(kDefinition, "{}", auth);
        auto res = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QVERIFY2(res->outcome.ok(), qPrintable(res->outcome.reason));
        QCOMPARE(auth->authorizeCalls, 3);
        QCOMPARE(api.hits(), 1);
        // The two waits are on record as transient attempts, with the reason.
        QCOMPARE(res->outcome.attempts.size(), 3);
        QCOMPARE(res->outcome.attempts[0].cls, OutcomeClass::Transient);
        QVERIFY(res->outcome.attempts[0].excerpt.contains(u"token endpoint answered 503"_s));
        QVERIFY(res->outcome.attempts[0].waitAfterMs > 0);
        QVERIFY(p->health().state != HealthState::NeedsReauth);
    }

    void secondUnauthorizedIsAnAuthFailure() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(401, R"({"error":"invalid token"})")}));
        QVERIFY(api.start());
        auto auth = std::make_shared<FakeAuth>();
        auto p = f.pipeline(kDefinition, "{}", auth);
        auto res = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QCOMPARE(res->outcome.cls, OutcomeClass::Auth);
        QCOMPARE(auth->unauthorizedCalls, 1);
        QCOMPARE(api.hits(), 2);
        QCOMPARE(p->health().state, HealthState::NeedsReauth);
        auto dl = f.deadLetters->get(res->outcome.deadLetterId);
        QVERIFY(dl.ok());
        QCOMPARE(dl->cls, OutcomeClass::Auth);
        // The auth header never reaches the dead letter.
        QVERIFY(dl->request.header("Authorization").isEmpty());
    }

    void breakerParksProbesOnceClosesAndReopens() {
        PipelineFixture f;
        QVERIFY(f.open());
        auto healthy = std::make_shared<std::atomic<bool>>(false);
        LoopbackApi api([healthy](const httpserver::Request&) {
            return healthy->load() ? answer(200) : answer(503);
        });
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition, R"({"retry": {"maxAttempts": 10, "jitter": 0}})");
        QList<EngineEvent> events;
        connect(p.get(), &Pipeline::event, this, [&](const EngineEvent& e) { events.append(e); });
        auto a = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return p->breakerState() == CircuitBreaker::State::Open; }));
        QCOMPARE(api.hits(), 5);
        const qint64 openedAt = f.clock->nowMs();
        QCOMPARE(events.last().kind, u"breaker-open"_s);
        QCOMPARE(events.last().timeMs, openedAt);
        QCOMPARE(p->health().state, HealthState::CircuitOpen);
        QCOMPARE(p->health().nextProbeMs, openedAt + 5 * 60'000);
        auto b = submit(*p, get(api, u"/other"_s));
        // Until the cooldown ends nothing is sent, and parked calls use no attempts.
        QVERIFY(f.driveUntil(*p, [&] { return f.clock->nowMs() >= openedAt + 5 * 60'000; }));
        QCOMPARE(api.hits(), 6); // exactly one probe (of the two parked calls)
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(p->breakerState(), CircuitBreaker::State::Open); // the probe failed: re-opened
        QVERIFY(p->counters().parked >= 1);
        healthy->store(true);
        QVERIFY(f.driveUntil(*p, [&] { return a->done && b->done; }));
        QVERIFY(a->outcome.ok());
        QVERIFY(b->outcome.ok());
        QCOMPARE(api.hits(), 8);
        QStringList kinds;
        for (const auto& e : events)
            kinds << e.kind;
        QCOMPARE(kinds, (QStringList{u"breaker-open"_s, u"breaker-half-open"_s, u"breaker-open"_s,
                                     u"breaker-half-open"_s, u"breaker-closed"_s}));
        for (int i = 1; i < events.size(); ++i)
            QVERIFY(events[i].timeMs >= events[i - 1].timeMs);
    }

    void operatorBreakerOverrides() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api;
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition);
        auto first = submit(*p, get(api));
        QVERIFY(f.driveUntil(*p, [&] { return first->done; }));
        p->forceBreakerOpen(u"vendor maintenance"_s);
        auto res = submit(*p, get(api));
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(api.hits(), 1);
        p->probeNow();
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QCOMPARE(api.hits(), 2);
        QCOMPARE(p->breakerState(), CircuitBreaker::State::Closed);
    }

    void statusPagePausesAndResumes() {
        PipelineFixture f;
        QVERIFY(f.open());
        auto indicator = std::make_shared<QByteArray>("major");
        auto mutex = std::make_shared<QMutex>();
        LoopbackApi api([indicator, mutex](const httpserver::Request& r) {
            if (r.path == u"/api/v2/status.json"_s) {
                QMutexLocker lock(mutex.get());
                return answer(200, R"({"status":{"indicator":")" + *indicator +
                                       R"(","description":"Partial outage"}})");
            }
            return answer(200);
        });
        QVERIFY(api.start());
        QJsonObject def = QJsonDocument::fromJson(kDefinition).object();
        def.insert(u"statusPage"_s,
                   QJsonObject{{u"url"_s, api.url(u"/api/v2/status.json"_s).toString()},
                               {u"poll"_s, u"2m"_s},
                               {u"pauseOn"_s, QJsonArray{u"major"_s, u"critical"_s}}});
        auto p = f.pipeline(QJsonDocument(def).toJson(), "{}", {}, true);
        QVERIFY(p->statusMonitor());
        QSignalSpy polled(p->statusMonitor(), &StatusPageMonitor::polled);
        QVERIFY(polled.wait(5000));
        QCOMPARE(p->health().state, HealthState::VendorOutage);
        auto res = submit(*p, get(api));
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(api.hits(u"/items"_s), 0); // parked, not failed
        QCOMPARE(p->counters().parked, 1u);
        f.clock->advance(2 * 60'000); // still major
        QVERIFY(polled.wait(5000));
        QCOMPARE(api.hits(u"/items"_s), 0);
        {
            QMutexLocker lock(mutex.get());
            *indicator = "none";
        }
        f.clock->advance(2 * 60'000);
        QVERIFY(polled.wait(5000));
        QVERIFY(f.driveUntil(
            *p, [&] { return res->done; }, 5));
        QVERIFY(res->outcome.ok());
        QCOMPARE(res->outcome.attempts.size(), 1);
        QCOMPARE(api.hits(u"/api/v2/status.json"_s), 3);
    }

    void batchSplitsPerItemFailures() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(
            200,
            R"({"results":[{"status":201},{"status":422,"error":"email has already been taken"},{"status":201}]})")}));
        QVERIFY(api.start());
        auto p = f.pipeline(kDefinition);
        const auto spec = BatchSpec::fromResource(
            QJsonDocument::fromJson(R"({"batch": {"path": "/persons/batch", "maxItems": 50}})")
                .object());
        QVERIFY(spec);
        Request templ;
        templ.flowId = u"flow-b"_s;
        const QList<BatchItem> items{{u"a"_s, R"({"name":"A"})"},
                                     {u"b"_s, R"({"name":"B","email":"x@y"})"},
                                     {u"c"_s, R"({"name":"C"})"}};
        auto res = submit(*p, buildBatchRequest(*spec, api.url(spec->path), templ, items));
        QVERIFY(f.driveUntil(*p, [&] { return res->done; }));
        QCOMPARE(api.hits(), 1); // one request, one slot
        QCOMPARE(QJsonDocument::fromJson(api.requests()[0].body)
                     .object()
                     .value(u"items"_s)
                     .toArray()
                     .size(),
                 3);
        QVERIFY(res->outcome.ok());
        QCOMPARE(res->outcome.items.size(), 3);
        QVERIFY(res->outcome.items[0].ok);
        QVERIFY(!res->outcome.items[1].ok);
        QVERIFY(res->outcome.items[2].ok);
        QCOMPARE(res->outcome.itemDeadLetterIds.size(), 1);
        auto dl = f.deadLetters->get(res->outcome.itemDeadLetterIds[0]);
        QVERIFY(dl.ok());
        QCOMPARE(dl->recordIds, QStringList{u"b"_s});
        QCOMPARE(dl->status, 422);
        QVERIFY(dl->reason.contains(u"already been taken"_s));
        const QJsonArray sent =
            QJsonDocument::fromJson(dl->request.body).object().value(u"items"_s).toArray();
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent[0].toObject().value(u"name"_s).toString(), u"B"_s);
        QCOMPARE(*f.deadLetters->count(), 1);
    }

    // Each policy against a server that enforces the same policy by arrival time (the
    // manual clock): the pipeline finishes the job with zero refusals and uses the quota.
    void ledgerPolicyAgainstEnforcingServer_data() {
        QTest::addColumn<QByteArray>("policy");
        QTest::addColumn<int>("operations");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<qint64>("minimumSpanMs");
        QTest::newRow("fixed window 5/min")
            << QByteArray(
                   R"({"id":"p","kind":"fixed-window","limit":5,"window":"60s","scope":"client"})")
            << 12 << QByteArray("GET") << qint64(120'000);
        QTest::newRow("sliding window 4/2s")
            << QByteArray(
                   R"({"id":"p","kind":"sliding-window","limit":4,"window":"2s","scope":"token"})")
            << 10 << QByteArray("GET") << qint64(4000);
        QTest::newRow("leaky bucket 4, 2/s")
            << QByteArray(
                   R"({"id":"p","kind":"leaky-bucket","capacity":4,"leakPerSecond":2,"scope":"shop"})")
            << 10 << QByteArray("GET") << qint64(3000);
        QTest::newRow("daily quota 3")
            << QByteArray(
                   R"({"id":"p","kind":"daily-quota","limit":3,"resetUtc":"00:00","scope":"client"})")
            << 5 << QByteArray("GET") << qint64(86'400'000);
        QTest::newRow("cost budget 30, POST 10")
            << QByteArray(
                   R"({"id":"p","kind":"cost-budget","limit":30,"resetUtc":"00:00","scope":"company","costs":{"POST":10}})")
            << 5 << QByteArray("POST") << qint64(86'400'000);
    }
    void ledgerPolicyAgainstEnforcingServer() {
        QFETCH(QByteArray, policy);
        QFETCH(int, operations);
        QFETCH(QByteArray, method);
        QFETCH(qint64, minimumSpanMs);
        PipelineFixture f;
        QVERIFY(f.open());
        const QJsonObject pol = QJsonDocument::fromJson(policy).object();
        const QString kind = pol.value(u"kind"_s).toString();
        auto clock = f.clock;
        auto mutex = std::make_shared<QMutex>();
        auto arrivals = std::make_shared<QList<qint64>>();
        auto refused = std::make_shared<int>(0);
        auto level = std::make_shared<double>(0);
        auto levelAt = std::make_shared<qint64>(clock->nowMs());
        LoopbackApi api([=](const httpserver::Request&) {
            QMutexLocker lock(mutex.get());
            const qint64 now = clock->nowMs();
            bool allowed = true;
            if (kind == u"fixed-window"_s || kind == u"daily-quota"_s || kind == u"cost-budget"_s) {
                const qint64 w = kind == u"fixed-window"_s ? 60'000 : 86'400'000;
                const double cost = kind == u"cost-budget"_s ? 10 : 1;
                const double limit = pol.value(u"limit"_s).toDouble();
                double used = 0;
                for (qint64 t : std::as_const(*arrivals))
                    used += (t / w == now / w) ? cost : 0;
                allowed = used + cost <= limit;
            } else if (kind == u"sliding-window"_s) {
                int inWindow = 0;
                for (qint64 t : std::as_const(*arrivals))
                    inWindow += t > now - 2000 ? 1 : 0;
                allowed = inWindow < 4;
            } else if (kind == u"leaky-bucket"_s) {
                *level = std::max(0.0, *level - 2.0 * double(now - *levelAt) / 1000.0);
                *levelAt = now;
                allowed = *level + 1 <= 4;
                if (allowed)
                    *level += 1;
            }
            if (!allowed) {
                ++*refused;
                return answer(429, R"({"error":"over limit"})");
            }
            arrivals->append(now);
            return answer(200);
        });
        QVERIFY(api.start());
        QJsonObject def = QJsonDocument::fromJson(kDefinition).object();
        def.insert(u"rateLimits"_s, QJsonArray{pol});
        auto p = f.pipeline(QJsonDocument(def).toJson());
        const qint64 start = f.clock->nowMs();
        QList<std::shared_ptr<OpResult>> results;
        for (int i = 0; i < operations; ++i) {
            Request r = get(api);
            r.method = method;
            results.append(submit(*p, r));
        }
        QVERIFY(f.driveUntil(*p, [&] {
            return std::all_of(results.cbegin(), results.cend(),
                               [](const auto& r) { return r->done; });
        }));
        for (const auto& r : results)
            QVERIFY(r->outcome.ok());
        QCOMPARE(*refused, 0); // never sent to be refused
        QCOMPARE(api.hits(), operations);
        QVERIFY2(f.clock->nowMs() - start >= minimumSpanMs,
                 qPrintable(QString::number(f.clock->nowMs() - start)));
        // It waited, but not longer than the policy needs (one window / drain step more).
        QVERIFY(f.clock->nowMs() - start < minimumSpanMs + 86'400'000 / 2);
    }

    void errorBudgetHoldsCallsBeforeTheVendorBlocks() {
        PipelineFixture f;
        QVERIFY(f.open());
        auto mutex = std::make_shared<QMutex>();
        auto errors = std::make_shared<int>(0);
        LoopbackApi api([=](const httpserver::Request&) {
            QMutexLocker lock(mutex.get());
            ++*errors;
            // The vendor blocks the key after more than 10 failed calls in an hour.
            return *errors > 10 ? answer(403, "blocked") : answer(404, R"({"error":"not found"})");
        });
        QVERIFY(api.start());
        auto p = f.pipeline(R"({"rateLimits": [{"id": "errors", "kind": "error-budget",
            "limit": 10, "window": "1h", "scope": "client+endpoint",
            "countStatuses": [400, 401, 403, 404]}]})");
        QList<EngineEvent> events;
        connect(p.get(), &Pipeline::event, this, [&](const EngineEvent& e) { events.append(e); });
        QList<std::shared_ptr<OpResult>> results;
        for (int i = 0; i < 12; ++i)
            results.append(submit(*p, get(api, u"/missing"_s)));
        QVERIFY(PipelineFixture::settle(*p));
        QTRY_COMPARE(api.hits(), 9);
        QVERIFY(PipelineFixture::settle(*p));
        QCOMPARE(api.hits(), 9); // held: a tenth error would trip the block
        QCOMPARE(p->health().state, HealthState::RateLimited);
        QVERIFY(p->health().reason.contains(u"block"_s));
        QVERIFY(!events.isEmpty());
        QCOMPARE(events.last().kind, u"error-budget"_s);
        QVERIFY(f.clock->nextDueMs() - f.clock->nowMs() > 3'500'000);
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "TestPipeline.moc"
