#pragma once

// Value snapshots the engine publishes to the console (queued signals) and to
// `status --json`. Plain values: copyable across threads, no pointers into the engine.

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

namespace bk {

/// A connector's overall state, worst first when sorting for attention.
enum class HealthState {
    NeedsReauth,  ///< tokens refused or refresh token expired: a human must re-authorise
    CircuitOpen,  ///< too many consecutive failures; calls parked until the probe
    VendorOutage, ///< the vendor's status page reports an outage; work paused
    RateLimited,  ///< waiting for quota (429 or local ledger)
    Degraded,     ///< working, but with recent failures or retries
    Healthy,      ///< working normally
    Paused,       ///< paused by an operator
    Disabled,     ///< disabled in the workspace
};
QString healthStateString(HealthState state); // defined by the engine module

struct ConnectorHealth {
    QString connectorId;
    HealthState state = HealthState::Healthy;
    QString reason;         ///< one human sentence, e.g. "5 consecutive 503s"
    qint64 sinceMs = 0;     ///< when this state began
    qint64 nextProbeMs = 0; ///< CircuitOpen: when the probe goes out
    quint64 requestsOk = 0;
    quint64 requestsFailed = 0;
    quint64 retries = 0;
    quint64 deadLetters = 0;
};

struct TokenState {
    QString connectorId;
    bool authorised = false;
    qint64 accessExpiresMs = 0;  ///< 0 when unknown
    qint64 nextRefreshMs = 0;    ///< when the engine will refresh
    qint64 refreshExpiresMs = 0; ///< 0 when the refresh token does not expire
    qint64 lastRefreshMs = 0;
    bool lastRefreshOk = true;
    QString lastRefreshMessage;
};

struct RateGauge {
    QString connectorId;
    QString policyId; ///< e.g. "minutely", "daily", "rest-bucket"
    QString kind;     ///< fixed-window, sliding-window, leaky-bucket, daily-quota, cost-budget,
                      ///< error-budget
    double used = 0;
    double limit = 0;
    qint64 resetAtMs = 0;    ///< when the window resets / bucket drains; 0 if n/a
    bool fromServer = false; ///< true when the last figure came from response headers
    qint64 updatedMs = 0;
};

struct LagSample {
    QString connectorId;
    qint64 timeMs = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    int backlog = 0;
};

struct FlowProgress {
    QString flowId;
    bool running = false;
    bool bulk = false; ///< initial sync in progress
    qint64 lastRunMs = 0;
    bool lastRunOk = true;
    QString lastRunMessage;
    qint64 nextRunMs = 0;
    qint64 done = 0;
    qint64 total = -1;        ///< -1 when unknown
    double ratePerSecond = 0; ///< smoothed
    qint64 etaMs = -1;        ///< -1 when not trustworthy yet
    qint64 lastReconcileMs = 0;
    int reconcileMissing = 0;
    int reconcileExtra = 0;
    int reconcileDiffering = 0;
};

struct EngineEvent {
    qint64 id = 0;
    qint64 timeMs = 0;
    QString connectorId;
    QString kind;     ///< "breaker-open", "breaker-closed", "token-refreshed", "alert", …
    QString severity; ///< info, warning, critical
    QString message;
};

/// Whether the engine reaches its store (PostgreSQL can go away; SQLite is always reachable).
struct StoreStatus {
    QString store; ///< the store as Database::describe() names it
    bool reachable = true;
    qint64 unreachableSinceMs = 0; ///< when this engine noticed the outage (0 when reachable)
    quint64 outages = 0;           ///< outages since the store was opened
    quint64 reconnects = 0;        ///< connections reopened after a loss, all threads
    qint64 updatedMs = 0;
    bool operator==(const StoreStatus&) const = default;
};

} // namespace bk

Q_DECLARE_METATYPE(bk::StoreStatus)
Q_DECLARE_METATYPE(bk::ConnectorHealth)
Q_DECLARE_METATYPE(bk::TokenState)
Q_DECLARE_METATYPE(bk::RateGauge)
Q_DECLARE_METATYPE(bk::LagSample)
Q_DECLARE_METATYPE(bk::FlowProgress)
Q_DECLARE_METATYPE(bk::EngineEvent)
