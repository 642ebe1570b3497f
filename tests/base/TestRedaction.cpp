#include "LogCategories.h"
#include "LogRing.h"
#include "Logging.h"
#include "Redactor.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;
using namespace bk;

// A token logged through every logging path must never reach the log file or the ring.
class TestRedaction : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    const QString m_token = u"at-7f3a9c1e55b04d2f8e6a"_s;        // registered secret
    const QString m_unregistered = u"rt-0a1b2c3d4e5f6a7b8c9d"_s; // caught by shape only

private Q_SLOTS:
    void initTestCase() {
        LoggingOptions o;
        o.logDir = m_dir.path();
        o.console = false;
        o.level = u"trace"_s;
        QVERIFY(initLogging(o).ok());
        QLoggingCategory::setFilterRules(u"bridgekeeper.*.debug=true"_s);
        Redactor::registerSecret(m_token);
    }

    void patterns_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("secret");
        QTest::newRow("bearer header")
            << u"Authorization: Bearer abcdef123456"_s << u"abcdef123456"_s;
        QTest::newRow("basic header")
            << u"authorization=Basic dXNlcjpwYXNzd29yZA=="_s << u"dXNlcjpwYXNzd29yZA=="_s;
        QTest::newRow("json refresh token")
            << uR"({"refresh_token":"r3fr3sh-s3cr3t","x":1})"_s << u"r3fr3sh-s3cr3t"_s;
        QTest::newRow("escaped json")
            << uR"(body: {\"access_token\":\"acc-s3cr3t-9\"})"_s << u"acc-s3cr3t-9"_s;
        QTest::newRow("form body")
            << u"grant_type=refresh_token&refresh_token=form-s3cr3t&client_secret=cs-123456"_s
            << u"form-s3cr3t"_s;
        QTest::newRow("form client secret")
            << u"grant_type=refresh_token&client_secret=cs-12345678"_s << u"cs-12345678"_s;
        QTest::newRow("password in url")
            << u"connecting to postgresql://bk:hunter2pw@db/ops"_s << u"hunter2pw"_s;
        QTest::newRow("shopify header")
            << u"X-Shopify-Access-Token: shpat_abcdef0123456789"_s << u"shpat_abcdef0123456789"_s;
        QTest::newRow("password key")
            << u"login password=correct-horse now"_s << u"correct-horse"_s;
    }

    void patterns() {
        QFETCH(QString, input);
        QFETCH(QString, secret);
        const QString out = Redactor::redact(input);
        QVERIFY2(!out.contains(secret), qPrintable(out));
        QVERIFY2(out.contains(Redactor::mask), qPrintable(out));
    }

    void ordinaryTextSurvives() {
        const QString text = u"refreshed connector exact: next refresh in 540 s (tokens=2)"_s;
        QCOMPARE(Redactor::redact(text), text);
    }

    void everyLoggingPathIsRedacted() {
        const quint64 before = logRing().lastId();
        // Qt logging categories, plain qDebug/qWarning, QDebug of containers and URLs,
        // spdlog called directly, and a token in a form body and in a JSON document.
        qCInfo(lcAuth) << "got token" << m_token;
        qCDebug(lcHttp).noquote() << "header Authorization: Bearer" << m_unregistered;
        qWarning() << QStringList{m_token, u"x"_s};
        qCritical("%s", qPrintable(m_token));
        QUrl url(u"https://api.example/cb"_s);
        QUrlQuery q;
        q.addQueryItem(u"access_token"_s, m_unregistered);
        url.setQuery(q);
        qCInfo(lcHttp) << url;
        spdlog::warn("direct spdlog {}", m_token.toStdString());
        const QJsonObject body{{u"refresh_token"_s, m_unregistered}, {u"expires_in"_s, 600}};
        qCInfo(lcAuth).noquote() << QJsonDocument(body).toJson(QJsonDocument::Compact);
        qCInfo(lcAuth) << "form" << (u"grant_type=refresh_token&refresh_token="_s + m_unregistered);
        shutdownLogging();

        QFile f(m_dir.filePath(u"bridgekeeper.log"_s));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray log = f.readAll();
        QVERIFY2(log.count("[REDACTED]") >= 8, log.constData());
        QVERIFY2(!log.contains(m_token.toUtf8()), log.constData());
        QVERIFY2(!log.contains(m_unregistered.toUtf8()), log.constData());
        QVERIFY(log.contains("bridgekeeper.auth"));

        const auto ring = logRing().entriesAfter(before);
        QVERIFY(ring.size() >= 8);
        for (const auto& e : ring) {
            QVERIFY(!e.message.contains(m_token));
            QVERIFY(!e.message.contains(m_unregistered));
        }
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "TestRedaction.moc"
