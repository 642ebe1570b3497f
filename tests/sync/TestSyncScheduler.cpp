// The scheduler: a worker thread per flow (a slow flow does not hold up another),
// per-connector pause/resume, and a graceful shutdown that commits the page in hand.
#include "SyncFixture.h"
#include "sync/SyncScheduler.h"

#include <QElapsedTimer>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::sync;
using namespace bk::synctest;

namespace {

std::unique_ptr<SyncScheduler> makeScheduler(SyncFixture& f) {
    auto policy = f.fastRetry();
    auto clock = f.engineClock;
    auto s = std::make_unique<SyncScheduler>(
        f.store, f.store, f.engineClock, [policy, clock](const ConnectorDef&) {
            return std::unique_ptr<Transport>(new NetworkTransport(clock, policy));
        });
    auto mapper = personToContact();
    auto shopMapper = std::make_shared<FieldMapper>(
        QList<QPair<QString, QString>>{{u"last_name"_s, u"LastName"_s}, {u"email"_s, u"Email"_s}},
        QStringList{u"LastName"_s}, QStringList{});
    for (const FlowConfig& fc : f.workspace.flows)
        s->addFlow({f.spec(fc.id), fc.sourceConnector == u"shopify"_s
                                       ? std::shared_ptr<const RecordMapper>(shopMapper)
                                       : std::shared_ptr<const RecordMapper>(mapper)});
    return s;
}

void seed(SyncFixture& f, int persons, int customers) {
    for (int i = 0; i < persons; ++i) {
        f.sourceTime->advance(1000);
        f.api.add(u"pipedrive/persons"_s,
                  {{u"name"_s, u"P%1"_s.arg(i)}, {u"email"_s, u"p%1@x.nl"_s.arg(i)}});
    }
    for (int i = 0; i < customers; ++i) {
        f.sourceTime->advance(1000);
        f.api.add(u"shopify/customers"_s,
                  {{u"last_name"_s, u"C%1"_s.arg(i)}, {u"email"_s, u"c%1@shop.test"_s.arg(i)}});
    }
}

} // namespace

class TestSyncScheduler : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void slowFlowDoesNotBlockAnotherAndPauseHoldsAConnector() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s),
                        flow(u"s2c"_s, u"shopify"_s, u"customers"_s, u"exact"_s, u"Contacts"_s)}));
        f.workspace.flows[0].intervalMs = 3'600'000 * 100;
        f.workspace.flows[1].intervalMs = 3'600'000 * 100;
        seed(f, 20, 5);
        // Pipedrive answers its first list call 1.5 s late.
        f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 1500});
        auto scheduler = makeScheduler(f);
        QSignalSpy finished(scheduler.get(), &SyncScheduler::runFinished);
        scheduler->pauseConnector(u"shopify"_s);
        scheduler->start(true);
        QVERIFY(finished.wait(10'000));
        QCOMPARE(finished.first().at(0).toString(), u"p2c"_s);
        QVERIFY(finished.first().at(1).toBool());
        QTest::qWait(300);
        QCOMPARE(finished.size(), 1); // s2c is held while shopify is paused
        QCOMPARE(f.api.requestCount(u"/shopify"_s), 0);

        // Now the slow one is Pipedrive again; Shopify's flow must not wait for it.
        scheduler->resumeConnector(u"shopify"_s);
        f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 6000});
        scheduler->runNow(u"p2c"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 20'000);
        QCOMPARE(finished.at(1).at(0).toString(), u"s2c"_s);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 3, 20'000);
        QCOMPARE(finished.at(2).at(0).toString(), u"p2c"_s);
        QCOMPARE(f.api.count(u"exact-online/Contacts"_s), 25);
        QCOMPARE(scheduler->progress(u"s2c"_s).lastRunOk, true);
        QVERIFY(scheduler->shutdown(5000));
        QVERIFY(f.store->cursor(u"p2c"_s)->valid());
        QVERIFY(f.store->cursor(u"s2c"_s)->valid());
    }

    void shutdownCommitsThePageInHand() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        seed(f, 400, 0);
        // Each list page is answered 300 ms late, so shutdown lands mid-run.
        for (int i = 0; i < 4; ++i)
            f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 300});
        auto scheduler = makeScheduler(f);
        QSignalSpy progress(scheduler.get(), &SyncScheduler::flowProgressChanged);
        scheduler->start(true);
        QTRY_VERIFY_WITH_TIMEOUT(scheduler->progress(u"p2c"_s).done >= 100, 10'000);
        QVERIFY(scheduler->shutdown(10'000, 10'000)); // grace enough to finish the page
        const RunState run = *f.store->runState(u"p2c"_s);
        QVERIFY(run.done >= 100);
        QVERIFY(run.done < 400);
        QVERIFY(!run.next.isEmpty());
        // Everything counted as done is in the destination; nothing beyond it.
        QCOMPARE(qint64(f.api.count(u"exact-online/Contacts"_s)), run.done);
        QCOMPARE(f.store->cursor(u"p2c"_s)->position, run.maxPosition);
    }

    void shutdownAbandonsAPageStuckInRetries() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        seed(f, 120, 0);
        // Page 1 normally; page 2 hangs for 60 s (a vendor outage the transport sits out).
        f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 0, {}, {}, false, 0});
        f.api.queueFault({u"/pipedrive/api/v2/persons"_s, "GET", 503, {}, {}, false, 60'000});
        auto scheduler = makeScheduler(f);
        QSignalSpy finished(scheduler.get(), &SyncScheduler::runFinished);
        scheduler->start(true);
        QTRY_VERIFY_WITH_TIMEOUT(f.store->runState(u"p2c"_s)->done > 0, 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(f.api.requestCount(u"/pipedrive/api/v2/persons"_s) == 2, 10'000);
        QElapsedTimer took;
        took.start();
        QVERIFY(scheduler->shutdown(20'000, 300));
        QVERIFY2(took.elapsed() < 5'000, qPrintable(QString::number(took.elapsed())));
        // The run reports itself interrupted (queued to this thread).
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 2'000);
        QVERIFY2(finished.first().at(2).toString().contains(u"interrupted"_s),
                 qPrintable(finished.first().at(2).toString()));
        // What was durable stays: page 1 written, its cursor and the page to resume from.
        const RunState run = *f.store->runState(u"p2c"_s);
        QVERIFY(run.done > 0 && run.done < 120);
        QVERIFY(!run.next.isEmpty());
        QCOMPARE(f.store->cursor(u"p2c"_s)->position, run.maxPosition);
        QCOMPARE(qint64(f.api.count(u"exact-online/Contacts"_s)), run.done);
        // The next start resumes at page 2: every person exactly once.
        auto again = f.runOnce(u"p2c"_s, *personToContact());
        QVERIFY2(again.ok(), again.ok() ? "" : qPrintable(again.error().message));
        QVERIFY(again->completed);
        QCOMPARE(qint64(again->writes.created), 120 - run.done);
        QCOMPARE(f.api.count(u"exact-online/Contacts"_s), 120);
        QSet<QString> names;
        for (const auto& r : f.api.records(u"exact-online/Contacts"_s))
            names.insert(r.fields.value(u"LastName"_s).toString());
        QCOMPARE(names.size(), 120);
    }
};

QTEST_GUILESS_MAIN(TestSyncScheduler)
#include "TestSyncScheduler.moc"
