#pragma once

#include "Backoff.h"
#include "Result.h"
#include "Workspace.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <QUrl>

namespace bk::http {

/// One rate-limit policy of a connector definition ("rateLimits" entries).
struct RatePolicy {
    enum class Kind {
        FixedWindow,
        SlidingWindow,
        LeakyBucket,
        DailyQuota,
        CostBudget,
        ErrorBudget
    };
    QString id;
    Kind kind = Kind::FixedWindow;
    double limit = 0;            ///< calls (or cost units, or errors) per window; bucket capacity
    qint64 windowMs = 60'000;    ///< fixed/sliding/error windows
    double leakPerSecond = 0;    ///< leaky bucket
    qint64 resetUtcOffsetMs = 0; ///< daily kinds: the reset time of day (UTC)
    QString scope;               ///< "client+division", "shop", "company", "token", "…+endpoint"
    QMap<QString, double> costs; ///< cost budget: "GET:list" → 20
    double defaultCost = 1;
    QList<int> countStatuses;      ///< error budget: which statuses count (empty: every 4xx/5xx)
    qint64 blockForMs = 3'600'000; ///< error budget: what the vendor's block lasts
    qint64 guardMs = 0; ///< fixed windows: sends in the last guardMs count for the next window
    // Response headers that report this policy (names as in the definition).
    QByteArray limitHeader, remainingHeader, resetHeader, usedOfSizeHeader;
    QString resetUnit; ///< "epoch-ms", "epoch-s", "seconds-left"

    static QString kindName(Kind k);
    bool perEndpoint() const { return scope.endsWith(QStringLiteral("+endpoint")); }
};

struct BreakerConfig {
    int failureThreshold = 5;
    qint64 cooldownMs = 5 * 60'000;
};

struct StatusPageConfig {
    QUrl url; ///< empty: no monitor
    qint64 pollMs = 2 * 60'000;
    QStringList pauseOn{QStringLiteral("major"), QStringLiteral("critical")};
};

/// Everything a Pipeline needs from the connector definition and the workspace entry,
/// with the workspace's "overrides" applied (retry, breaker, rateLimits by id, statusPage).
struct PipelineConfig {
    QString connectorId;
    QString connectorType;
    RetryPolicy retry;
    BreakerConfig breaker;
    StatusPageConfig statusPage;
    QList<RatePolicy> rateLimits;
    qint64 requestTimeoutMs = 30'000;
    /// Calls on the wire at once. A slot is reserved only when the call can go out at once
    /// (Qt opens 6 connections per host; a reserved call queued behind others would arrive
    /// late and could land in the next window).
    int maxConcurrent = 6;
    /// Values for the scope parts: "client", "division", "shop", "company", "token".
    QMap<QString, QString> scopeValues;

    /// The ledger key of policy for an endpoint, e.g.
    /// "exact-online|minutely|client=abc|division=1".
    QString scopeKey(const RatePolicy& policy, const QString& endpoint = {}) const;

    static Result<PipelineConfig> fromDefinition(const ConnectorConfig& connector,
                                                 const QJsonObject& definition);
};

} // namespace bk::http
