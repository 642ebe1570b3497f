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

struct Fixture {
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kStart);
    Sandbox sandbox;
    QString base;
    explicit Fixture(int records = 300, WebhookReceiver hooks = {}) {
        SandboxOptions o;
        o.clock = clock;
        o.recordsPerVendor = records;
        o.shopifyWebhooks = hooks;
        QVERIFY(sandbox.start(o).ok());
        base = sandbox.baseUrl(Vendor::Shopify);
    }
    QByteArray token() {
        return sandbox.issueTokensForTest(Vendor::Shopify)
            .value(u"access_token"_s)
            .toString()
            .toLatin1();
    }
};

QByteArray tokenBody(const QJsonObject& extra) {
    QJsonObject o{{u"client_id"_s, u"sandbox-shopify-client"_s},
                  {u"client_secret"_s, u"sandbox-shopify-secret"_s}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        o.insert(it.key(), it.value());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

/// The rel="next" URL of a Link header, or empty.
QString nextLink(const QByteArray& link) {
    static const QRegularExpression re(uR"re(<([^>]+)>; rel="next")re"_s);
    return re.match(QString::fromUtf8(link)).captured(1);
}

} // namespace

class TestSandboxShopify : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void expiringOfflineTokensRotateWithGrace() {
        Fixture f;
        Client c;
        QUrlQuery p;
        p.addQueryItem(u"client_id"_s, u"sandbox-shopify-client"_s);
        p.addQueryItem(u"redirect_uri"_s, u"http://127.0.0.1:1/cb"_s);
        p.addQueryItem(u"scope"_s, u"read_orders"_s);
        p.addQueryItem(u"state"_s, u"n1"_s);
        const QUrlQuery back = authorize(c, f.base + u"/admin/oauth/authorize"_s, p);
        QCOMPARE(back.queryItemValue(u"shop"_s), u"demo-shop.myshopify.com"_s);
        // The redirect is signed: hex HMAC over the sorted parameters without hmac.
        QStringList parts;
        for (const auto& [k, v] : back.queryItems(QUrl::FullyDecoded)) {
            if (k != u"hmac"_s)
                parts << k + u'=' + v;
        }
        parts.sort();
        QCOMPARE(back.queryItemValue(u"hmac"_s).toLatin1(),
                 QMessageAuthenticationCode::hash(parts.join(u'&').toUtf8(),
                                                  "sandbox-shopify-secret",
                                                  QCryptographicHash::Sha256)
                     .toHex());

        const QString tokenUrl = f.base + u"/admin/oauth/access_token"_s;
        const Reply first = c.send(
            "POST", tokenUrl, {},
            tokenBody({{u"code"_s, back.queryItemValue(u"code"_s)}, {u"expiring"_s, u"1"_s}}));
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(u"expires_in"_s).toInt(), 3600);
        QCOMPARE(first.json().value(u"refresh_token_expires_in"_s).toInt(), 7'776'000);
        const QByteArray access1 = first.json().value(u"access_token"_s).toString().toLatin1();
        const QString refresh1 = first.json().value(u"refresh_token"_s).toString();
        const QString orders = f.base + u"/admin/api/2026-07/orders.json?limit=1"_s;
        QCOMPARE(c.get(orders, {{"X-Shopify-Access-Token", access1}}).status, 200);
        f.clock->advance(3'600'000);
        const Reply expired = c.get(orders, {{"X-Shopify-Access-Token", access1}});
        QCOMPARE(expired.status, 401);
        QCOMPARE(
            expired.body,
            R"x({"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"})x"_ba);
        QCOMPARE(expired.header("www-authenticate"),
                 R"(Basic Realm="Shopify API Authentication")"_ba);

        auto refresh = [&](const QString& value) {
            return c.send(
                "POST", tokenUrl, {},
                tokenBody({{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, value}}));
        };
        const Reply second = refresh(refresh1);
        QCOMPARE(second.status, 200);
        const QString refresh2 = second.json().value(u"refresh_token"_s).toString();
        QVERIFY(refresh2 != refresh1);
        // Grace: the response was "lost", the old refresh token still works once more...
        const Reply retry = refresh(refresh1);
        QCOMPARE(retry.status, 200);
        const QByteArray access3 = retry.json().value(u"access_token"_s).toString().toLatin1();
        // ...which supersedes the pair issued in between.
        QCOMPARE(refresh(refresh2).status, 400);
        // Using the new access token ends the grace of the old refresh token.
        QCOMPARE(c.get(orders, {{"X-Shopify-Access-Token", access3}}).status, 200);
        const Reply dead = refresh(refresh1);
        QCOMPARE(dead.status, 400);
        QCOMPARE(dead.json().value(u"error"_s).toString(), u"invalid_grant"_s);
        // 90 days after issue the refresh token expires.
        const QString refresh3 = retry.json().value(u"refresh_token"_s).toString();
        f.clock->advance(90LL * 86'400'000);
        QCOMPARE(refresh(refresh3).json().value(u"error_description"_s).toString(),
                 u"The refresh token has expired"_s);
    }

    void leakyBucketRefusesTheFortyFirstCall() {
        Fixture f(50);
        Client c;
        const QByteArray token = f.token();
        const QString url = f.base + u"/admin/api/2026-07/products.json?limit=1"_s;
        for (int i = 1; i <= 40; ++i) {
            const Reply r = c.get(url, {{"X-Shopify-Access-Token", token}});
            QCOMPARE(r.status, 200);
            QCOMPARE(r.header("X-Shopify-Shop-Api-Call-Limit"), QByteArray::number(i) + "/40");
        }
        const Reply refused = c.get(url, {{"X-Shopify-Access-Token", token}});
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.header("Retry-After"), "2.0"_ba);
        QCOMPARE(refused.header("X-Shopify-Shop-Api-Call-Limit"), "40/40"_ba);
        QCOMPARE(
            refused.body,
            R"({"errors":"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."})"_ba);
        f.clock->advance(499);
        QCOMPARE(c.get(url, {{"X-Shopify-Access-Token", token}}).status, 429);
        f.clock->advance(1); // one call leaked out
        const Reply ok = c.get(url, {{"X-Shopify-Access-Token", token}});
        QCOMPARE(ok.status, 200);
        QCOMPARE(ok.header("X-Shopify-Shop-Api-Call-Limit"), "40/40"_ba);
        f.clock->advance(10'000);
        QCOMPARE(
            c.get(url, {{"X-Shopify-Access-Token", token}}).header("X-Shopify-Shop-Api-Call-Limit"),
            "21/40"_ba);
    }

    void linkHeaderPaginationAndFilters() {
        Fixture f(1100);
        Client c;
        QSet<qint64> seen;
        QString url = f.base + u"/admin/api/2026-07/orders.json?limit=250&status=any"_s;
        int pages = 0;
        static const QRegularExpression money(u"^\\d+\\.\\d{2}$"_s);
        while (!url.isEmpty()) {
            f.clock->advance(1'000); // stay under the bucket
            const Reply r = c.get(url, {{"X-Shopify-Access-Token", f.token()}});
            QCOMPARE(r.status, 200);
            for (const QJsonValue& v : r.json().value(u"orders"_s).toArray()) {
                const QJsonObject o = v.toObject();
                QVERIFY(!seen.contains(o.value(u"id"_s).toInteger()));
                seen.insert(o.value(u"id"_s).toInteger());
                QVERIFY(o.value(u"total_price"_s).isString());
                QVERIFY(money.match(o.value(u"total_price"_s).toString()).hasMatch());
                QVERIFY(
                    o.value(u"line_items"_s).toArray()[0].toObject().value(u"price"_s).isString());
            }
            if (pages > 0)
                QVERIFY(r.header("Link").contains("rel=\"previous\""));
            url = nextLink(r.header("Link"));
            ++pages;
        }
        QCOMPARE(pages, 5);
        QCOMPARE(seen.size(), 1100);

        const QByteArray token = f.token();
        const Reply firstPage = c.get(f.base + u"/admin/api/2026-07/orders.json?limit=5"_s,
                                      {{"X-Shopify-Access-Token", token}});
        const QString next = nextLink(firstPage.header("Link"));
        const Reply mixed = c.get(next + u"&updated_at_min=2025-01-01T00:00:00Z"_s,
                                  {{"X-Shopify-Access-Token", token}});
        QCOMPARE(mixed.status, 400);
        QCOMPARE(
            mixed.body,
            R"({"errors":{"updated_at_min":"updated_at_min cannot be passed when page_info is present."}})"_ba);

        f.clock->advance(3'600'000);
        const QString id = f.sandbox.recordIds(Vendor::Shopify, u"customers"_s).at(4);
        const QByteArray fresh = f.token();
        const Reply put =
            c.send("PUT", f.base + u"/admin/api/2026-07/customers/%1.json"_s.arg(id),
                   {{"X-Shopify-Access-Token", fresh}}, R"({"customer":{"phone":"+31201234567"}})");
        QCOMPARE(put.status, 200);
        // The offset's '+' is sent unencoded, as many clients do.
        const Reply delta = c.get(
            f.base +
                u"/admin/api/2026-07/customers.json?updated_at_min=2026-01-01T02:00:00+01:00"_s,
            {{"X-Shopify-Access-Token", fresh}});
        QCOMPARE(delta.status, 200);
        const QJsonArray changed = delta.json().value(u"customers"_s).toArray();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(QString::number(changed[0].toObject().value(u"id"_s).toInteger()), id);
        QCOMPARE(changed[0].toObject().value(u"updated_at"_s).toString(),
                 u"2026-01-01T02:00:05+01:00"_s); // five paging seconds + 1 h
        QVERIFY(!delta.hasHeader("Link"));
    }

    void webhookHmacVerifiesIndependently() {
        Receiver receiver;
        WebhookReceiver hooks;
        hooks.url = receiver.url();
        hooks.secret = u"sandbox-shopify-secret"_s;
        hooks.duplicateRate = 1.0; // every event twice
        Fixture f(20, hooks);
        const QString id = f.sandbox.recordIds(Vendor::Shopify, u"orders"_s).first();
        QVERIFY(f.sandbox.updateRecord(Vendor::Shopify, u"orders"_s, id,
                                       {{u"financial_status"_s, u"refunded"_s}}));
        f.clock->advance(0);
        QTRY_COMPARE(receiver.count(), 2);
        const auto requests = receiver.requests();
        for (const httpserver::Request& r : requests) {
            const QByteArray expected =
                QMessageAuthenticationCode::hash(r.body, "sandbox-shopify-secret",
                                                 QCryptographicHash::Sha256)
                    .toBase64();
            QCOMPARE(r.header("X-Shopify-Hmac-Sha256"), expected);
            QCOMPARE(r.header("X-Shopify-Topic"), "orders/updated"_ba);
            QCOMPARE(r.header("X-Shopify-Shop-Domain"), "demo-shop.myshopify.com"_ba);
            QCOMPARE(
                QJsonDocument::fromJson(r.body).object().value(u"financial_status"_s).toString(),
                u"refunded"_s);
        }
        // A duplicate: same event id, different delivery id.
        QCOMPARE(requests[0].header("X-Shopify-Event-Id"),
                 requests[1].header("X-Shopify-Event-Id"));
        QVERIFY(requests[0].header("X-Shopify-Webhook-Id") !=
                requests[1].header("X-Shopify-Webhook-Id"));
    }
};

QTEST_GUILESS_MAIN(TestSandboxShopify)
#include "TestSandboxShopify.moc"
