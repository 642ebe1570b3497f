#pragma once

#include "Clock.h"
#include "PipelineConfig.h"
#include "Request.h"
#include "engine/Snapshots.h"
#include "store/Database.h"

#include <memory>

namespace bk::http {

/// The rate-limit ledger: one row per policy scope key (and, for sliding windows and error
/// budgets, one row per counted event) in the shared store, so every thread and every
/// process using the same store draws from the same quota. Each reservation is one short
/// write transaction that checks every policy of the request and takes a slot from all of
/// them, or from none and says how long to wait.
class RateLedger {
public:
    struct Reservation {
        bool granted = false;
        qint64 waitUntilMs = 0; ///< when not granted: try again at this time
        QString policyId;       ///< the policy that said wait
        QString reason;         ///< e.g. "minutely: 60 of 60 used until 10:01:00"
        /// Error-budget events booked in advance (a call on its way may fail): pass them to
        /// observe() or release() so a call that did not fail gives its place back.
        QList<qint64> tentative;
    };

    RateLedger(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
               PipelineConfig config);

    /// Takes one slot (cost units for cost budgets) from every policy, atomically.
    Result<Reservation> reserve(const Request& request);

    /// Corrects the local estimate from the response headers the definition names and
    /// counts errors for error budgets. Returns the latest reset time the headers of a
    /// policy at its limit announced (for a 429 without Retry-After), or 0.
    Result<qint64> observe(const Request& request, int status, const HeaderList& headers,
                           const QList<qint64>& tentative = {});
    /// Gives back tentative error-budget events of a call that got no HTTP answer.
    Status release(const QList<qint64>& tentative);

    /// After a 429 without a usable header: blocks every policy that has no room until its
    /// own reset. Returns the wait end.
    Result<qint64> blockUntilReset(const Request& request, qint64 fallbackUntilMs);

    /// Current state of each policy (errors: the busiest endpoint).
    Result<QList<RateGauge>> gauges();

    double costOf(const RatePolicy& policy, const Request& request) const;
    const PipelineConfig& config() const { return m_config; }

private:
    struct State {
        qint64 windowStart = 0;
        double used = 0;
        qint64 updatedMs = 0;
        qint64 blockedUntil = 0;
        qint64 serverResetMs = 0;
        bool fromServer = false;
        bool exists = false;
    };
    Status lockScopes(QSqlDatabase& db, const QString& endpoint);
    Result<State> load(QSqlDatabase& db, const QString& key);
    Status save(QSqlDatabase& db, const QString& key, const RatePolicy& p, const State& s);
    Result<double> eventSum(QSqlDatabase& db, const QString& key, qint64 fromMs, qint64* oldest);
    qint64 windowStartFor(const RatePolicy& p, qint64 nowMs) const;
    Result<Reservation> check(QSqlDatabase& db, const RatePolicy& p, const QString& key,
                              double cost, qint64 nowMs, State* state);

    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    PipelineConfig m_config;
};

} // namespace bk::http
