#include "Clock.h"
#include "ConnectorCatalog.h"
#include "StoreFixture.h"
#include "store/PgServer.h"
#include "support/ShopifyWebhooks.h"
#include "webhooks/Inbox.h"
#include "webhooks/InboxProcessor.h"
#include "webhooks/WebhookListener.h"

#include <mutex>

#include <QScopeGuard>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;
using bk::test::PgServer;

namespace {

const QByteArray shopSecret = "shpss_outage_secret_1"_ba;

/// Counts how often each event's work ran.
class CountingProcessor : public EventProcessor {
public:
    Status process(const InboxEvent& event) override {
        std::lock_guard lock(m_mutex);
        ++m_runs[event.eventId];
        return Status::success();
    }
    QHash<QString, int> runs() {
        std::lock_guard lock(m_mutex);
        return m_runs;
    }

private:
    std::mutex m_mutex;
    QHash<QString, int> m_runs;
};

} // namespace

// Listener → inbox (group commit) → processor on PostgreSQL, as the engine wires them, while
// the server is stopped and started again under a sender that keeps posting signed webhooks
// and retries whatever was not answered 200 (as Shopify does).
class TestWebhookStoreOutage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        if (!PgServer::restartable())
            QSKIP("needs a PostgreSQL server that can be stopped (run through "
                  "scripts/run-tests.sh)");
    }

    void serverStoppedAndStartedLosesAndDoublesNothing() {
        OPEN_STORE(u"postgres"_s, m_dir, db);
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 86'400'000);
        CountingProcessor work;
        ProcessorOptions options;
        options.groupCommit = &inbox;
        options.owner = u"outage-test"_s;
        InboxProcessor processor(db, clock, &work, {}, options);
        std::atomic<int> processed{0};
        processor.setProcessedListener([&](const InboxEvent&) { ++processed; });
        inbox.setStoredListener([&](int) { processor.wake(); });
        QVERIFY(inbox.start());
        QVERIFY(processor.start());
        WebhookConfig config;
        config.maxConnections = 16;
        WebhookListener listener(config, clock, &inbox);
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog);
        QVERIFY(listener.addConnector(u"shop"_s, catalog->definition(u"shopify"_s), {shopSecret}));
        QVERIFY(listener.start());

        bk::test::ShopifyRetrySender s(shopSecret, "evt-", [port = listener.port()](int, int) {
            return bk::test::shopifyHookUrl(port, u"shop"_s);
        });
        s.start(400);
        QTRY_VERIFY_WITH_TIMEOUT(s.accepted().size() >= 50, 20'000);

        QString out;
        bool stopped = PgServer::stop(&out);
        // Whatever fails below, the server runs again before the inbox and processor stop.
        const auto restore = qScopeGuard([&] {
            if (stopped)
                PgServer::start();
        });
        QVERIFY2(stopped, qPrintable(out));
        s.setStoreDown(true);
        const int acceptedAtStop = int(s.accepted().size());
        // Down for a while: the inbox gives up after its 2 s and answers 503.
        QTRY_VERIFY_WITH_TIMEOUT(s.refused503() >= 4, 20'000);
        s.setStoreDown(false);
        stopped = !PgServer::start(&out);
        QVERIFY2(!stopped, qPrintable(out));

        QTRY_VERIFY_WITH_TIMEOUT(s.done(), 90'000);
        QTRY_VERIFY_WITH_TIMEOUT(processed.load() >= s.total(), 90'000);
        processor.stop();
        listener.stop();
        inbox.stop();

        QVERIFY(acceptedAtStop < s.total());
        QCOMPARE(s.acceptedWhileDown(), 0);
        QCOMPARE(s.otherAnswers(), 0);
        QCOMPARE(s.retryAfter(), "5"_ba);
        // Every delivery answered 200 is in the inbox exactly once, and done.
        auto q = db->exec(u"SELECT count(*), count(DISTINCT event_id), "
                          u"sum(CASE WHEN state = 2 THEN 1 ELSE 0 END) FROM webhooks_inbox"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), s.total());
        QCOMPARE(q->value(1).toInt(), s.total());
        QCOMPARE(q->value(2).toInt(), s.total());
        // And its work ran exactly once.
        const QHash<QString, int> runs = work.runs();
        QCOMPARE(runs.size(), s.total());
        for (auto it = runs.cbegin(); it != runs.cend(); ++it)
            QVERIFY2(it.value() == 1,
                     qPrintable(u"%1 ran %2 times"_s.arg(it.key()).arg(it.value())));
        QCOMPARE(processed.load(), s.total());
        QVERIFY(db->availability().outages >= 1);
        QVERIFY(db->availability().reachable);
        qInfo("stopped after %d of %d deliveries; %d answers were 503 while it was down",
              acceptedAtStop, s.total(), s.refused503());
    }

    void cleanupTestCase() {
        if (!PgServer::restartable())
            return;
        if (!PgServer::up())
            PgServer::start();
        QVERIFY(PgServer::up()); // later tests need the server
    }
};

QTEST_GUILESS_MAIN(TestWebhookStoreOutage)
#include "TestWebhookStoreOutage.moc"
