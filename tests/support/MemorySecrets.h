#pragma once

// A secret store held in memory, for tests that run a real Engine without the keychain.

#include "auth/SecretStore.h"

#include <QHash>
#include <QMutex>

namespace bk::testing {

class MemorySecrets final : public auth::SecretStore {
public:
    void read(const QString& key, QObject* context, ReadDone done) override {
        QMutexLocker lock(&m_mutex);
        auto v =
            m_values.contains(key) ? std::optional<QByteArray>(m_values.value(key)) : std::nullopt;
        auth::postTo(context, [done, v] { done(v); });
    }
    void write(const QString& key, const QByteArray& value, QObject* context,
               WriteDone done) override {
        QMutexLocker lock(&m_mutex);
        m_values.insert(key, value);
        auth::postTo(context, [done] { done(Status::success()); });
    }
    void remove(const QString& key, QObject* context, WriteDone done) override {
        QMutexLocker lock(&m_mutex);
        m_values.remove(key);
        auth::postTo(context, [done] { done(Status::success()); });
    }
    void probe(QObject* context, std::function<void(auth::SecretStoreHealth)> done) override {
        auth::postTo(context, [done] { done(auth::SecretStoreHealth{}); });
    }
    /// Sets a secret at once (test set-up, before the engine reads it).
    void put(const QString& key, const QByteArray& value) {
        QMutexLocker lock(&m_mutex);
        m_values.insert(key, value);
    }

private:
    QMutex m_mutex;
    QHash<QString, QByteArray> m_values;
};

} // namespace bk::testing
