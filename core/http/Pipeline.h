#pragma once

#include "AuthProvider.h"
#include "Backoff.h"
#include "CircuitBreaker.h"
#include "Clock.h"
#include "DeadLetterSink.h"
#include "Outbox.h"
#include "PipelineConfig.h"
#include "RateLedger.h"
#include "Request.h"
#include "StatusPageMonitor.h"
#include "engine/Snapshots.h"
#include "store/Database.h"

#include <functional>
#include <map>
#include <memory>

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QSet>

class QNetworkReply;

namespace bk::http {

/// Counters per connector for the console and metrics.
struct PipelineCounters {
    QHash<QString, quint64> byClass; ///< "success", "transient", … per attempt
    quint64 operations = 0;
    quint64 succeeded = 0;
    quint64 retries = 0;
    quint64 deadLetters = 0;
    QHash<QString, quint64> deadLettersByClass;
    quint64 parked = 0;      ///< now parked (breaker open or paused)
    quint64 waitingSlot = 0; ///< now waiting for a rate-limit slot
    qint64 currentBackoffMs = 0;
};

/// The one way Bridgekeeper calls an API: one Pipeline per connector, living on a worker
/// thread. It reserves a rate-limit slot, adds auth, sends, classifies the answer, retries
/// with jittered backoff or waits for Retry-After, trips and probes the circuit breaker,
/// obeys the vendor's status page, and hands what fails for good to the dead-letter sink.
/// Every accepted operation is in the outbox until its outcome is stored.
class Pipeline : public QObject {
    Q_OBJECT
public:
    struct Options {
        std::shared_ptr<Clock> clock;
        std::shared_ptr<store::Database> db;         ///< must carry httpMigrations()
        std::shared_ptr<AuthProvider> auth;          ///< optional
        std::shared_ptr<DeadLetterSink> deadLetters; ///< optional
        quint64 seed = 0;                            ///< jitter seed; 0: random
        bool monitorStatusPage = true;
        bool noPreconnect = false; ///< do not open a connection to a new host ahead of time
        QString owner;             ///< outbox owner id; empty: host+pid+address
        /// Every this long (engine clock): extend the outbox leases of the operations this
        /// pipeline holds, and take over (and send) entries whose owner's lease ended — an
        /// engine that died. 0: entries of others are taken only by recoverPending().
        qint64 outboxSweepMs = 0;
    };
    /// The sweep interval engines use (ConnectorRuntime).
    static constexpr qint64 kOutboxSweepMs = 30'000;
    using Callback = std::function<void(const Outcome&)>;

    Pipeline(PipelineConfig config, Options options, QObject* parent = nullptr);
    ~Pipeline() override;

    /// Builds a pipeline from a workspace connector and its definition (overrides applied).
    static Result<std::unique_ptr<Pipeline>> create(const ConnectorConfig& connector,
                                                    const QJsonObject& definition, Options options);

    /// Accepts an operation (persisted to the outbox first) and returns its id; done runs on
    /// context's thread once the outcome is final (and dead-lettered when it failed).
    Result<qint64> send(Request request, QObject* context = nullptr, Callback done = {});

    /// Takes over this connector's outbox entries left by other processes whose lease ran
    /// out — or all of them when takeLeased (only when no other live process serves this
    /// connector, e.g. at engine start-up) — and, with takeOwn, entries under this
    /// pipeline's own owner id that it does not hold in memory (left by an earlier run of an
    /// engine with the same id), and resumes them. Returns how many.
    Result<int> recoverPending(bool takeLeased, QObject* context = nullptr, Callback done = {},
                               bool takeOwn = false);
    /// One outbox sweep now (what outboxSweepMs schedules): renews this pipeline's leases,
    /// then takes over entries of owners whose lease ended. Returns how many it took.
    Result<int> sweepOutbox();

    /// Operator pause (separate from the status-page pause).
    void setPaused(bool paused, const QString& reason = {});
    /// Console overrides for every host breaker of this connector.
    void forceBreakerOpen(const QString& reason);
    void forceBreakerClosed(const QString& reason);
    void probeNow();

    const PipelineConfig& config() const { return m_config; }
    CircuitBreaker::State breakerState() const;
    PipelineCounters counters() const { return m_counters; }
    ConnectorHealth health() const;
    QList<RateGauge> gauges();
    /// Operations accepted and not finished (on the wire, waiting, parked).
    int inFlight() const { return int(m_ops.size()); }
    /// Work that will progress without the clock moving: replies and auth answers awaited,
    /// dispatches queued on the event loop. Tests on a ManualClock advance time only at 0.
    int busy() const { return m_busy; }
    StatusPageMonitor* statusMonitor() const { return m_status; }
    RateLedger& ledger() { return m_ledger; }

Q_SIGNALS:
    void finished(qint64 operationId, const bk::http::Outcome& outcome);
    void healthChanged(const bk::ConnectorHealth& health);
    void gaugesChanged(const QList<bk::RateGauge>& gauges);
    /// Breaker and pause state changes, with timestamps (kind "breaker-open", "breaker-closed",
    /// "breaker-half-open", "vendor-outage", "vendor-recovered", "error-budget").
    void event(const bk::EngineEvent& event);
    void deadLettered(qint64 deadLetterId, const QString& reason);

private:
    struct Op;
    using OpPtr = std::shared_ptr<Op>;

    void dispatch(const OpPtr& op);
    void transmit(const OpPtr& op, const AuthProvider::Header& auth);
    void onReply(const OpPtr& op, QNetworkReply* reply, qint64 sentMs);
    void retryLater(const OpPtr& op, qint64 delayMs, const QString& why);
    /// Whether a failure to get credentials is an outage of the token endpoint (retry later).
    static bool isPassingAuthFailure(const Error& error);
    void retryWithoutCredentials(const OpPtr& op, const Error& error);
    void finish(const OpPtr& op, Outcome outcome);
    void park(const OpPtr& op);
    void releaseParked();
    void scheduleProbe(CircuitBreaker& breaker);
    CircuitBreaker& breakerFor(const QString& host);
    qint64 leaseFor(qint64 untilMs) const;
    void emitEvent(const QString& kind, const QString& severity, const QString& message);
    void publishHealth();
    void queueDispatch(const OpPtr& op);
    void leaveWire();
    void preconnect(const QUrl& url);
    void scheduleOutboxSweep();

    PipelineConfig m_config;
    Options m_options;
    std::shared_ptr<Clock> m_clock;
    QNetworkAccessManager* m_nam;
    RateLedger m_ledger;
    Outbox m_outbox;
    Backoff m_backoff;
    std::map<QString, std::unique_ptr<CircuitBreaker>> m_breakers;
    StatusPageMonitor* m_status = nullptr;
    std::map<qint64, OpPtr> m_ops;
    QList<OpPtr> m_parked;
    bool m_operatorPaused = false;
    bool m_vendorOutage = false;
    QString m_pauseReason;
    bool m_authFailed = false;
    QString m_lastFailure;
    qint64 m_lastFailureMs = 0;
    QString m_rateReason;
    qint64 m_stateSinceMs = 0;
    HealthState m_lastState = HealthState::Healthy;
    PipelineCounters m_counters;
    int m_busy = 0;
    int m_onWire = 0;         ///< calls holding a slot, from reservation to answer
    QList<OpPtr> m_wireQueue; ///< ready calls waiting for room on the wire
    QSet<QString> m_preconnected;
};

} // namespace bk::http

Q_DECLARE_METATYPE(bk::http::Outcome)
