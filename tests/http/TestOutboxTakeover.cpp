// Outbox takeover while engines run (PostgreSQL; skipped without the server of
// scripts/run-tests.sh): an engine that died leaves queued writes in http_outbox; engines that
// are already running find them on their periodic sweep once the dead owner's lease has ended
// and send each exactly once, while a live engine's long-parked operations are never taken.
#include "LoopbackApi.h"
#include "http/HttpMigrations.h"
#include "http/Outbox.h"
#include "http/Pipeline.h"
#include "support/TestPostgres.h"

#include <QJsonDocument>
#include <QSemaphore>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::http;
using namespace bk::testing;

namespace {

const QByteArray kDefinition = R"({"retry": {"maxAttempts": 5, "maxSpan": "15m", "baseDelay": "1s",
                                    "maxDelay": "5m", "jitter": 0.2},
                                   "breaker": {"failureThreshold": 5, "cooldown": "5m"}})";
constexpr qint64 kSweepMs = 30'000;

Request post(const LoopbackApi& api, int n) {
    Request r;
    r.method = "POST";
    r.url = api.url(u"/items"_s);
    r.body = QJsonDocument(QJsonObject{{u"n"_s, n}}).toJson(QJsonDocument::Compact);
    r.connectorId = u"api"_s;
    r.flowId = u"flow-1"_s;
    r.recordIds = {u"rec-%1"_s.arg(n)};
    return r;
}

} // namespace

class TestOutboxTakeover : public QObject {
    Q_OBJECT

    StoreConfig m_config;
    std::shared_ptr<ManualClock> m_clock;

    std::shared_ptr<store::Database> handle() {
        auto db = store::Database::open(m_config, {httpMigrations()});
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        return *db;
    }

    /// A running engine's pipeline: its own store handle (session) and owner id.
    std::unique_ptr<Pipeline> engine(const QString& owner) {
        ConnectorConfig c;
        c.id = u"api"_s;
        c.type = u"test-api"_s;
        c.clientId = u"client"_s;
        Pipeline::Options o;
        o.clock = m_clock;
        o.db = handle();
        o.seed = 7;
        o.monitorStatusPage = false;
        o.owner = owner;
        o.outboxSweepMs = kSweepMs;
        auto p = Pipeline::create(c, QJsonDocument::fromJson(kDefinition).object(), o);
        if (!p)
            qFatal("%s", qPrintable(p.error().message));
        return std::move(*p);
    }

    /// Advances the clock by deltaMs, then lets the loopback replies arrive.
    void advance(qint64 deltaMs, std::initializer_list<const Pipeline*> engines) {
        m_clock->advance(deltaMs);
        for (const Pipeline* p : engines)
            QVERIFY(QTest::qWaitFor([p] { return p->busy() == 0 && p->inFlight() == 0; }, 5000));
    }

    QHash<QString, int> owners(const std::shared_ptr<store::Database>& db) {
        QHash<QString, int> out;
        auto q = db->exec(u"SELECT owner, count(*) FROM http_outbox GROUP BY owner"_s);
        while (q && q->next())
            out.insert(q->value(0).toString(), q->value(1).toInt());
        return out;
    }

    /// How often each body's n reached the API.
    static QHash<int, int> deliveries(const LoopbackApi& api) {
        QHash<int, int> out;
        for (const auto& r : api.requests())
            ++out[QJsonDocument::fromJson(r.body).object().value(u"n"_s).toInt(-1)];
        return out;
    }

private Q_SLOTS:
    void init() {
        if (!test::hasPostgres())
            QSKIP(test::noPostgresReason());
        auto pg = test::freshPostgresStore(u"bk_outbox_"_s);
        QVERIFY(pg.has_value());
        m_config = *pg;
        m_clock = std::make_shared<ManualClock>();
    }

    void runningEnginesSendADeadEnginesEntriesOnce() {
        LoopbackApi api([](const httpserver::Request&) {
            return httpserver::Response::json(201, R"({"ok":true})");
        });
        QVERIFY(api.start());
        auto b = engine(u"engine-b"_s);
        auto c = engine(u"engine-c"_s);
        // Engine A queues 20 writes, then dies: nobody renews its entries' lease (what a
        // pipeline gives an entry: the request timeout + 60 s).
        auto dbA = handle();
        Outbox a(dbA, u"engine-a"_s);
        const qint64 leaseEnd = m_clock->nowMs() + b->config().requestTimeoutMs + 60'000;
        for (int n = 0; n < 20; ++n)
            QVERIFY(a.add(post(api, n), m_clock->nowMs(), leaseEnd).ok());
        // While A's lease lasts the sweeps leave its entries alone.
        while (m_clock->nowMs() + kSweepMs < leaseEnd)
            advance(kSweepMs, {b.get(), c.get()});
        QCOMPARE(api.hits(), 0);
        QCOMPARE(owners(dbA).value(u"engine-a"_s), 20);
        // The first sweep after it ended takes them over; no restart of anything.
        const qint64 start = m_clock->nowMs();
        while (!owners(dbA).isEmpty() && m_clock->nowMs() - start < 10 * kSweepMs)
            advance(kSweepMs, {b.get(), c.get()});
        QVERIFY(owners(dbA).isEmpty());
        QVERIFY(m_clock->nowMs() - leaseEnd <= kSweepMs);
        const auto sent = deliveries(api);
        QCOMPARE(api.hits(), 20);
        QCOMPARE(sent.size(), 20);
        for (int n = 0; n < 20; ++n)
            QCOMPARE(sent.value(n), 1);
        QCOMPARE(int(b->counters().succeeded + c->counters().succeeded), 20);
        qInfo() << "engine-b sent" << b->counters().succeeded << "engine-c sent"
                << c->counters().succeeded << "taken over" << (m_clock->nowMs() - leaseEnd)
                << "ms after the lease ended";
    }

    // A sync flow redoes its page in hand itself (run state, creates in doubt): the dead
    // engine's copies of its calls are dropped, not sent beside the flow's redo; a replay's
    // call (it has a dead letter to resolve) is still sent.
    void aDeadEnginesFlowCallsAreLeftToTheirFlow() {
        LoopbackApi api([](const httpserver::Request&) {
            return httpserver::Response::json(201, R"({"ok":true})");
        });
        QVERIFY(api.start());
        auto b = engine(u"engine-b"_s);
        auto dbA = handle();
        Outbox a(dbA, u"engine-a"_s);
        const qint64 leaseEnd = m_clock->nowMs() + b->config().requestTimeoutMs + 60'000;
        for (int n = 0; n < 10; ++n) {
            Request r = post(api, n);
            r.callerRedoes = true; // what PipelineTransport sends for a flow
            if (n >= 7)
                r.deadLetterKey = u"dl:%1"_s.arg(n); // a replay through the flow
            QVERIFY(a.add(r, m_clock->nowMs(), leaseEnd).ok());
        }
        while (owners(dbA).contains(u"engine-a"_s) && m_clock->nowMs() < leaseEnd + 10 * kSweepMs)
            advance(kSweepMs, {b.get()});
        // The dropped ones are gone; the replays stay (under b) until their letters are resolved,
        // and this test has no dead-letter store to resolve them in.
        QCOMPARE(owners(dbA), (QHash<QString, int>{{u"engine-b"_s, 3}}));
        const auto sent = deliveries(api);
        QCOMPARE(api.hits(), 3);
        for (int n = 7; n < 10; ++n)
            QCOMPARE(sent.value(n), 1);
    }

    void aLiveEnginesParkedOperationsAreNotTaken() {
        LoopbackApi api([](const httpserver::Request&) {
            return httpserver::Response::json(201, R"({"ok":true})");
        });
        QVERIFY(api.start());
        auto b = engine(u"engine-b"_s);
        auto c = engine(u"engine-c"_s);
        b->setPaused(true, u"operator"_s); // its operations wait in memory, far past a lease
        for (int n = 0; n < 3; ++n)
            QVERIFY(b->send(post(api, n)).ok());
        auto db = handle();
        for (int i = 0; i < 20; ++i) // ten minutes of sweeps by both
            advance(kSweepMs, {c.get()});
        QCOMPARE(api.hits(), 0);
        QCOMPARE(owners(db), (QHash<QString, int>{{u"engine-b"_s, 3}}));
        b->setPaused(false);
        QVERIFY(QTest::qWaitFor([&] { return b->inFlight() == 0; }, 5000));
        for (int i = 0; i < 5; ++i)
            advance(kSweepMs, {b.get(), c.get()});
        QCOMPARE(api.hits(), 3);
        QCOMPARE(int(b->counters().succeeded), 3);
        QCOMPARE(int(c->counters().succeeded), 0);
        QVERIFY(owners(db).isEmpty());
    }

    void concurrentClaimsTakeEachEntryOnce() {
        LoopbackApi api;
        auto db = handle();
        Outbox dead(db, u"engine-dead"_s);
        const qint64 now = m_clock->nowMs();
        for (int n = 0; n < 200; ++n)
            QVERIFY(dead.add(post(api, n), now - 120'000, now - 1).ok());
        // Four engines on their own sessions claim at the same moment.
        constexpr int kEngines = 4;
        QSemaphore go;
        std::vector<QList<qint64>> taken(kEngines);
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < kEngines; ++i) {
            auto h = handle();
            threads.emplace_back(QThread::create([&, i, h] {
                Outbox mine(h, u"engine-%1"_s.arg(i));
                (void)h->exec(u"SELECT 1"_s); // the session is open before the start signal
                go.acquire();
                auto got = mine.claimStale(u"api"_s, now, now + 90'000, false);
                if (got)
                    for (const auto& e : *got)
                        taken[size_t(i)].append(e.id);
            }));
            threads.back()->start();
        }
        go.release(kEngines);
        for (auto& t : threads)
            QVERIFY(t->wait(30'000));
        QSet<qint64> all;
        int total = 0;
        for (const auto& list : taken) {
            total += int(list.size());
            for (qint64 id : list)
                all.insert(id);
        }
        QCOMPARE(total, 200);
        QCOMPARE(int(all.size()), 200);
        const auto byOwner = owners(db);
        QCOMPARE(byOwner.value(u"engine-dead"_s), 0);
        qInfo() << "claims per engine:" << taken[0].size() << taken[1].size() << taken[2].size()
                << taken[3].size();
    }
};

QTEST_GUILESS_MAIN(TestOutboxTakeover)
#include "TestOutboxTakeover.moc"
