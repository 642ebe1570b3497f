#pragma once

#include "Clock.h"
#include "OAuthSettings.h"
#include "RefreshLock.h"
#include "SecretStore.h"
#include "TokenRecord.h"
#include "TokenStateStore.h"
#include "engine/Snapshots.h"
#include "http/AuthProvider.h"

#include <memory>
#include <vector>

#include <QMutex>
#include <QObject>
#include <QPointer>

namespace bk::alerts {
class AlertRouter;
}

namespace bk::auth {

class TokenClient;
struct TokenReply;

/// Tunables of a vault; the defaults suit production, tests shorten them.
struct VaultOptions {
    qint64 leaseMs = 30'000;         ///< a refresh lease outlives a stuck holder this long
    qint64 leasePollMs = 250;        ///< how often a waiting process looks again
    qint64 guardMs = 5'000;          ///< never hand out a token this close to expiry
    qint64 writeRetryBaseMs = 1'000; ///< secret-store write retry: base, doubling
    qint64 writeRetryMaxMs = 60'000;
    qint64 transientRetryBaseMs = 5'000; ///< token endpoint unreachable: base, doubling
    qint64 transientRetryMaxMs = 300'000;
};

/// Keeps one connection's OAuth tokens alive and hands the request pipeline its header.
///
/// - Proactive refresh at expires_at − margin (margin 60–90 s, at most a fifth of the
///   lifetime), never before the vendor's minRefreshInterval (Exact: 570 s, so the refresh
///   lands in the last 30 s, once per token); also checked on every authorize().
/// - Single-flight across threads (one refresh at a time on the vault's thread) and across
///   processes: on PostgreSQL a session-level advisory lock per connection (RefreshLock),
///   held from before the lease is taken until the new tokens are stored; PostgreSQL frees it
///   the moment the holder's session dies, so another engine takes over at once. The lease
///   row in the store records who refreshes (and alone decides on SQLite). Others poll, then
///   re-read the stored token.
/// - Rotation is durable: the new token set is written to the secret store, and the write
///   confirmed, before the new access token is handed out. A failing write keeps the tokens
///   in memory, retries with backoff and raises a critical alert; the old refresh token is
///   never used again.
/// - Write-ahead marker: "sent" before the request, "received" once the answer is in hand;
///   a restart that finds "received" without the stored token knows the rotated token is
///   lost and marks the connection "needs re-authorisation" with an alert, instead of
///   looping on invalid_grant.
/// - Vendor quotas: token-endpoint daily limit and error budget (Exact 10 errors per hour,
///   TooEarlyToRefreshTokens included) are honoured before a call is made.
/// authorize() and unauthorized() may be called from any thread; the vault's own work runs
/// on the thread it lives on.
class TokenVault : public QObject, public http::AuthProvider {
    Q_OBJECT
public:
    enum class Status { Loading, NoTokens, Ready, NeedsReauth };

    TokenVault(OAuthSettings settings, std::shared_ptr<SecretStore> secrets,
               std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
               std::shared_ptr<alerts::AlertRouter> alerts, VaultOptions options = {},
               QObject* parent = nullptr);
    ~TokenVault() override;

    /// Loads tokens and the client secret, recovers from an interrupted refresh, schedules
    /// the next refresh. Emits started() when done. Call on the vault's thread.
    void start();

    void authorize(QObject* context, std::function<void(Result<Header>)> done) override;
    void unauthorized(const Header& rejected, QObject* context,
                      std::function<void(Result<Header>)> done) override;

    /// Stores a token set from the authorization flow or `auth import` (generation bumped,
    /// re-authorisation alert cleared). done runs on this vault's thread.
    void installTokens(TokenRecord record, std::function<void(bk::Status)> done);

    Status status() const;
    TokenState snapshot() const;
    const OAuthSettings& settings() const { return m_settings; }

Q_SIGNALS:
    void started();
    void tokenStateChanged(const bk::TokenState& state);
    /// A refreshed token set was stored (tests count these).
    void refreshed(qint64 generation);

private:
    struct Waiter {
        QPointer<QObject> context;
        std::function<void(Result<Header>)> done;
    };

    void onLoaded(const ConnectionMeta& meta, Result<std::optional<QByteArray>> blob);
    void kick();
    bool usable(qint64 nowMs) const;
    Header headerFor(const TokenRecord& record) const;
    void serveAll();
    void failAll(const Error& error);
    void beginRefresh();
    void tryLease();
    void waitForOtherRefresher();
    /// The lock was taken and its session is gone (a reconnect happened): this vault no
    /// longer refreshes exclusively.
    bool lockLost();
    void afterLeaseReload(bool leaseHeld);
    void reloadFromStore(std::function<void(bool changed)> then);
    void continueRefresh();
    void onRefreshReply(const TokenReply& reply);
    void writePending();
    void endRefresh(bool releaseLease);
    void blockUntil(qint64 atMs);
    void markNeedsReauth(const QString& reason);
    void adopt(const TokenRecord& record);
    void schedule();
    qint64 computeRefreshAt(const TokenRecord& record) const;
    void checkRefreshExpiry();
    void publish();
    void setMessage(const QString& message);
    void raise(const QString& what, int severity, const QString& title, const QString& message);
    void resolve(const QString& what, const QString& message);

    OAuthSettings m_settings;
    std::shared_ptr<SecretStore> m_secrets;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    std::shared_ptr<alerts::AlertRouter> m_alerts;
    VaultOptions m_options;
    TokenStateStore m_state;
    RefreshLock m_lock; ///< vault thread only
    TokenClient* m_client;
    QString m_holder;
    QString m_tokensKey;
    QString m_clientSecret;

    mutable QMutex m_mutex; // guards the fields the any-thread fast path reads
    Status m_status = Status::Loading;
    TokenRecord m_token;
    qint64 m_refreshAtMs = 0;
    qint64 m_lastRefreshMs = 0;
    bool m_lastRefreshOk = true;
    QString m_lastRefreshMessage;

    // Vault thread only.
    std::vector<Waiter> m_waiters;
    bool m_refreshing = false;
    bool m_leaseHeld = false;
    QByteArray m_rejected; ///< header value a 401 was reported for
    std::optional<TokenRecord> m_pending;
    int m_writeFailures = 0;
    int m_transientFailures = 0;
    qint64 m_blockedUntilMs = 0;
    quint64 m_timerEpoch = 0;
    int m_expiryWarned = 0; ///< 0 none, 7 = seven-day warning sent, 1 = one-day warning sent
};

} // namespace bk::auth
