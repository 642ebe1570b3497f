#include "engine/AllMigrations.h"
#include "engine/SnapshotStore.h"
#include "engine/SupportBundle.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

using namespace Qt::StringLiterals;
using namespace bk;

// A support bundle must carry what support needs and no secret from anywhere.
class TestSupportBundle : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QMap<QString, QByteArray> unzip(const QString& path) {
        QMap<QString, QByteArray> out;
        QuaZip zip(path);
        if (!zip.open(QuaZip::mdUnzip))
            return out;
        for (bool more = zip.goToFirstFile(); more; more = zip.goToNextFile()) {
            QuaZipFile f(&zip);
            if (f.open(QIODevice::ReadOnly))
                out.insert(zip.getCurrentFileName(), f.readAll());
        }
        return out;
    }

private Q_SLOTS:
    void bundleHasNoSecrets() {
        const QString keychainSecret = u"kc-client-secret-5f1e9a"_s;  // as held by the keychain
        const QString accessToken = u"eyJhbGciOiJub25lIn0.at-3c9d"_s; // a token value
        const QString smtpPassword = u"smtp-pw-77aa11"_s;

        StoreConfig sc;
        sc.sqlitePath = m_dir.filePath(u"bundle.db"_s);
        auto db = store::Database::open(sc, allMigrations());
        QVERIFY(db.ok());
        QVERIFY((*db)
                    ->exec(u"INSERT INTO bk_events (time_ms, connector, kind, severity, message) "
                           u"VALUES (1, 'exact', 'token-refreshed', 'info', ?)"_s,
                           {QString(u"refreshed; new token "_s + accessToken)})
                    .ok());
        ConnectorHealth h{u"exact"_s, HealthState::Degraded, u"2 retries"_s, 1, 0, 5, 2, 2, 0};
        const Status saved = SnapshotStore(*db).save({h}, {}, {}, {}, {});
        QVERIFY2(saved.ok(), saved.ok() ? "" : qPrintable(saved.error().message));

        const QString logDir = m_dir.filePath(u"logs"_s);
        QVERIFY(QDir().mkpath(logDir));
        QFile log(logDir + u"/engine.log"_s);
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write(("2026-11-30 info [bridgekeeper.auth] Authorization: Bearer " +
                   accessToken.toUtf8() +
                   "\n2026-11-30 info client_secret=" + keychainSecret.toUtf8() + " smtp " +
                   smtpPassword.toUtf8() + "\nordinary line\n"));
        log.close();

        Workspace ws;
        ws.filePath = m_dir.filePath(u"ws.json"_s);
        ws.raw =
            QJsonDocument::fromJson(
                R"({"version":1,"name":"Acme","alerts":[{"id":"m","type":"email","password":"smtp-pw-77aa11"}],
            "connectors":[{"id":"exact","type":"exact-online","clientId":"acme-client"}]})")
                .object();

        SupportBundle bundle(ws, *db);
        bundle.addKnownSecrets({keychainSecret, accessToken, smtpPassword});
        SupportBundleOptions options;
        options.logDir = logDir;
        options.extraNote = u"sync stopped at 03:00"_s;
        const QString zipPath = m_dir.filePath(u"support.zip"_s);
        auto written = bundle.write(zipPath, options);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
        QVERIFY(!QFile::exists(zipPath + u".partial"_s));

        const auto entries = unzip(zipPath);
        for (const char* name :
             {"manifest.json", "workspace.json", "health.json", "events.json", "logs/engine.log"})
            QVERIFY2(entries.contains(QString::fromLatin1(name)), name);
        for (auto it = entries.begin(); it != entries.end(); ++it) {
            for (const QString& secret : {keychainSecret, accessToken, smtpPassword})
                QVERIFY2(!it.value().contains(secret.toUtf8()),
                         qPrintable(it.key() + u" leaks "_s + secret));
        }
        QVERIFY(entries.value(u"logs/engine.log"_s).contains("ordinary line"));
        QVERIFY(entries.value(u"workspace.json"_s).contains("acme-client"));
        QVERIFY(entries.value(u"health.json"_s).contains("2 retries"));
        QVERIFY(entries.value(u"manifest.json"_s).contains("sync stopped at 03:00"));
        QVERIFY(entries.value(u"manifest.json"_s).contains("\"core\": 1"));
    }

    void unwritableTargetFailsCleanly() {
        Workspace ws;
        SupportBundle bundle(ws, nullptr);
        auto written = bundle.write(u"/dev/null/x/support.zip"_s, {});
        QVERIFY(!written.ok());
        QVERIFY(written.error().message.contains(u"/dev/null/x/support.zip"_s));
    }
};

QTEST_GUILESS_MAIN(TestSupportBundle)
#include "TestSupportBundle.moc"
