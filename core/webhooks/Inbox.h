#pragma once

#include "Result.h"
#include "webhooks/InboxEvent.h"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

#include <QSqlDatabase>
#include <QThread>

namespace bk {
class Clock;
namespace store {
class Database;
}
} // namespace bk

namespace bk::webhooks {

/// How a submitted delivery ended.
enum class StoreOutcome {
    Stored,    ///< committed (synced to disk) as a new event
    Duplicate, ///< its dedup key was seen within the retention window; counted, not stored
    Failed,    ///< the store refused; nothing was committed
};

struct StoreResult {
    StoreOutcome outcome = StoreOutcome::Failed;
    qint64 inboxId = 0; ///< Stored only
    QString error;      ///< Failed only (no secrets: SQL messages carry no bodies)
};

/// Runs on the writer thread right after the commit that settled the event.
using StoreCallback = std::function<void(const StoreResult&)>;

/// Other writes of the webhooks module (the processor's done marks and claims) that ride on
/// the inbox's group commits instead of syncing on their own.
using WriteJob = std::function<Status(QSqlDatabase&)>;

struct InboxStats {
    quint64 stored = 0;
    quint64 duplicates = 0;
    quint64 failed = 0;
    quint64 batches = 0;
    quint64 largestBatch = 0;
    quint64 commitMicros = 0; ///< time spent in transactions (incl. the sync to disk)
    quint64 slowestCommitMicros = 0;
    quint64 checkpoints = 0;      ///< SQLite WAL checkpoints (each holds the write gate)
    quint64 checkpointMicros = 0; ///< time spent in them
    quint64 slowestCheckpointMicros = 0;
};

/// The durable inbox with group commit. Listener threads submit() and return at once; one
/// writer thread takes everything that queued up while the previous commit was syncing,
/// de-duplicates and inserts it in ONE transaction (one fsync), and only then calls each
/// event's callback — so a 200 is never sent for an event that is not on disk.
class Inbox {
public:
    Inbox(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
          qint64 dedupRetentionMs, int maxBatch = 1024);
    ~Inbox(); ///< stop()

    Status start();
    /// Commits what is queued, answers it, then stops the writer. Later submits fail.
    void stop();

    /// Thread-safe and non-blocking; done runs exactly once (Failed when stopped).
    void submit(IncomingEvent event, StoreCallback done);

    /// Runs job inside the next group commit, in its own savepoint: a failing job rolls back
    /// only its own writes. done (writer thread, after the commit) gets the job's status, or
    /// the commit's error. Returns false, without calling done, when the inbox is not running.
    /// A job must not take the write gate (the writer holds it).
    bool submitWrite(WriteJob job, std::function<void(Status)> done);

    /// Called on the writer thread after every commit that stored at least one event.
    void setStoredListener(std::function<void(int stored)> listener);

    InboxStats stats() const;
    qint64 dedupRetentionMs() const { return m_retentionMs; }

    /// Deletes seen keys and finished inbox rows older than the retention window.
    Status prune(qint64 nowMs);

private:
    struct Item {
        IncomingEvent event;
        StoreCallback done;
        StoreResult result;
    };
    struct Job {
        WriteJob job;
        std::function<void(Status)> done;
        Status result;
    };
    struct Statements;
    void run();
    void checkpointLoop();
    Status commitBatch(std::vector<Item>& batch, std::vector<Job>& jobs);

    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    qint64 m_retentionMs;
    int m_maxBatch;

    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::condition_variable m_checkpointCv;
    std::deque<Item> m_queue;
    std::vector<Job> m_jobs;
    bool m_stopping = false;
    bool m_running = false;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<QThread> m_checkpointer;  ///< SQLite only: WAL checkpoints off the hot path
    std::unique_ptr<Statements> m_statements; ///< writer thread only
    std::function<void(int)> m_storedListener;
    qint64 m_lastPruneMs = 0;

    std::atomic<quint64> m_stored{0}, m_duplicates{0}, m_failed{0}, m_batches{0}, m_largestBatch{0},
        m_commitMicros{0}, m_slowestCommitMicros{0}, m_checkpoints{0}, m_checkpointMicros{0},
        m_slowestCheckpointMicros{0};
};

} // namespace bk::webhooks
