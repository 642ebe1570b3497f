#pragma once

// Shared pieces of the auth tests: connector settings pointed at a fake server, a secret
// store that fails on demand, and a synchronous wrapper for tests only.

#include "ConnectorCatalog.h"
#include "auth/OAuthSettings.h"
#include "auth/SecretStore.h"

#include <atomic>
#include <csignal>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QTest>

namespace authtest {

using namespace Qt::StringLiterals;

/// Runs the event loop until pred() holds or timeoutMs passes (no fixed sleeps, unlike
/// QTest::qWaitFor, so thousands of round trips stay fast).
template <typename Pred> bool waitUntil(Pred pred, int timeoutMs = 5000) {
    QDeadlineTimer deadline(timeoutMs);
    while (!pred()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

/// Settings of the shipped Exact Online definition, pointed at baseUrl.
inline bk::auth::OAuthSettings exactSettings(const QString& baseUrl,
                                             const QString& connectorId = u"exact"_s) {
    auto catalog = bk::ConnectorCatalog::load();
    if (!catalog)
        qFatal("catalog: %s", qPrintable(catalog.error().message));
    bk::ConnectorConfig c;
    c.id = connectorId;
    c.type = u"exact-online"_s;
    c.displayName = u"Exact test"_s;
    c.authBaseUrl = QUrl(baseUrl);
    c.clientId = u"client-1"_s;
    auto s = bk::auth::OAuthSettings::fromDefinition(catalog->definition(c.type), c);
    if (!s)
        qFatal("settings: %s", qPrintable(s.error().message));
    return *s;
}

/// Wraps a store; fails the next `failWrites` writes of keys ending in "/tokens", and can
/// SIGKILL the process on the first such write (a crash right after a refresh answer).
class FlakySecretStore : public bk::auth::SecretStore {
public:
    explicit FlakySecretStore(std::shared_ptr<bk::auth::SecretStore> inner)
        : m_inner(std::move(inner)) {}
    std::atomic<int> failWrites{0};
    std::atomic<bool> killOnTokenWrite{false};
    std::atomic<int> tokenWrites{0};

    void read(const QString& key, QObject* context, ReadDone done) override {
        m_inner->read(key, context, std::move(done));
    }
    void write(const QString& key, const QByteArray& value, QObject* context,
               WriteDone done) override {
        if (key.endsWith(u"/tokens"_s)) {
            ++tokenWrites;
            if (killOnTokenWrite)
                ::raise(SIGKILL);
            if (failWrites > 0) {
                --failWrites;
                bk::auth::postTo(context, [done] {
                    done(bk::Error{bk::ErrorCategory::Io, u"simulated keychain failure"_s});
                });
                return;
            }
        }
        m_inner->write(key, value, context, std::move(done));
    }
    void remove(const QString& key, QObject* context, WriteDone done) override {
        m_inner->remove(key, context, std::move(done));
    }
    void probe(QObject* context, std::function<void(bk::auth::SecretStoreHealth)> done) override {
        m_inner->probe(context, std::move(done));
    }

private:
    std::shared_ptr<bk::auth::SecretStore> m_inner;
};

} // namespace authtest
