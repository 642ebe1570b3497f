#pragma once

#include "SecretStore.h"

#include <memory>

namespace bk::auth {

/// The 32-byte master key of the encrypted-db store, kept in locked memory (libsodium's
/// guarded allocation) and wiped when released.
class MasterKey {
public:
    static constexpr int size = 32;

    /// Reads the key as base64 of 32 bytes from config.keyFile, else from the environment
    /// variable named config.keyEnv. The error says which source and what is wrong.
    static Result<MasterKey> load(const SecretStoreConfig& config);
    /// From base64 text (tests, the key file and the variable share this).
    static Result<MasterKey> fromBase64(const QByteArray& text, const QString& source);

    const unsigned char* data() const;

private:
    struct Guarded;
    std::shared_ptr<Guarded> m_key;
};

/// Secrets encrypted with libsodium's crypto_secretbox (XSalsa20-Poly1305) under the
/// master key, a fresh random nonce per value, in the store's auth_secrets table. The
/// secret's name is sealed inside the box too, so a ciphertext moved to another row is
/// refused. For headless servers where no OS keychain exists.
class EncryptedDbSecretStore final : public SecretStore {
public:
    /// Opens the store; a store that already holds secrets under another key is refused.
    static Result<std::shared_ptr<EncryptedDbSecretStore>> open(std::shared_ptr<store::Database> db,
                                                                MasterKey key);

    void read(const QString& key, QObject* context, ReadDone done) override;
    void write(const QString& key, const QByteArray& value, QObject* context,
               WriteDone done) override;
    void remove(const QString& key, QObject* context, WriteDone done) override;
    void probe(QObject* context, std::function<void(SecretStoreHealth)> done) override;

    /// The synchronous operations behind the asynchronous ones (the caller's thread).
    Result<std::optional<QByteArray>> readNow(const QString& key);
    Status writeNow(const QString& key, const QByteArray& value);
    Status removeNow(const QString& key);

private:
    EncryptedDbSecretStore(std::shared_ptr<store::Database> db, MasterKey key);
    QByteArray seal(const QString& name, const QByteArray& value, QByteArray* nonce) const;
    Result<QByteArray> open(const QString& name, const QByteArray& nonce,
                            const QByteArray& box) const;

    std::shared_ptr<store::Database> m_db;
    MasterKey m_key;
};

} // namespace bk::auth
