// The dead-letter queue on a real SQLite store: contents, filters and paging (100,000 rows),
// discard and edit with audit entries, tamper detection of the hash-chained audit log,
// explicit retention, and replay through a real pipeline to a loopback server.
#include "../http/PipelineFixture.h"
#include "deadletters/Replay.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::deadletters;
using namespace bk::testing;

namespace {

http::Request request(const QString& connector, const QString& flow, const QString& record) {
    http::Request r;
    r.method = "POST";
    r.url = QUrl(u"http://127.0.0.1:9/crm/Accounts"_s);
    r.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer secret-token"}};
    r.body = R"({"Name":"Acme"})";
    r.connectorId = connector;
    r.flowId = flow;
    r.recordIds = {record};
    return r;
}

http::Outcome failure(http::OutcomeClass cls, int status, const QString& reason) {
    http::Outcome o;
    o.cls = cls;
    o.status = status;
    o.reason = reason;
    http::Attempt a;
    a.timeMs = 1000;
    a.status = status;
    a.cls = cls;
    a.excerpt = reason;
    o.attempts = {a, a};
    return o;
}

} // namespace

class TestDeadLetters : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsEverythingNeededAndFilters() {
        PipelineFixture f;
        QVERIFY(f.open());
        auto& s = *f.deadLetters;
        auto id = s.deadLetter(request(u"exact"_s, u"f1"_s, u"r1"_s),
                               failure(http::OutcomeClass::Permanent, 422, u"Name too long"_s),
                               u"outbox:exact:1"_s);
        QVERIFY(id.ok());
        // The same source twice (a crash between storing and clearing the outbox): one letter.
        QCOMPARE(*s.deadLetter(request(u"exact"_s, u"f1"_s, u"r1"_s),
                               failure(http::OutcomeClass::Permanent, 422, u"x"_s),
                               u"outbox:exact:1"_s),
                 *id);
        f.clock->advance(1000);
        QVERIFY(s.deadLetter(request(u"shop"_s, u"f2"_s, u"r2"_s),
                             failure(http::OutcomeClass::Transient, 503, u"gave up after 5"_s),
                             u"outbox:shop:7"_s)
                    .ok());
        auto d = s.get(*id);
        QVERIFY(d.ok());
        QCOMPARE(d->connectorId, u"exact"_s);
        QCOMPARE(d->flowId, u"f1"_s);
        QCOMPARE(d->recordIds, QStringList{u"r1"_s});
        QCOMPARE(d->request.method, QByteArray("POST"));
        QCOMPARE(d->request.body, QByteArray(R"({"Name":"Acme"})"));
        QCOMPARE(d->request.header("Content-Type"), QByteArray("application/json"));
        QVERIFY(d->request.header("Authorization").isEmpty()); // secrets removed
        QCOMPARE(d->attempts.size(), 2);
        QCOMPARE(d->attempts[1].status, 422);
        QCOMPARE(d->cls, http::OutcomeClass::Permanent);
        QCOMPARE(d->reason, u"Name too long"_s);
        QCOMPARE(d->state, State::New);
        QVERIFY(!QJsonDocument(d->toJson()).toJson().contains("secret-token"));

        QCOMPARE(*s.count(), 2);
        QCOMPARE(*s.count({u"shop"_s}), 1);
        Filter byClass;
        byClass.cls = u"permanent"_s;
        QCOMPARE(s.list(byClass)->first().id, *id);
        Filter byText;
        byText.text = u"GAVE UP"_s;
        QCOMPARE(*s.count(byText), 1);
        Filter byTime;
        byTime.fromMs = f.clock->nowMs();
        QCOMPARE(*s.count(byTime), 1);
        byTime.toMs = f.clock->nowMs();
        QCOMPARE(*s.count(byTime), 0);
        Filter byFlow;
        byFlow.flowId = u"f1"_s;
        byFlow.state = u"new"_s;
        QCOMPARE(*s.count(byFlow), 1);
        QCOMPARE(s.countByClass()->value(u"transient"_s), 1);
    }

    void discardEditAndAudit() {
        PipelineFixture f;
        QVERIFY(f.open());
        auto& s = *f.deadLetters;
        const qint64 id =
            *s.deadLetter(request(u"exact"_s, u"f1"_s, u"r1"_s),
                          failure(http::OutcomeClass::Permanent, 400, u"bad"_s), u"k1"_s);
        QVERIFY(!s.discard(id, u"ann"_s, u"  "_s).ok()); // a reason is required
        QVERIFY(s.editBody(id, R"({"Name":"Acme BV"})", u"ann"_s).ok());
        QVERIFY(s.discard(id, u"bob"_s, u"duplicate of order 17"_s).ok());
        QVERIFY(!s.discard(id, u"bob"_s, u"again"_s).ok());
        auto d = s.get(id);
        QCOMPARE(d->state, State::Discarded);
        QCOMPARE(d->stateReason, u"duplicate of order 17"_s);
        QCOMPARE(d->request.body, QByteArray(R"({"Name":"Acme BV"})"));
        auto entries = s.audit().entries();
        QVERIFY(entries.ok());
        QCOMPARE(entries->size(), 2);
        QCOMPARE(entries->at(0).action, u"edit"_s);
        QCOMPARE(entries->at(0).user, u"ann"_s);
        QCOMPARE(entries->at(0).before.value(u"body"_s).toString(), u"{\"Name\":\"Acme\"}"_s);
        QCOMPARE(entries->at(0).after.value(u"body"_s).toString(), u"{\"Name\":\"Acme BV\"}"_s);
        QCOMPARE(entries->at(1).action, u"discard"_s);
        QCOMPARE(entries->at(1).before.value(u"state"_s).toString(), u"new"_s);
        QCOMPARE(entries->at(1).after.value(u"state"_s).toString(), u"discarded"_s);
        QCOMPARE(entries->at(1).timeMs, f.clock->nowMs());
        QCOMPARE(entries->at(1).prevHash, entries->at(0).hash);
        QVERIFY(s.audit().verify().ok());

        const qint64 a = *s.deadLetter(request(u"x"_s, u"f"_s, u"1"_s),
                                       failure(http::OutcomeClass::Permanent, 400, u"b"_s), u"a"_s);
        const qint64 b = *s.deadLetter(request(u"x"_s, u"f"_s, u"2"_s),
                                       failure(http::OutcomeClass::Permanent, 400, u"b"_s), u"b"_s);
        QVERIFY(s.discardMany({a, b}, u"carol"_s, u"test data"_s).ok());
        Filter discarded;
        discarded.state = u"discarded"_s;
        QCOMPARE(*s.count(discarded), 3);
        QCOMPARE(s.audit().entries()->last().action, u"bulk-discard"_s);
        QVERIFY(s.audit()
                    .record(f.clock->nowMs(), u"carol"_s, u"breaker-force-open"_s,
                            u"connector exact"_s, {{u"state"_s, u"closed"_s}},
                            {{u"state"_s, u"open"_s}})
                    .ok());
        QVERIFY(s.audit().verify().ok());
    }

    void tamperingIsDetected_data() {
        QTest::addColumn<QString>("sql");
        QTest::addColumn<QString>("expected");
        QTest::newRow("altered")
            << u"UPDATE deadletters_audit SET user_name = 'mallory' WHERE seq = 2"_s
            << u"entry 2 was altered"_s;
        QTest::newRow("removed") << u"DELETE FROM deadletters_audit WHERE seq = 2"_s
                                 << u"entry 2 is missing"_s;
        QTest::newRow("first removed")
            << u"DELETE FROM deadletters_audit WHERE seq = 1"_s << u"entry 1 is missing"_s;
        QTest::newRow("tail cut") << u"DELETE FROM deadletters_audit WHERE seq = 4"_s
                                  << u"newest entries were removed"_s;
        QTest::newRow("rehashed but unchained")
            << u"UPDATE deadletters_audit SET prev_hash = 'x' WHERE seq = 3"_s
            << u"entry 3 does not follow entry 2"_s;
    }
    void tamperingIsDetected() {
        QFETCH(QString, sql);
        QFETCH(QString, expected);
        PipelineFixture f;
        QVERIFY(f.open());
        auto& log = f.deadLetters->audit();
        for (int i = 0; i < 4; ++i)
            QVERIFY(log.record(1000 + i, u"ann"_s, u"edit"_s, u"dead-letter 1"_s, {{u"n"_s, i}},
                               {{u"n"_s, i + 1}})
                        .ok());
        QVERIFY(log.verify().ok());
        QVERIFY(f.db->exec(sql).ok());
        Status st = log.verify();
        QVERIFY(!st.ok());
        QVERIFY2(st.error().message.contains(expected), qPrintable(st.error().message));
    }

    void retentionIsAnExplicitSetting() {
        PipelineFixture f;
        QVERIFY(f.open());
        auto& s = *f.deadLetters;
        const qint64 id =
            *s.deadLetter(request(u"x"_s, u"f"_s, u"1"_s),
                          failure(http::OutcomeClass::Permanent, 400, u"b"_s), u"k"_s);
        QVERIFY(s.deadLetter(request(u"x"_s, u"f"_s, u"2"_s),
                             failure(http::OutcomeClass::Permanent, 400, u"b"_s), u"k2"_s)
                    .ok());
        QVERIFY(s.discard(id, u"ann"_s, u"noise"_s).ok());
        f.clock->advance(400LL * 86'400'000);
        QCOMPARE(*s.purge(u"ann"_s), 0); // no retention set: keep everything
        QVERIFY(s.setRetention(30LL * 86'400'000, u"ann"_s).ok());
        QCOMPARE(*s.retention(), 30LL * 86'400'000);
        QCOMPARE(*s.purge(u"ann"_s), 1); // only the discarded one; new letters stay
        QCOMPARE(*s.count(), 1);
        const auto entries = *s.audit().entries();
        QCOMPARE(entries.last().action, u"purge"_s);
        QCOMPARE(entries.last().after.value(u"removed"_s).toInt(), 1);
        QVERIFY(s.audit().verify().ok());
    }

    void replayResolvesThroughThePipeline() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(201, R"({"id":"new"})")}));
        QVERIFY(api.start());
        auto p = f.pipeline("{}");
        http::Request r = request(u"api"_s, u"f1"_s, u"r1"_s);
        r.url = api.url(u"/crm/Accounts"_s);
        const qint64 id = *f.deadLetters->deadLetter(
            r, failure(http::OutcomeClass::Permanent, 422, u"Name too long"_s), u"outbox:api:9"_s);
        bool done = false;
        ReplayOptions options;
        options.user = u"ann"_s;
        options.body = QByteArray(R"({"Name":"Acme"})");
        auto op = replayDeadLetter(*f.deadLetters, id, options, *p, this,
                                   [&](const http::Outcome& o) { done = o.ok(); });
        QVERIFY2(op.ok(), op.ok() ? "" : qPrintable(op.error().message));
        QCOMPARE(f.deadLetters->get(id)->state, State::Replaying); // before anything was sent
        QVERIFY(f.driveUntil(*p, [&] { return done; }));
        QCOMPARE(api.hits(), 1);
        const auto sent = api.requests().first();
        QCOMPARE(sent.body, QByteArray(R"({"Name":"Acme"})"));
        auto d = f.deadLetters->get(id);
        QCOMPARE(sent.header("Idempotency-Key"), d->idempotencyKey.toUtf8());
        QCOMPARE(d->state, State::Resolved);
        QCOMPARE(d->attempts.size(), 3); // two original attempts + the replay
        QStringList actions;
        const auto entries = f.deadLetters->audit().entries();
        QVERIFY(entries.ok());
        for (const auto& e : *entries)
            actions << e.action;
        QCOMPARE(actions, (QStringList{u"edit"_s, u"replay"_s, u"replay-resolved"_s}));
        QVERIFY(f.deadLetters->audit().verify().ok());
        QVERIFY(!replayDeadLetter(*f.deadLetters, id, options, *p).ok()); // resolved: no replay
    }

    void failedReplayReturnsToNewWithItsAttempts() {
        PipelineFixture f;
        QVERIFY(f.open());
        LoopbackApi api(sequence({answer(422, R"({"error":"still wrong"})")}));
        QVERIFY(api.start());
        auto p = f.pipeline("{}");
        http::Request r = request(u"api"_s, u"f1"_s, u"r1"_s);
        r.url = api.url(u"/crm/Accounts"_s);
        const qint64 id = *f.deadLetters->deadLetter(
            r, failure(http::OutcomeClass::Permanent, 422, u"Name too long"_s), u"outbox:api:9"_s);
        bool done = false;
        auto op = replayDeadLetter(*f.deadLetters, id, {u"ann"_s, {}, {}}, *p, this,
                                   [&](const http::Outcome&) { done = true; });
        QVERIFY(op.ok());
        QVERIFY(f.driveUntil(*p, [&] { return done; }));
        auto d = f.deadLetters->get(id);
        QCOMPARE(d->state, State::New);
        QVERIFY(d->stateReason.contains(u"still wrong"_s));
        QCOMPARE(d->attempts.size(), 3);
        QCOMPARE(*f.deadLetters->count(), 1); // no second letter
        QCOMPARE(f.deadLetters->audit().entries()->last().action, u"replay-failed"_s);
    }

    void interruptedReplayKeepsItsIdempotencyKey() {
        PipelineFixture f;
        QVERIFY(f.open());
        const qint64 id =
            *f.deadLetters->deadLetter(request(u"x"_s, u"f"_s, u"1"_s),
                                       failure(http::OutcomeClass::Transient, 503, u"b"_s), u"k"_s);
        auto first = f.deadLetters->beginReplay(id, u"ann"_s);
        QVERIFY(first.ok());
        QVERIFY(!first->idempotencyKey.isEmpty());
        QCOMPARE(first->deadLetterKey, u"k"_s);
        // The process died before the outcome was stored: the replay resumes with the same key.
        auto again = f.deadLetters->beginReplay(id, u"ann"_s);
        QCOMPARE(again->idempotencyKey, first->idempotencyKey);
        QVERIFY(f.deadLetters->abortReplay(id, u"ann"_s, u"no pipeline"_s).ok());
        auto fresh = f.deadLetters->beginReplay(id, u"ann"_s, u"other-connector"_s);
        QVERIFY(fresh->idempotencyKey != first->idempotencyKey);
        QCOMPARE(fresh->connectorId, u"other-connector"_s);
    }

    void hundredThousandRowsPageFast() {
        PipelineFixture f;
        QVERIFY(f.open());
        const QStringList connectors{u"exact"_s, u"shop"_s, u"pipe"_s};
        const QStringList classes{u"permanent"_s, u"transient"_s, u"auth"_s, u"network"_s};
        QVERIFY(f.db->write([&](QSqlDatabase& db) -> Status {
                        QSqlQuery q(db);
                        q.prepare(u"INSERT INTO deadletters_letters (source_key, connector, flow, "
                                  u"record_ids, request_json, body, attempts, class, status, "
                                  u"reason, state, created_ms, updated_ms, search) VALUES (?, ?, "
                                  u"?, '[]', '{}', '{}', '[]', ?, 400, ?, ?, ?, ?, ?)"_s);
                        for (int i = 0; i < 100'000; ++i) {
                            q.addBindValue(u"bulk:%1"_s.arg(i));
                            q.addBindValue(connectors[i % 3]);
                            q.addBindValue(u"flow-%1"_s.arg(i % 10));
                            q.addBindValue(classes[i % 4]);
                            q.addBindValue(u"reason %1"_s.arg(i));
                            q.addBindValue(i % 5 == 0 ? u"discarded"_s : u"new"_s);
                            q.addBindValue(qint64(i) * 1000);
                            q.addBindValue(qint64(i) * 1000);
                            q.addBindValue(u"reason %1"_s.arg(i));
                            if (!q.exec())
                                return Error::database(u"insert failed"_s);
                        }
                        return Status::success();
                    })
                    .ok());
        auto& s = *f.deadLetters;
        QElapsedTimer t;
        t.start();
        Filter shopNew;
        shopNew.connectorId = u"shop"_s;
        shopNew.state = u"new"_s;
        auto first = s.list(shopNew, 0, 100);
        auto deep = s.list(shopNew, 20'000, 100);
        Filter cls;
        cls.cls = u"auth"_s;
        auto byClass = s.list(cls, 10'000, 100);
        auto n = s.count(shopNew);
        const qint64 elapsed = t.elapsed();
        QVERIFY(first.ok() && deep.ok() && byClass.ok() && n.ok());
        QCOMPARE(first->size(), 100);
        QCOMPARE(deep->size(), 100);
        QCOMPARE(byClass->size(), 100);
        QCOMPARE(*n, 26'667);
        QVERIFY(first->first().id > deep->first().id); // newest first
        QVERIFY2(elapsed < 1500, qPrintable(u"%1 ms for three pages and a count"_s.arg(elapsed)));
        qInfo("three pages and a count over 100,000 letters: %lld ms", elapsed);
    }
};

QTEST_GUILESS_MAIN(TestDeadLetters)
#include "TestDeadLetters.moc"
