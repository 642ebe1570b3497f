#include "auth/AuthMigrations.h"
#include "auth/EncryptedDbSecretStore.h"
#include "auth/KeychainSecretStore.h"
#include "auth/TokenRecord.h"
#include "store/Database.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::auth;

/// `bridgekeeper-engine auth import` end to end: real process, real store, real keychain.
class TestAuthImport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    const QByteArray m_key = QByteArray(32, 'i').toBase64();

    struct Run {
        int code = -1;
        QString out;
        QString err;
    };

    Run import(const QString& workspace, const QByteArray& stdinText) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BK_IMPORT_KEY"_s, QString::fromLatin1(m_key));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BK_ENGINE_EXE),
                {u"auth"_s, u"import"_s, u"--workspace"_s, workspace, u"--connector"_s, u"exact"_s,
                 u"--data-dir"_s, m_dir.filePath(u"data"_s)});
        if (!p.waitForStarted())
            return {};
        p.write(stdinText);
        p.closeWriteChannel();
        if (!p.waitForFinished(30000))
            return {};
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString workspace(const QString& name, const QByteArray& secrets) {
        const QString path = m_dir.filePath(name + u".json"_s);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write workspace");
        f.write("{\"version\":1,\"secrets\":" + secrets +
                ",\"connectors\":[{\"id\":\"exact\",\"type\":\"exact-online\","
                "\"clientId\":\"c-1\",\"division\":1}]}");
        return path;
    }

    QString dbPath(const QString& name) const {
        return m_dir.filePath(u"data/"_s + name + u".db"_s);
    }

private Q_SLOTS:
    void importIntoEncryptedDb() {
        const QString ws =
            workspace(u"enc"_s, "{\"store\":\"encrypted-db\",\"keyEnv\":\"BK_IMPORT_KEY\"}");
        const QByteArray tokens =
            R"({"access_token":"imp-access-QWERTY-1","refresh_token":"imp-refresh-ASDFG-2","expires_in":"600","refresh_expires_in":86400})";
        const Run r = import(ws, tokens);
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(u"Stored tokens for connector exact"_s));
        QVERIFY(!r.out.contains(u"QWERTY"_s) && !r.err.contains(u"QWERTY"_s));
        QVERIFY(!r.out.contains(u"ASDFG"_s) && !r.err.contains(u"ASDFG"_s));

        StoreConfig c;
        c.sqlitePath = dbPath(u"enc"_s);
        auto db = store::Database::open(c, {authMigrations()});
        QVERIFY(db.ok());
        auto store = EncryptedDbSecretStore::open(*db, *MasterKey::fromBase64(m_key, u"k"_s));
        QVERIFY(store.ok());
        auto blob = (*store)->readNow(u"connector/exact/tokens"_s);
        QVERIFY(blob.ok() && blob->has_value());
        auto rec = TokenRecord::fromJson(**blob);
        QVERIFY(rec.ok());
        QCOMPARE(rec->accessToken, u"imp-access-QWERTY-1"_s);
        QCOMPARE(rec->refreshToken, u"imp-refresh-ASDFG-2"_s);
        QCOMPARE(rec->accessExpiresMs - rec->obtainedMs, 600'000);
        QCOMPARE(rec->refreshExpiresMs - rec->obtainedMs, 86'400'000);
        auto state = (*db)->exec(
            u"SELECT state, generation FROM auth_connections WHERE connector = 'exact'"_s);
        QVERIFY(state.ok() && state->next());
        QCOMPARE(state->value(0).toString(), u"authorised"_s);
        QCOMPARE(state->value(1).toInt(), 1);
        QFile file(dbPath(u"enc"_s));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QFile wal(dbPath(u"enc"_s) + u"-wal"_s);
        const QByteArray disk =
            file.readAll() + (wal.open(QIODevice::ReadOnly) ? wal.readAll() : QByteArray());
        QVERIFY(!disk.contains("QWERTY"));
        QVERIFY(!disk.contains("ASDFG"));
    }

    void importIntoKeychain() {
        const QString service = u"bk-import-"_s + QUuid::createUuid().toString(QUuid::Id128);
        const QString ws =
            workspace(u"kc"_s, "{\"store\":\"keychain\",\"service\":\"" + service.toUtf8() + "\"}");
        const Run r = import(
            ws,
            R"({"access_token":"kc-access-ZXCV-9","refresh_token":"kc-refresh-POIU-8","expires_in":600})");
        QVERIFY2(r.code == 0, qPrintable(r.err));
        KeychainSecretStore keychain(service);
        std::optional<Result<std::optional<QByteArray>>> out;
        keychain.read(u"connector/exact/tokens"_s, this,
                      [&](Result<std::optional<QByteArray>> v) { out = v; });
        QTRY_VERIFY_WITH_TIMEOUT(out.has_value(), 15000);
        QVERIFY(out->ok() && (*out)->has_value());
        auto rec = TokenRecord::fromJson(***out);
        QVERIFY(rec.ok());
        QCOMPARE(rec->refreshToken, u"kc-refresh-POIU-8"_s);
        std::optional<Status> removed;
        keychain.remove(u"connector/exact/tokens"_s, this, [&](Status s) { removed = s; });
        QTRY_VERIFY_WITH_TIMEOUT(removed.has_value(), 15000);
    }

    void malformedInputExits2() {
        const QString ws =
            workspace(u"bad"_s, "{\"store\":\"encrypted-db\",\"keyEnv\":\"BK_IMPORT_KEY\"}");
        Run r = import(ws, "{\"access_token\": ");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"stdin: not a JSON object"_s), qPrintable(r.err));
        r = import(ws, R"({"refresh_token":"x"})");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"access_token"_s), qPrintable(r.err));
        r = import(ws, R"({"access_token":"a-123456","expires_in":"soon"})");
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"expires_in"_s), qPrintable(r.err));
        QVERIFY(!QFile::exists(dbPath(u"bad"_s))); // nothing opened or written
    }
};

QTEST_GUILESS_MAIN(TestAuthImport)
#include "TestAuthImport.moc"
