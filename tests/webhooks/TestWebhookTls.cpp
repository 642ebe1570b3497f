// The webhook listener over HTTPS with a workspace certificate and key. The certificate is
// generated per run with the openssl CLI (test-only, self-signed for 127.0.0.1).
#include "Clock.h"
#include "ConnectorCatalog.h"
#include "StoreFixture.h"
#include "webhooks/Inbox.h"
#include "webhooks/WebhookListener.h"

#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;

namespace {

const QByteArray shopSecret = "shpss_tls_secret_1"_ba;

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
};

} // namespace

class TestWebhookTls : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_cert, m_key;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<Inbox> m_inbox;
    QJsonObject m_shopify;

    std::unique_ptr<WebhookListener> listener(const QString& cert, const QString& key) {
        WebhookConfig config;
        config.tlsCertFile = cert;
        config.tlsKeyFile = key;
        auto l = std::make_unique<WebhookListener>(config, m_clock, m_inbox.get());
        if (!l->addConnector(u"shop"_s, m_shopify, {shopSecret}).ok())
            return {};
        return l;
    }

    Reply post(QNetworkAccessManager& nam, const QUrl& url, const QByteArray& body,
               const QByteArray& eventId, bool trustCert) {
        QNetworkRequest req(url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        req.setRawHeader("X-Shopify-Hmac-Sha256", QMessageAuthenticationCode::hash(
                                                      body, shopSecret, QCryptographicHash::Sha256)
                                                      .toBase64());
        req.setRawHeader("X-Shopify-Webhook-Id", eventId);
        if (trustCert) {
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.setCaCertificates(QSslCertificate::fromPath(m_cert));
            req.setSslConfiguration(ssl);
        }
        QNetworkReply* reply = nam.post(req, body);
        QSignalSpy done(reply, &QNetworkReply::finished);
        if (!reply->isFinished())
            done.wait(10'000);
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        reply->deleteLater();
        return r;
    }

    int inboxCount() {
        auto q = m_db->exec(u"SELECT COUNT(*) FROM webhooks_inbox"_s);
        return q && q->next() ? q->value(0).toInt() : -1;
    }

private Q_SLOTS:
    void initTestCase() {
        m_cert = m_dir.filePath(u"cert.pem"_s);
        m_key = m_dir.filePath(u"key.pem"_s);
        QProcess openssl;
        openssl.start(u"openssl"_s,
                      {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                       u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"2"_s,
                       u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                       u"subjectAltName=IP:127.0.0.1"_s, u"-keyout"_s, m_key, u"-out"_s, m_cert});
        QVERIFY2(openssl.waitForFinished(30'000) && openssl.exitCode() == 0,
                 "the openssl CLI is needed (scripts/packages.txt)");
        QString skip;
        m_db = openWebhooksStore(u"sqlite"_s, m_dir, &skip);
        QVERIFY2(m_db, qPrintable(skip));
        m_inbox = std::make_unique<Inbox>(m_db, m_clock, 86'400'000);
        QVERIFY(m_inbox->start().ok());
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        m_shopify = catalog->definition(u"shopify"_s);
    }

    void cleanupTestCase() { m_inbox.reset(); }

    void acceptsSignedWebhookOverHttps() {
        auto l = listener(m_cert, m_key);
        QVERIFY(l);
        QVERIFY(l->start().ok());
        QNetworkAccessManager nam;
        const QByteArray body = R"({"id":450789469,"total_price":"409.94"})"_ba;
        const int before = inboxCount();
        const QUrl url(u"https://127.0.0.1:%1/hooks/shop"_s.arg(l->port()));
        const Reply r = post(nam, url, body, "tls-1"_ba, true);
        QCOMPARE(r.error, QNetworkReply::NoError);
        QCOMPARE(r.status, 200);
        QCOMPARE(inboxCount(), before + 1);
        auto q =
            m_db->exec(u"SELECT event_id, body FROM webhooks_inbox ORDER BY id DESC LIMIT 1"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toString(), u"tls-1"_s);
        QCOMPARE(q->value(1).toByteArray(), body);
        q->finish();

        // A client that does not trust the certificate refuses the handshake: nothing sent.
        QNetworkAccessManager untrusting;
        const Reply refused = post(untrusting, url, body, "tls-2"_ba, false);
        QCOMPARE(refused.error, QNetworkReply::SslHandshakeFailedError);
        QCOMPARE(inboxCount(), before + 1);
    }

    void plainHttpToTheTlsPortFailsCleanly() {
        auto l = listener(m_cert, m_key);
        QVERIFY(l);
        QVERIFY(l->start().ok());
        const int before = inboxCount();
        // Raw plain-text HTTP: the server sees no TLS handshake and closes; no answer, no row.
        QTcpSocket raw;
        raw.connectToHost(QHostAddress::LocalHost, l->port());
        QVERIFY(raw.waitForConnected(5000));
        const QByteArray body = R"({"id":1})"_ba;
        raw.write("POST /hooks/shop HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                  "application/json\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QTRY_COMPARE_WITH_TIMEOUT(raw.state(), QAbstractSocket::UnconnectedState, 10'000);
        QVERIFY(!raw.readAll().startsWith("HTTP/1.1 200"));
        QNetworkAccessManager nam;
        const Reply r = post(nam, QUrl(u"http://127.0.0.1:%1/hooks/shop"_s.arg(l->port())), body,
                             "p-1"_ba, false);
        QVERIFY(r.error != QNetworkReply::NoError);
        QCOMPARE(r.status, 0);
        QCOMPARE(inboxCount(), before);
        // The listener still serves HTTPS afterwards.
        const Reply ok = post(nam, QUrl(u"https://127.0.0.1:%1/hooks/shop"_s.arg(l->port())), body,
                              "p-2"_ba, true);
        QCOMPARE(ok.status, 200);
        QCOMPARE(inboxCount(), before + 1);
    }

    void badCertificateOrKeyIsAClearErrorAtStart_data() {
        QTest::addColumn<QString>("cert");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("message");
        const QString missing = m_dir.filePath(u"missing.pem"_s);
        const QString garbage = m_dir.filePath(u"garbage.pem"_s);
        QFile g(garbage);
        QVERIFY(g.open(QIODevice::WriteOnly));
        g.write("not a certificate\n");
        g.close();
        QTest::newRow("missing certificate")
            << missing << m_key << u"$.webhooks.tlsCert: cannot read "_s + missing;
        QTest::newRow("missing key")
            << m_cert << missing << u"$.webhooks.tlsKey: cannot read "_s + missing;
        QTest::newRow("not a certificate")
            << garbage << m_key << u"$.webhooks.tlsCert: "_s + garbage + u" holds no PEM"_s;
        QTest::newRow("key file is a certificate")
            << m_cert << m_cert << u"$.webhooks.tlsKey: "_s + m_cert + u" holds no"_s;
        QTest::newRow("key without certificate")
            << QString() << m_key << u"\"tlsCert\" and \"tlsKey\" go together"_s;
    }
    void badCertificateOrKeyIsAClearErrorAtStart() {
        QFETCH(QString, cert);
        QFETCH(QString, key);
        QFETCH(QString, message);
        auto l = listener(cert, key);
        QVERIFY(l);
        const Status st = l->start();
        QVERIFY(!st);
        QVERIFY2(st.error().message.contains(message), qPrintable(st.error().message));
        QCOMPARE(st.error().category, ErrorCategory::Usage);
        QCOMPARE(l->port(), quint16(0));
    }
};

QTEST_GUILESS_MAIN(TestWebhookTls)
#include "TestWebhookTls.moc"
