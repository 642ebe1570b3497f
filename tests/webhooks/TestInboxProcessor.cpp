#include "Clock.h"
#include "StoreFixture.h"
#include "webhooks/Inbox.h"
#include "webhooks/InboxProcessor.h"

#include <condition_variable>
#include <future>

#include <QJsonDocument>
#include <QMutex>
#include <QRandomGenerator>
#include <QSet>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;

namespace {

/// Records the order events run in, checks no two events of one key overlap, and fails
/// chosen events a chosen number of times.
class Recorder final : public EventProcessor {
public:
    QMutex mutex;
    QHash<QString, QList<QString>> orderByKey; ///< key → event ids in processing order
    QSet<QString> running;
    int overlaps = 0;
    QHash<QString, int> failuresLeft; ///< event id → failures still to produce
    QHash<QString, int> calls;
    ErrorCategory failCategory = ErrorCategory::Transient;

    Status process(const InboxEvent& e) override {
        {
            QMutexLocker lock(&mutex);
            if (running.contains(e.recordKey))
                ++overlaps;
            running.insert(e.recordKey);
            ++calls[e.eventId];
        }
        QThread::usleep(QRandomGenerator::global()->bounded(300)); // let workers interleave
        QMutexLocker lock(&mutex);
        running.remove(e.recordKey);
        if (failuresLeft.value(e.eventId) > 0) {
            --failuresLeft[e.eventId];
            return Error{failCategory, u"destination said no"_s};
        }
        orderByKey[e.recordKey].push_back(e.eventId);
        return Status::success();
    }
    Status commitEffects(QSqlDatabase& db, const InboxEvent& e) override {
        auto q =
            store::Database::run(db, u"INSERT INTO effects (event_id) VALUES (?)"_s, {e.eventId});
        return q ? Status::success() : Status(q.error());
    }
};

/// Blocks on one chosen event until released (work that outlives several leases).
class SlowWork final : public EventProcessor {
public:
    QMutex mutex;
    QString blockOn;
    bool started = false;
    bool released = false;
    QHash<QString, int> calls;
    std::condition_variable_any cv;

    Status process(const InboxEvent& e) override {
        QMutexLocker lock(&mutex);
        ++calls[e.eventId];
        if (e.eventId == blockOn) {
            started = true;
            cv.wait(mutex, [this] { return released; });
        }
        return Status::success();
    }
    void release() {
        QMutexLocker lock(&mutex);
        released = true;
        cv.notify_all();
    }
    int callsOf(const QString& id) {
        QMutexLocker lock(&mutex);
        return calls.value(id);
    }
    bool hasStarted() {
        QMutexLocker lock(&mutex);
        return started;
    }
};

IncomingEvent makeEvent(const QString& id, const QString& key, qint64 at) {
    IncomingEvent e;
    e.connectorId = u"shop"_s;
    e.meta.eventId = id;
    e.meta.dedupKey = u"shop:id:"_s + id;
    e.meta.payloadHash = "00"_ba;
    e.meta.recordKey = key;
    e.body = "{}"_ba;
    e.receivedMs = at;
    return e;
}

void storeAll(Inbox& inbox, const QList<IncomingEvent>& events) {
    for (const IncomingEvent& e : events) {
        std::promise<StoreOutcome> p;
        auto f = p.get_future();
        inbox.submit(e, [&p](const StoreResult& r) { p.set_value(r.outcome); });
        QCOMPARE(f.get(), StoreOutcome::Stored);
    }
}

int count(store::Database& db, const QString& sql) {
    auto q = db.exec(sql);
    return q && q->next() ? q->value(0).toInt() : -1;
}

} // namespace

class TestInboxProcessor : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    void backends() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgres") << u"postgres"_s;
    }
    static void addEffects(store::Database& db) {
        QVERIFY(db.exec(u"CREATE TABLE effects (event_id TEXT NOT NULL)"_s).ok());
    }

private Q_SLOTS:
    void keepsOrderPerRecordKey_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<bool>("groupCommit");
        QTest::newRow("sqlite") << u"sqlite"_s << false;
        QTest::newRow("sqlite, on the inbox's commits") << u"sqlite"_s << true;
        QTest::newRow("postgres") << u"postgres"_s << false;
        QTest::newRow("postgres, on the inbox's commits") << u"postgres"_s << true;
    }
    void keepsOrderPerRecordKey() {
        QFETCH(QString, backend);
        QFETCH(bool, groupCommit);
        OPEN_STORE(backend, m_dir, db);
        addEffects(*db);
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 86'400'000);
        QVERIFY(inbox.start().ok());
        QList<IncomingEvent> events;
        QHash<QString, QList<QString>> expected;
        for (int i = 0; i < 120; ++i) {
            const QString key = u"shop/orders/%1"_s.arg(i % 4);
            const QString id = u"e%1"_s.arg(i);
            events.push_back(makeEvent(id, key, clock->nowMs()));
            expected[key].push_back(id);
        }
        storeAll(inbox, events);
        const quint64 inboxCommits = inbox.stats().batches;
        Recorder rec;
        rec.failuresLeft.insert(u"e5"_s, 1); // a retry must hold back the rest of its key
        ProcessorOptions opt;
        opt.workers = 3;
        opt.owner = u"test"_s;
        if (groupCommit)
            opt.groupCommit = &inbox;
        InboxProcessor proc(db, clock, &rec, {}, opt);
        QList<InboxEvent> processed;
        QMutex pm;
        proc.setProcessedListener([&](const InboxEvent& e) {
            QMutexLocker l(&pm);
            processed.push_back(e);
        });
        QVERIFY(proc.start().ok());
        // Everything except key 1 after e1 (held behind e5's retry) finishes.
        QTRY_COMPARE_WITH_TIMEOUT(
            count(*db, u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 2"_s), 91, 10'000);
        QCOMPARE(
            count(
                *db,
                u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 0 AND record_key = 'shop/orders/1'"_s),
            29);
        clock->advance(60'000); // past the retry time
        proc.wake();
        QTRY_COMPARE_WITH_TIMEOUT(
            count(*db, u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 2"_s), 120, 10'000);
        proc.stop();
        QCOMPARE(rec.overlaps, 0);
        QMutexLocker lock(&rec.mutex);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QCOMPARE(rec.orderByKey.value(it.key()), it.value());
        QCOMPARE(rec.calls.value(u"e5"_s), 2);
        // With group commit the done marks and claims went through the inbox's commits.
        if (groupCommit)
            QVERIFY(inbox.stats().batches > inboxCommits);
        else
            QCOMPARE(inbox.stats().batches, inboxCommits);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM effects"_s), 120);
        QCOMPARE(count(*db, u"SELECT attempts FROM webhooks_inbox WHERE event_id = 'e5'"_s), 1);
        QMutexLocker l(&pm);
        QCOMPARE(processed.size(), 120);
        QVERIFY(processed.front().processedMs > 0);
    }

    void deadLettersThroughTheHandler() {
        QString skip;
        auto db = openWebhooksStore(u"sqlite"_s, m_dir, &skip);
        QVERIFY2(db, qPrintable(skip));
        addEffects(*db);
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 86'400'000);
        QVERIFY(inbox.start().ok());
        storeAll(inbox, {makeEvent(u"bad"_s, u"k"_s, 1), makeEvent(u"next"_s, u"k"_s, 2)});
        Recorder rec;
        rec.failCategory = ErrorCategory::Permanent;
        rec.failuresLeft.insert(u"bad"_s, 100);
        QList<QPair<QString, QString>> deadLetters;
        QMutex dm;
        InboxProcessor proc(db, clock, &rec,
                            [&](const InboxEvent& e, const Error& err) {
                                QMutexLocker l(&dm);
                                deadLetters.push_back({e.eventId, err.message});
                                return FailureDecision{FailureDecision::Action::DeadLetter, 0};
                            },
                            {1, 16, 60'000, u"t"_s, 5});
        QVERIFY(proc.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(
            count(*db, u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 2"_s), 1, 5000);
        proc.stop();
        QCOMPARE(count(*db, u"SELECT state FROM webhooks_inbox WHERE event_id = 'bad'"_s),
                 int(InboxState::Dead));
        QCOMPARE(deadLetters.size(), 1);
        QCOMPARE(deadLetters.front().first, u"bad"_s);
        QCOMPARE(rec.calls.value(u"bad"_s), 1);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM effects"_s), 1); // only "next"
    }

    void reclaimsClaimsOfACrashedRun_data() { backends(); }
    void reclaimsClaimsOfACrashedRun() {
        QFETCH(QString, backend);
        OPEN_STORE(backend, m_dir, db);
        addEffects(*db);
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 86'400'000);
        QVERIFY(inbox.start().ok());
        storeAll(inbox, {makeEvent(u"mine"_s, u"a"_s, 1), makeEvent(u"theirs-live"_s, u"b"_s, 2),
                         makeEvent(u"theirs-expired"_s, u"c"_s, 3)});
        // A crashed run of owner "me" claimed one; a live other engine holds another; a dead
        // other engine's lease ran out on the third.
        const qint64 now = clock->nowMs();
        QVERIFY(
            db->exec(
                  u"UPDATE webhooks_inbox SET state = 1, claim_owner = 'me', claim_until_ms = ? WHERE event_id = 'mine'"_s,
                  {now + 600'000})
                .ok());
        QVERIFY(
            db->exec(
                  u"UPDATE webhooks_inbox SET state = 1, claim_owner = 'other', claim_until_ms = ? WHERE event_id = 'theirs-live'"_s,
                  {now + 600'000})
                .ok());
        QVERIFY(
            db->exec(
                  u"UPDATE webhooks_inbox SET state = 1, claim_owner = 'gone', claim_until_ms = ? WHERE event_id = 'theirs-expired'"_s,
                  {now - 1})
                .ok());
        Recorder rec;
        InboxProcessor proc(db, clock, &rec, {}, {2, 16, 60'000, u"me"_s, 5});
        QVERIFY(proc.start().ok());
        QTRY_COMPARE_WITH_TIMEOUT(
            count(*db, u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 2"_s), 2, 5000);
        proc.stop();
        QCOMPARE(count(*db, u"SELECT state FROM webhooks_inbox WHERE event_id = 'theirs-live'"_s),
                 1);
        QCOMPARE(rec.calls.value(u"theirs-live"_s), 0);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM effects"_s), 2);
    }

    void renewsLongWorkAndTakesOverExpiredLeases_data() { backends(); }
    void renewsLongWorkAndTakesOverExpiredLeases() {
        QFETCH(QString, backend);
        OPEN_STORE(backend, m_dir, db);
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 86'400'000);
        QVERIFY(inbox.start().ok());
        storeAll(inbox,
                 {makeEvent(u"long"_s, u"k-long"_s, 1), makeEvent(u"orphan"_s, u"k-orphan"_s, 2)});
        // "orphan" was claimed by a worker that then died: its lease runs until +60 s.
        const qint64 t0 = clock->nowMs();
        QVERIFY(
            db->exec(
                  u"UPDATE webhooks_inbox SET state = 1, claim_owner = 'dead', claim_until_ms = ? WHERE event_id = 'orphan'"_s,
                  {t0 + 60'000})
                .ok());
        const QString untilLong =
            u"SELECT claim_until_ms FROM webhooks_inbox WHERE event_id = 'long'"_s;
        auto value = [&](const QString& sql) {
            auto q = db->exec(sql);
            return q && q->next() ? q->value(0).toLongLong() : -1;
        };

        SlowWork a;
        a.blockOn = u"long"_s;
        // One worker and a claim batch of one: while "long" runs, A holds nothing else.
        ProcessorOptions oa{1, 1, 60'000, u"a"_s, 5, 20'000};
        InboxProcessor procA(db, clock, &a, {}, oa);
        QVERIFY(procA.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(a.hasStarted(), 5000);
        QCOMPARE(value(untilLong), t0 + 60'000);

        SlowWork b;
        InboxProcessor procB(db, clock, &b, {}, {1, 16, 60'000, u"b"_s, 5, 20'000});
        QVERIFY(procB.start().ok());

        // Three leases' worth of time passes while "long" runs: A's heartbeat keeps renewing
        // it, so B never takes it over.
        for (int step = 1; step <= 9; ++step) {
            clock->advance(20'000);
            procA.wake();
            procB.wake();
            const qint64 now = clock->nowMs();
            QTRY_VERIFY_WITH_TIMEOUT(value(untilLong) >= now + 60'000, 5000);
            QCOMPARE(value(u"SELECT state FROM webhooks_inbox WHERE event_id = 'long'"_s), 1LL);
        }
        QCOMPARE(b.callsOf(u"long"_s), 0);
        QCOMPARE(a.callsOf(u"long"_s), 1);
        // The orphan's lease ran out at +60 s and nobody renewed it: taken over and done once.
        QTRY_COMPARE_WITH_TIMEOUT(
            value(u"SELECT state FROM webhooks_inbox WHERE event_id = 'orphan'"_s), 2LL, 5000);
        QCOMPARE(b.callsOf(u"orphan"_s), 1);
        QCOMPARE(a.callsOf(u"orphan"_s), 0); // A's only worker is busy with "long"

        a.release();
        QTRY_COMPARE_WITH_TIMEOUT(
            value(u"SELECT state FROM webhooks_inbox WHERE event_id = 'long'"_s), 2LL, 5000);
        procA.stop();
        procB.stop();
        QCOMPARE(a.callsOf(u"long"_s) + b.callsOf(u"long"_s), 1);
    }

    void heartbeatRenewsOnlyOwnClaims() {
        QString skip;
        auto db = openWebhooksStore(u"sqlite"_s, m_dir, &skip);
        QVERIFY2(db, qPrintable(skip));
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 86'400'000);
        QVERIFY(inbox.start().ok());
        storeAll(inbox, {makeEvent(u"mine"_s, u"a"_s, 1), makeEvent(u"live"_s, u"b"_s, 2),
                         makeEvent(u"expired"_s, u"c"_s, 3)});
        const qint64 now = clock->nowMs();
        QVERIFY(db->exec(u"UPDATE webhooks_inbox SET state = 1, claim_owner = 'me', "
                         "claim_until_ms = ? WHERE event_id = 'mine'"_s,
                         {now + 1000})
                    .ok());
        QVERIFY(db->exec(u"UPDATE webhooks_inbox SET state = 1, claim_owner = 'other', "
                         "claim_until_ms = ? WHERE event_id = 'live'"_s,
                         {now + 1000})
                    .ok());
        QVERIFY(db->exec(u"UPDATE webhooks_inbox SET state = 1, claim_owner = 'other', "
                         "claim_until_ms = ? WHERE event_id = 'expired'"_s,
                         {now - 1})
                    .ok());
        SlowWork work;
        InboxProcessor proc(db, clock, &work, {}, {1, 16, 60'000, u"me"_s, 5, 20'000});
        auto check = proc.maintainLeases(); // not started: the heartbeat on its own
        QVERIFY(check.ok());
        QCOMPARE(check->renewed, 1);
        QCOMPARE(check->released, 1);
        auto q = db->exec(u"SELECT event_id, state, claim_owner, claim_until_ms FROM "
                          "webhooks_inbox ORDER BY id"_s);
        QVERIFY(q.ok());
        QVERIFY(q->next());
        QCOMPARE(q->value(3).toLongLong(), now + 60'000); // mine: renewed
        QVERIFY(q->next());
        QCOMPARE(q->value(2).toString(), u"other"_s); // live: untouched
        QCOMPARE(q->value(3).toLongLong(), now + 1000);
        QVERIFY(q->next());
        QCOMPARE(q->value(1).toInt(), 0); // expired: pending again, no owner
        QVERIFY(q->value(2).isNull());
    }

    void stopReleasesUnstartedClaims() {
        QString skip;
        auto db = openWebhooksStore(u"sqlite"_s, m_dir, &skip);
        QVERIFY2(db, qPrintable(skip));
        addEffects(*db);
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 86'400'000);
        QVERIFY(inbox.start().ok());
        QList<IncomingEvent> events;
        for (int i = 0; i < 50; ++i)
            events.push_back(makeEvent(u"s%1"_s.arg(i), u"k%1"_s.arg(i), i));
        storeAll(inbox, events);
        Recorder rec;
        InboxProcessor proc(db, clock, &rec, {}, {1, 50, 60'000, u"me"_s, 5});
        QVERIFY(proc.start().ok());
        QTRY_VERIFY_WITH_TIMEOUT(
            count(*db, u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 2"_s) > 0, 5000);
        proc.stop();
        // Nothing is left claimed; what did not run is pending again; nothing ran twice.
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 1"_s), 0);
        const int done = count(*db, u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 2"_s);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM effects"_s), done);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM webhooks_inbox WHERE state = 0"_s), 50 - done);
    }
};

QTEST_GUILESS_MAIN(TestInboxProcessor)
#include "TestInboxProcessor.moc"
