#include "Clock.h"
#include "ConnectorCatalog.h"
#include "StoreFixture.h"
#include "webhooks/Inbox.h"
#include "webhooks/WebhookListener.h"

#include <QMessageAuthenticationCode>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;

namespace {

const QByteArray shopSecret = "shpss_listener_secret_1"_ba;
const QByteArray pdSecret = "hook-user:pd-hook-pass-2"_ba;
const QByteArray exactSecret = "exact-listener-secret-3"_ba;
const QByteArray stripeSecret = "whsec_listener_secret_4"_ba;

QByteArray hmac(const QByteArray& key, const QByteArray& msg) {
    return QMessageAuthenticationCode::hash(msg, key, QCryptographicHash::Sha256);
}

struct Reply {
    int status = 0;
    QByteArray retryAfter;
    QByteArray body;
};

QStringList g_log;
QMutex g_logMutex;
void captureLog(QtMsgType, const QMessageLogContext&, const QString& msg) {
    QMutexLocker lock(&g_logMutex);
    g_log.push_back(msg);
}

} // namespace

class TestWebhookListener : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<Inbox> m_inbox;
    std::unique_ptr<WebhookListener> m_listener;
    QNetworkAccessManager m_nam;

    Reply post(const QString& path, const QList<QPair<QByteArray, QByteArray>>& headers,
               const QByteArray& body, const QByteArray& method = "POST"_ba) {
        QNetworkRequest req(QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_listener->port()).arg(path)));
        for (const auto& [k, v] : headers)
            req.setRawHeader(k, v);
        QNetworkReply* reply = m_nam.sendCustomRequest(req, method, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10'000);
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.retryAfter = reply->rawHeader("Retry-After");
        r.body = reply->readAll();
        reply->deleteLater();
        return r;
    }

    int inboxCount() {
        auto q = m_db->exec(u"SELECT COUNT(*) FROM webhooks_inbox"_s);
        return q && q->next() ? q->value(0).toInt() : -1;
    }

    static QList<QPair<QByteArray, QByteArray>> shopHeaders(const QByteArray& body,
                                                            const QByteArray& eventId) {
        return {{"Content-Type"_ba, "application/json"_ba},
                {"X-Shopify-Hmac-Sha256"_ba, hmac(shopSecret, body).toBase64()},
                {"X-Shopify-Event-Id"_ba, eventId},
                {"X-Shopify-Topic"_ba, "orders/updated"_ba},
                {"X-Shopify-Triggered-At"_ba, "2026-01-01T00:00:00.123456789Z"_ba}};
    }

private Q_SLOTS:
    void initTestCase() {
        QString skip;
        m_db = openWebhooksStore(u"sqlite"_s, m_dir, &skip);
        QVERIFY2(m_db, qPrintable(skip));
        m_clock = std::make_shared<ManualClock>();
        m_inbox = std::make_unique<Inbox>(m_db, m_clock, 86'400'000);
        QVERIFY(m_inbox->start().ok());
        WebhookConfig config;
        config.maxBodyBytes = 4096;
        config.maxConnections = 4;
        m_listener = std::make_unique<WebhookListener>(config, m_clock, m_inbox.get());
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        QVERIFY(m_listener->addConnector(u"shop"_s, catalog->definition(u"shopify"_s), {shopSecret})
                    .ok());
        QVERIFY(m_listener->addConnector(u"pd"_s, catalog->definition(u"pipedrive"_s), {pdSecret})
                    .ok());
        QVERIFY(
            m_listener
                ->addConnector(u"exact"_s, catalog->definition(u"exact-online"_s), {exactSecret})
                .ok());
        const QJsonObject stripeDef{{u"webhooks"_s, QJsonObject{{u"scheme"_s, u"stripe"_s},
                                                                {u"eventIdPath"_s, u"id"_s},
                                                                {u"occurredAtPath"_s, u"created"_s},
                                                                {u"dedup"_s, u"event-id"_s}}}};
        QVERIFY(m_listener->addConnector(u"stripe"_s, stripeDef, {stripeSecret}).ok());
        QVERIFY(
            !m_listener->addConnector(u"nosecret"_s, catalog->definition(u"shopify"_s), {}).ok());
        QVERIFY(m_listener->start().ok());
        QVERIFY(m_listener->port() > 0);
        qInstallMessageHandler(captureLog);
    }

    void cleanupTestCase() {
        qInstallMessageHandler(nullptr);
        m_listener.reset();
        m_inbox.reset();
    }

    void acceptsEachSchemeAfterCommit() {
        const int before = inboxCount();
        const QByteArray order = R"({"id":450789469,"total_price":"409.94"})"_ba;
        Reply r = post(u"/hooks/shop"_s, shopHeaders(order, "evt-100"_ba), order);
        QCOMPARE(r.status, 200);
        // Answered only after the commit: the row is there the moment the 200 is.
        QCOMPARE(inboxCount(), before + 1);
        auto q = m_db->exec(
            u"SELECT event_id, record_key, topic, occurred_ms, headers FROM webhooks_inbox ORDER BY id DESC LIMIT 1"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"evt-100"_s);
        QCOMPARE(q->value(1).toString(), u"shop/orders/450789469"_s);
        QCOMPARE(q->value(2).toString(), u"orders/updated"_s);
        QCOMPARE(q->value(3).toLongLong(), 1'767'225'600'123);
        QVERIFY(!q->value(4).toString().contains(u"hmac"_s, Qt::CaseInsensitive));
        q->finish(); // an open SELECT would pin this thread's read snapshot

        const QByteArray deal =
            R"({"meta":{"id":"7c2a","entity":"deal","entity_id":"42","action":"change","timestamp":"2026-01-01T00:00:01.000Z"},"data":{"id":42}})"_ba;
        r = post(u"/hooks/pd"_s,
                 {{"Content-Type"_ba, "application/json; charset=utf-8"_ba},
                  {"Authorization"_ba, "Basic " + pdSecret.toBase64()}},
                 deal);
        QCOMPARE(r.status, 200);

        const QByteArray content =
            R"({"Topic":"Accounts","ClientId":"c","Division":1,"Action":"Update","Key":"a-1"})"_ba;
        const QByteArray exactBody = "{\"Content\":" + content + ",\"HashCode\":\"" +
                                     hmac(exactSecret, content).toHex().toUpper() + "\"}";
        r = post(u"/hooks/exact"_s, {{"Content-Type"_ba, "application/json"_ba}}, exactBody);
        QCOMPARE(r.status, 200);

        const QByteArray evt = R"({"id":"evt_9","created":1767225600})"_ba;
        const QByteArray t = QByteArray::number(m_clock->nowMs() / 1000);
        r = post(u"/hooks/stripe"_s,
                 {{"Content-Type"_ba, "application/json"_ba},
                  {"Stripe-Signature"_ba,
                   "t=" + t + ",v1=" + hmac(stripeSecret, t + '.' + evt).toHex()}},
                 evt);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.body, R"({"ok":true})"_ba);
        QCOMPARE(inboxCount(), before + 4);
    }

    void largeIdsKeepTheirRecordKeys() {
        // Shopify ids need 60 bits; as doubles these two would be one record.
        for (const QByteArray& id : {"820982911946154508"_ba, "820982911946154509"_ba}) {
            const QByteArray order = R"({"id":)" + id + "}";
            QCOMPARE(post(u"/hooks/shop"_s, shopHeaders(order, "evt-big-" + id), order).status,
                     200);
            auto q =
                m_db->exec(u"SELECT record_key FROM webhooks_inbox ORDER BY id DESC LIMIT 1"_s);
            QVERIFY(q && q->next());
            QCOMPARE(q->value(0).toString(), u"shop/orders/"_s + QString::fromLatin1(id));
            q->finish();
        }
    }

    void duplicatesAreAnsweredButNotStored() {
        const QByteArray order = R"({"id":1})"_ba;
        QCOMPARE(post(u"/hooks/shop"_s, shopHeaders(order, "evt-dup"_ba), order).status, 200);
        const int after = inboxCount();
        const quint64 dups = m_listener->counters().duplicates;
        const Reply r = post(u"/hooks/shop"_s, shopHeaders(order, "evt-dup"_ba), order);
        QCOMPARE(r.status, 200);
        QVERIFY(r.body.contains("duplicate"));
        QCOMPARE(inboxCount(), after);
        QCOMPARE(m_listener->counters().duplicates, dups + 1);
        // Exact sends no id: a repeat of the same content is a duplicate by hash.
        const QByteArray content = R"({"Topic":"Items","Key":"i-1"})"_ba;
        const QByteArray body = "{\"Content\":" + content + ",\"HashCode\":\"" +
                                hmac(exactSecret, content).toHex().toUpper() + "\"}";
        QCOMPARE(post(u"/hooks/exact"_s, {{"Content-Type"_ba, "application/json"_ba}}, body).status,
                 200);
        QCOMPARE(post(u"/hooks/exact"_s, {{"Content-Type"_ba, "application/json"_ba}}, body).status,
                 200);
        QCOMPARE(inboxCount(), after + 1);
    }

    void badInput_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("signature"); // "good" → a valid HMAC of the body
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const QByteArray ok = R"({"id":5})"_ba;
        QTest::newRow("wrong signature")
            << u"/hooks/shop"_s << "POST"_ba
            << "application/json"_ba << hmac("other"_ba, ok).toBase64() << ok << 401;
        QTest::newRow("missing signature") << u"/hooks/shop"_s << "POST"_ba
                                           << "application/json"_ba << QByteArray() << ok << 401;
        QTest::newRow("signature of another body")
            << u"/hooks/shop"_s << "POST"_ba
            << "application/json"_ba << hmac(shopSecret, R"({"id":6})"_ba).toBase64() << ok << 401;
        QTest::newRow("form content type") << u"/hooks/shop"_s << "POST"_ba
                                           << "application/x-www-form-urlencoded"_ba
                                           << "good"_ba
                                           << "a=b"_ba << 400;
        QTest::newRow("no content type")
            << u"/hooks/shop"_s << "POST"_ba << QByteArray() << "good"_ba << ok << 400;
        QTest::newRow("malformed JSON") << u"/hooks/shop"_s << "POST"_ba
                                        << "application/json"_ba
                                        << "good"_ba
                                        << R"({"id":5)"_ba << 400;
        QTest::newRow("unknown connector") << u"/hooks/nobody"_s << "POST"_ba
                                           << "application/json"_ba
                                           << "good"_ba << ok << 404;
        QTest::newRow("other path") << u"/admin"_s << "POST"_ba
                                    << "application/json"_ba
                                    << "good"_ba << ok << 404;
        QTest::newRow("GET") << u"/hooks/shop"_s << "GET"_ba
                             << "application/json"_ba
                             << "good"_ba << QByteArray() << 405;
        QTest::newRow("too large")
            << u"/hooks/shop"_s << "POST"_ba
            << "application/json"_ba
            << "good"_ba << QByteArray("{\"pad\":\"" + QByteArray(8000, 'x') + "\"}") << 413;
    }
    void badInput() {
        QFETCH(QString, path);
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, signature);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const int before = inboxCount();
        QList<QPair<QByteArray, QByteArray>> h{{"X-Shopify-Event-Id"_ba, "evt-bad"_ba}};
        if (!contentType.isEmpty())
            h.push_back({"Content-Type"_ba, contentType});
        if (signature == "good")
            signature = hmac(shopSecret, body).toBase64();
        if (!signature.isEmpty())
            h.push_back({"X-Shopify-Hmac-Sha256"_ba, signature});
        const Reply r = post(path, h, body, method);
        QCOMPARE(r.status, status);
        QCOMPARE(inboxCount(), before);
        QVERIFY(!r.body.contains(shopSecret));
    }

    void hugeBodyIs413BeforeItIsSent() {
        // 100 MB announced, not a byte of it sent: the 413 must come from the headers alone,
        // and a good delivery meanwhile is not held up.
        const int before = inboxCount();
        const quint64 tooLarge = m_listener->counters().tooLarge;
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, m_listener->port());
        QVERIFY(raw.waitForConnected(5000));
        raw.write("POST /hooks/shop HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                  "application/json\r\nContent-Length: 104857600\r\n\r\n");
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += raw.readAll()).contains("\r\n\r\n"), 5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        const QByteArray order = R"({"id":78})"_ba;
        QCOMPARE(post(u"/hooks/shop"_s, shopHeaders(order, "evt-beside-413"_ba), order).status,
                 200);
        QCOMPARE(inboxCount(), before + 1);
        QCOMPARE(m_listener->counters().tooLarge, tooLarge + 1);
    }

    void storeRefusalIs503WithRetryAfter() {
        // The inbox cannot commit (stopped here; a full disk or a lost database in real life):
        // the sender is told to come back, nothing is claimed to be stored.
        m_inbox->stop();
        const QByteArray order = R"({"id":79})"_ba;
        const Reply r = post(u"/hooks/shop"_s, shopHeaders(order, "evt-store-down"_ba), order);
        QVERIFY(m_inbox->start().ok());
        QCOMPARE(r.status, 503);
        QCOMPARE(r.retryAfter, "5"_ba);
        QVERIFY(r.body.contains("store_unavailable"));
        QVERIFY(m_listener->counters().storeFailed >= 1);
        // The same delivery, retried by the sender once the store is back, is stored.
        QCOMPARE(post(u"/hooks/shop"_s, shopHeaders(order, "evt-store-down"_ba), order).status,
                 200);
    }

    void overloadIs503WithRetryAfter() {
        // Fill the connection limit with idle keep-alive sockets (ours closed first, so the
        // request below needs a new connection).
        m_nam.clearConnectionCache();
        std::vector<std::unique_ptr<QTcpSocket>> idle;
        for (int i = 0; i < 6; ++i) {
            idle.push_back(std::make_unique<QTcpSocket>());
            idle.back()->connectToHost(QHostAddress::LocalHost, m_listener->port());
            QVERIFY(idle.back()->waitForConnected(5000));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            m_listener->counters().overloaded == m_listener->counters().storeFailed, 1000);
        const int before = inboxCount();
        const QByteArray order = R"({"id":77})"_ba;
        const Reply r = post(u"/hooks/shop"_s, shopHeaders(order, "evt-busy"_ba), order);
        QCOMPARE(r.status, 503);
        QCOMPARE(r.retryAfter, "1"_ba);
        QCOMPARE(inboxCount(), before);
        QVERIFY(m_listener->counters().overloaded >= 1);
        idle.clear();
        // Good traffic flows again once the idle sockets are gone.
        QTRY_COMPARE_WITH_TIMEOUT(
            post(u"/hooks/shop"_s, shopHeaders(order, "evt-after"_ba), order).status, 200, 5000);
    }

    void countsAndLogsWithoutSecrets() {
        const ListenerCounters c = m_listener->counters();
        QVERIFY(c.unauthorized >= 3);
        QVERIFY(c.badRequest >= 3);
        QVERIFY(c.notFound >= 2);
        QVERIFY(c.wrongMethod >= 1);
        QVERIFY(c.tooLarge >= 1);
        QVERIFY(c.stored >= 6);
        QMutexLocker lock(&g_logMutex);
        QVERIFY(!g_log.isEmpty());
        for (const QString& line : std::as_const(g_log)) {
            for (const QByteArray& s : {shopSecret, pdSecret, exactSecret, stripeSecret})
                QVERIFY2(!line.contains(QString::fromLatin1(s)), qPrintable(line));
            QVERIFY2(!line.contains(u"450789469"_s), qPrintable(line)); // no bodies
        }
    }
};

QTEST_GUILESS_MAIN(TestWebhookListener)
#include "TestWebhookListener.moc"
