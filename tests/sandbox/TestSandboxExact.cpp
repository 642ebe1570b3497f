#include "SandboxClient.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace bk;
using namespace bk::sandbox;
using namespace bk::sandbox::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStart = 1'767'225'600'000; // 2026-01-01T00:00:00Z
const QString kRedirect = u"http://127.0.0.1:1/callback"_s;

QUrlQuery authParams(const QString& state) {
    QUrlQuery q;
    q.addQueryItem(u"client_id"_s, u"sandbox-exact-client"_s);
    q.addQueryItem(u"redirect_uri"_s, kRedirect);
    q.addQueryItem(u"response_type"_s, u"code"_s);
    q.addQueryItem(u"state"_s, state);
    return q;
}

QUrlQuery tokenForm(const QList<QPair<QString, QString>>& items) {
    QUrlQuery q;
    for (const auto& [k, v] : items)
        q.addQueryItem(k, QString::fromLatin1(QUrl::toPercentEncoding(v)));
    q.addQueryItem(u"client_id"_s, u"sandbox-exact-client"_s);
    q.addQueryItem(u"client_secret"_s, u"sandbox-exact-secret"_s);
    return q;
}

struct Fixture {
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kStart);
    Sandbox sandbox;
    QString base;
    explicit Fixture(int records = 300, SandboxLimits limits = {}, WebhookReceiver hooks = {}) {
        SandboxOptions o;
        o.clock = clock;
        o.recordsPerVendor = records;
        o.limits = limits;
        o.exactWebhooks = hooks;
        const auto port = sandbox.start(o);
        QVERIFY(port.ok());
        base = sandbox.baseUrl(Vendor::Exact);
    }
    QString token() {
        return sandbox.issueTokensForTest(Vendor::Exact).value(u"access_token"_s).toString();
    }
};

} // namespace

class TestSandboxExact : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void authorizePageLogsInAndRedirects() {
        Fixture f;
        Client c;
        const QString authUrl = f.base + u"/api/oauth2/auth"_s;
        const Reply page = c.get(authUrl + u'?' + authParams(u"s1"_s).toString(QUrl::FullyEncoded));
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QVERIFY(page.body.contains("<form method=\"post\""));
        QVERIFY(page.body.contains("name=\"username\""));
        QVERIFY(page.body.contains("value=\"deny\""));

        QUrlQuery wrong = authParams(u"s1"_s);
        wrong.addQueryItem(u"username"_s, u"demo"_s);
        wrong.addQueryItem(u"password"_s, u"nope"_s);
        wrong.addQueryItem(u"decision"_s, u"allow"_s);
        const Reply retry = c.postForm(authUrl, wrong);
        QCOMPARE(retry.status, 200);
        QVERIFY(retry.body.contains("Wrong user name or password."));

        const QUrlQuery denied = authorize(c, authUrl, authParams(u"s2"_s), false);
        QCOMPARE(denied.queryItemValue(u"error"_s), u"access_denied"_s);
        QCOMPARE(denied.queryItemValue(u"state"_s), u"s2"_s);

        const QUrlQuery allowed = authorize(c, authUrl, authParams(u"s3"_s));
        QCOMPARE(allowed.queryItemValue(u"state"_s), u"s3"_s);
        QVERIFY(!allowed.queryItemValue(u"code"_s).isEmpty());

        QUrlQuery badClient = authParams(u"s4"_s);
        badClient.removeAllQueryItems(u"client_id"_s);
        badClient.addQueryItem(u"client_id"_s, u"someone-else"_s);
        QCOMPARE(c.get(authUrl + u'?' + badClient.toString(QUrl::FullyEncoded)).status, 400);
    }

    void tokenLifetimesAndEveryRefusal() {
        Fixture f;
        Client c;
        const QString tokenUrl = f.base + u"/api/oauth2/token"_s;
        const QString code = authorize(c, f.base + u"/api/oauth2/auth"_s, authParams(u"x"_s))
                                 .queryItemValue(u"code"_s);
        const Reply first =
            c.postForm(tokenUrl, tokenForm({{u"grant_type"_s, u"authorization_code"_s},
                                            {u"code"_s, code},
                                            {u"redirect_uri"_s, kRedirect}}));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(u"expires_in"_s), QJsonValue(u"600"_s)); // a JSON string
        QCOMPARE(first.json().value(u"token_type"_s).toString(), u"bearer"_s);
        const QString access = first.json().value(u"access_token"_s).toString();
        QString refresh = first.json().value(u"refresh_token"_s).toString();

        // The code is single use.
        const Reply again =
            c.postForm(tokenUrl, tokenForm({{u"grant_type"_s, u"authorization_code"_s},
                                            {u"code"_s, code},
                                            {u"redirect_uri"_s, kRedirect}}));
        QCOMPARE(again.status, 400);
        QCOMPARE(again.json().value(u"error"_s).toString(), u"invalid_grant"_s);

        const QString accounts = f.base + u"/api/v1/123456/crm/Accounts?$top=1"_s;
        QCOMPARE(c.get(accounts, {{"Authorization", bearer(access)}}).status, 200);
        f.clock->advance(599'999);
        QCOMPARE(c.get(accounts, {{"Authorization", bearer(access)}}).status, 200);
        f.clock->advance(1);
        const Reply expired = c.get(accounts, {{"Authorization", bearer(access)}});
        QCOMPARE(expired.status, 401);
        QCOMPARE(expired.header("WWW-Authenticate"), "Bearer"_ba);

        auto refreshWith = [&](const QString& value) {
            return c.postForm(tokenUrl, tokenForm({{u"grant_type"_s, u"refresh_token"_s},
                                                   {u"refresh_token"_s, value}}));
        };
        const Reply second = refreshWith(refresh);
        QCOMPARE(second.status, 200);
        const QString refresh2 = second.json().value(u"refresh_token"_s).toString();
        QVERIFY(refresh2 != refresh);

        // Too early: less than 570 s after the previous token was handed out.
        f.clock->advance(569'999);
        const Reply early = refreshWith(refresh2);
        QCOMPARE(early.status, 400);
        QCOMPARE(
            early.body,
            R"({"error":"access_denied","error_description":"Rate limit exceeded: access_token not expired"})"_ba);
        QCOMPARE(early.header("Reason"),
                 "TooEarlyToRefreshTokens: Rate limit exceeded: access_token not expired"_ba);
        f.clock->advance(1);
        const Reply third = refreshWith(refresh2);
        QCOMPARE(third.status, 200);

        // The replaced refresh token is refused for good.
        const Reply old = refreshWith(refresh2);
        QCOMPARE(old.status, 401);
        QCOMPARE(
            old.body,
            R"({"error":"unauthorized_client","error_description":"Old refresh token used."})"_ba);
        QCOMPARE(refreshWith(refresh).status, 401);

        // 30 days without use: the refresh token expires.
        const QString refresh3 = third.json().value(u"refresh_token"_s).toString();
        const qint64 issuedAt = f.clock->nowMs();
        f.clock->advance(30LL * 86'400'000);
        const Reply idle = refreshWith(refresh3);
        QCOMPARE(idle.status, 400);
        auto us = [](qint64 ms) {
            return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
                .toString(u"M/d/yyyy h:mm:ss AP"_s)
                .replace(u"/"_s, u"\\/"_s)
                .toUtf8();
        };
        QCOMPARE(idle.body,
                 "{\"error\":\"invalid_request\",\"error_description\":\"The refresh token "
                 "expired at " +
                     us(issuedAt + 30LL * 86'400'000) + " and it is now " + us(f.clock->nowMs()) +
                     ".\"}");

        QUrlQuery badSecret;
        badSecret.addQueryItem(u"grant_type"_s, u"refresh_token"_s);
        badSecret.addQueryItem(u"refresh_token"_s, refresh3);
        badSecret.addQueryItem(u"client_id"_s, u"sandbox-exact-client"_s);
        badSecret.addQueryItem(u"client_secret"_s, u"wrong"_s);
        QCOMPARE(c.postForm(tokenUrl, badSecret).json().value(u"error"_s).toString(),
                 u"invalid_client"_s);

        int issued = 0, refused = 0;
        for (const TokenEvent& e : f.sandbox.tokenEvents())
            (e.issued ? issued : refused)++;
        QCOMPARE(issued, 3);
        QCOMPARE(refused, 6);
    }

    void tokenEndpointCapOf200CallsPerDay() {
        Fixture f;
        Client c;
        f.clock->setNow(kStart + 23 * 3'600'000); // 23:00 UTC: the cap resets at midnight
        const QString tokenUrl = f.base + u"/api/oauth2/token"_s;
        auto codeExchange = [&](const QString& code) {
            return c.postForm(tokenUrl, tokenForm({{u"grant_type"_s, u"authorization_code"_s},
                                                   {u"code"_s, code},
                                                   {u"redirect_uri"_s, kRedirect}}));
        };
        auto freshCode = [&] {
            return authorize(c, f.base + u"/api/oauth2/auth"_s, authParams(u"cap"_s))
                .queryItemValue(u"code"_s);
        };
        // Every call counts, refused ones too: 1 success and 199 bad codes use the day up.
        QCOMPARE(codeExchange(freshCode()).status, 200);
        for (int i = 0; i < 199; ++i)
            QCOMPARE(codeExchange(u"not-a-code"_s).status, 400);
        const Reply capped = codeExchange(freshCode());
        QCOMPARE(capped.status, 400);
        QCOMPARE(
            capped.body,
            R"({"error":"access_denied","error_description":"Rate limit exceeded: token request limit per day reached"})"_ba);
        QCOMPARE(capped.header("Reason"),
                 "TooManyTokenRequests: Rate limit exceeded: token request "
                 "limit per day reached"_ba);
        const TokenEvent last = f.sandbox.tokenEvents().last();
        QVERIFY(!last.issued);
        QVERIFY(last.error.contains(u"token request limit per day"_s));
        // Counted in the request log and the admin stats.
        QCOMPARE(f.sandbox.countRequests(Vendor::Exact, u"/api/oauth2/token"_s), 201);
        QString admin = f.base;
        admin.chop(12);
        const QJsonObject stats = c.get(admin + u"_admin/stats"_s).json();
        QCOMPARE(stats.value(u"exactTokenCallsToday"_s)
                     .toObject()
                     .value(u"sandbox-exact-client|demo"_s)
                     .toInt(),
                 200);

        // Still refused one millisecond before midnight UTC, allowed at midnight.
        const QString code = freshCode();
        f.clock->setNow(kStart + 86'400'000 - 1);
        QCOMPARE(codeExchange(code).status, 400);
        f.clock->setNow(kStart + 86'400'000);
        const QString code2 = freshCode();
        QCOMPARE(codeExchange(code2).status, 200);
        int capped2 = 0;
        for (const LoggedRequest& r : f.sandbox.requests())
            capped2 += r.note == u"token-cap"_s ? 1 : 0;
        QCOMPARE(capped2, 2);
        QCOMPARE(c.get(admin + u"_admin/stats"_s)
                     .json()
                     .value(u"refusals"_s)
                     .toObject()
                     .value(u"token-cap"_s)
                     .toInt(),
                 2);
    }

    void tokenCapIsConfigurable() {
        SandboxLimits limits;
        limits.exactTokenCallsPerDay = 2;
        limits.exactTokenCapStatus = 429;
        Fixture f(20, limits);
        Client c;
        const QString tokenUrl = f.base + u"/api/oauth2/token"_s;
        const QUrlQuery bad =
            tokenForm({{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, u"unknown"_s}});
        QCOMPARE(c.postForm(tokenUrl, bad).status, 400);
        QCOMPARE(c.postForm(tokenUrl, bad).status, 400);
        const Reply third = c.postForm(tokenUrl, bad);
        QCOMPARE(third.status, 429);
        QCOMPARE(third.json().value(u"error"_s).toString(), u"access_denied"_s);
    }

    void pkceS256IsVerified() {
        Fixture f;
        Client c;
        const QByteArray verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        const QString challenge = QString::fromLatin1(
            QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        auto codeFor = [&] {
            QUrlQuery p = authParams(u"p"_s);
            p.addQueryItem(u"code_challenge"_s, challenge);
            p.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
            return authorize(c, f.base + u"/api/oauth2/auth"_s, p).queryItemValue(u"code"_s);
        };
        const QString tokenUrl = f.base + u"/api/oauth2/token"_s;
        const Reply wrong =
            c.postForm(tokenUrl, tokenForm({{u"grant_type"_s, u"authorization_code"_s},
                                            {u"code"_s, codeFor()},
                                            {u"redirect_uri"_s, kRedirect},
                                            {u"code_verifier"_s, u"not-it"_s}}));
        QCOMPARE(wrong.status, 400);
        QCOMPARE(wrong.json().value(u"error_description"_s).toString(),
                 u"PKCE verification failed"_s);
        const Reply right =
            c.postForm(tokenUrl, tokenForm({{u"grant_type"_s, u"authorization_code"_s},
                                            {u"code"_s, codeFor()},
                                            {u"redirect_uri"_s, kRedirect},
                                            {u"code_verifier"_s, QString::fromLatin1(verifier)}}));
        QCOMPARE(right.status, 200);
    }

    void minutelyLimitAtTheBoundary() {
        Fixture f;
        Client c;
        const QByteArray auth = bearer(f.token());
        const QString url = f.base + u"/api/v1/123456/crm/Accounts?$top=1"_s;
        for (int i = 1; i <= 60; ++i) {
            const Reply r = c.get(url, {{"Authorization", auth}});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("X-RateLimit-Minutely-Remaining").toInt(), 60 - i);
            QCOMPARE(r.header("X-RateLimit-Remaining").toInt(), 5000 - i);
            QCOMPARE(r.header("X-RateLimit-Minutely-Limit"), "60"_ba);
            QCOMPARE(r.header("X-RateLimit-Limit"), "5000"_ba);
            QCOMPARE(r.header("X-RateLimit-Minutely-Reset").toLongLong(), kStart + 60'000);
            QCOMPARE(r.header("X-RateLimit-Reset").toLongLong(), kStart + 86'400'000);
        }
        f.clock->advance(59'999);
        const Reply refused = c.get(url, {{"Authorization", auth}});
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.header("X-RateLimit-Minutely-Remaining"), "0"_ba);
        QCOMPARE(refused.header("X-RateLimit-Minutely-Reset").toLongLong(), kStart + 60'000);
        QVERIFY(!refused.hasHeader("X-RateLimit-Limit"));
        QVERIFY(!refused.hasHeader("X-RateLimit-Remaining"));
        QVERIFY(!refused.hasHeader("X-RateLimit-Reset"));
        f.clock->advance(1);
        const Reply next = c.get(url, {{"Authorization", auth}});
        QCOMPARE(next.status, 200);
        QCOMPARE(next.header("X-RateLimit-Minutely-Remaining"), "59"_ba);
        QCOMPARE(next.header("X-RateLimit-Remaining"), "4939"_ba);
        QCOMPARE(f.sandbox.countRequests(Vendor::Exact, u"crm/Accounts"_s, 429), 1);
    }

    void dailyLimitSendsOnlyTheDailyHeaders() {
        SandboxLimits limits;
        limits.exactPerDay = 3;
        Fixture f(50, limits);
        Client c;
        const QByteArray auth = bearer(f.token());
        const QString url = f.base + u"/api/v1/123456/crm/Accounts?$top=1"_s;
        for (int i = 0; i < 3; ++i)
            QCOMPARE(c.get(url, {{"Authorization", auth}}).status, 200);
        f.clock->advance(3'600'000);
        const Reply refused = c.get(url, {{"Authorization", bearer(f.token())}});
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.header("X-RateLimit-Remaining"), "0"_ba);
        QCOMPARE(refused.header("X-RateLimit-Reset").toLongLong(), kStart + 86'400'000);
        QVERIFY(!refused.hasHeader("X-RateLimit-Minutely-Remaining"));
        f.clock->setNow(kStart + 86'400'000);
        QCOMPARE(c.get(url, {{"Authorization", bearer(f.token())}}).status, 200);
    }

    void tenErrorsPerHourBlockTheEndpoint() {
        Fixture f;
        Client c;
        const QByteArray auth = bearer(f.token());
        const QString missing =
            f.base + u"/api/v1/123456/crm/Accounts(guid'00000000-0000-4000-8000-000000000000')"_s;
        for (int i = 0; i < 11; ++i)
            QCOMPARE(c.get(missing, {{"Authorization", auth}}).status, 404);
        const Reply blocked = c.get(missing, {{"Authorization", auth}});
        QCOMPARE(blocked.status, 429);
        QVERIFY(blocked.body.contains("blocked"));
        // Another endpoint of the same key still works; the block ends after an hour.
        QCOMPARE(c.get(f.base + u"/api/v1/123456/crm/Accounts?$top=1"_s, {{"Authorization", auth}})
                     .status,
                 200);
        f.clock->advance(3'600'000);
        QCOMPARE(c.get(missing, {{"Authorization", bearer(f.token())}}).status, 404);
    }

    void paginationReachesEveryRecordOnce() {
        Fixture f;
        Client c;
        const QByteArray auth = bearer(f.token());
        QString url = f.base + u"/api/v1/123456/crm/Accounts"_s;
        QSet<QString> seen;
        int pages = 0;
        static const QRegularExpression dateRe(uR"(^/Date\(\d{13}\)/$)"_s);
        while (!url.isEmpty()) {
            const Reply r = c.get(url, {{"Authorization", auth}});
            QCOMPARE(r.status, 200);
            const QJsonObject d = r.json().value(u"d"_s).toObject();
            const QJsonArray results = d.value(u"results"_s).toArray();
            QVERIFY(results.size() <= 60);
            for (const QJsonValue& v : results) {
                const QString id = v.toObject().value(u"ID"_s).toString();
                QVERIFY2(!seen.contains(id), qPrintable(id));
                seen.insert(id);
                QVERIFY(dateRe.match(v.toObject().value(u"Modified"_s).toString()).hasMatch());
                QCOMPARE(v.toObject().value(u"Code"_s).toString().size(), 18);
            }
            url = d.value(u"__next"_s).toString();
            ++pages;
        }
        QCOMPARE(seen.size(), 300);
        QCOMPARE(pages, 5);
        QCOMPARE(seen.size(), f.sandbox.recordCount(Vendor::Exact, u"Accounts"_s));
    }

    void syncAndModifiedFiltersFollowWrites() {
        Fixture f(1500);
        Client c;
        const QByteArray auth = bearer(f.token());
        QString url = f.base + u"/api/v1/123456/sync/CRM/Accounts?$filter=Timestamp%20gt%200L"_s;
        QSet<QString> seen;
        qint64 maxTimestamp = 0;
        int pages = 0;
        while (!url.isEmpty()) {
            const Reply r = c.get(url, {{"Authorization", auth}});
            QCOMPARE(r.status, 200);
            const QJsonObject d = r.json().value(u"d"_s).toObject();
            for (const QJsonValue& v : d.value(u"results"_s).toArray()) {
                seen.insert(v.toObject().value(u"ID"_s).toString());
                const qint64 ts = v.toObject().value(u"Timestamp"_s).toInteger();
                QVERIFY(ts > maxTimestamp); // ascending row versions
                maxTimestamp = ts;
            }
            url = d.value(u"__next"_s).toString();
            ++pages;
        }
        QCOMPARE(pages, 2);
        QCOMPARE(seen.size(), 1500);

        f.clock->advance(3'600'000);
        const QByteArray fresh = bearer(f.token());
        const QString id = f.sandbox.recordIds(Vendor::Exact, u"Accounts"_s).at(7);
        const Reply put = c.send("PUT", f.base + u"/api/v1/123456/crm/Accounts(guid'%1')"_s.arg(id),
                                 {{"Authorization", fresh}}, R"({"Name":"Bakkerij Nieuw B.V."})");
        QCOMPARE(put.status, 204);
        const Reply delta =
            c.get(f.base + u"/api/v1/123456/sync/CRM/Accounts?$filter=Timestamp%20gt%20"_s +
                      QString::number(maxTimestamp) + u"L"_s,
                  {{"Authorization", fresh}});
        const QJsonArray changed =
            delta.json().value(u"d"_s).toObject().value(u"results"_s).toArray();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0].toObject().value(u"Name"_s).toString(), u"Bakkerij Nieuw B.V."_s);
        QCOMPARE(changed[0].toObject().value(u"Modified"_s).toString(),
                 u"/Date(%1)/"_s.arg(f.clock->nowMs()));

        const Reply modified = c.get(
            f.base +
                u"/api/v1/123456/crm/Accounts?$filter=Modified%20ge%20datetime'2026-01-01T01:00:00'"_s,
            {{"Authorization", fresh}});
        QCOMPARE(modified.json().value(u"d"_s).toObject().value(u"results"_s).toArray().size(), 1);
        const Reply bad =
            c.get(f.base + u"/api/v1/123456/crm/Accounts?$filter=Modified%20gee%201"_s,
                  {{"Authorization", fresh}});
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.json()
                     .value(u"error"_s)
                     .toObject()
                     .value(u"message"_s)
                     .toObject()
                     .value(u"value"_s)
                     .toString(),
                 u"Error in query syntax."_s);
    }

    void webhookHashCodeVerifiesIndependently() {
        Receiver receiver;
        WebhookReceiver hooks;
        hooks.url = receiver.url();
        hooks.secret = u"exact-webhook-secret"_s;
        Fixture f(50, {}, hooks);
        const QString id = f.sandbox.recordIds(Vendor::Exact, u"Accounts"_s).first();
        QVERIFY(
            f.sandbox.updateRecord(Vendor::Exact, u"Accounts"_s, id, {{u"City"_s, u"Zwolle"_s}}));
        f.clock->advance(0);
        QTRY_COMPARE(receiver.count(), 1);
        const QByteArray body = receiver.requests().first().body;
        static const QRegularExpression shape(uR"re(^\{"Content":(.*),"HashCode":"(.*)"\}$)re"_s);
        const auto m = shape.match(QString::fromUtf8(body));
        QVERIFY(m.hasMatch());
        const QByteArray expected =
            QMessageAuthenticationCode::hash(m.captured(1).toUtf8(), "exact-webhook-secret",
                                             QCryptographicHash::Sha256)
                .toHex()
                .toUpper();
        QCOMPARE(m.captured(2).toUtf8(), expected);
        const QJsonObject content = QJsonDocument::fromJson(m.captured(1).toUtf8()).object();
        QCOMPARE(content.value(u"Topic"_s).toString(), u"Accounts"_s);
        QCOMPARE(content.value(u"Action"_s).toString(), u"Update"_s);
        QCOMPARE(content.value(u"Key"_s).toString(), id);
        // Notify-then-fetch: the endpoint in the payload returns the changed record.
        Client c;
        const Reply fetched = c.get(content.value(u"ExactOnlineEndpoint"_s).toString(),
                                    {{"Authorization", bearer(f.token())}});
        QCOMPARE(fetched.json().value(u"d"_s).toObject().value(u"City"_s).toString(), u"Zwolle"_s);
        QTRY_COMPARE(f.sandbox.webhookDeliveries().size(), 1);
        QCOMPARE(f.sandbox.webhookDeliveries().first().status, 200);
    }
};

QTEST_GUILESS_MAIN(TestSandboxExact)
#include "TestSandboxExact.moc"
