#pragma once

#include "Result.h"
#include "webhooks/InboxEvent.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include <QSqlDatabase>
#include <QThread>

namespace bk {
class Clock;
namespace store {
class Database;
}
} // namespace bk

namespace bk::webhooks {

class Inbox;

/// The work done for one inbox event (the sync engine implements it).
class EventProcessor {
public:
    virtual ~EventProcessor() = default;
    /// Does the event's work on a worker thread. Success marks the event done; an error goes
    /// to the failure handler. Runs at least once per event: a crash after the work but
    /// before the done mark repeats it, so external writes must be idempotent.
    virtual Status process(const InboxEvent& event) = 0;
    /// Optional local effects committed in the SAME transaction that marks the event done,
    /// so they happen exactly once even across crashes.
    virtual Status commitEffects(QSqlDatabase& db, const InboxEvent& event) {
        Q_UNUSED(db);
        Q_UNUSED(event);
        return Status::success();
    }
};

/// What to do with an event whose processing failed.
struct FailureDecision {
    enum class Action { Retry, DeadLetter } action = Action::Retry;
    qint64 retryAtMs = 0; ///< Retry: not before this time (later events of its key wait too)
};

/// Decides retry or dead letter; a dead-letter decision is where the caller files the event
/// in the dead-letter queue. Runs on the dispatcher thread, before the decision is committed.
using FailureHandler = std::function<FailureDecision(const InboxEvent&, const Error&)>;

struct ProcessorOptions {
    int workers = 2;
    int claimBatch = 32;
    qint64 leaseMs = 5 * 60'000; ///< a claim not renewed for this long is taken over
    QString owner;               ///< stable per engine; empty: host name
    int maxAttempts = 5;         ///< for the default failure handler
    /// Heartbeat: this often the leases of claimed events are renewed (so long work is not
    /// taken over) and expired leases of other owners (crashed workers) are released to be
    /// claimed again. 0: a third of leaseMs.
    qint64 renewEveryMs = 0;
    /// The processor shares the store's single write lock with the inbox writer, whose
    /// commits answer senders. Its transactions (done marks + next claims) therefore come at
    /// most this often (real time), each carrying everything finished meanwhile. Small and
    /// frequent beats large and rare: a transaction of 32 claims and done marks holds up the
    /// deliveries of the commit it rides on for a fraction of what 128 did (bench: p99
    /// time-to-200 at 4 connections 4.2 ms instead of 11 ms, same events processed per second).
    int minTransactionGapMs = 12;
    /// Nice value (Linux, per thread) of the dispatcher and workers: under CPU pressure the
    /// listener and the inbox writer, which answer senders, go first. 0: as the process.
    int niceness = 5;
    /// When set (and running), the processor's done marks and claims ride on this inbox's
    /// group commits (one sync shared with the deliveries) instead of syncing on their own.
    Inbox* groupCommit = nullptr;
};

/// Takes events from the inbox and runs them on worker threads: per record key strictly in
/// arrival order (an event is claimed only when no earlier event of its key is unfinished),
/// marks them done only after the work succeeded, and on start() takes back the claims a
/// crashed run of the same owner left behind. While running, it renews the lease of every
/// event it holds (heartbeat) and takes over events whose lease expired (crashed worker).
class InboxProcessor {
public:
    InboxProcessor(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                   EventProcessor* processor, FailureHandler onFailure = {},
                   ProcessorOptions options = {});
    ~InboxProcessor(); ///< stop()

    /// Starts the dispatcher and the workers; the dispatcher first takes back the claims a
    /// crashed run of this owner left behind (and expired ones), then claims.
    Status start();
    /// Lets in-flight work finish and commit, then stops. Unclaimed events stay pending.
    void stop();
    /// New events were stored (or time moved past a retry): look again now.
    void wake();

    /// Called on the dispatcher thread after an event's done mark is committed.
    void setProcessedListener(std::function<void(const InboxEvent&)> listener);

    /// Pending + claimed events per connector.
    Result<QHash<QString, int>> backlog();

    /// Puts every claim of owner, and every claim whose lease ran out, back to pending.
    static Result<int> reclaim(store::Database& db, const QString& owner, qint64 nowMs);

    struct LeaseCheck {
        int renewed = 0;  ///< own claims whose lease was extended
        int released = 0; ///< expired claims of others put back to pending
    };
    /// One heartbeat now (the dispatcher runs it every renewEveryMs of the clock).
    Result<LeaseCheck> maintainLeases();

private:
    struct Finished {
        InboxEvent event;
        Status status;
    };
    void dispatch();
    void takeBackStaleClaims();
    void work();
    Result<std::vector<InboxEvent>> claim(int limit);
    Status claimInTx(QSqlDatabase& db, int limit, std::vector<InboxEvent>& out);
    /// Records finished events; with claimLimit > 0 also claims the next ones in the same
    /// transaction (claimed is left empty when that transaction failed).
    Status commitFinished(std::vector<Finished>& finished, int claimLimit = 0,
                          std::vector<InboxEvent>* claimed = nullptr);

    void heartbeatIfDue();
    /// One transaction: on the inbox's next group commit when configured, else on its own.
    Status transaction(const std::function<Status(QSqlDatabase&)>& fn);

    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    EventProcessor* m_processor;
    FailureHandler m_onFailure;
    ProcessorOptions m_options;

    std::mutex m_mutex;
    std::condition_variable m_dispatchCv;
    std::condition_variable m_workCv;
    std::deque<InboxEvent> m_work;
    std::vector<Finished> m_finished;
    int m_inFlight = 0;
    bool m_woken = false;
    bool m_stopping = false;
    bool m_running = false;
    qint64 m_nextHeartbeatMs = 0;                            ///< dispatcher thread only
    std::chrono::steady_clock::time_point m_lastTransaction; ///< dispatcher thread only
    std::function<void(const InboxEvent&)> m_processedListener;
    std::unique_ptr<QThread> m_dispatcher;
    std::vector<std::unique_ptr<QThread>> m_workers;
};

} // namespace bk::webhooks
