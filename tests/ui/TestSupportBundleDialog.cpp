#include "ConnectorCatalog.h"
#include "Redactor.h"
#include "SupportBundleDialog.h"
#include "alerts/AlertRouter.h"
#include "auth/SecretStore.h"
#include "deadletters/DeadLetterStore.h"
#include "engine/AllMigrations.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

using namespace Qt::StringLiterals;
using namespace bk;

// Help ▸ Export support bundle… end to end: secrets in the real keychain, a workspace that
// names a Slack URL and an SMTP login, logs and a dead letter that leak them; the bundle the
// dialog writes must hold none of them in any file.
class TestSupportBundleDialog : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    Workspace m_ws;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<auth::SecretStore> m_secrets;
    qint64 m_letterId = 0;
    QMap<QString, QByteArray> m_stored; // keychain key -> value

    const QString kClientSecret = u"kc-client-secret-9d81f2aa"_s;
    const QString kAccess = u"at-0b1e77c4d2f94e8a"_s;
    const QString kRefresh = u"rt-5a9c3e1f7b2d4c60"_s;
    const QString kWebhook = u"whsec-3f8e2a71c9"_s;
    const QString kSmtp = u"smtp-pw-61c0ffee"_s;
    const QString kSlack = u"https://hooks.slack.example/services/T0/B0/test-only-webhook-7f3a"_s;

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

    QStringList secrets() const {
        return {kClientSecret, kAccess, kRefresh, kWebhook, kSmtp, kSlack};
    }

private Q_SLOTS:
    void initTestCase() {
        // The workspace file, as an operator writes it.
        const QString wsPath = m_dir.filePath(u"acme.json"_s);
        QFile f(wsPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QString(uR"({"version": 1, "name": "Acme",
          "secrets": {"store": "keychain", "service": "bk-test-bundle-%1"},
          "connectors": [{"id": "shop", "type": "shopify", "clientId": "acme-shop-client",
                          "shop": "acme"}],
          "alerts": [{"id": "mail", "type": "email", "smtpUrl": "smtp:/)"
                        uR"(/127.0.0.1:2525",
                      "from": "bk@acme.example", "to": ["ops@acme.example"],
                      "username": "bk", "requireTls": false},
                     {"id": "chat", "type": "slack", "url": "%2"}]})"_s)
                    .arg(QCoreApplication::applicationPid())
                    .arg(kSlack)
                    .toUtf8());
        f.close();
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        auto ws = WorkspaceLoader(*catalog).load(wsPath, m_dir.path());
        QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
        m_ws = *ws;
        auto db = store::Database::open(m_ws.store, allMigrations());
        QVERIFY(db.ok());
        m_db = *db;

        // The real keychain holds the connector's and the mail channel's secrets.
        auto made = auth::makeSecretStore(m_ws.secrets, m_db);
        QVERIFY(made.ok());
        m_secrets = *made;
        m_stored = {
            {auth::connectorSecretKey(u"shop"_s, u"client_secret"_s), kClientSecret.toUtf8()},
            {auth::connectorSecretKey(u"shop"_s, u"tokens"_s),
             QString(
                 uR"({"v":1,"access_token":"%1","refresh_token":"%2"})"_s.arg(kAccess, kRefresh))
                 .toUtf8()},
            {auth::connectorSecretKey(u"shop"_s, u"webhook-secret"_s), kWebhook.toUtf8()},
            {alerts::AlertRouter::passwordKey(u"mail"_s), kSmtp.toUtf8()}};
        int written = 0;
        for (auto it = m_stored.begin(); it != m_stored.end(); ++it)
            m_secrets->write(it.key(), it.value(), this, [&written](Status st) {
                QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
                ++written;
            });
        QTRY_COMPARE_WITH_TIMEOUT(written, int(m_stored.size()), 20'000);
        // The earlier writes registered them; the bundle must not depend on that.
        Redactor::clearRegisteredSecrets();

        // Logs and events that leak every one of them.
        QVERIFY(QDir().mkpath(m_dir.filePath(u"logs"_s)));
        QFile log(m_dir.filePath(u"logs/console.log"_s));
        QVERIFY(log.open(QIODevice::WriteOnly));
        for (const QString& s : secrets())
            log.write(
                QString(u"2026-11-30 info [bridgekeeper.test] value " + s + u" seen\n"_s).toUtf8());
        log.write("2026-11-30 info ordinary line\n");
        log.close();
        QVERIFY(m_db->exec(u"INSERT INTO bk_events (time_ms, connector, kind, severity, message) "
                           u"VALUES (1, 'shop', 'auth', 'warning', ?)"_s,
                           {QString(u"refresh failed for "_s + kRefresh)})
                    .ok());
        QVERIFY(m_db->exec(u"INSERT INTO alerts_history (time_ms, incident, connector, severity, "
                           u"kind, title, message) VALUES (2, 'i1', 'shop', 'critical', 'auth', "
                           u"'Token expired', 'webhook secret ' || ?)"_s,
                           {kWebhook})
                    .ok());

        // A dead letter whose body carries a token.
        deadletters::DeadLetterStore letters(m_db, makeSystemClock());
        http::Request req;
        req.method = "POST";
        req.url = QUrl(u"http://127.0.0.1:9/admin/orders.json"_s);
        req.connectorId = u"shop"_s;
        req.body = QString(uR"({"order": 42, "note": "token %1"})"_s.arg(kAccess)).toUtf8();
        http::Outcome outcome;
        outcome.cls = http::OutcomeClass::Permanent;
        outcome.status = 422;
        outcome.reason = u"order 42 refused"_s;
        auto id = letters.deadLetter(req, outcome, u"test:1"_s);
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.error().message));
        m_letterId = *id;
    }

    void exportHasNoSecrets() {
        ui::SupportBundleDialog dialog({m_ws, m_db, m_secrets, m_dir.filePath(u"logs"_s)},
                                       {m_letterId});
        dialog.show();
        const QString zipPath = m_dir.filePath(u"bundle.zip"_s);
        dialog.setOutputPath(zipPath);
        dialog.setNote(u"orders stopped at 03:00"_s);
        auto* include = dialog.findChild<QCheckBox*>();
        QVERIFY(include && include->isEnabled());
        include->setChecked(true);
        QSignalSpy done(&dialog, &ui::SupportBundleDialog::exported);
        QSignalSpy failed(&dialog, &ui::SupportBundleDialog::failed);
        dialog.startExport();
        QVERIFY(dialog.isBusy());
        QTRY_COMPARE_WITH_TIMEOUT(done.count() + failed.count(), 1, 30'000);
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
        QVERIFY(!dialog.isBusy());
        QCOMPARE(done.first().at(0).toString(), zipPath);
        QCOMPARE(done.first().at(1).toLongLong(), QFileInfo(zipPath).size());

        // The dialog shows where and how big.
        bool shown = false;
        for (auto* label : dialog.findChildren<QLabel*>())
            shown = shown || label->text().contains(zipPath);
        QVERIFY(shown);
        auto* bar = dialog.findChild<QProgressBar*>();
        QVERIFY(bar && bar->value() == bar->maximum());

        const auto entries = unzip(zipPath);
        for (const char* name : {"manifest.json", "workspace.json", "health.json", "events.json",
                                 "alerts.json", "deadletters.json", "logs/console.log"})
            QVERIFY2(entries.contains(QString::fromLatin1(name)), name);
        for (auto it = entries.begin(); it != entries.end(); ++it)
            for (const QString& secret : secrets())
                QVERIFY2(!it.value().contains(secret.toUtf8()),
                         qPrintable(it.key() + u" leaks "_s + secret));
        // What support needs is still there.
        QVERIFY(entries.value(u"logs/console.log"_s).contains("ordinary line"));
        QVERIFY(entries.value(u"workspace.json"_s).contains("acme-shop-client"));
        QVERIFY(entries.value(u"deadletters.json"_s).contains("order 42 refused"));
        QVERIFY(entries.value(u"alerts.json"_s).contains("Token expired"));
        QVERIFY(entries.value(u"manifest.json"_s).contains("orders stopped at 03:00"));
    }

    void unwritableTargetShowsTheError() {
        ui::SupportBundleDialog dialog({m_ws, m_db, m_secrets, m_dir.filePath(u"logs"_s)}, {});
        dialog.show();
        QVERIFY(!dialog.findChild<QCheckBox*>()->isEnabled()); // nothing selected
        dialog.setOutputPath(u"/dev/null/nowhere/bundle.zip"_s);
        QSignalSpy failed(&dialog, &ui::SupportBundleDialog::failed);
        dialog.startExport();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30'000);
        QVERIFY(failed.first().first().toString().contains(u"/dev/null/nowhere/bundle.zip"_s));
        bool shown = false;
        for (auto* label : dialog.findChildren<QLabel*>())
            shown = shown || label->text().contains(u"not written"_s);
        QVERIFY(shown);
    }

    void cleanupTestCase() {
        int removed = 0;
        for (auto it = m_stored.begin(); it != m_stored.end(); ++it)
            m_secrets->remove(it.key(), this, [&removed](Status) { ++removed; });
        QTRY_COMPARE_WITH_TIMEOUT(removed, int(m_stored.size()), 20'000);
    }
};

QTEST_MAIN(TestSupportBundleDialog)
#include "TestSupportBundleDialog.moc"
