#include "SandboxClient.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
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
    explicit Fixture(quint64 seed = 42, int records = 100) {
        SandboxOptions o;
        o.clock = clock;
        o.seed = seed;
        o.recordsPerVendor = records;
        QVERIFY(sandbox.start(o).ok());
    }
    QByteArray exactAuth() {
        return bearer(
            sandbox.issueTokensForTest(Vendor::Exact).value(u"access_token"_s).toString());
    }
    QString exactAccounts() {
        return sandbox.baseUrl(Vendor::Exact) + u"/api/v1/123456/crm/Accounts?$top=1"_s;
    }
    QString admin() {
        QString url = sandbox.baseUrl(Vendor::Exact);
        url.chop(12); // "exact-online"
        return url + u"_admin"_s;
    }
};

Fault fault(Fault::Kind kind, std::optional<Vendor> vendor, qint64 from, qint64 until) {
    Fault f;
    f.kind = kind;
    f.vendor = vendor;
    f.fromMs = from;
    f.untilMs = until;
    return f;
}

} // namespace

class TestSandboxFaults : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void statusPageFollowsAnInjectedOutage() {
        Fixture f;
        Client c;
        const QString status = f.sandbox.statusPageUrl(Vendor::Exact);
        const QString summary = QString(status).replace(u"status.json"_s, u"summary.json"_s);
        QCOMPARE(
            c.get(status).json().value(u"status"_s).toObject().value(u"indicator"_s).toString(),
            u"none"_s);
        const Fault outage = Fault::fromJson(QJsonObject{{u"kind"_s, u"outage"_s},
                                                         {u"vendor"_s, u"exact-online"_s},
                                                         {u"start"_s, u"10m"_s},
                                                         {u"duration"_s, u"30m"_s}},
                                             f.clock->nowMs())
                                 .value();
        f.sandbox.injectFault(outage);
        QCOMPARE(c.get(f.exactAccounts(), {{"Authorization", f.exactAuth()}}).status, 200);
        f.clock->advance(600'000);

        const QJsonObject down = c.get(status).json();
        QCOMPARE(down.value(u"status"_s).toObject().value(u"indicator"_s).toString(),
                 u"critical"_s);
        QCOMPARE(down.value(u"status"_s).toObject().value(u"description"_s).toString(),
                 u"Major Service Outage"_s);
        const QJsonObject sum = c.get(summary).json();
        QCOMPARE(sum.value(u"incidents"_s).toArray().size(), 1);
        QCOMPARE(sum.value(u"incidents"_s).toArray()[0].toObject().value(u"status"_s).toString(),
                 u"investigating"_s);
        QCOMPARE(sum.value(u"components"_s).toArray()[0].toObject().value(u"status"_s).toString(),
                 u"major_outage"_s);
        const Reply refused = c.get(f.exactAccounts(), {{"Authorization", f.exactAuth()}});
        QCOMPARE(refused.status, 503);
        QCOMPARE(c.get(f.sandbox.statusPageUrl(Vendor::Pipedrive))
                     .json()
                     .value(u"status"_s)
                     .toObject()
                     .value(u"indicator"_s)
                     .toString(),
                 u"none"_s);

        f.clock->advance(1'800'000);
        QCOMPARE(
            c.get(status).json().value(u"status"_s).toObject().value(u"indicator"_s).toString(),
            u"none"_s);
        QCOMPARE(c.get(summary).json().value(u"incidents"_s).toArray().size(), 0);
        QCOMPARE(c.get(f.exactAccounts(), {{"Authorization", f.exactAuth()}}).status, 200);
        int answeredByFault = 0;
        for (const LoggedRequest& r : f.sandbox.requests())
            answeredByFault += r.fault == u"outage"_s ? 1 : 0;
        QCOMPARE(answeredByFault, 1);

        f.sandbox.injectFault(fault(Fault::Kind::Latency, Vendor::Exact, f.clock->nowMs(), 0));
        QCOMPARE(
            c.get(status).json().value(u"status"_s).toObject().value(u"indicator"_s).toString(),
            u"minor"_s);
    }

    void droppedConnectionsLatencyAndTimeouts() {
        Fixture f;
        Client c;
        Fault drop = fault(Fault::Kind::Outage, Vendor::Shopify, kStart, kStart + 60'000);
        drop.dropConnection = true;
        f.sandbox.injectFault(drop);
        const Reply dropped =
            c.get(f.sandbox.baseUrl(Vendor::Shopify) + u"/admin/api/2026-07/orders.json"_s);
        QCOMPARE(dropped.error, QNetworkReply::RemoteHostClosedError);

        Fault slow = fault(Fault::Kind::Latency, Vendor::Exact, kStart, 0);
        slow.delayMs = 5'000;
        f.sandbox.injectFault(slow);
        QNetworkAccessManager nam;
        QNetworkRequest request{QUrl(f.exactAccounts())};
        request.setRawHeader("Authorization", f.exactAuth());
        QNetworkReply* reply = nam.get(request);
        QTRY_COMPARE(f.sandbox.countRequests(Vendor::Exact), 1);
        QTest::qWait(50);
        QVERIFY(!reply->isFinished());
        f.clock->advance(4'999);
        QTest::qWait(20);
        QVERIFY(!reply->isFinished());
        f.clock->advance(1);
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        delete reply;
        f.sandbox.clearFaults();

        Fault timeout = fault(Fault::Kind::Timeout, Vendor::Pipedrive, kStart, 0);
        timeout.delayMs = 30'000;
        f.sandbox.injectFault(timeout);
        QNetworkReply* hanging = nam.get(
            QNetworkRequest(QUrl(f.sandbox.baseUrl(Vendor::Pipedrive) + u"/api/v2/persons"_s)));
        // Qt re-sends a GET once when the socket closes before any answer; each try hangs.
        for (int attempt = 0; attempt < 3 && !hanging->isFinished(); ++attempt) {
            QTRY_VERIFY(hanging->isFinished() || f.clock->pendingCount() > 0);
            f.clock->advance(30'000);
            QTRY_VERIFY_WITH_TIMEOUT(hanging->isFinished() || f.clock->pendingCount() > 0, 2000);
        }
        QVERIFY(hanging->isFinished());
        QCOMPARE(hanging->error(), QNetworkReply::RemoteHostClosedError);
        delete hanging;
    }

    void errorRatesAreDeterministicForASeed() {
        auto run = [](quint64 seed) {
            Fixture f(seed, 20);
            Fault errors = fault(Fault::Kind::ErrorRate, Vendor::Exact, kStart, 0);
            errors.rate = 0.3;
            errors.status = 500;
            f.sandbox.injectFault(errors);
            Client c;
            const QByteArray auth = f.exactAuth();
            QList<int> statuses;
            for (int i = 0; i < 40; ++i)
                statuses << c.get(f.exactAccounts(), {{"Authorization", auth}}).status;
            return statuses;
        };
        const QList<int> a = run(7), b = run(7), other = run(8);
        QCOMPARE(a, b);
        QVERIFY(a != other);
        QVERIFY(a.count(500) >= 4 && a.count(500) <= 24);
        QCOMPARE(a.count(500) + a.count(200), 40);
    }

    void stormsAndMalformedBodies() {
        Fixture f;
        Client c;
        f.sandbox.injectFault(fault(Fault::Kind::RateLimitStorm, Vendor::Shopify, kStart, 0));
        const QByteArray token = f.sandbox.issueTokensForTest(Vendor::Shopify)
                                     .value(u"access_token"_s)
                                     .toString()
                                     .toLatin1();
        const Reply storm =
            c.get(f.sandbox.baseUrl(Vendor::Shopify) + u"/admin/api/2026-07/orders.json"_s,
                  {{"X-Shopify-Access-Token", token}});
        QCOMPARE(storm.status, 429);
        QCOMPARE(storm.header("Retry-After"), "2.0"_ba);

        f.sandbox.injectFault(fault(Fault::Kind::Malformed, Vendor::Exact, kStart, 0));
        const Reply broken = c.get(f.exactAccounts(), {{"Authorization", f.exactAuth()}});
        QCOMPARE(broken.status, 200);
        QJsonParseError error;
        QJsonDocument::fromJson(broken.body, &error);
        QVERIFY(error.error != QJsonParseError::NoError);
    }

    void sameSeedSameData() {
        Fixture a(1234, 200), b(1234, 200), c(99, 200);
        for (Vendor v : allVendors()) {
            const QString resource = v == Vendor::Exact       ? u"Accounts"_s
                                     : v == Vendor::Pipedrive ? u"persons"_s
                                                              : u"orders"_s;
            const QStringList ids = a.sandbox.recordIds(v, resource);
            QCOMPARE(ids, b.sandbox.recordIds(v, resource));
            QCOMPARE(ids.size(), 200);
            for (const QString& id : ids)
                QCOMPARE(a.sandbox.record(v, resource, id), b.sandbox.record(v, resource, id));
        }
        QVERIFY(a.sandbox.recordIds(Vendor::Exact, u"Accounts"_s) !=
                c.sandbox.recordIds(Vendor::Exact, u"Accounts"_s));
        Client client;
        QCOMPARE(client
                     .get(a.exactAccounts().replace(u"$top=1"_s, u"$top=60"_s),
                          {{"Authorization", a.exactAuth()}})
                     .body.replace(a.sandbox.baseUrl(Vendor::Exact).toUtf8(), "B"),
                 client
                     .get(b.exactAccounts().replace(u"$top=1"_s, u"$top=60"_s),
                          {{"Authorization", b.exactAuth()}})
                     .body.replace(b.sandbox.baseUrl(Vendor::Exact).toUtf8(), "B"));
    }

    void shopifyOrdersMatchTheExactBookkeeping() {
        // The demo's seed and size: orders find their Exact account by e-mail and their items
        // by SKU, except for a small deterministic share of customers unknown to Exact.
        for (const auto& [seed, records] : {QPair<quint64, int>{7, 400}, {42, 100}}) {
            Fixture f(seed, records);
            QSet<QString> accountEmails, itemCodes;
            for (const QString& id : f.sandbox.recordIds(Vendor::Exact, u"Accounts"_s))
                accountEmails.insert(f.sandbox.record(Vendor::Exact, u"Accounts"_s, id)
                                         .value(u"Email"_s)
                                         .toString());
            for (const QString& id : f.sandbox.recordIds(Vendor::Exact, u"Items"_s))
                itemCodes.insert(
                    f.sandbox.record(Vendor::Exact, u"Items"_s, id).value(u"Code"_s).toString());
            int linked = 0, unknownCustomer = 0, unknownItem = 0;
            const QStringList orders = f.sandbox.recordIds(Vendor::Shopify, u"orders"_s);
            for (const QString& id : orders) {
                const QJsonObject o = f.sandbox.record(Vendor::Shopify, u"orders"_s, id);
                bool itemsKnown = true;
                for (const QJsonValue& line : o.value(u"line_items"_s).toArray())
                    itemsKnown = itemsKnown &&
                                 itemCodes.contains(line.toObject().value(u"sku"_s).toString());
                unknownItem += itemsKnown ? 0 : 1;
                const bool customerKnown = accountEmails.contains(
                    o.value(u"customer"_s).toObject().value(u"email"_s).toString());
                unknownCustomer += customerKnown ? 0 : 1;
                linked += customerKnown && itemsKnown ? 1 : 0;
            }
            qInfo("seed %llu, %d orders: %d match Exact, %d unknown customer, %d unknown item",
                  seed, int(orders.size()), linked, unknownCustomer, unknownItem);
            QCOMPARE(unknownItem, 0);
            QVERIFY(unknownCustomer > 0);
            QVERIFY(linked >= orders.size() * 90 / 100);
            // Shopify e-mails stay unique (the shop refuses duplicates).
            QSet<QString> emails;
            for (const QString& id : f.sandbox.recordIds(Vendor::Shopify, u"customers"_s))
                emails.insert(f.sandbox.record(Vendor::Shopify, u"customers"_s, id)
                                  .value(u"email"_s)
                                  .toString());
            QCOMPARE(emails.size(), f.sandbox.recordCount(Vendor::Shopify, u"customers"_s));
        }
    }

    void generatedDataLooksDutch() {
        Fixture f(42, 400);
        QSet<int> formats;
        static const QList<QRegularExpression> phoneFormats = {
            QRegularExpression(u"^\\+31 \\d{2,3} \\d+$"_s),
            QRegularExpression(u"^0\\d{2,3}-\\d+$"_s),
            QRegularExpression(u"^06-\\d{8}$"_s),
            QRegularExpression(u"^0031 6 \\d{8}$"_s),
            QRegularExpression(u"^\\(0\\d{2,3}\\) \\d{3} \\d+$"_s),
            QRegularExpression(u"^\\+316\\d{8}$"_s),
            QRegularExpression(u"^06( \\d{2}){4}$"_s)};
        static const QRegularExpression postcode(u"^\\d{4} [A-Z]{2}$"_s);
        for (const QString& id : f.sandbox.recordIds(Vendor::Exact, u"Accounts"_s)) {
            const QJsonObject a = f.sandbox.record(Vendor::Exact, u"Accounts"_s, id);
            QVERIFY2(postcode.match(a.value(u"Postcode"_s).toString()).hasMatch(),
                     qPrintable(a.value(u"Postcode"_s).toString()));
            const QString phone = a.value(u"Phone"_s).toString();
            bool matched = false;
            for (int i = 0; i < phoneFormats.size(); ++i) {
                if (phoneFormats[i].match(phone).hasMatch()) {
                    formats.insert(i);
                    matched = true;
                }
            }
            QVERIFY2(matched, qPrintable(phone));
        }
        QCOMPARE(formats.size(), 7);
        QCOMPARE(f.sandbox.recordCount(Vendor::Shopify, u"products"_s), 40);
    }

    void slowDripTricklesTheBodyOnTheClock() {
        Fixture f;
        Client c;
        const QByteArray auth = f.exactAuth();
        const QString url =
            f.sandbox.baseUrl(Vendor::Exact) + u"/api/v1/123456/crm/Accounts?$top=3"_s;
        const QByteArray expected = c.get(url, {{"Authorization", auth}}).body;
        QVERIFY(expected.size() > 500);

        // Injected through the admin endpoint, as an operator would.
        const Reply injected = c.send(
            "POST", f.admin() + u"/faults"_s, {},
            R"({"kind":"slow-drip","vendor":"exact-online","path":"crm/Accounts","delay":"2s","chunk":200})");
        QCOMPARE(injected.status, 201);
        const QJsonObject listed =
            c.get(f.admin() + u"/faults"_s).json().value(u"faults"_s).toArray().at(0).toObject();
        QCOMPARE(listed.value(u"kind"_s).toString(), u"slow-drip"_s);
        QCOMPARE(listed.value(u"chunk"_s).toInt(), 200);
        QCOMPARE(listed.value(u"delayMs"_s).toInteger(), 2'000);

        QNetworkAccessManager nam;
        QNetworkRequest request{QUrl(url)};
        request.setRawHeader("Authorization", auth);
        QNetworkReply* reply = nam.get(request);
        QByteArray body;
        // Headers and the first chunk at once, with the full Content-Length announced.
        QTRY_COMPARE((body += reply->readAll()).size(), 200);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->rawHeader("Content-Length").toInt(), expected.size());
        QVERIFY(reply->hasRawHeader("X-RateLimit-Minutely-Remaining"));
        // Each further chunk waits 2 s of sandbox time.
        f.clock->advance(1'999);
        QTest::qWait(30);
        QCOMPARE((body += reply->readAll()).size(), 200);
        f.clock->advance(1);
        QTRY_COMPARE((body += reply->readAll()).size(), 400);
        const qint64 rest = (expected.size() - 400 + 199) / 200;
        f.clock->advance(rest * 2'000);
        QTRY_VERIFY(reply->isFinished());
        body += reply->readAll();
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(body, expected);
        delete reply;
        QCOMPARE(f.clock->pendingCount(), 0);
        int dripped = 0;
        for (const LoggedRequest& r : f.sandbox.requests())
            dripped += r.fault == u"slow-drip"_s ? 1 : 0;
        QCOMPARE(dripped, 1);

        // A client with a total deadline gives up mid-body; the sandbox stops dripping.
        QNetworkReply* impatient = nam.get(request);
        QTRY_VERIFY(impatient->bytesAvailable() == 200);
        impatient->abort(); // what a client's total timeout does
        QCOMPARE(impatient->error(), QNetworkReply::OperationCanceledError);
        delete impatient;
        for (int i = 0; i < 4 && f.clock->pendingCount() > 0; ++i) {
            QTest::qWait(50); // the server notices the closed socket on the next write
            f.clock->advance(2'000);
        }
        QTRY_COMPARE(f.clock->pendingCount(), 0);

        // The status page shows the drip as degraded performance.
        const QJsonObject status =
            c.get(f.sandbox.statusPageUrl(Vendor::Exact)).json().value(u"status"_s).toObject();
        QCOMPARE(status.value(u"indicator"_s).toString(), u"minor"_s);
    }

    void adminEndpointDrivesTheSandbox() {
        Fixture f;
        Client c;
        const QByteArray auth = f.exactAuth();
        QCOMPARE(c.get(f.exactAccounts(), {{"Authorization", auth}}).status, 200);

        const Reply injected =
            c.send("POST", f.admin() + u"/faults"_s, {},
                   R"({"kind":"error-rate","vendor":"exact-online","status":502,"duration":"1m"})");
        QCOMPARE(injected.status, 201);
        QCOMPARE(c.get(f.exactAccounts(), {{"Authorization", auth}}).status, 502);
        QCOMPARE(c.get(f.admin() + u"/faults"_s).json().value(u"faults"_s).toArray().size(), 1);
        QCOMPARE(c.send("POST", f.admin() + u"/faults"_s, {}, R"({"kind":"meteor"})").status, 400);
        QCOMPARE(c.send("DELETE", f.admin() + u"/faults"_s).status, 200);

        const Reply revoked =
            c.send("POST", f.admin() + u"/revoke"_s, {}, R"({"vendor":"exact-online"})");
        QCOMPARE(revoked.json().value(u"revoked"_s).toInt(), 2);
        QCOMPARE(c.get(f.exactAccounts(), {{"Authorization", auth}}).status, 401);

        const QString id = f.sandbox.recordIds(Vendor::Pipedrive, u"persons"_s).at(2);
        QCOMPARE(c.send("PATCH", f.admin() + u"/records/pipedrive/persons/"_s + id, {},
                        R"({"name":"Admin Wijziging"})")
                     .status,
                 200);
        QCOMPARE(f.sandbox.record(Vendor::Pipedrive, u"persons"_s, id).value(u"name"_s).toString(),
                 u"Admin Wijziging"_s);
        const Reply created = c.send("POST", f.admin() + u"/records/shopify/customers"_s, {},
                                     R"({"email":"nieuw@voorbeeld.nl"})");
        QCOMPARE(created.status, 201);
        QCOMPARE(f.sandbox.recordCount(Vendor::Shopify, u"customers"_s), 101);

        const QJsonObject log = c.get(f.admin() + u"/log?vendor=exact-online&status=401"_s).json();
        QCOMPARE(log.value(u"requests"_s).toArray().size(), 1);
        const QJsonObject stats = c.get(f.admin() + u"/stats"_s).json();
        QCOMPARE(stats.value(u"requests"_s)
                     .toObject()
                     .value(u"exact-online GET /api/v1/{id}/crm/Accounts 200"_s)
                     .toInt(),
                 1);
        QCOMPARE(stats.value(u"tokensIssued"_s).toInt(), 1);
        QCOMPARE(f.sandbox.countRequests(Vendor::Exact, u"crm/Accounts"_s, 502), 1);
    }

    void scenarioFileLoadsFaultsAndWebhooks() {
        Fixture f;
        QTemporaryDir dir;
        const QString path = dir.filePath(u"scenario.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            R"({"faults":[{"kind":"outage","vendor":"pipedrive","start":"1m","duration":"2m","status":500}],
                       "webhooks":{"shopify":{"url":"http:/)"
            R"(/127.0.0.1:9/x","secret":"s","dropRate":1}}})");
        file.close();
        QVERIFY(f.sandbox.loadScenario(path).ok());
        Client c;
        const QByteArray auth = bearer(
            f.sandbox.issueTokensForTest(Vendor::Pipedrive).value(u"access_token"_s).toString());
        const QString url = f.sandbox.baseUrl(Vendor::Pipedrive) + u"/api/v2/deals?limit=1"_s;
        QCOMPARE(c.get(url, {{"Authorization", auth}}).status, 200);
        f.clock->advance(60'000);
        const Reply down = c.get(url, {{"Authorization", auth}});
        QCOMPARE(down.status, 500);
        QCOMPARE(down.json().value(u"error"_s).toString(), u"Requested service is not available"_s);
        // A dropped webhook is logged and never sent.
        f.sandbox.updateRecord(Vendor::Shopify, u"orders"_s,
                               f.sandbox.recordIds(Vendor::Shopify, u"orders"_s).first(), {});
        QCOMPARE(f.sandbox.webhookDeliveries().size(), 1);
        QVERIFY(f.sandbox.webhookDeliveries().first().dropped);

        QVERIFY(!f.sandbox
                     .applyScenario(QJsonObject{
                         {u"faults"_s, QJsonArray{QJsonObject{{u"kind"_s, u"latency"_s}}}}})
                     .ok());
    }
};

QTEST_GUILESS_MAIN(TestSandboxFaults)
#include "TestSandboxFaults.moc"
