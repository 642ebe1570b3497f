#include "EncryptedDbSecretStore.h"

#include "Redactor.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QSqlQuery>

#include <sodium.h>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

// A known plaintext sealed under the key on first use: a wrong key fails to open it.
const QString kKeyCheck = u"__bridgekeeper_key_check__"_s;
const QByteArray kKeyCheckValue = QByteArrayLiteral("bridgekeeper master key v1");

bool sodiumReady() {
    static const bool ready = sodium_init() >= 0;
    return ready;
}

} // namespace

struct MasterKey::Guarded {
    unsigned char* bytes = nullptr;
    Guarded()
        : bytes(static_cast<unsigned char*>(sodium_malloc(MasterKey::size))) {}
    ~Guarded() {
        if (bytes)
            sodium_free(bytes); // wipes before freeing
    }
    Guarded(const Guarded&) = delete;
    Guarded& operator=(const Guarded&) = delete;
};

const unsigned char* MasterKey::data() const {
    return m_key ? m_key->bytes : nullptr;
}

Result<MasterKey> MasterKey::fromBase64(const QByteArray& text, const QString& source) {
    if (!sodiumReady())
        return Error::internal(u"libsodium could not be initialised"_s);
    QByteArray raw =
        QByteArray::fromBase64(text.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (raw.size() != size) {
        const qsizetype got = raw.size();
        sodium_memzero(raw.data(), size_t(raw.size()));
        return Error::usage(u"%1: the master key must be base64 of exactly 32 bytes (got %2 bytes; "
                            u"create one with: head -c 32 /dev/urandom | base64)"_s.arg(source)
                                .arg(got));
    }
    MasterKey key;
    key.m_key = std::make_shared<Guarded>();
    if (!key.m_key->bytes)
        return Error::internal(u"cannot allocate locked memory for the master key"_s);
    memcpy(key.m_key->bytes, raw.constData(), size);
    sodium_memzero(raw.data(), size_t(raw.size()));
    return key;
}

Result<MasterKey> MasterKey::load(const SecretStoreConfig& config) {
    if (!config.keyFile.isEmpty()) {
        QFile file(config.keyFile);
        if (!file.open(QIODevice::ReadOnly))
            return Error::io(u"cannot read the master key file %1: %2"_s.arg(config.keyFile,
                                                                             file.errorString()));
        QByteArray text = file.readAll();
        auto key = fromBase64(text, u"master key file %1"_s.arg(config.keyFile));
        sodium_memzero(text.data(), size_t(text.size()));
        return key;
    }
    if (!config.keyEnv.isEmpty()) {
        const QByteArray name = config.keyEnv.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(name.constData()))
            return Error::usage(u"the master key variable %1 is not set"_s.arg(config.keyEnv));
        QByteArray text = qgetenv(name.constData());
        auto key = fromBase64(text, u"master key variable %1"_s.arg(config.keyEnv));
        sodium_memzero(text.data(), size_t(text.size()));
        return key;
    }
    return Error::usage(u"the encrypted-db secret store needs \"keyFile\" or \"keyEnv\""_s);
}

EncryptedDbSecretStore::EncryptedDbSecretStore(std::shared_ptr<store::Database> db, MasterKey key)
    : m_db(std::move(db))
    , m_key(std::move(key)) {}

Result<std::shared_ptr<EncryptedDbSecretStore>>
EncryptedDbSecretStore::open(std::shared_ptr<store::Database> db, MasterKey key) {
    if (!sodiumReady())
        return Error::internal(u"libsodium could not be initialised"_s);
    std::shared_ptr<EncryptedDbSecretStore> store(
        new EncryptedDbSecretStore(std::move(db), std::move(key)));
    auto check = store->readNow(kKeyCheck);
    if (!check) {
        if (check.error().category == ErrorCategory::Auth)
            return Error{ErrorCategory::Auth,
                         u"the master key does not match the secrets in %1 (wrong key file or "
                         u"variable?); nothing was read"_s.arg(store->m_db->describe())};
        return check.error();
    }
    if (!check->has_value()) {
        if (auto st = store->writeNow(kKeyCheck, kKeyCheckValue); !st)
            return st.error();
    } else if (**check != kKeyCheckValue) {
        return Error{ErrorCategory::Auth, u"the master key check failed"_s};
    }
    return store;
}

QByteArray EncryptedDbSecretStore::seal(const QString& name, const QByteArray& value,
                                        QByteArray* nonce) const {
    QByteArray plain = name.toUtf8();
    plain.append('\0');
    plain.append(value);
    nonce->resize(crypto_secretbox_NONCEBYTES);
    randombytes_buf(nonce->data(), size_t(nonce->size()));
    QByteArray box(plain.size() + qsizetype(crypto_secretbox_MACBYTES), Qt::Uninitialized);
    crypto_secretbox_easy(reinterpret_cast<unsigned char*>(box.data()),
                          reinterpret_cast<const unsigned char*>(plain.constData()),
                          quint64(plain.size()),
                          reinterpret_cast<const unsigned char*>(nonce->constData()), m_key.data());
    sodium_memzero(plain.data(), size_t(plain.size()));
    return box;
}

Result<QByteArray> EncryptedDbSecretStore::open(const QString& name, const QByteArray& nonce,
                                                const QByteArray& box) const {
    if (nonce.size() != qsizetype(crypto_secretbox_NONCEBYTES) ||
        box.size() < qsizetype(crypto_secretbox_MACBYTES))
        return Error{ErrorCategory::Auth, u"secret %1 is damaged"_s.arg(name)};
    QByteArray plain(box.size() - qsizetype(crypto_secretbox_MACBYTES), Qt::Uninitialized);
    if (crypto_secretbox_open_easy(
            reinterpret_cast<unsigned char*>(plain.data()),
            reinterpret_cast<const unsigned char*>(box.constData()), quint64(box.size()),
            reinterpret_cast<const unsigned char*>(nonce.constData()), m_key.data()) != 0)
        return Error{ErrorCategory::Auth,
                     u"secret %1 cannot be decrypted with this master key"_s.arg(name)};
    const QByteArray prefix = name.toUtf8() + '\0';
    if (!plain.startsWith(prefix)) {
        sodium_memzero(plain.data(), size_t(plain.size()));
        return Error{ErrorCategory::Auth, u"secret %1 belongs to another name"_s.arg(name)};
    }
    QByteArray value = plain.mid(prefix.size());
    sodium_memzero(plain.data(), size_t(plain.size()));
    return value;
}

Result<std::optional<QByteArray>> EncryptedDbSecretStore::readNow(const QString& key) {
    auto q = m_db->exec(u"SELECT nonce, ciphertext FROM auth_secrets WHERE name = ?"_s, {key});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<QByteArray>();
    auto value = open(key, q->value(0).toByteArray(), q->value(1).toByteArray());
    if (!value)
        return value.error();
    if (key != kKeyCheck)
        Redactor::registerSecret(QString::fromUtf8(*value));
    return std::optional<QByteArray>(*value);
}

Status EncryptedDbSecretStore::writeNow(const QString& key, const QByteArray& value) {
    if (key != kKeyCheck)
        Redactor::registerSecret(QString::fromUtf8(value));
    QByteArray nonce;
    const QByteArray box = seal(key, value, &nonce);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto del = store::Database::run(db, u"DELETE FROM auth_secrets WHERE name = ?"_s, {key});
        if (!del)
            return del.error();
        auto ins = store::Database::run(
            db,
            u"INSERT INTO auth_secrets (name, nonce, ciphertext, updated_ms) VALUES (?, ?, ?, ?)"_s,
            {key, nonce, box, now});
        return ins ? Status::success() : Status(ins.error());
    });
}

Status EncryptedDbSecretStore::removeNow(const QString& key) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto del = store::Database::run(db, u"DELETE FROM auth_secrets WHERE name = ?"_s, {key});
        return del ? Status::success() : Status(del.error());
    });
}

void EncryptedDbSecretStore::read(const QString& key, QObject* context, ReadDone done) {
    auto r = readNow(key);
    postTo(context, [r = std::move(r), done = std::move(done)] { done(r); });
}

void EncryptedDbSecretStore::write(const QString& key, const QByteArray& value, QObject* context,
                                   WriteDone done) {
    Status st = writeNow(key, value);
    postTo(context, [st, done = std::move(done)] { done(st); });
}

void EncryptedDbSecretStore::remove(const QString& key, QObject* context, WriteDone done) {
    Status st = removeNow(key);
    postTo(context, [st, done = std::move(done)] { done(st); });
}

void EncryptedDbSecretStore::probe(QObject* context, std::function<void(SecretStoreHealth)> done) {
    SecretStoreHealth h;
    h.backend = QCoreApplication::translate("auth", "encrypted database");
    const QString probeKey = u"probe/health"_s;
    QByteArray value(16, Qt::Uninitialized);
    randombytes_buf(value.data(), size_t(value.size()));
    value = value.toHex();
    Status st = writeNow(probeKey, value);
    if (st) {
        auto back = readNow(probeKey);
        if (!back)
            st = back.error();
        else if (!back->has_value() || **back != value)
            st = Error::internal(u"the probe value did not read back"_s);
    }
    if (st)
        st = removeNow(probeKey);
    h.available = st.ok();
    h.message =
        st ? QCoreApplication::translate("auth", "secrets are encrypted with the master key in %1")
                 .arg(m_db->describe())
           : QCoreApplication::translate("auth", "the encrypted secret store does not work: %1")
                 .arg(st.error().message);
    postTo(context, [h, done = std::move(done)] { done(h); });
}

} // namespace bk::auth
