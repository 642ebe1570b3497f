#include "alerts/AlertRouter.h"
#include "alerts/AlertsMigrations.h"
#include "httpserver/HttpServer.h"
#include "store/Database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::alerts;

namespace {

/// Just enough SMTP for libcurl: greeting, EHLO (no STARTTLS), AUTH PLAIN, MAIL, RCPT,
/// DATA, QUIT. Records what it was told.
class SmtpSink : public QObject {
public:
    SmtpSink() {
        m_server.listen(QHostAddress::LocalHost, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* s = m_server.nextPendingConnection()) {
                s->setParent(this);
                s->write("220 localhost ESMTP test sink\r\n");
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QList<QByteArray> messages;
    QList<QByteArray> commands;
    QByteArray credentials;

private:
    void onData(QTcpSocket* s) {
        while (s->canReadLine()) {
            const QByteArray line = s->readLine().chopped(2);
            if (m_inData) {
                if (line == ".") {
                    m_inData = false;
                    messages.append(m_data);
                    m_data.clear();
                    s->write("250 queued\r\n");
                } else {
                    m_data += line + "\n";
                }
                continue;
            }
            commands.append(line.left(10).toUpper());
            const QByteArray upper = line.toUpper();
            if (m_wantAuth) {
                m_wantAuth = false;
                credentials = QByteArray::fromBase64(line);
                s->write("235 accepted\r\n");
            } else if (upper.startsWith("EHLO")) {
                s->write("250-localhost\r\n250-AUTH PLAIN\r\n250 SIZE 1000000\r\n");
            } else if (upper.startsWith("HELO")) {
                s->write("250 localhost\r\n");
            } else if (upper.startsWith("AUTH PLAIN")) {
                const QByteArray initial = line.mid(10).trimmed();
                if (initial.isEmpty()) {
                    m_wantAuth = true;
                    s->write("334 \r\n");
                } else {
                    credentials = QByteArray::fromBase64(initial);
                    s->write("235 accepted\r\n");
                }
            } else if (upper.startsWith("MAIL FROM") || upper.startsWith("RCPT TO")) {
                s->write("250 ok\r\n");
            } else if (upper.startsWith("DATA")) {
                m_inData = true;
                s->write("354 go ahead\r\n");
            } else if (upper.startsWith("QUIT")) {
                s->write("221 bye\r\n");
                s->disconnectFromHost();
            } else {
                s->write("502 not implemented\r\n");
            }
        }
    }
    QTcpServer m_server;
    bool m_inData = false;
    bool m_wantAuth = false;
    QByteArray m_data;
};

/// A Slack-compatible incoming-webhook endpoint on the shared HTTP server.
class SlackSink {
public:
    SlackSink() {
        httpserver::ServerOptions o;
        const Status st =
            m_server.start(o, [this](const httpserver::Request& r,
                                     std::shared_ptr<httpserver::Responder> responder) {
                {
                    QMutexLocker lock(&m_mutex);
                    m_posts.append(r.body);
                }
                responder->respond(httpserver::Response::text(200, "ok"));
            });
        if (!st)
            qFatal("slack sink: %s", qPrintable(st.error().message));
    }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1/hooks/T1/B2"_s.arg(m_server.port())); }
    QList<QByteArray> posts() const {
        QMutexLocker lock(&m_mutex);
        return m_posts;
    }

private:
    httpserver::HttpServer m_server;
    mutable QMutex m_mutex;
    QList<QByteArray> m_posts;
};

QString decodedBody(const QByteArray& message) {
    const qsizetype split = message.indexOf("\n\n");
    return QString::fromUtf8(QByteArray::fromBase64(message.mid(split + 2).replace("\n", "")));
}

} // namespace

class TestAlertRouter : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_serial = 0;

    std::shared_ptr<store::Database> openDb(const QString& path = {}) {
        StoreConfig c;
        c.sqlitePath = path.isEmpty() ? m_dir.filePath(u"alerts-%1.db"_s.arg(++m_serial)) : path;
        auto db = store::Database::open(c, {alertsMigrations()});
        return db ? *db : nullptr;
    }

    static AlertChannelConfig channel(const QString& id, AlertChannelConfig::Kind kind,
                                      const QString& minSeverity = u"info"_s) {
        AlertChannelConfig c;
        c.id = id;
        c.kind = kind;
        c.minSeverity = minSeverity;
        return c;
    }

    static Alert alert(const QString& key, Severity severity = Severity::Critical) {
        return {key, u"exact"_s, severity, u"Exact Online needs re-authorisation"_s,
                u"The refresh token was refused."_s};
    }

private Q_SLOTS:
    void slackAndEmailReceiveTheAlert() {
        SlackSink slack;
        SmtpSink smtp;
        auto slackChannel = channel(u"ops-slack"_s, AlertChannelConfig::Kind::Slack);
        slackChannel.url = slack.url();
        auto mail = channel(u"ops-mail"_s, AlertChannelConfig::Kind::Email);
        mail.smtpUrl = QUrl(u"smtp://127.0.0.1:%1"_s.arg(smtp.port()));
        mail.requireTls = false;
        mail.from = u"bridgekeeper@example.test"_s;
        mail.to = {u"ops@example.test"_s};
        mail.username = u"bk"_s;
        auto clock = std::make_shared<ManualClock>();
        AlertRouter router(
            {slackChannel, mail, channel(u"desk"_s, AlertChannelConfig::Kind::Desktop)}, openDb(),
            clock, {});
        QString lookedUp;
        router.setSecretLookup([&](const QString& key, QObject* context, auto done) {
            lookedUp = key;
            QMetaObject::invokeMethod(
                context, [done] { done(std::optional<QByteArray>("smtp-pass-123")); },
                Qt::QueuedConnection);
        });
        QMap<QString, bool> delivered;
        QStringList errors;
        connect(&router, &AlertRouter::delivered, this,
                [&](const QString& id, const QString&, bool ok, const QString& error) {
                    delivered[id] = ok;
                    if (!ok)
                        errors << error;
                });
        QList<AlertMessage> desktop;
        connect(&router, &AlertRouter::desktopAlert, this,
                [&](const AlertMessage& m) { desktop.append(m); });

        router.raise(alert(u"auth/exact/reauth"_s));
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 3, 15000);
        QVERIFY2(delivered.value(u"ops-mail"_s), qPrintable(errors.join(u"; "_s)));
        QVERIFY(delivered.value(u"ops-slack"_s));
        QVERIFY(delivered.value(u"desk"_s));
        QCOMPARE(desktop.size(), 1);

        const auto posts = slack.posts();
        QCOMPARE(posts.size(), 1);
        const QJsonObject body = QJsonDocument::fromJson(posts.first()).object();
        QVERIFY(body.value(u"text"_s).toString().contains(u"[CRITICAL] Exact Online needs"_s));
        QCOMPARE(body.value(u"incident"_s).toString(), u"auth/exact/reauth"_s);

        QCOMPARE(smtp.messages.size(), 1);
        QVERIFY(smtp.messages.first().contains("To: ops@example.test"));
        QVERIFY(decodedBody(smtp.messages.first()).contains(u"The refresh token was refused."_s));
        QCOMPARE(lookedUp, u"alerts/ops-mail/password"_s);
        QCOMPARE(smtp.credentials, QByteArray("\0bk\0smtp-pass-123", 17));
    }

    void requireTlsRefusesServerWithoutStartTls() {
        SmtpSink smtp;
        auto mail = channel(u"ops-mail"_s, AlertChannelConfig::Kind::Email);
        mail.smtpUrl = QUrl(u"smtp://127.0.0.1:%1"_s.arg(smtp.port()));
        mail.requireTls = true;
        mail.from = u"bridgekeeper@example.test"_s;
        mail.to = {u"ops@example.test"_s};
        AlertRouter router({mail}, openDb(), std::make_shared<ManualClock>(), {});
        std::optional<QPair<bool, QString>> result;
        connect(&router, &AlertRouter::delivered, this,
                [&](const QString&, const QString&, bool ok, const QString& error) {
                    result = qMakePair(ok, error);
                });
        router.raise(alert(u"auth/exact/reauth"_s));
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000);
        QVERIFY(!result->first);
        QVERIFY2(result->second.contains(u"STARTTLS"_s), qPrintable(result->second));
        QVERIFY(smtp.messages.isEmpty());
        for (const QByteArray& c : std::as_const(smtp.commands))
            QVERIFY2(!c.startsWith("MAIL"), c.constData());
    }

    void oneMessagePerIncidentReminderAndRecovery() {
        auto clock = std::make_shared<ManualClock>();
        const QString dbPath = m_dir.filePath(u"dedup.db"_s);
        AlertRouter::Options options;
        options.reminderAfterMs = 3'600'000;
        QList<AlertMessage> shown;
        {
            AlertRouter router({channel(u"desk"_s, AlertChannelConfig::Kind::Desktop)},
                               openDb(dbPath), clock, options);
            connect(&router, &AlertRouter::desktopAlert, this,
                    [&](const AlertMessage& m) { shown.append(m); });
            router.raise(alert(u"auth/exact/store-write"_s));
            router.raise(alert(u"auth/exact/store-write"_s));
            router.raise(alert(u"auth/exact/store-write"_s));
            QTRY_COMPARE(shown.size(), 1);
            QTest::qWait(20);
            QCOMPARE(shown.size(), 1);
            QCOMPARE(shown.first().kind, AlertMessage::Kind::Raised);
            QVERIFY(router.isOpen(u"auth/exact/store-write"_s));
            clock->advance(3'600'000); // still open an hour later: one reminder
            QCOMPARE(shown.size(), 2);
            QCOMPARE(shown.last().kind, AlertMessage::Kind::Reminder);
            QVERIFY(shown.last().text().startsWith(u"[REMINDER]"_s));
        }
        // A restart remembers the open incident: raising it again is not a new message.
        AlertRouter router({channel(u"desk"_s, AlertChannelConfig::Kind::Desktop)}, openDb(dbPath),
                           clock, options);
        connect(&router, &AlertRouter::desktopAlert, this,
                [&](const AlertMessage& m) { shown.append(m); });
        router.raise(alert(u"auth/exact/store-write"_s));
        QTest::qWait(20);
        QCOMPARE(shown.size(), 2);
        router.resolve(u"auth/exact/store-write"_s, u"stored now"_s);
        QTRY_COMPARE(shown.size(), 3);
        QCOMPARE(shown.last().kind, AlertMessage::Kind::Recovered);
        QVERIFY(shown.last().text().startsWith(u"[RECOVERED]"_s));
        router.resolve(u"auth/exact/store-write"_s, u"again"_s);
        QTest::qWait(20);
        QCOMPARE(shown.size(), 3);
        QVERIFY(!router.isOpen(u"auth/exact/store-write"_s));
        const auto history = router.history();
        QCOMPARE(history.size(), 3);
        QCOMPARE(history[0].kind, AlertMessage::Kind::Recovered);
        QCOMPARE(history[1].kind, AlertMessage::Kind::Reminder);
        QCOMPARE(history[2].kind, AlertMessage::Kind::Raised);
        // A new incident after recovery is raised again.
        router.raise(alert(u"auth/exact/store-write"_s));
        QTRY_COMPARE(shown.size(), 4);
        QCOMPARE(shown.last().kind, AlertMessage::Kind::Raised);
    }

    void severityFilterPerChannel() {
        SlackSink slack;
        auto slackChannel = channel(u"ops-slack"_s, AlertChannelConfig::Kind::Slack, u"critical"_s);
        slackChannel.url = slack.url();
        AlertRouter router({slackChannel, channel(u"desk"_s, AlertChannelConfig::Kind::Desktop)},
                           openDb(), std::make_shared<ManualClock>(), {});
        int desktop = 0;
        connect(&router, &AlertRouter::desktopAlert, this, [&](const AlertMessage&) { ++desktop; });
        router.raise(alert(u"auth/exact/refresh-expiry"_s, Severity::Warning));
        QTRY_COMPARE(desktop, 1);
        QTest::qWait(100);
        QCOMPARE(slack.posts().size(), 0);
        // Escalation to critical is sent at once, also to the critical-only channel.
        router.raise(alert(u"auth/exact/refresh-expiry"_s, Severity::Critical));
        QTRY_COMPARE(slack.posts().size(), 1);
        QCOMPARE(desktop, 2);
    }
};

QTEST_GUILESS_MAIN(TestAlertRouter)
#include "TestAlertRouter.moc"
