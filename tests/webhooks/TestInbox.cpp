#include "Clock.h"
#include "StoreFixture.h"
#include "webhooks/Inbox.h"

#include <atomic>
#include <future>

#include <QJsonDocument>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;

namespace {

constexpr qint64 T0 = 1'767'225'600'000; // ManualClock's default start

IncomingEvent makeEvent(const QString& connector, const QString& eventId, const QByteArray& body,
                        qint64 offsetMs) {
    IncomingEvent e;
    e.connectorId = connector;
    e.meta.eventId = eventId;
    e.meta.payloadHash = canonicalPayloadHash(QJsonDocument::fromJson(body));
    e.meta.dedupKey =
        eventId.isEmpty()
            ? QString(connector + u":sha256:"_s + QString::fromLatin1(e.meta.payloadHash))
            : QString(connector + u":id:"_s + eventId);
    e.meta.recordKey = connector + u"/orders/1"_s;
    e.meta.topic = u"orders/updated"_s;
    e.headersJson = R"({"content-type":"application/json"})"_ba;
    e.body = body;
    e.receivedMs = T0 + offsetMs;
    return e;
}

/// Submits and waits for the writer's answer (the test thread is not the writer).
StoreResult submitWait(Inbox& inbox, IncomingEvent e) {
    std::promise<StoreResult> p;
    auto f = p.get_future();
    inbox.submit(std::move(e), [&p](const StoreResult& r) { p.set_value(r); });
    return f.get();
}

int count(store::Database& db, const QString& sql) {
    auto q = db.exec(sql);
    return q && q->next() ? q->value(0).toInt() : -1;
}

} // namespace

class TestInbox : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    void backends() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgres") << u"postgres"_s;
    }

private Q_SLOTS:
    void duplicatesById_data() { backends(); }
    void duplicatesById() {
        QFETCH(QString, backend);
        OPEN_STORE(backend, m_dir, db);
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 7 * 86'400'000LL);
        QVERIFY(inbox.start().ok());
        const StoreResult a =
            submitWait(inbox, makeEvent(u"shop"_s, u"evt-1"_s, R"({"id":1})"_ba, 1000));
        QCOMPARE(a.outcome, StoreOutcome::Stored);
        QVERIFY(a.inboxId > 0);
        // Same id, other body (a redelivery may differ in volatile fields): still a duplicate.
        QCOMPARE(submitWait(inbox, makeEvent(u"shop"_s, u"evt-1"_s, R"({"id":1,"x":2})"_ba, 2000))
                     .outcome,
                 StoreOutcome::Duplicate);
        // Same id at another connector is another event.
        QCOMPARE(submitWait(inbox, makeEvent(u"pd"_s, u"evt-1"_s, R"({"id":1})"_ba, 2000)).outcome,
                 StoreOutcome::Stored);
        inbox.stop();
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM webhooks_inbox"_s), 2);
        QCOMPARE(
            count(*db, u"SELECT duplicates FROM webhooks_seen WHERE dedup_key = 'shop:id:evt-1'"_s),
            1);
        QCOMPARE(inbox.stats().duplicates, quint64(1));
        // What was stored is the raw body and the kept headers, byte for byte.
        auto q =
            db->exec(u"SELECT body, headers, received_ms, state FROM webhooks_inbox WHERE id = ?"_s,
                     {a.inboxId});
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toByteArray(), R"({"id":1})"_ba);
        QCOMPARE(q->value(1).toString(), uR"({"content-type":"application/json"})"_s);
        QCOMPARE(q->value(2).toLongLong(), T0 + 1000);
        QCOMPARE(q->value(3).toInt(), int(InboxState::Pending));
    }

    void writeJobsShareTheCommitAndFailAlone_data() { backends(); }
    void writeJobsShareTheCommitAndFailAlone() {
        QFETCH(QString, backend);
        OPEN_STORE(backend, m_dir, db);
        QVERIFY(db->exec(u"CREATE TABLE marks (name TEXT NOT NULL)"_s).ok());
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 7 * 86'400'000LL);
        QVERIFY(inbox.start().ok());
        auto mark = [](const QString& name, bool fail) {
            return [name, fail](QSqlDatabase& c) -> Status {
                auto q = store::Database::run(c, u"INSERT INTO marks (name) VALUES (?)"_s, {name});
                if (!q)
                    return q.error();
                if (fail) // after a write: the savepoint must take it back
                    return Error::invalid(u"job refused"_s);
                return Status::success();
            };
        };
        std::promise<Status> failed, succeeded;
        QVERIFY(inbox.submitWrite(mark(u"bad"_s, true),
                                  [&failed](Status st) { failed.set_value(st); }));
        QVERIFY(inbox.submitWrite(mark(u"good"_s, false),
                                  [&succeeded](Status st) { succeeded.set_value(st); }));
        const StoreResult stored =
            submitWait(inbox, makeEvent(u"shop"_s, u"evt-job"_s, R"({"id":9})"_ba, 1));
        QCOMPARE(stored.outcome, StoreOutcome::Stored);
        const Status bad = failed.get_future().get();
        QVERIFY(!bad);
        QCOMPARE(bad.error().message, u"job refused"_s);
        QVERIFY(succeeded.get_future().get().ok());
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM marks WHERE name = 'good'"_s), 1);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM marks WHERE name = 'bad'"_s), 0);
        inbox.stop();
        // A stopped inbox refuses jobs (the caller then writes on its own).
        QVERIFY(!inbox.submitWrite(mark(u"late"_s, false), [](Status) {}));
    }

    void duplicatesByHash_data() { backends(); }
    void duplicatesByHash() {
        QFETCH(QString, backend);
        OPEN_STORE(backend, m_dir, db);
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 7 * 86'400'000LL);
        QVERIFY(inbox.start().ok());
        QCOMPARE(submitWait(inbox, makeEvent(u"exact"_s, {}, R"({"a":1,"b":[1,2]})"_ba, 1)).outcome,
                 StoreOutcome::Stored);
        // Other key order and whitespace: the same canonical payload.
        QCOMPARE(submitWait(inbox, makeEvent(u"exact"_s, {}, "{ \"b\": [1, 2], \"a\": 1 }"_ba, 2))
                     .outcome,
                 StoreOutcome::Duplicate);
        QCOMPARE(submitWait(inbox, makeEvent(u"exact"_s, {}, R"({"a":2,"b":[1,2]})"_ba, 3)).outcome,
                 StoreOutcome::Stored);
        inbox.stop();
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM webhooks_inbox"_s), 2);
    }

    void retentionWindowEnds_data() { backends(); }
    void retentionWindowEnds() {
        QFETCH(QString, backend);
        OPEN_STORE(backend, m_dir, db);
        auto clock = std::make_shared<ManualClock>();
        const qint64 day = 86'400'000;
        Inbox inbox(db, clock, day);
        QVERIFY(inbox.start().ok());
        const qint64 t0 = 0;
        QCOMPARE(submitWait(inbox, makeEvent(u"s"_s, u"e1"_s, "{}"_ba, t0)).outcome,
                 StoreOutcome::Stored);
        QCOMPARE(submitWait(inbox, makeEvent(u"s"_s, u"e1"_s, "{}"_ba, t0 + day - 1)).outcome,
                 StoreOutcome::Duplicate);
        // Past the window the key is forgotten: the sender's id is taken as new.
        QCOMPARE(submitWait(inbox, makeEvent(u"s"_s, u"e1"_s, "{}"_ba, t0 + day + 1)).outcome,
                 StoreOutcome::Stored);
        inbox.stop();
        // Pruning removes expired keys and finished rows, never pending ones.
        QVERIFY(
            db->exec(
                  u"UPDATE webhooks_inbox SET state = 2, processed_ms = ? WHERE received_ms = ?"_s,
                  {T0, T0})
                .ok());
        QVERIFY(inbox.prune(T0 + 3 * day).ok());
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM webhooks_seen"_s), 0);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM webhooks_inbox"_s), 1);
    }

    void concurrentSubmitsShareCommits() {
        QString skip;
        auto db = openWebhooksStore(u"sqlite"_s, m_dir, &skip);
        QVERIFY2(db, qPrintable(skip));
        auto clock = std::make_shared<ManualClock>();
        Inbox inbox(db, clock, 86'400'000);
        QVERIFY(inbox.start().ok());
        std::atomic<int> stored{0}, duplicates{0};
        const int threads = 8, each = 250;
        QList<QFuture<void>> futures;
        for (int t = 0; t < threads; ++t)
            futures.push_back(QtConcurrent::run([&, t] {
                for (int i = 0; i < each; ++i) {
                    // Every 10th is a duplicate of an id another thread also sends.
                    const QString id =
                        i % 10 == 0 ? u"shared-%1"_s.arg(i) : u"t%1-%2"_s.arg(t).arg(i);
                    const StoreResult r = submitWait(inbox, makeEvent(u"s"_s, id, "{}"_ba, i));
                    (r.outcome == StoreOutcome::Stored ? stored : duplicates) += 1;
                }
            }));
        for (auto& f : futures)
            f.waitForFinished();
        inbox.stop();
        const int shared = each / 10;
        QCOMPARE(stored.load(), threads * (each - shared) + shared);
        QCOMPARE(duplicates.load(), (threads - 1) * shared);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM webhooks_inbox"_s), stored.load());
        // Group commit: far fewer transactions than events.
        QVERIFY2(inbox.stats().batches < quint64(threads * each),
                 qPrintable(u"%1 batches"_s.arg(inbox.stats().batches)));
        QVERIFY(inbox.stats().largestBatch > 1);
    }

    void submitAfterStopFails() {
        QString skip;
        auto db = openWebhooksStore(u"sqlite"_s, m_dir, &skip);
        QVERIFY2(db, qPrintable(skip));
        Inbox inbox(db, std::make_shared<ManualClock>(), 1000);
        QVERIFY(inbox.start().ok());
        inbox.stop();
        QCOMPARE(submitWait(inbox, makeEvent(u"s"_s, u"x"_s, "{}"_ba, 1)).outcome,
                 StoreOutcome::Failed);
        QCOMPARE(count(*db, u"SELECT COUNT(*) FROM webhooks_inbox"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestInbox)
#include "TestInbox.moc"
