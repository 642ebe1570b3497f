#pragma once

#include "SecretStore.h"

namespace bk::auth {

/// Secrets in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential
/// Manager on Windows) through QtKeychain's asynchronous jobs. The insecure plain-text
/// fallback is always off: when no keychain answers, operations fail with a clear
/// Unsupported error instead. A job that finds no backend is retried once after
/// retryDelayMs, because the Secret Service is often still starting at login.
class KeychainSecretStore final : public SecretStore {
public:
    explicit KeychainSecretStore(QString service, int retryDelayMs = 1000);

    void read(const QString& key, QObject* context, ReadDone done) override;
    void write(const QString& key, const QByteArray& value, QObject* context,
               WriteDone done) override;
    void remove(const QString& key, QObject* context, WriteDone done) override;
    void probe(QObject* context, std::function<void(SecretStoreHealth)> done) override;

    const QString& service() const { return m_service; }

private:
    QString m_service;
    int m_retryDelayMs;
};

} // namespace bk::auth
