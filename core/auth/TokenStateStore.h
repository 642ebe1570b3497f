#pragma once

#include "Result.h"
#include "TokenRecord.h"

#include <memory>

#include <QSqlDatabase>

namespace bk::store {
class Database;
}

namespace bk::auth {

/// One connection's non-secret token bookkeeping (auth_connections row).
struct ConnectionMeta {
    qint64 generation = 0;
    QString state = QStringLiteral("none"); ///< none, authorised, needs-reauth
    QString stateReason;
    qint64 accessExpiresMs = 0;
    qint64 refreshExpiresMs = 0;
    qint64 obtainedMs = 0;
    qint64 lastRefreshMs = 0;
    bool lastRefreshOk = true;
    QString lastRefreshMessage;
    QString inFlight; ///< "", "sent" (request may be at the server), "received" (answer in hand)
    qint64 inFlightMs = 0;
    QString leaseHolder;
    qint64 leaseExpiresMs = 0;
};

/// The store side of a connection's tokens: the refresh lease that records who refreshes
/// (one conditional UPDATE; on SQLite it alone makes refreshes single-flight across
/// processes, on PostgreSQL the advisory lock of RefreshLock does and the lease is the record),
/// the write-ahead "refresh in flight" marker, and the token-endpoint call log for quotas.
/// Synchronous; call it from the vault's thread.
class TokenStateStore {
public:
    TokenStateStore(std::shared_ptr<store::Database> db, QString connectorId);

    Result<ConnectionMeta> load();
    /// Takes the lease when free, expired, already ours, or held by a process on this host
    /// that no longer exists. With lockHeld (the caller holds the connection's PostgreSQL
    /// refresh lock, see RefreshLock) another holder's valid lease is taken too: a live holder
    /// would hold that lock, so its session is gone — unless its marker says "received" (it
    /// has the rotated tokens in hand and may still store them; then its lease decides).
    /// Returns whether it is ours now.
    Result<bool> acquireLease(const QString& holder, qint64 nowMs, qint64 leaseMs,
                              bool lockHeld = false);
    Status renewLease(const QString& holder, qint64 nowMs, qint64 leaseMs);
    Status releaseLease(const QString& holder);
    Status setInFlight(const QString& phase, qint64 nowMs);
    /// Records stored tokens: generation, expiries, state authorised, marker cleared, lease
    /// released (when holder is not empty).
    Status commitTokens(const TokenRecord& record, const QString& holder, qint64 nowMs,
                        const QString& message);
    Status setState(const QString& state, const QString& reason);
    Status recordRefreshOutcome(bool ok, const QString& message, qint64 nowMs);

    enum class CallKind { Ok = 1, CountedError = 0, OtherFailure = 2 };
    Status recordCall(CallKind kind, qint64 nowMs);
    Result<int> callsSince(qint64 sinceMs);
    Result<int> countedErrorsSince(qint64 sinceMs);
    /// Time of the oldest counted error at or after sinceMs (0 when none).
    Result<qint64> oldestCountedErrorSince(qint64 sinceMs);

    /// "host/pid/random": unique per vault, recognisable as this process's.
    static QString makeHolder();
    /// Whether holder names a process on this host that has exited.
    static bool holderIsDead(const QString& holder);

private:
    Status ensureRow(QSqlDatabase& db);

    std::shared_ptr<store::Database> m_db;
    QString m_connector;
};

} // namespace bk::auth
