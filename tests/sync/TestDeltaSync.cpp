// The sync engine end to end against loopback fakes of the vendors: delta cursors and their
// overlap, crash/restart, idempotent re-runs, first-contact matching, dead letters.
#include "SyncFixture.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::sync;
using namespace bk::synctest;

namespace {

const QString kPersons = u"pipedrive/persons"_s;
const QString kContacts = u"exact-online/Contacts"_s;

// n persons, one second apart on the source clock.
QStringList addPersons(SyncFixture& f, int n, const QString& prefix = u"p"_s) {
    QStringList ids;
    for (int i = 0; i < n; ++i) {
        f.sourceTime->advance(1000);
        ids << f.api.add(kPersons,
                         QJsonObject{{u"name"_s, u"%1%2"_s.arg(prefix).arg(i)},
                                     {u"email"_s, u"%1%2@example.nl"_s.arg(prefix).arg(i)}});
    }
    return ids;
}

int countWithEmail(const SyncFixture& f, const QString& email) {
    int n = 0;
    for (const auto& r : f.api.records(kContacts))
        n += r.fields.value(u"Email"_s).toString() == email;
    return n;
}

} // namespace

class TestDeltaSync : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deltaReadsOnlyChangesSinceCursorMinusOverlap() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s,
                             {{u"overlap"_s, u"5s"_s}})}));
        auto mapper = personToContact();
        const QStringList ids = addPersons(f, 120);

        auto first = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY2(first.ok(), first.ok() ? "" : qPrintable(first.error().message));
        QVERIFY(first->bulk);
        QVERIFY(first->completed);
        QCOMPARE(first->read, 120);
        QCOMPARE(first->writes.created, 120);
        QCOMPARE(f.api.count(kContacts), 120);
        QCOMPARE(first->pages, 2); // limit 100
        const Cursor c1 = *f.store->cursor(u"p2c"_s);
        QCOMPARE(c1.position, f.sourceTime->nowMs());
        QCOMPARE(c1.lastId, ids.last());

        // Three records change ten minutes later.
        f.sourceTime->advance(600'000);
        for (int i : {3, 50, 119})
            f.api.update(kPersons, ids[i], {{u"name"_s, u"changed %1"_s.arg(i)}});
        f.api.clearLog();
        auto second = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY(second.ok());
        QVERIFY(!second->bulk);
        QCOMPARE(second->writes.updated, 3);
        QCOMPARE(second->writes.created, 0);
        // The overlap re-reads the last 5 s of the previous run (records 114..118; 119 has
        // changed); nothing there is re-sent.
        QCOMPARE(second->read, 3 + 5);
        QCOMPARE(second->writes.unchanged, 5);
        QCOMPARE(f.api.requestCount(u"/crm/Contacts"_s, "PUT"), 3);
        QCOMPARE(f.api.requestCount(u"/crm/Contacts"_s, "POST"), 0);
        const QStringList gets = f.api.log().filter(u"GET /pipedrive"_s);
        QCOMPARE(gets.size(), 1);
        QVERIFY2(gets[0].contains(u"updated_since=%1"_s.arg(
                     formatQueryTime(c1.position - 5000, DateFormat::Rfc3339))),
                 qPrintable(gets[0]));
        QVERIFY(gets[0].contains(u"sort_by=update_time"_s));
        for (int i : {3, 50, 119})
            QCOMPARE(countWithEmail(f, u"p%1@example.nl"_s.arg(i)), 1);

        // Nothing changed: one page read, nothing written.
        f.api.clearLog();
        auto third = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY(third.ok());
        QCOMPARE(third->writes.updated + third->writes.created, 0);
        QCOMPARE(f.api.log().size(), 1);
    }

    void lateCommitInsideOverlapIsNotSkipped() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s,
                             {{u"overlap"_s, u"30s"_s}})}));
        auto mapper = personToContact();
        addPersons(f, 10);
        QVERIFY(f.runOnce(u"p2c"_s, *mapper).ok());
        const Cursor c = *f.store->cursor(u"p2c"_s);
        // The source's clock runs 20 s behind: a record committed now carries an older time.
        f.api.add(kPersons, {{u"name"_s, u"late"_s}, {u"email"_s, u"late@example.nl"_s}},
                  c.position - 20'000);
        auto r = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY(r.ok());
        QCOMPARE(r->writes.created, 1);
        QCOMPARE(countWithEmail(f, u"late@example.nl"_s), 1);
        QCOMPARE(f.api.count(kContacts), 11);
    }

    void crashAtPageBoundaryResumesWithoutRereadOrDuplicates() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        const QStringList ids = addPersons(f, 250);
        {
            // The process dies right after page 1 is durable (page 2 is being fetched).
            auto src = f.transport();
            auto dst = f.transport();
            auto* runner = new FlowRunner(f.spec(u"p2c"_s), *mapper, *src, *dst, *f.store, *f.store,
                                          f.engineClock);
            bool died = false;
            QObject::connect(runner, &FlowRunner::progressChanged, runner,
                             [&](const FlowProgress& p) {
                                 if (p.done == 100 && !died) {
                                     died = true;
                                     runner->deleteLater();
                                 }
                             });
            runner->start([](Result<RunSummary>) { QFAIL("a crashed run must not report"); });
            QTRY_VERIFY(died);
            QTest::qWait(20);
        }
        QCOMPARE(f.api.count(kContacts), 100);
        // Ordered source: the cursor moved with the durable page, and not past it.
        const Cursor mid = *f.store->cursor(u"p2c"_s);
        QCOMPARE(mid.lastId, ids[99]);
        const RunState run = *f.store->runState(u"p2c"_s);
        QVERIFY(!run.next.isEmpty());
        QCOMPARE(run.done, 100);

        f.api.clearLog();
        auto resumed = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY(resumed.ok());
        QVERIFY(resumed->completed);
        QCOMPARE(resumed->read, 150); // from the stored next page, not from the start
        QCOMPARE(resumed->writes.created, 150);
        QCOMPARE(f.api.count(kContacts), 250);
        QCOMPARE(f.store->cursor(u"p2c"_s)->lastId, ids.last());
        QVERIFY(f.store->runState(u"p2c"_s)->next.isEmpty());
    }

    // The process dies while a create is on the wire: the destination made the record, but
    // its id never reached the id map. The next run must link that record, not create it
    // again (the fleet's SIGKILL takeover is the same case across engines).
    void crashWithACreateOnTheWireLinksItInsteadOfWritingItTwice() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        addPersons(f, 150); // two pages of 100
        {
            auto src = f.transport();
            auto dst = f.transport();
            auto* runner = new FlowRunner(f.spec(u"p2c"_s), *mapper, *src, *dst, *f.store, *f.store,
                                          f.engineClock);
            QObject::connect(
                runner, &FlowRunner::progressChanged, runner, [&](const FlowProgress& p) {
                    // Page 1 is durable: the next create is made but answered late.
                    if (p.done == 100)
                        f.api.queueFault({u"/crm/Contacts"_s, "POST", 0, {}, {}, false, 1500});
                });
            runner->start([](Result<RunSummary>) { QFAIL("a crashed run must not report"); });
            QTRY_COMPARE(f.api.count(kContacts), 101);
            delete runner; // the process dies before the answer arrives
        }
        QCOMPARE(*f.store->countCreatesInDoubt(u"p2c"_s), 50); // page 2 was on its way
        const QString landed = f.api.records(kContacts).last().id;
        QTest::qWait(1600); // the late answer goes nowhere
        auto resumed = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY(resumed.ok());
        QVERIFY(resumed->completed);
        QCOMPARE(f.api.count(kContacts), 150);
        for (int i = 0; i < 150; ++i)
            QCOMPARE(countWithEmail(f, u"p%1@example.nl"_s.arg(i)), 1);
        QCOMPARE(resumed->writes.created, 49);
        QCOMPARE(resumed->writes.updated, 1);
        QCOMPARE(*f.store->countCreatesInDoubt(u"p2c"_s), 0);
        QCOMPARE(*f.store->linkedSource(u"p2c"_s, landed), f.api.records(kPersons)[100].id);
    }

    void crashBeforeCursorCommitRewritesNothing() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        addPersons(f, 60);
        QVERIFY(f.runOnce(u"p2c"_s, *mapper).ok());
        // Writes were durable but the cursor commit was lost: the cursor is back at the start.
        QVERIFY(f.store->finishRun(u"p2c"_s, Cursor{0, QString()}).ok());
        f.api.clearLog();
        auto r = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY(r.ok());
        QCOMPARE(r->read, 60);
        QCOMPARE(r->writes.unchanged, 60);
        QCOMPARE(f.api.requestCount(u"/crm/Contacts"_s, "POST"), 0);
        QCOMPARE(f.api.requestCount(u"/crm/Contacts"_s, "PUT"), 0);
        QCOMPARE(f.api.count(kContacts), 60);
    }

    void rerunFromScratchCreatesNoDuplicates() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        addPersons(f, 30);
        QVERIFY(f.runOnce(u"p2c"_s, *mapper).ok());
        QVERIFY(f.store->resetCursor(u"p2c"_s).ok());
        auto again = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY(again.ok());
        QVERIFY(again->bulk);
        QCOMPARE(again->writes.created, 0);
        QCOMPARE(again->writes.unchanged, 30);
        QCOMPARE(f.api.count(kContacts), 30);
    }

    void firstContactFindsExistingDestinationRecordByEmail() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        const QString existing = f.api.add(
            kContacts, {{u"LastName"_s, u"Old name"_s}, {u"Email"_s, u"P3@Example.nl"_s}});
        addPersons(f, 5);
        auto r = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY(r.ok());
        QCOMPARE(r->writes.created, 4);
        QCOMPARE(r->writes.updated, 1);
        QCOMPARE(f.api.count(kContacts), 5);
        for (const auto& c : f.api.records(kContacts))
            if (c.id == existing)
                QCOMPARE(c.fields.value(u"LastName"_s).toString(), u"p3"_s);
        QVERIFY(r->indexCalls >= 1);
    }

    void failuresAreDeadLetteredAndTheCursorStillMoves() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        addPersons(f, 3);
        f.sourceTime->advance(1000);
        const QString nameless = f.api.add(kPersons, {{u"email"_s, u"x@example.nl"_s}});
        addPersons(f, 3, u"q"_s);
        // First POST refused for good; then a 503 and a 429 that a retry gets past.
        f.api.queueFault({u"/crm/Contacts"_s,
                          "POST",
                          422,
                          {},
                          R"({"error":{"message":{"value":"Email is already in use"}}})",
                          false});
        f.api.queueFault({u"/crm/Contacts"_s, "POST", 503, {}, "busy", false});
        f.api.queueFault({u"/crm/Contacts"_s, "POST", 429, {{"Retry-After", "0.5"}}, {}, false});
        f.api.queueFault({u"/crm/Contacts"_s, "POST", 0, {}, {}, true}); // connection reset
        auto r = f.runOnce(u"p2c"_s, *mapper);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QCOMPARE(r->writes.deadLettered, 2);
        QCOMPARE(r->writes.created, 5);
        QCOMPARE(f.api.count(kContacts), 5);
        auto failures = f.store->failures(u"p2c"_s);
        QVERIFY(failures.ok());
        QCOMPARE(failures->size(), 2);
        QList<QString> classes{failures->at(0).errorClass, failures->at(1).errorClass};
        std::sort(classes.begin(), classes.end());
        QCOMPARE(classes, (QList<QString>{u"invalid"_s, u"permanent"_s}));
        for (const auto& fail : *failures) {
            if (fail.errorClass == u"invalid"_s) {
                QCOMPARE(fail.sourceId, nameless);
                QVERIFY(fail.reason.contains(u"LastName"_s));
            } else {
                QCOMPARE(fail.httpStatus, 422);
                QVERIFY(fail.reason.contains(u"already in use"_s));
                QCOMPARE(fail.method, QByteArray("POST"));
            }
        }
        QCOMPARE(f.store->cursor(u"p2c"_s)->position, f.sourceTime->nowMs());
    }

    void bulkSyncPausesAndResumesBetweenPages() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        addPersons(f, 300);
        auto src = f.transport();
        auto dst = f.transport();
        FlowRunner runner(f.spec(u"p2c"_s), *mapper, *src, *dst, *f.store, *f.store, f.engineClock);
        QList<FlowProgress> seen;
        connect(&runner, &FlowRunner::progressChanged, this, [&](const FlowProgress& p) {
            seen << p;
            if (p.done == 100)
                runner.pause();
        });
        std::optional<Result<RunSummary>> out;
        runner.start([&](Result<RunSummary> r) { out.emplace(std::move(r)); });
        QTRY_VERIFY(runner.isPaused() && !seen.isEmpty() && seen.last().done == 100);
        QTest::qWait(200);
        QVERIFY(!out);
        QCOMPARE(f.api.requestCount(u"/pipedrive/api/v2/persons"_s, "GET"), 1);
        QVERIFY(seen.last().running);
        QVERIFY(seen.last().bulk);
        QVERIFY(seen.last().ratePerSecond > 0);
        runner.resume();
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 30'000);
        QVERIFY(out->ok());
        QCOMPARE((*out)->read, 300);
        QCOMPARE(seen.last().running, false);
        QCOMPARE(f.api.count(kContacts), 300);
    }
};

QTEST_GUILESS_MAIN(TestDeltaSync)
#include "TestDeltaSync.moc"
