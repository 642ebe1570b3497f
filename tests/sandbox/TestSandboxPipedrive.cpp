#include "SandboxClient.h"

#include <QSet>
#include <QTest>

using namespace bk;
using namespace bk::sandbox;
using namespace bk::sandbox::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStart = 1'767'225'600'000; // 2026-01-01T00:00:00Z
const QString kRedirect = u"http://127.0.0.1:1/callback"_s;
const QByteArray kBasic =
    "Basic " + QByteArray("sandbox-pipedrive-client:sandbox-pipedrive-secret").toBase64();

struct Fixture {
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kStart);
    Sandbox sandbox;
    QString base;
    explicit Fixture(int records = 300, WebhookReceiver hooks = {}, SandboxLimits limits = {}) {
        SandboxOptions o;
        o.clock = clock;
        o.recordsPerVendor = records;
        o.pipedriveWebhooks = hooks;
        o.limits = limits;
        QVERIFY(sandbox.start(o).ok());
        base = sandbox.baseUrl(Vendor::Pipedrive);
    }
    QByteArray auth() {
        return bearer(
            sandbox.issueTokensForTest(Vendor::Pipedrive).value(u"access_token"_s).toString());
    }
};

QUrlQuery form(const QList<QPair<QString, QString>>& items) {
    QUrlQuery q;
    for (const auto& [k, v] : items)
        q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
    return q;
}

} // namespace

class TestSandboxPipedrive : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tokensAreNotRotatedAndRefusalsAreExact() {
        Fixture f;
        Client c;
        QUrlQuery p;
        p.addQueryItem(u"client_id"_s, u"sandbox-pipedrive-client"_s);
        p.addQueryItem(u"redirect_uri"_s, kRedirect);
        p.addQueryItem(u"state"_s, u"st"_s);
        QCOMPARE(authorize(c, f.base + u"/oauth/authorize"_s, p, false).queryItemValue(u"error"_s),
                 u"user_denied"_s);
        const QString code =
            authorize(c, f.base + u"/oauth/authorize"_s, p).queryItemValue(u"code"_s);
        const QString tokenUrl = f.base + u"/oauth/token"_s;
        const Reply noBasic = c.postForm(tokenUrl, form({{u"grant_type"_s, u"authorization_code"_s},
                                                         {u"code"_s, code},
                                                         {u"redirect_uri"_s, kRedirect}}));
        QCOMPARE(noBasic.status, 401);
        // A code older than 5 minutes is refused.
        const QString late =
            authorize(c, f.base + u"/oauth/authorize"_s, p).queryItemValue(u"code"_s);
        f.clock->advance(300'000);
        const Reply expiredCode = c.postForm(tokenUrl,
                                             form({{u"grant_type"_s, u"authorization_code"_s},
                                                   {u"code"_s, late},
                                                   {u"redirect_uri"_s, kRedirect}}),
                                             {{"Authorization", kBasic}});
        QCOMPARE(expiredCode.status, 400);
        QCOMPARE(expiredCode.json().value(u"message"_s).toString(),
                 u"Invalid grant: authorization_code has expired"_s);

        const QString fresh =
            authorize(c, f.base + u"/oauth/authorize"_s, p).queryItemValue(u"code"_s);
        const Reply tokens = c.postForm(tokenUrl,
                                        form({{u"grant_type"_s, u"authorization_code"_s},
                                              {u"code"_s, fresh},
                                              {u"redirect_uri"_s, kRedirect}}),
                                        {{"Authorization", kBasic}});
        QCOMPARE(tokens.status, 200);
        QCOMPARE(tokens.json().value(u"expires_in"_s).toInt(), 3600);
        QCOMPARE(tokens.json().value(u"api_domain"_s).toString(), f.base);
        const QString access = tokens.json().value(u"access_token"_s).toString();
        const QString refresh = tokens.json().value(u"refresh_token"_s).toString();

        const QString persons = f.base + u"/api/v2/persons?limit=1"_s;
        f.clock->advance(3'599'999);
        QCOMPARE(c.get(persons, {{"Authorization", bearer(access)}}).status, 200);
        f.clock->advance(1);
        const Reply expired = c.get(persons, {{"Authorization", bearer(access)}});
        QCOMPARE(expired.status, 401);
        QCOMPARE(expired.json().value(u"success"_s), QJsonValue(false));
        QCOMPARE(expired.json().value(u"error"_s).toString(),
                 u"Invalid token: access_token has expired"_s);
        QCOMPARE(c.get(persons, {{"Authorization", bearer(u"nonsense"_s)}})
                     .json()
                     .value(u"error"_s)
                     .toString(),
                 u"Invalid token: access_token is invalid"_s);
        QCOMPARE(c.get(persons, {{"Authorization", "Token abc"}}).status, 400);

        const Reply refreshed = c.postForm(
            tokenUrl, form({{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refresh}}),
            {{"Authorization", kBasic}});
        QCOMPARE(refreshed.status, 200);
        QCOMPARE(refreshed.json().value(u"refresh_token"_s).toString(), refresh); // same token
        QVERIFY(refreshed.json().value(u"access_token"_s).toString() != access);
        // Used again at once: no too-early rule, no rotation.
        QCOMPARE(
            c.postForm(tokenUrl,
                       form({{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refresh}}),
                       {{"Authorization", kBasic}})
                .status,
            200);
        // 60 days idle: gone.
        f.clock->advance(60LL * 86'400'000);
        const Reply idle = c.postForm(
            tokenUrl, form({{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refresh}}),
            {{"Authorization", kBasic}});
        QCOMPARE(idle.status, 400);
        QCOMPARE(idle.json().value(u"message"_s).toString(),
                 u"Invalid grant: refresh_token is invalid"_s);
        const Reply badGrant = c.postForm(tokenUrl, form({{u"grant_type"_s, u"password"_s}}),
                                          {{"Authorization", kBasic}});
        QCOMPARE(badGrant.json().value(u"message"_s).toString(),
                 u"Unsupported grant type: grant_type is invalid"_s);
    }

    void burstWindowRefusesAtTheBoundary() {
        Fixture f(50);
        Client c;
        const QByteArray auth = f.auth();
        const QString url = f.base + u"/api/v2/persons/1"_s;
        for (int i = 1; i <= 80; ++i) {
            const Reply r = c.get(url, {{"Authorization", auth}});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("x-ratelimit-limit"), "80"_ba);
            QCOMPARE(r.header("x-ratelimit-remaining").toInt(), 80 - i);
            QCOMPARE(r.header("x-ratelimit-reset"), "2"_ba);
        }
        f.clock->advance(1'500);
        const Reply refused = c.get(url, {{"Authorization", auth}});
        QCOMPARE(refused.status, 429);
        QCOMPARE(
            refused.body,
            R"({"additional_data":null,"data":null,"error":"Request over limit","error_info":"Please check developers.pipedrive.com","success":false})"_ba);
        QCOMPARE(refused.header("x-ratelimit-remaining"), "0"_ba);
        QCOMPARE(refused.header("x-ratelimit-reset"), "1"_ba);
        f.clock->advance(500); // the first 80 calls leave the rolling window
        QCOMPARE(c.get(url, {{"Authorization", auth}}).status, 200);
        // Another token has its own burst window.
        QCOMPARE(c.get(url, {{"Authorization", f.auth()}}).header("x-ratelimit-remaining"),
                 "79"_ba);
    }

    void cursorPaginationAndUpdatedSince() {
        Fixture f(1200);
        Client c;
        const QByteArray auth = f.auth();
        QSet<qint64> seen;
        QString cursor;
        int pages = 0;
        do {
            QString url = f.base + u"/api/v2/persons?limit=500"_s;
            if (!cursor.isEmpty())
                url += u"&cursor="_s + cursor;
            const Reply r = c.get(url, {{"Authorization", auth}});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.json().value(u"success"_s), QJsonValue(true));
            for (const QJsonValue& v : r.json().value(u"data"_s).toArray()) {
                const qint64 id = v.toObject().value(u"id"_s).toInteger();
                QVERIFY(!seen.contains(id));
                seen.insert(id);
                const QJsonArray phones = v.toObject().value(u"phones"_s).toArray();
                QVERIFY(!phones.isEmpty());
                QVERIFY(phones[0].toObject().contains(u"label"_s));
                QCOMPARE(phones[0].toObject().value(u"primary"_s), QJsonValue(true));
            }
            const QJsonValue next =
                r.json().value(u"additional_data"_s).toObject().value(u"next_cursor"_s);
            cursor = next.isNull() ? QString() : next.toString();
            ++pages;
        } while (!cursor.isEmpty());
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 1200);
        QCOMPARE(c.get(f.base + u"/api/v2/persons?limit=501"_s, {{"Authorization", auth}}).status,
                 400);

        f.clock->advance(3'600'000);
        const QByteArray fresh = f.auth();
        const Reply patched =
            c.send("PATCH", f.base + u"/api/v2/persons/17"_s, {{"Authorization", fresh}},
                   R"({"phones":[{"value":"020-1234567"}]})");
        QCOMPARE(patched.status, 200);
        const QJsonObject phone =
            patched.json().value(u"data"_s).toObject().value(u"phones"_s).toArray()[0].toObject();
        QCOMPARE(phone.value(u"label"_s).toString(), u"work"_s);
        QCOMPARE(phone.value(u"primary"_s), QJsonValue(true));
        const Reply delta = c.get(
            f.base +
                u"/api/v2/persons?updated_since=2026-01-01T01:00:00Z&sort_by=update_time&sort_direction=asc"_s,
            {{"Authorization", fresh}});
        const QJsonArray changed = delta.json().value(u"data"_s).toArray();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0].toObject().value(u"id"_s).toInt(), 17);
        QCOMPARE(changed[0].toObject().value(u"update_time"_s).toString(),
                 u"2026-01-01T01:00:00Z"_s);
        QCOMPARE(
            c.get(f.base + u"/api/v2/persons?updated_since=yesterday"_s, {{"Authorization", fresh}})
                .status,
            400);
    }

    void bulkDeleteSoftDeletesAndCostsTen() {
        SandboxLimits limits;
        limits.pipedriveDailyTokens = 30;
        Fixture f(40, {}, limits);
        Client c;
        const QByteArray auth = f.auth();
        const QString v1 = f.base + u"/api/v1/deals"_s;
        const Reply bulk = c.send("DELETE", v1 + u"?ids=2,5,7"_s, {{"Authorization", auth}});
        QCOMPARE(bulk.status, 200);
        QCOMPARE(bulk.body, R"({"additional_data":null,"data":{"id":[2,5,7]},"success":true})"_ba);
        QVERIFY(bulk.hasHeader("x-ratelimit-remaining"));
        for (const char* id : {"2", "5", "7"})
            QVERIFY(f.sandbox.record(Vendor::Pipedrive, u"deals"_s, QLatin1String(id))
                        .value(u"is_deleted"_s)
                        .toBool());
        QVERIFY(!f.sandbox.record(Vendor::Pipedrive, u"deals"_s, u"3"_s)
                     .value(u"is_deleted"_s)
                     .toBool());
        // Already deleted ids are skipped; none left to delete is a 404.
        const Reply again = c.send("DELETE", v1 + u"?ids=2,3"_s, {{"Authorization", auth}});
        QCOMPARE(again.json().value(u"data"_s).toObject().value(u"id"_s).toArray(), QJsonArray{3});
        // The budget is spent: 10 + 10 of 30 tokens. A list (20) no longer fits, a single
        // GET (2) does; then the budget is 22 and another delete list (10) does not fit.
        const QString v2 = f.base + u"/api/v2/deals"_s;
        const Reply list = c.get(v2, {{"Authorization", auth}});
        QCOMPARE(list.status, 429);
        QCOMPARE(list.json().value(u"error"_s).toString(), u"Request over limit"_s);
        QCOMPARE(c.get(v2 + u"/4"_s, {{"Authorization", auth}}).status, 200);
        QCOMPARE(c.send("DELETE", v1 + u"?ids=4"_s, {{"Authorization", auth}}).status, 429);
        QCOMPARE(c.send("DELETE", v1 + u"?ids=2"_s, {{"Authorization", auth}}).status, 429);

        Fixture g(40);
        const QByteArray auth2 = g.auth();
        const QString v1g = g.base + u"/api/v1/persons"_s;
        QCOMPARE(c.send("DELETE", v1g, {{"Authorization", auth2}}).status, 400);
        QCOMPARE(c.send("DELETE", v1g + u"?ids=1,x"_s, {{"Authorization", auth2}}).status, 400);
        QCOMPARE(c.send("DELETE", v1g + u"?ids=9999"_s, {{"Authorization", auth2}}).status, 404);
        QCOMPARE(c.get(v1g, {{"Authorization", auth2}}).status, 404); // only bulk delete in v1
        QCOMPARE(c.send("DELETE", v1g + u"?ids=1,2"_s).status, 401);
        QCOMPARE(g.sandbox.countRequests(Vendor::Pipedrive, u"/api/v1/persons"_s), 5);
    }

    void webhookBanSystemAndDeletion() {
        Receiver receiver;
        receiver.setStatus(503);
        WebhookReceiver hooks;
        hooks.url = receiver.url();
        hooks.secret = u"hook-password"_s;
        Fixture f(30, hooks);
        Client c;
        QString admin = f.base;
        admin.chop(9); // "pipedrive"
        admin += u"_admin/stats"_s;
        auto hook = [&] { return c.get(admin).json().value(u"pipedriveWebhook"_s).toObject(); };
        int change = 0;
        auto changePerson = [&] {
            QVERIFY(f.sandbox.updateRecord(Vendor::Pipedrive, u"persons"_s, u"4"_s,
                                           {{u"name"_s, u"Wijziging %1"_s.arg(++change)}}));
            f.clock->advance(0);
        };
        auto deliveries = [&] { return int(f.sandbox.webhookDeliveries().size()); };
        const qint64 t0 = f.clock->nowMs();

        // Nine failed first attempts, each retried three times: retries do not add.
        for (int i = 0; i < 9; ++i)
            changePerson();
        QTRY_COMPARE(deliveries(), 9);
        for (const qint64 step : {3'000, 30'000, 150'000}) {
            const int before = deliveries();
            f.clock->advance(step);
            QTRY_COMPARE(deliveries(), before + 9);
        }
        QCOMPARE(receiver.count(), 36);
        QCOMPARE(hook().value(u"banCounter"_s).toInt(), 9);
        QCOMPARE(hook().value(u"banned"_s).toBool(), false);

        // The tenth failed first attempt bans the webhook for 30 minutes.
        changePerson();
        QTRY_COMPARE(deliveries(), 37);
        const qint64 banStart = f.clock->nowMs();
        QCOMPARE(hook().value(u"banned"_s).toBool(), true);
        QCOMPARE(hook().value(u"bannedUntilMs"_s).toInteger(), banStart + 30 * 60'000);

        // Events during the ban are lost, and logged as dropped by the ban.
        changePerson();
        QTest::qWait(30);
        const WebhookDelivery lost = f.sandbox.webhookDeliveries().last();
        QVERIFY(lost.dropped);
        QCOMPARE(lost.dropReason, u"ban"_s);
        // The banned event's own retries still go out (it was triggered before the ban).
        for (const qint64 step : {3'000, 30'000, 150'000}) {
            const int before = deliveries();
            f.clock->advance(step);
            QTRY_COMPARE(deliveries(), before + 1);
        }
        f.clock->setNow(banStart + 30 * 60'000 - 1);
        changePerson();
        QCOMPARE(f.sandbox.webhookDeliveries().last().dropReason, u"ban"_s);
        const int sentBefore = receiver.count();
        f.clock->advance(1);
        changePerson(); // the ban is over: delivered (and failing) again
        QTRY_COMPARE(receiver.count(), sentBefore + 1);
        QTRY_COMPARE(hook().value(u"banCounter"_s).toInt(), 1);
        for (const qint64 step : {3'000, 30'000, 150'000}) {
            const int before = receiver.count();
            f.clock->advance(step);
            QTRY_COMPARE(receiver.count(), before + 1);
        }
        QCOMPARE(hook().value(u"banCounter"_s).toInt(), 1); // retries do not count
        const QJsonObject stats = c.get(admin).json();
        QCOMPARE(stats.value(u"webhooksDroppedByBan"_s).toInt(), 2);

        // Three days without a single success since the first failure: the webhook is deleted.
        f.clock->setNow(t0 + 3 * 86'400'000LL - 1);
        changePerson();
        QTRY_COMPARE(receiver.count(), sentBefore + 5);
        QTRY_COMPARE(hook().value(u"banCounter"_s).toInt(), 2);
        QCOMPARE(hook().value(u"deleted"_s).toBool(), false);
        f.clock->setNow(t0 + 3 * 86'400'000LL);
        changePerson();
        QTRY_COMPARE(hook().value(u"deleted"_s).toBool(), true);
        const int finalCount = receiver.count();
        changePerson();
        QCOMPARE(f.sandbox.webhookDeliveries().last().dropReason, u"deleted"_s);
        f.clock->advance(86'400'000); // no retries either, not even those already scheduled
        QTest::qWait(50);
        QCOMPARE(receiver.count(), finalCount);
        QCOMPARE(f.sandbox.webhookDeliveries().last().dropReason, u"deleted"_s);
    }

    void webhookSuccessKeepsTheWebhookAlive() {
        Receiver receiver;
        receiver.setStatus(500);
        WebhookReceiver hooks;
        hooks.url = receiver.url();
        Fixture f(30, hooks);
        const qint64 t0 = f.clock->nowMs();
        QVERIFY(f.sandbox.updateRecord(Vendor::Pipedrive, u"deals"_s, u"2"_s, {{u"value"_s, 1}}));
        f.clock->advance(0);
        QTRY_COMPARE(receiver.count(), 1);
        f.clock->setNow(t0 + 2 * 86'400'000LL);
        receiver.setStatus(200);
        QVERIFY(f.sandbox.updateRecord(Vendor::Pipedrive, u"deals"_s, u"2"_s, {{u"value"_s, 2}}));
        f.clock->advance(0);
        QTRY_COMPARE(f.sandbox.webhookDeliveries().last().status, 200);
        receiver.setStatus(500);
        f.clock->setNow(t0 + 4 * 86'400'000LL); // 4 days after the first failure, 2 after success
        QVERIFY(f.sandbox.updateRecord(Vendor::Pipedrive, u"deals"_s, u"2"_s, {{u"value"_s, 3}}));
        f.clock->advance(0);
        QTRY_COMPARE(f.sandbox.webhookDeliveries().last().status, 500);
        const int count = receiver.count();
        QVERIFY(f.sandbox.updateRecord(Vendor::Pipedrive, u"deals"_s, u"2"_s, {{u"value"_s, 4}}));
        f.clock->advance(0);
        QTRY_COMPARE(receiver.count(), count + 1); // still alive
    }

    void webhooksCarryBasicAuthAndRetryOnSchedule() {
        Receiver receiver;
        receiver.setStatus(500);
        WebhookReceiver hooks;
        hooks.url = receiver.url();
        hooks.secret = u"hook-password"_s;
        Fixture f(30, hooks);
        QVERIFY(f.sandbox.updateRecord(Vendor::Pipedrive, u"persons"_s, u"3"_s,
                                       {{u"name"_s, u"Eva Bos"_s}}));
        f.clock->advance(0);
        QTRY_COMPARE(f.sandbox.webhookDeliveries().size(), 1);
        const httpserver::Request first = receiver.requests().first();
        QCOMPARE(first.header("Authorization"),
                 "Basic " + QByteArray("bridgekeeper:hook-password").toBase64());
        const QJsonObject meta =
            QJsonDocument::fromJson(first.body).object().value(u"meta"_s).toObject();
        QCOMPARE(meta.value(u"action"_s).toString(), u"change"_s);
        QCOMPARE(meta.value(u"entity"_s).toString(), u"person"_s);
        QCOMPARE(meta.value(u"entity_id"_s).toString(), u"3"_s);
        QCOMPARE(meta.value(u"version"_s).toString(), u"2.0"_s);
        QCOMPARE(meta.value(u"attempt"_s).toInt(), 1);
        const QString eventId = meta.value(u"id"_s).toString();

        // Retries after 3, 30 and 150 seconds, then none.
        const qint64 offsets[] = {3'000, 30'000, 150'000};
        for (int i = 0; i < 3; ++i) {
            f.clock->advance(offsets[i] - 1);
            QTest::qWait(20);
            QCOMPARE(receiver.count(), i + 1);
            f.clock->advance(1);
            QTRY_COMPARE(receiver.count(), i + 2);
            const QJsonObject m = QJsonDocument::fromJson(receiver.requests().last().body)
                                      .object()
                                      .value(u"meta"_s)
                                      .toObject();
            QCOMPARE(m.value(u"attempt"_s).toInt(), i + 2);
            QCOMPARE(m.value(u"id"_s).toString(), eventId);
            QTRY_COMPARE(f.sandbox.webhookDeliveries().size(), i + 2);
        }
        f.clock->advance(86'400'000);
        QTest::qWait(50);
        QCOMPARE(receiver.count(), 4);
        QCOMPARE(f.sandbox.webhookDeliveries().last().status, 500);
    }
};

QTEST_GUILESS_MAIN(TestSandboxPipedrive)
#include "TestSandboxPipedrive.moc"
