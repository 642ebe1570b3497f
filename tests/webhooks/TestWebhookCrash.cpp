#include "store/Database.h"
#include "webhooks/WebhooksMigrations.h"

#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;

namespace {

/// Keeps `parallel` signed Shopify-style deliveries in flight, each with a new event id,
/// and remembers which ones were answered 200.
class Sender : public QObject {
public:
    QNetworkAccessManager nam;
    quint16 port = 0;
    int parallel = 8;
    int inFlight = 0;
    bool running = false;
    int next = 0;
    QString prefix;
    QSet<QString> acked;
    QSet<QString> unanswered; ///< sent, no 200 (connection reset by the kill, …)
    QList<QString> retryQueue;

    void start() {
        running = true;
        for (int i = 0; i < parallel; ++i)
            sendOne();
    }
    void sendOne() {
        if (!running)
            return;
        QString id;
        if (!retryQueue.isEmpty())
            id = retryQueue.takeFirst(); // a real sender retries what got no 200
        else
            id = u"%1-%2"_s.arg(prefix).arg(next++);
        const QByteArray body =
            u"{\"id\":%1,\"note\":\"%2\"}"_s.arg(QString::number(next % 50), id).toUtf8();
        QNetworkRequest req(QUrl(u"http://127.0.0.1:%1/hooks/shop"_s.arg(port)));
        req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        req.setRawHeader("X-Shopify-Event-Id", id.toUtf8());
        req.setRawHeader("X-Shopify-Hmac-Sha256",
                         QMessageAuthenticationCode::hash(body, "crash-test-secret"_ba,
                                                          QCryptographicHash::Sha256)
                             .toBase64());
        QNetworkReply* reply = nam.post(req, body);
        ++inFlight;
        connect(reply, &QNetworkReply::finished, this, [this, reply, id] {
            --inFlight;
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
                acked.insert(id);
                unanswered.remove(id);
            } else if (!acked.contains(id)) {
                unanswered.insert(id);
            }
            reply->deleteLater();
            sendOne();
        });
    }
};

} // namespace

class TestWebhookCrash : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    bool startHelper(QProcess& p, quint16* port) {
        p.setProgram(QStringLiteral(BK_CRASH_HELPER));
        p.setArguments({m_dir.filePath(u"crash.db"_s)});
        p.setProcessChannelMode(QProcess::SeparateChannels);
        p.start();
        if (!p.waitForStarted(5000))
            return false;
        QByteArray out;
        while (!out.contains('\n')) {
            if (!p.waitForReadyRead(10'000))
                return false;
            out += p.readAllStandardOutput();
        }
        const QList<QByteArray> parts = out.trimmed().split(' ');
        if (parts.size() != 2 || parts[0] != "READY")
            return false;
        *port = quint16(parts[1].toUInt());
        return *port > 0;
    }

private Q_SLOTS:
    void everyAcknowledgedDeliverySurvivesSigkillAndIsProcessedOnce() {
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo() << "seed" << seed;
        QRandomGenerator rng(seed);
        Sender sender;
        sender.prefix = u"evt"_s;
        int reclaimedRuns = 0; // restarts that found claimed-but-unfinished events
        const int rounds = 4;
        for (int round = 0; round < rounds; ++round) {
            QProcess helper;
            quint16 port = 0;
            QVERIFY2(startHelper(helper, &port), helper.readAllStandardError().constData());
            sender.port = port;
            sender.nam.clearConnectionCache();
            // Whatever got no answer last round is sent again, like a real sender would.
            sender.retryQueue = sender.unanswered.values();
            sender.start();
            QTest::qWait(int(rng.bounded(300, 900)));
            helper.kill(); // SIGKILL: no cleanup, no flush, mid-commit or mid-processing
            QVERIFY(helper.waitForFinished(5000));
            if (helper.readAllStandardError().contains("took back"))
                ++reclaimedRuns;
            sender.running = false;
            QTRY_COMPARE_WITH_TIMEOUT(sender.inFlight, 0, 10'000);
        }
        QVERIFY2(sender.acked.size() > 100,
                 qPrintable(u"only %1 acked"_s.arg(sender.acked.size())));

        // A last, clean run drains the inbox.
        QProcess helper;
        quint16 port = 0;
        QVERIFY(startHelper(helper, &port));
        StoreConfig c;
        c.kind = StoreConfig::Kind::Sqlite;
        c.sqlitePath = m_dir.filePath(u"crash.db"_s);
        c.url = u"sqlite:"_s + c.sqlitePath;
        auto db = store::Database::open(c, {webhooks::webhooksMigrations()});
        QVERIFY(db.ok());
        auto scalar = [&](const QString& sql) {
            auto q = (*db)->exec(sql);
            const int v = q && q->next() ? q->value(0).toInt() : -1;
            if (q)
                q->finish();
            return v;
        };
        QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT COUNT(*) FROM webhooks_inbox WHERE state <> 2"_s),
                                  0, 30'000);
        helper.terminate();
        helper.waitForFinished(5000);
        if (helper.readAllStandardError().contains("took back"))
            ++reclaimedRuns;

        QSet<QString> stored;
        {
            auto q = (*db)->exec(u"SELECT event_id FROM webhooks_inbox"_s);
            QVERIFY(q.ok());
            while (q->next())
                stored.insert(q->value(0).toString());
        }
        // 1. Every 200 is in the inbox.
        for (const QString& id : std::as_const(sender.acked))
            QVERIFY2(stored.contains(id), qPrintable(u"acknowledged %1 is missing"_s.arg(id)));
        // 2. Nothing is stored twice (dedup across restarts and resends).
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM webhooks_inbox"_s), stored.size());
        // 3. Everything stored was processed exactly once.
        QCOMPARE(scalar(u"SELECT COUNT(*) FROM crash_effects"_s), stored.size());
        QCOMPARE(scalar(u"SELECT COUNT(DISTINCT event_id) FROM crash_effects"_s), stored.size());
        qInfo() << sender.acked.size() << "acknowledged," << stored.size() << "stored,"
                << sender.unanswered.size() << "never answered;" << reclaimedRuns
                << "restarts took back claimed events";
    }
};

QTEST_GUILESS_MAIN(TestWebhookCrash)
#include "TestWebhookCrash.moc"
