#pragma once

#include "Clock.h"
#include "Result.h"
#include "store/Database.h"

#include <memory>

#include <QMetaType>
#include <QString>

namespace bk::deadletters {

/// A bulk replay job's life: running ⇄ paused (by the runner, e.g. circuit open) → finished,
/// or cancelled by an operator.
enum class JobState { Running, Paused, Cancelled, Finished };
QString jobStateName(JobState s);
JobState jobStateFromName(const QString& name);

/// One letter of a job: pending → sent (handed to the pipeline) → resolved / failed, or
/// skipped (cancelled, or the letter was resolved or discarded meanwhile).
enum class ItemState { Pending, Sent, Resolved, Failed, Skipped };
QString itemStateName(ItemState s);
ItemState itemStateFromName(const QString& name);

/// A persisted bulk replay of one connector's dead letters, with its progress.
struct ReplayJob {
    qint64 id = 0;
    QString connectorId;
    QString user;
    JobState state = JobState::Running;
    QString pauseReason; ///< why the runner holds it ("circuit open …", "rate-limit budget …")
    int total = 0;
    int pending = 0;
    int sent = 0;
    int resolved = 0;
    int failed = 0;
    int skipped = 0;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;

    int done() const { return resolved + failed + skipped; }
    bool isOpen() const { return state == JobState::Running || state == JobState::Paused; }
};

struct ReplayItem {
    qint64 jobId = 0;
    int seq = 0;
    qint64 letterId = 0;
    ItemState state = ItemState::Pending;
    QString detail;
};

/// The store of bulk replay jobs (deadletters_replay_jobs / deadletters_replay_items, schema
/// in deadlettersMigrations()). Creating and cancelling a job are audited.
class ReplayJobStore {
public:
    ReplayJobStore(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock);

    /// One job per connector of letterIds (letters that are new; others are left out), items in
    /// the given order. Returns the new job ids (none when no letter can be replayed).
    Result<QList<qint64>> create(const QList<qint64>& letterIds, const QString& user);
    Result<ReplayJob> job(qint64 id);
    /// Newest first; connector empty: all; openOnly: running or paused.
    Result<QList<ReplayJob>> jobs(const QString& connector = {}, bool openOnly = false,
                                  int limit = 50);
    /// Items of a job in one state, in job order.
    Result<QList<ReplayItem>> items(qint64 jobId, ItemState state, int limit = 1000);
    Status setItem(qint64 jobId, int seq, ItemState state, const QString& detail = {});
    Status setState(qint64 jobId, JobState state, const QString& pauseReason = {});
    /// Cancels a job: its pending items are skipped (items already sent finish normally).
    Status cancel(qint64 jobId, const QString& user);

private:
    Result<ReplayJob> load(QSqlDatabase& db, qint64 id);

    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
};

} // namespace bk::deadletters

Q_DECLARE_METATYPE(bk::deadletters::ReplayJob)
