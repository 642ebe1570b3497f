#pragma once

#include "DeadLetterStore.h"
#include "ReplayJobs.h"

#include <functional>
#include <memory>

#include <QHash>
#include <QObject>
#include <QPointer>

namespace bk::http {
class Pipeline;
}

namespace bk::deadletters {

/// Works off one connector's persisted bulk replay jobs through that connector's pipeline,
/// inside its live rate-limit budget. Lives on the pipeline's thread (it reads the ledger's
/// gauges and the breaker directly) and never waits there: every pause is a clock timer.
///
/// Pacing: an item is handed to the pipeline only when, for every rate-limit policy, the
/// slots used plus the job's items in flight stay below the limit minus a reserve left for
/// live traffic (`reserve`, a fraction of the limit), when no other call of the connector waits
/// for a slot, and when fewer than `maxInFlight` of its items are under way. Otherwise it waits
/// for the earliest window reset. While the connector's circuit is open (or it is paused for a
/// vendor outage or needs re-authorisation) the job is "paused" with the reason and continues
/// by itself when that ends. Jobs live in the store: start() picks up unfinished ones, and
/// items that were sent before a restart are settled from their letters' state (the pipeline
/// resumes their outbox entries), so no item is sent twice by the runner.
class ReplayJobRunner : public QObject {
    Q_OBJECT
public:
    struct Options {
        double reserve = 0.2; ///< share of each policy's limit kept for live traffic
        int maxInFlight = 2;  ///< job items under way at once
        qint64 pollMs = 1000; ///< re-check interval while jobs are open (clock time)
        /// Where a letter goes (e.g. a source record mapped through its flow); an Error fails
        /// the item without sending. Unset: every letter replays its stored request.
        std::function<Result<ReplayRedirect>(const DeadLetter&)> plan;
    };

    ReplayJobRunner(std::shared_ptr<DeadLetterStore> letters, std::shared_ptr<ReplayJobStore> jobs,
                    http::Pipeline* pipeline, std::shared_ptr<Clock> clock, Options options,
                    QObject* parent = nullptr);

    const QString& connectorId() const { return m_connectorId; }

public Q_SLOTS:
    /// Loads the connector's open jobs (after a restart, too) and works on them.
    void start();
    /// Re-reads the jobs (a job was created or cancelled) and continues.
    void wake();

Q_SIGNALS:
    /// A job's progress or state changed.
    void jobChanged(const bk::deadletters::ReplayJob& job);
    /// A letter of a job changed state (replaying, resolved, failed).
    void letterChanged(qint64 letterId);

private:
    struct InFlight {
        qint64 jobId = 0;
        int seq = 0;
    };
    void pump();
    void settleOrphans();
    void settle(qint64 jobId, int seq, qint64 letterId);
    QString gateReason() const;
    bool budgetAllows(qint64* wakeAtMs, QString* why);
    bool submitNext();
    void onSent(qint64 letterId);
    void publish(qint64 jobId);
    void scheduleAt(qint64 atMs);
    void warn(const QString& what, const Error& e) const;

    std::shared_ptr<DeadLetterStore> m_letters;
    std::shared_ptr<ReplayJobStore> m_jobs;
    QPointer<http::Pipeline> m_pipeline;
    std::shared_ptr<Clock> m_clock;
    Options m_options;
    QString m_connectorId;
    QList<ReplayJob> m_open;            ///< running or paused, oldest first
    QHash<qint64, InFlight> m_inFlight; ///< letter id → item, sent by this runner
    qint64 m_timerAt = 0;               ///< earliest pending wake-up, 0: none
    bool m_pumping = false;
    bool m_started = false;
};

} // namespace bk::deadletters
