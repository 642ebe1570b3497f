#include "Redactor.h"
#include "auth/AuthMigrations.h"
#include "auth/EncryptedDbSecretStore.h"
#include "auth/KeychainSecretStore.h"
#include "store/Database.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::auth;

namespace {

const QByteArray kKeyA = QByteArray(32, 'a').toBase64();
const QByteArray kKeyB = QByteArray(32, 'b').toBase64();

QByteArray fileBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestSecretStores : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::shared_ptr<store::Database> openDb(const QString& name) {
        StoreConfig c;
        c.sqlitePath = m_dir.filePath(name);
        c.url = u"sqlite:"_s + c.sqlitePath;
        auto db = store::Database::open(c, {authMigrations()});
        if (!db)
            qWarning() << db.error().message;
        return db ? *db : nullptr;
    }

    // Runs the store's asynchronous operations one after another and waits for each.
    Status writeSync(SecretStore& s, const QString& key, const QByteArray& value) {
        std::optional<Status> out;
        s.write(key, value, this, [&](Status st) { out = st; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
            return Error::internal(u"write timed out"_s);
        return *out;
    }
    Result<std::optional<QByteArray>> readSync(SecretStore& s, const QString& key) {
        std::optional<Result<std::optional<QByteArray>>> out;
        s.read(key, this, [&](Result<std::optional<QByteArray>> r) { out = r; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
            return Error::internal(u"read timed out"_s);
        return *out;
    }
    Status removeSync(SecretStore& s, const QString& key) {
        std::optional<Status> out;
        s.remove(key, this, [&](Status st) { out = st; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 15000))
            return Error::internal(u"remove timed out"_s);
        return *out;
    }

private Q_SLOTS:
    void keyNamesAreNamespaced() {
        QCOMPARE(connectorSecretKey(u"exact"_s, u"tokens"_s), u"connector/exact/tokens"_s);
    }

    void keychainWriteReadDeleteAndProbe() {
        KeychainSecretStore store(u"bridgekeeper-test-"_s +
                                  QUuid::createUuid().toString(QUuid::WithoutBraces));
        const QString key = connectorSecretKey(u"exact"_s, u"tokens"_s);
        const QByteArray value = "{\"refresh_token\":\"kc-secret-value-1\"}";
        Status st = writeSync(store, key, value);
        QVERIFY2(st.ok(), st.ok() ? "" : qPrintable(st.error().message));
        auto back = readSync(store, key);
        QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
        QVERIFY(back->has_value());
        QCOMPARE(**back, value);
        // Overwrite replaces.
        QVERIFY(writeSync(store, key, "second").ok());
        QCOMPARE(**readSync(store, key), QByteArray("second"));
        QVERIFY(removeSync(store, key).ok());
        auto gone = readSync(store, key);
        QVERIFY(gone.ok());
        QVERIFY(!gone->has_value());
        QVERIFY(Redactor::redact(QString::fromUtf8(value)).contains(Redactor::mask));

        std::optional<SecretStoreHealth> health;
        store.probe(this, [&](SecretStoreHealth h) { health = h; });
        QTRY_VERIFY_WITH_TIMEOUT(health.has_value(), 15000);
        QVERIFY2(health->available, qPrintable(health->message));
    }

    void keychainUnavailableFailsClearly() {
        // A process without any Secret Service: the write must fail and say why, and nothing
        // may land anywhere else (QtKeychain's plain-text fallback is off).
        QTemporaryDir home;
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path=/nonexistent/bk-no-bus"_s);
        env.insert(u"HOME"_s, home.path());
        env.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
        env.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BK_AUTH_HELPER), {u"--mode"_s, u"keychain-write"_s});
        QVERIFY(p.waitForFinished(30000));
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        QCOMPARE(p.exitCode(), 1);
        QVERIFY2(out.contains(u"keychain"_s), qPrintable(out));
        QVERIFY2(out.contains(u"Nothing was stored in plain text"_s) || out.contains(u"failed"_s),
                 qPrintable(out));
        // Nothing written under the fresh home: no settings file holding the secret.
        QDirIterator it(home.path(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains("never-in-plain-text"), qPrintable(f.fileName()));
        }
    }

    void encryptedRoundTripAndNoPlaintextOnDisk() {
        auto db = openDb(u"enc.db"_s);
        QVERIFY(db);
        auto key = MasterKey::fromBase64(kKeyA, u"test"_s);
        QVERIFY(key.ok());
        auto store = EncryptedDbSecretStore::open(db, *key);
        QVERIFY2(store.ok(), store.ok() ? "" : qPrintable(store.error().message));
        const QByteArray secret = "plain-refresh-token-XYZZY-0123456789";
        QVERIFY(writeSync(**store, u"connector/exact/tokens"_s, secret).ok());
        auto back = readSync(**store, u"connector/exact/tokens"_s);
        QVERIFY(back.ok() && back->has_value());
        QCOMPARE(**back, secret);

        // Each write uses a fresh nonce: same value, different ciphertext.
        auto c1 = db->exec(u"SELECT ciphertext, nonce FROM auth_secrets WHERE name = ?"_s,
                           {u"connector/exact/tokens"_s});
        QVERIFY(c1.ok() && c1->next());
        const QByteArray box1 = c1->value(0).toByteArray();
        const QByteArray nonce1 = c1->value(1).toByteArray();
        QVERIFY(writeSync(**store, u"connector/exact/tokens"_s, secret).ok());
        auto c2 = db->exec(u"SELECT ciphertext, nonce FROM auth_secrets WHERE name = ?"_s,
                           {u"connector/exact/tokens"_s});
        QVERIFY(c2.ok() && c2->next());
        QVERIFY(c2->value(0).toByteArray() != box1);
        QVERIFY(c2->value(1).toByteArray() != nonce1);

        // The bytes on disk (database and write-ahead log) never hold the value.
        const QString path = m_dir.filePath(u"enc.db"_s);
        const QByteArray disk = fileBytes(path) + fileBytes(path + u"-wal"_s);
        QVERIFY(disk.size() > 0);
        QVERIFY(!disk.contains("XYZZY"));
        QVERIFY(!disk.contains(secret));

        QVERIFY(removeSync(**store, u"connector/exact/tokens"_s).ok());
        auto gone = readSync(**store, u"connector/exact/tokens"_s);
        QVERIFY(gone.ok() && !gone->has_value());

        std::optional<SecretStoreHealth> health;
        (*store)->probe(this, [&](SecretStoreHealth h) { health = h; });
        QTRY_VERIFY(health.has_value());
        QVERIFY2(health->available, qPrintable(health->message));
    }

    void wrongKeyIsRefused() {
        auto db = openDb(u"wrongkey.db"_s);
        QVERIFY(db);
        {
            auto store = EncryptedDbSecretStore::open(db, *MasterKey::fromBase64(kKeyA, u"a"_s));
            QVERIFY(store.ok());
            QVERIFY(writeSync(**store, u"connector/x/tokens"_s, "abcdefgh-secret").ok());
        }
        auto other = EncryptedDbSecretStore::open(db, *MasterKey::fromBase64(kKeyB, u"b"_s));
        QVERIFY(!other.ok());
        QCOMPARE(other.error().category, ErrorCategory::Auth);
        QVERIFY2(other.error().message.contains(u"master key does not match"_s),
                 qPrintable(other.error().message));
    }

    void swappedCiphertextIsRefused() {
        auto db = openDb(u"swap.db"_s);
        auto store = EncryptedDbSecretStore::open(db, *MasterKey::fromBase64(kKeyA, u"a"_s));
        QVERIFY(store.ok());
        QVERIFY(writeSync(**store, u"connector/a/tokens"_s, "value-of-a-123").ok());
        QVERIFY(writeSync(**store, u"connector/b/tokens"_s, "value-of-b-456").ok());
        QVERIFY(db->exec(u"UPDATE auth_secrets SET nonce = (SELECT nonce FROM auth_secrets WHERE "
                         u"name = 'connector/a/tokens'), ciphertext = (SELECT ciphertext FROM "
                         u"auth_secrets WHERE name = 'connector/a/tokens') WHERE name = "
                         u"'connector/b/tokens'"_s)
                    .ok());
        auto r = readSync(**store, u"connector/b/tokens"_s);
        QVERIFY(!r.ok());
    }

    void masterKeySources() {
        QVERIFY(!MasterKey::fromBase64("c2hvcnQ=", u"x"_s).ok());
        SecretStoreConfig cfg;
        cfg.kind = SecretStoreConfig::Kind::EncryptedDb;
        cfg.keyEnv = u"BK_TEST_MASTER_KEY"_s;
        qunsetenv("BK_TEST_MASTER_KEY");
        auto missing = MasterKey::load(cfg);
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().message.contains(u"BK_TEST_MASTER_KEY"_s));
        qputenv("BK_TEST_MASTER_KEY", kKeyA);
        QVERIFY(MasterKey::load(cfg).ok());
        const QString file = m_dir.filePath(u"master.key"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kKeyB + "\n");
        f.close();
        cfg.keyFile = file;
        auto fromFile = MasterKey::load(cfg);
        QVERIFY(fromFile.ok());
        QCOMPARE(QByteArray(reinterpret_cast<const char*>(fromFile->data()), 32),
                 QByteArray(32, 'b'));
    }
};

QTEST_GUILESS_MAIN(TestSecretStores)
#include "TestSecretStores.moc"
