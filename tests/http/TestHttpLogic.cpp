// Pure pipeline logic: classification, Retry-After, backoff and jitter, configuration with
// overrides, the circuit breaker's state machine, and the ledger's arithmetic on a real
// SQLite store with a manual clock.
#include "http/Backoff.h"
#include "http/CircuitBreaker.h"
#include "http/Classify.h"
#include "http/HttpMigrations.h"
#include "http/PipelineConfig.h"
#include "http/RateLedger.h"
#include "support/TestPostgres.h"

#include <atomic>
#include <thread>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::http;

namespace {

QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

ConnectorConfig connector(QJsonObject overrides = {}) {
    ConnectorConfig c;
    c.id = u"exact-main"_s;
    c.type = u"exact-online"_s;
    c.clientId = u"client-1"_s;
    c.division = u"42"_s;
    c.overrides = overrides;
    return c;
}

} // namespace

class TestHttpLogic : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_dbCount = 0;

    std::shared_ptr<store::Database> openDb() {
        StoreConfig c;
        c.sqlitePath = m_dir.filePath(u"ledger%1.db"_s.arg(++m_dbCount));
        c.url = u"sqlite:"_s + c.sqlitePath;
        auto db = store::Database::open(c, {httpMigrations()});
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        return *db;
    }

    PipelineConfig config(const char* rateLimits) {
        QJsonObject def = json("{}");
        def.insert(u"rateLimits"_s, QJsonDocument::fromJson(QByteArray(rateLimits)).array());
        auto c = PipelineConfig::fromDefinition(connector(), def);
        if (!c)
            qFatal("%s", qPrintable(c.error().message));
        return *c;
    }

    static Request get(const QString& path = u"/crm/Accounts"_s, QByteArray method = "GET") {
        Request r;
        r.method = method;
        r.url = QUrl(u"http://127.0.0.1:1"_s + path);
        return r;
    }

private Q_SLOTS:
    void classification_data() {
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("network");
        QTest::addColumn<QString>("expected");
        QTest::newRow("200") << 200 << 0 << u"success"_s;
        QTest::newRow("204") << 204 << 0 << u"success"_s;
        QTest::newRow("400") << 400 << 0 << u"permanent"_s;
        QTest::newRow("404") << 404 << 0 << u"permanent"_s;
        QTest::newRow("422") << 422 << 0 << u"permanent"_s;
        QTest::newRow("401") << 401 << 0 << u"auth"_s;
        QTest::newRow("429") << 429 << 0 << u"rate-limited"_s;
        QTest::newRow("500") << 500 << 0 << u"transient"_s;
        QTest::newRow("503") << 503 << 0 << u"transient"_s;
        QTest::newRow("timeout") << 0 << int(QNetworkReply::OperationCanceledError) << u"network"_s;
        QTest::newRow("refused") << 0 << int(QNetworkReply::ConnectionRefusedError) << u"network"_s;
        QTest::newRow("dns") << 0 << int(QNetworkReply::HostNotFoundError) << u"network"_s;
    }
    void classification() {
        QFETCH(int, status);
        QFETCH(int, network);
        QFETCH(QString, expected);
        QCOMPARE(outcomeClassName(classify(status, QNetworkReply::NetworkError(network))),
                 expected);
    }

    void retryAfterBothForms() {
        const qint64 now =
            QDateTime(QDate(2015, 10, 21), QTime(7, 28, 0), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(parseRetryAfter("120", now).value_or(-1), 120'000);
        QCOMPARE(parseRetryAfter("2.0", now).value_or(-1), 2000);
        QCOMPARE(parseRetryAfter(" 0.5 ", now).value_or(-1), 500);
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now).value_or(-1), 30'000);
        // A date in the past means "now".
        QCOMPARE(parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now).value_or(-1), 0);
        QVERIFY(!parseRetryAfter("soon", now));
        QVERIFY(!parseRetryAfter("-5", now));
        QVERIFY(!parseRetryAfter("", now));
    }

    void backoffDoublesAndCaps() {
        RetryPolicy p;
        p.maxDelayMs = 10'000;
        Backoff b(p, 1);
        QCOMPARE(b.nominalDelayMs(1), 1000);
        QCOMPARE(b.nominalDelayMs(2), 2000);
        QCOMPARE(b.nominalDelayMs(3), 4000);
        QCOMPARE(b.nominalDelayMs(4), 8000);
        QCOMPARE(b.nominalDelayMs(5), 10'000);
        QCOMPARE(b.nominalDelayMs(60), 10'000);
    }

    void jitterStaysWithinTwentyPercentAndSpreads() {
        Backoff b(RetryPolicy{}, 12345);
        qint64 lo = 1 << 30, hi = 0;
        double sum = 0;
        const int draws = 20'000;
        for (int i = 0; i < draws; ++i) {
            const qint64 d = b.delayMs(3); // nominal 4000
            QVERIFY2(d >= 3200 && d <= 4800, qPrintable(QString::number(d)));
            lo = std::min(lo, d);
            hi = std::max(hi, d);
            sum += double(d);
        }
        // Uniform: both ends are reached closely and the mean sits in the middle.
        QVERIFY(lo < 3220);
        QVERIFY(hi > 4780);
        QVERIFY(std::abs(sum / draws - 4000.0) < 25.0);
        // Same seed, same sequence (tests can pin it).
        Backoff a1(RetryPolicy{}, 7), a2(RetryPolicy{}, 7);
        for (int i = 1; i < 6; ++i)
            QCOMPARE(a1.delayMs(i), a2.delayMs(i));
    }

    void configReadsDefinitionAndOverrides() {
        QFile f(QStringLiteral(BK_SOURCE_DIR "/resources/connectors/exact-online.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject def = QJsonDocument::fromJson(f.readAll()).object();
        auto plain = PipelineConfig::fromDefinition(connector(), def);
        QVERIFY2(plain.ok(), plain.ok() ? "" : qPrintable(plain.error().message));
        QCOMPARE(plain->retry.maxAttempts, 5);
        QCOMPARE(plain->retry.maxSpanMs, 15 * 60'000);
        QCOMPARE(plain->breaker.failureThreshold, 5);
        QCOMPARE(plain->breaker.cooldownMs, 5 * 60'000);
        QCOMPARE(plain->statusPage.pollMs, 2 * 60'000);
        QCOMPARE(plain->rateLimits.size(), 3);
        QCOMPARE(plain->rateLimits[0].limit, 60.0);
        QCOMPARE(plain->scopeKey(plain->rateLimits[0]),
                 u"exact-online|minutely|client=client-1|division=42"_s);
        QCOMPARE(plain->scopeKey(plain->rateLimits[2], u"GET /x"_s),
                 u"exact-online|errors|client=client-1|division=42|endpoint=GET /x"_s);

        auto over = PipelineConfig::fromDefinition(
            connector(json(R"({"retry": {"maxAttempts": 3, "maxSpan": "2m"},
                               "breaker": {"cooldown": "30s"},
                               "statusPage": {"poll": "10s", "pauseOn": ["critical"]},
                               "rateLimits": {"minutely": {"limit": 30}}})")),
            def);
        QVERIFY(over.ok());
        QCOMPARE(over->retry.maxAttempts, 3);
        QCOMPARE(over->retry.maxSpanMs, 120'000);
        QCOMPARE(over->breaker.cooldownMs, 30'000);
        QCOMPARE(over->statusPage.pollMs, 10'000);
        QCOMPARE(over->statusPage.pauseOn, QStringList{u"critical"_s});
        QCOMPARE(over->rateLimits[0].limit, 30.0);
        QCOMPARE(over->rateLimits[1].limit, 5000.0); // untouched

        auto bad = PipelineConfig::fromDefinition(
            connector(json(R"({"retry": {"maxSpan": "forever"}})")), def);
        QVERIFY(!bad.ok());
        QVERIFY(bad.error().message.contains(u"maxSpan"_s));
    }

    void breakerOpensProbesOnceClosesAndReopens() {
        CircuitBreaker b({5, 300'000});
        QList<CircuitBreaker::Event> events;
        b.setListener([&](const CircuitBreaker::Event& e) { events.append(e); });
        qint64 t = 1000;
        for (int i = 0; i < 4; ++i) {
            QVERIFY(b.tryAcquire(t));
            b.recordFailure(t, u"HTTP 503"_s);
        }
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        b.recordSuccess(t); // a success breaks the streak
        for (int i = 0; i < 5; ++i)
            b.recordFailure(t, u"HTTP 503"_s);
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        QCOMPARE(events.size(), 1);
        QCOMPARE(events[0].timeMs, t);
        QVERIFY(!b.tryAcquire(t + 299'999));
        bool probe = false;
        QVERIFY(b.tryAcquire(t + 300'000, &probe));
        QVERIFY(probe);
        QVERIFY(!b.tryAcquire(t + 300'001)); // exactly one probe
        b.recordFailure(t + 300'100, u"HTTP 503"_s);
        QCOMPARE(b.state(), CircuitBreaker::State::Open); // re-opened
        QCOMPARE(b.nextProbeMs(), t + 600'100);
        QVERIFY(b.tryAcquire(t + 600'100, &probe));
        b.recordSuccess(t + 600'200);
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
        QStringList path;
        for (const auto& e : events)
            path << CircuitBreaker::stateName(e.to);
        QCOMPARE(path,
                 (QStringList{u"open"_s, u"half-open"_s, u"open"_s, u"half-open"_s, u"closed"_s}));
        b.forceOpen(t + 700'000, u"operator"_s);
        QCOMPARE(b.state(), CircuitBreaker::State::Open);
        b.probeNow(t + 700'001);
        QVERIFY(b.tryAcquire(t + 700'001, &probe));
        QVERIFY(probe);
        b.forceClose(t + 700'002, u"operator"_s);
        QCOMPARE(b.state(), CircuitBreaker::State::Closed);
    }

    void ledgerFixedWindowWaitsForNextWindow() {
        auto clock = std::make_shared<ManualClock>(1'767'225'600'000);
        RateLedger ledger(openDb(), clock,
                          config(R"([{"id":"m","kind":"fixed-window","limit":3,"window":"60s",
                                      "scope":"client+division","guard":"0s"}])"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(ledger.reserve(get())->granted);
        auto r = ledger.reserve(get());
        QVERIFY(r.ok() && !r->granted);
        QCOMPARE(r->waitUntilMs, 1'767'225'660'000);
        QCOMPARE(r->policyId, u"m"_s);
        clock->setNow(1'767'225'660'000);
        QVERIFY(ledger.reserve(get())->granted);
        auto g = ledger.gauges();
        QVERIFY(g.ok());
        QCOMPARE(g->first().used, 1.0);
        QCOMPARE(g->first().kind, u"fixed-window"_s);
    }

    void ledgerFixedWindowHoldsCallsInTheClosingGuard() {
        auto clock = std::make_shared<ManualClock>(1'767'225'600'000 + 59'900);
        RateLedger ledger(openDb(), clock,
                          config(R"([{"id":"m","kind":"fixed-window","limit":1,"window":"60s",
                                      "scope":"client","guard":"200ms"}])"));
        auto r = ledger.reserve(get()); // could arrive in the next window: wait for it
        QVERIFY(!r->granted);
        QCOMPARE(r->waitUntilMs, 1'767'225'660'000);
        QVERIFY(r->reason.contains(u"closing"_s));
        clock->setNow(1'767'225'660'000);
        QVERIFY(ledger.reserve(get())->granted);
        QVERIFY(!ledger.reserve(get())->granted);
    }

    void ledgerOnPostgresNeverOverbooksAcrossEngines() {
        // Four engines (each its own store handle and connections) race for one quota on one
        // PostgreSQL database: exactly the limit is granted, never more.
        if (!bk::test::hasPostgres())
            QSKIP(bk::test::noPostgresReason());
        const auto pg = bk::test::freshPostgresStore(u"bk_ledger_"_s);
        QVERIFY(pg.has_value());
        auto clock = std::make_shared<ManualClock>(1'767'225'600'000 + 1'000);
        const PipelineConfig quota =
            config(R"([{"id":"m","kind":"fixed-window","limit":150,"window":"60s",
                        "scope":"client","guard":"0s"}])");
        constexpr int kEngines = 4;
        constexpr int kTries = 100;
        std::atomic<int> granted{0};
        std::atomic<int> failed{0};
        std::vector<std::thread> engines;
        for (int e = 0; e < kEngines; ++e) {
            auto db = store::Database::open(*pg, {httpMigrations()});
            QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().message));
            engines.emplace_back([db = *db, clock, quota, &granted, &failed] {
                RateLedger ledger(db, clock, quota);
                for (int i = 0; i < kTries; ++i) {
                    auto r = ledger.reserve(get());
                    if (!r)
                        ++failed;
                    else if (r->granted)
                        ++granted;
                }
            });
        }
        for (auto& t : engines)
            t.join();
        QCOMPARE(failed.load(), 0);
        QCOMPARE(granted.load(), 150);
        bk::test::pgAdminExec(u"DROP DATABASE IF EXISTS "_s + pg->database + u" WITH (FORCE)"_s);
    }

    void ledgerSlidingWindow() {
        auto clock = std::make_shared<ManualClock>();
        RateLedger ledger(openDb(), clock,
                          config(R"([{"id":"burst","kind":"sliding-window","limit":2,
                                      "window":"2s","scope":"token","guard":"0s"}])"));
        const qint64 t0 = clock->nowMs();
        QVERIFY(ledger.reserve(get())->granted);
        clock->advance(500);
        QVERIFY(ledger.reserve(get())->granted);
        auto r = ledger.reserve(get());
        QVERIFY(!r->granted);
        QCOMPARE(r->waitUntilMs, t0 + 2001); // the first call leaves the window
        clock->setNow(t0 + 2001);
        QVERIFY(ledger.reserve(get())->granted);
        QVERIFY(!ledger.reserve(get())->granted);
    }

    void ledgerLeakyBucket() {
        auto clock = std::make_shared<ManualClock>();
        RateLedger ledger(openDb(), clock,
                          config(R"([{"id":"bucket","kind":"leaky-bucket","capacity":4,
                                      "leakPerSecond":2,"scope":"shop"}])"));
        for (int i = 0; i < 4; ++i)
            QVERIFY(ledger.reserve(get())->granted);
        auto r = ledger.reserve(get());
        QVERIFY(!r->granted);
        QCOMPARE(r->waitUntilMs - clock->nowMs(), 500); // one call leaks out in 0.5 s
        clock->advance(500);
        QVERIFY(ledger.reserve(get())->granted);
        QVERIFY(!ledger.reserve(get())->granted);
    }

    void ledgerDailyQuotaAndCostBudget() {
        auto clock = std::make_shared<ManualClock>(1'767'225'600'000 + 3'600'000); // 01:00 UTC
        RateLedger ledger(
            openDb(), clock,
            config(R"([{"id":"daily","kind":"daily-quota","limit":2,"resetUtc":"00:00",
                                      "scope":"client"},
                                     {"id":"tokens","kind":"cost-budget","limit":30,"resetUtc":"00:00",
                                      "scope":"company","costs":{"GET:list":20,"POST":10},
                                      "defaultCost":5}])"));
        Request list = get();
        list.costKey = u"GET:list"_s;
        QVERIFY(ledger.reserve(list)->granted); // daily 1, tokens 20
        auto r = ledger.reserve(list);          // tokens would be 40 > 30
        QVERIFY(!r->granted);
        QCOMPARE(r->policyId, u"tokens"_s);
        QCOMPARE(r->waitUntilMs, 1'767'225'600'000 + 86'400'000);
        QVERIFY(ledger.reserve(get(u"/x"_s, "POST"))->granted); // tokens 30, daily 2
        r = ledger.reserve(get(u"/x"_s, "DELETE"));             // daily exhausted too
        QVERIFY(!r->granted);
        // Nothing was taken by refused reservations.
        auto g = ledger.gauges();
        QCOMPARE(g->at(0).used, 2.0);
        QCOMPARE(g->at(1).used, 30.0);
        clock->setNow(1'767'225'600'000 + 86'400'000);
        QVERIFY(ledger.reserve(list)->granted);
    }

    void ledgerErrorBudgetStopsBeforeTheBlock() {
        auto clock = std::make_shared<ManualClock>();
        RateLedger ledger(openDb(), clock,
                          config(R"([{"id":"errors","kind":"error-budget","limit":10,"window":"1h",
                                      "scope":"client+division+endpoint",
                                      "countStatuses":[400,401,403,404]}])"));
        const Request bad = get(u"/crm/Broken"_s);
        for (int i = 0; i < 9; ++i) {
            auto slot = ledger.reserve(bad);
            QVERIFY(slot->granted);
            QCOMPARE(slot->tentative.size(), 1);
            QVERIFY(ledger.observe(bad, 404, {}, slot->tentative).ok());
            clock->advance(1000);
        }
        auto r = ledger.reserve(bad);
        QVERIFY(!r->granted); // a tenth error would trip Exact's block: hold instead
        QVERIFY(r->reason.contains(u"block"_s));
        QCOMPARE(r->waitUntilMs, clock->nowMs() - 9000 + 3'600'000 + 1);
        QVERIFY(ledger.reserve(get(u"/crm/Other"_s))->granted); // other endpoints unaffected
        QVERIFY(ledger.observe(bad, 500, {}).ok());             // 5xx does not count
        QCOMPARE(ledger.gauges()->first().used, 9.0);
    }

    void ledgerHeaderCorrection() {
        auto clock = std::make_shared<ManualClock>(1'767'225'600'000 + 1000);
        RateLedger ledger(
            openDb(), clock,
            config(R"([{"id":"minutely","kind":"fixed-window","limit":60,"window":"60s",
                        "scope":"client+division","headers":{"limit":"X-RateLimit-Minutely-Limit",
                        "remaining":"X-RateLimit-Minutely-Remaining",
                        "reset":"X-RateLimit-Minutely-Reset","resetUnit":"epoch-ms"}}])"));
        QVERIFY(ledger.reserve(get())->granted);
        // Another application used 57 more: the server's figure wins.
        auto reset = ledger.observe(get(), 200,
                                    {{"X-RateLimit-Minutely-Limit", "60"},
                                     {"X-RateLimit-Minutely-Remaining", "2"},
                                     {"X-RateLimit-Minutely-Reset", "1767225660000"}});
        QVERIFY(reset.ok());
        QCOMPARE(*reset, 0);
        auto g = ledger.gauges();
        QCOMPARE(g->first().used, 58.0);
        QVERIFY(g->first().fromServer);
        QVERIFY(ledger.reserve(get())->granted);
        QVERIFY(ledger.reserve(get())->granted);
        QVERIFY(!ledger.reserve(get())->granted);
        // A lower server figure (an older response) never lowers the estimate.
        QVERIFY(ledger.observe(get(), 200, {{"X-RateLimit-Minutely-Remaining", "50"}}).ok());
        QCOMPARE(ledger.gauges()->first().used, 60.0);
        // Remaining 0 blocks until the announced reset.
        reset = ledger.observe(get(), 429,
                               {{"X-RateLimit-Minutely-Remaining", "0"},
                                {"X-RateLimit-Minutely-Reset", "1767225660000"}});
        QCOMPARE(*reset, 1'767'225'660'000);
    }

    void ledgerPipedriveAndShopifyHeaders() {
        auto clock = std::make_shared<ManualClock>();
        RateLedger pd(openDb(), clock,
                      config(R"([{"id":"burst","kind":"sliding-window","limit":80,"window":"2s",
                                  "scope":"token","headers":{"limit":"x-ratelimit-limit",
                                  "remaining":"x-ratelimit-remaining","reset":"x-ratelimit-reset",
                                  "resetUnit":"seconds-left"}}])"));
        QVERIFY(pd.reserve(get())->granted);
        auto reset = pd.observe(get(), 200,
                                {{"x-ratelimit-limit", "80"},
                                 {"x-ratelimit-remaining", "0"},
                                 {"x-ratelimit-reset", "2"}});
        QCOMPARE(*reset, clock->nowMs() + 2000);
        auto r = pd.reserve(get());
        QVERIFY(!r->granted);
        QCOMPARE(r->waitUntilMs, clock->nowMs() + 2000);

        RateLedger shop(openDb(), clock,
                        config(R"([{"id":"rest","kind":"leaky-bucket","capacity":40,
                                    "leakPerSecond":2,"scope":"shop",
                                    "headers":{"usedOfSize":"X-Shopify-Shop-Api-Call-Limit"}}])"));
        QVERIFY(shop.reserve(get())->granted);
        QVERIFY(shop.observe(get(), 200, {{"X-Shopify-Shop-Api-Call-Limit", "40/40"}}).ok());
        auto w = shop.reserve(get());
        QVERIFY(!w->granted);
        QCOMPARE(w->waitUntilMs - clock->nowMs(), 500);
        QVERIFY(shop.gauges()->first().fromServer);
    }
};

QTEST_GUILESS_MAIN(TestHttpLogic)
#include "TestHttpLogic.moc"
