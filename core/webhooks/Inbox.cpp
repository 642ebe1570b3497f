#include "Inbox.h"

#include "Clock.h"
#include "LogCategories.h"
#include "store/Database.h"
#include "webhooks/WriteGate.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::webhooks {

/// The writer's prepared statements, bound to its connection.
struct Inbox::Statements {
    explicit Statements(const QSqlDatabase& db)
        : connection(db.connectionName())
        , claimKey(db)
        , reviveKey(db)
        , countDuplicate(db)
        , insert(db) {}
    QString connection;
    QSqlQuery claimKey, reviveKey, countDuplicate, insert;
};

namespace {
constexpr qint64 pruneEveryMs = 60'000;
constexpr int checkpointEveryMs = 500;
// Senders wait for the commit: when the PostgreSQL server is lost for longer than this they
// get a 503 (and come back) instead of hanging for the store's whole reconnect budget.
constexpr store::ReconnectPolicy senderWaits{100, 1000, 2000};
} // namespace

Inbox::Inbox(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
             qint64 dedupRetentionMs, int maxBatch)
    : m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_retentionMs(dedupRetentionMs)
    , m_maxBatch(qMax(1, maxBatch)) {}

Inbox::~Inbox() {
    stop();
}

Status Inbox::start() {
    std::lock_guard lock(m_mutex);
    if (m_running)
        return Status::success();
    m_stopping = false;
    m_running = true;
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(u"webhooks-inbox-writer"_s);
    m_thread->start();
    if (m_db->dialect().isSqlite()) {
        m_checkpointer.reset(QThread::create([this] { checkpointLoop(); }));
        m_checkpointer->setObjectName(u"webhooks-inbox-checkpoint"_s);
        m_checkpointer->start();
    }
    return Status::success();
}

void Inbox::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        m_stopping = true;
    }
    m_cv.notify_all();
    m_checkpointCv.notify_all();
    m_thread->wait();
    m_thread.reset();
    if (m_checkpointer) {
        m_checkpointer->wait();
        m_checkpointer.reset();
    }
    std::lock_guard lock(m_mutex);
    m_running = false;
}

void Inbox::setStoredListener(std::function<void(int)> listener) {
    std::lock_guard lock(m_mutex);
    m_storedListener = std::move(listener);
}

void Inbox::submit(IncomingEvent event, StoreCallback done) {
    {
        std::lock_guard lock(m_mutex);
        if (m_running && !m_stopping) {
            m_queue.push_back({std::move(event), std::move(done), {}});
            if (m_queue.size() == 1 && m_jobs.empty())
                m_cv.notify_one();
            return;
        }
    }
    ++m_failed;
    done({StoreOutcome::Failed, 0, u"the inbox is not running"_s});
}

bool Inbox::submitWrite(WriteJob job, std::function<void(Status)> done) {
    std::lock_guard lock(m_mutex);
    if (!m_running || m_stopping)
        return false;
    m_jobs.push_back({std::move(job), std::move(done), Status::success()});
    if (m_jobs.size() == 1 && m_queue.empty())
        m_cv.notify_one();
    return true;
}

InboxStats Inbox::stats() const {
    return {m_stored.load(),
            m_duplicates.load(),
            m_failed.load(),
            m_batches.load(),
            m_largestBatch.load(),
            m_commitMicros.load(),
            m_slowestCommitMicros.load(),
            m_checkpoints.load(),
            m_checkpointMicros.load(),
            m_slowestCheckpointMicros.load()};
}

void Inbox::checkpointLoop() {
    // The writer's commits only append to the WAL and sync it; copying the WAL back into the
    // database file (and syncing that) happens here. A checkpoint that runs beside a steady
    // stream of commits never catches up, and a WAL that only grows makes every commit's sync
    // also write the file's new size (measured: fdatasync 3.3 ms on average when appending,
    // 0.5 ms when overwriting). So each round takes the write gate for the moment of the
    // checkpoint: with no write in progress it copies everything, and the next commit starts
    // the WAL over from its beginning, overwriting frames in place.
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        m_checkpointCv.wait_for(lock, std::chrono::milliseconds(checkpointEveryMs));
        if (m_stopping)
            break;
        lock.unlock();
        // First the bulk beside the writer, then, holding the gate, only what was committed
        // meanwhile: the writer waits for a short copy and one sync, not for the whole copy.
        if (auto q = m_db->exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s); !q)
            qCWarning(lcWebhooks).noquote() << "WAL checkpoint failed:" << q.error().message;
        QElapsedTimer timer;
        {
            std::lock_guard gate(writeGate(m_db.get()));
            timer.start();
            if (auto q = m_db->exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s); !q)
                qCWarning(lcWebhooks).noquote() << "WAL checkpoint failed:" << q.error().message;
        }
        const quint64 micros = quint64(timer.nsecsElapsed() / 1000);
        ++m_checkpoints;
        m_checkpointMicros += micros;
        if (micros > m_slowestCheckpointMicros)
            m_slowestCheckpointMicros = micros;
        lock.lock();
    }
}

void Inbox::run() {
    if (m_db->dialect().isSqlite())
        if (auto q = m_db->exec(u"PRAGMA wal_autocheckpoint=0"_s); !q)
            qCWarning(lcWebhooks).noquote()
                << "cannot move checkpoints off the writer:" << q.error().message;
    std::vector<Item> batch;
    batch.reserve(size_t(m_maxBatch));
    std::vector<Job> jobs;
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_cv.wait(lock, [this] { return m_stopping || !m_queue.empty() || !m_jobs.empty(); });
            jobs.swap(m_jobs);
            if (m_queue.empty() && jobs.empty() && m_stopping) {
                m_statements.reset(); // on the thread that owns their connection
                return;
            }
            // Everything that arrived while the last fsync ran goes into this transaction.
            while (!m_queue.empty() && int(batch.size()) < m_maxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
        }
        QElapsedTimer timer;
        timer.start();
        const Status st = commitBatch(batch, jobs);
        const quint64 micros = quint64(timer.nsecsElapsed() / 1000);
        m_commitMicros += micros;
        if (micros > m_slowestCommitMicros)
            m_slowestCommitMicros = micros;
        int storedNow = 0;
        for (Item& item : batch) {
            if (!st)
                item.result = {StoreOutcome::Failed, 0, st.error().message};
            switch (item.result.outcome) {
            case StoreOutcome::Stored:
                ++storedNow;
                break;
            case StoreOutcome::Duplicate:
                ++m_duplicates;
                break;
            case StoreOutcome::Failed:
                ++m_failed;
                break;
            }
        }
        // Counters first, so whoever hears back already sees this commit in stats().
        m_stored += quint64(storedNow);
        ++m_batches;
        if (quint64(batch.size()) > m_largestBatch)
            m_largestBatch = quint64(batch.size());
        for (Item& item : batch)
            item.done(item.result);
        for (Job& job : jobs)
            job.done(st ? job.result : st);
        jobs.clear();
        if (!st)
            qCWarning(lcWebhooks).noquote()
                << "inbox commit of" << batch.size() << "events failed:" << st.error().message;
        batch.clear();
        std::function<void(int)> listener;
        {
            std::lock_guard lock(m_mutex);
            listener = m_storedListener;
        }
        if (storedNow > 0 && listener)
            listener(storedNow);
        const qint64 now = m_clock->nowMs();
        if (now - m_lastPruneMs >= pruneEveryMs) {
            m_lastPruneMs = now;
            if (const Status p = prune(now); !p)
                qCWarning(lcWebhooks).noquote() << "inbox prune failed:" << p.error().message;
        }
    }
}

Status Inbox::commitBatch(std::vector<Item>& batch, std::vector<Job>& jobs) {
    std::lock_guard gate(writeGate(m_db.get()));
    // After a lost connection the whole batch runs again on a new connection (a new name, so
    // the statements below are prepared again); a lost COMMIT is resolved by the store.
    const auto batchWrite = [&](QSqlDatabase& db) -> Status {
        // Prepared once per writer connection: parsing four statements per transaction cost
        // more than inserting a small batch. Prepared statements survive ROLLBACK, so busy
        // retries reuse them too.
        if (!m_statements || m_statements->connection != db.connectionName()) {
            auto st = std::make_unique<Statements>(db);
            if (!st->claimKey.prepare(
                    u"INSERT INTO webhooks_seen (dedup_key, connector_id, first_seen_ms) "
                    "VALUES (?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING RETURNING 1"_s) ||
                !st->reviveKey.prepare(
                    u"UPDATE webhooks_seen SET first_seen_ms = ?, duplicates = 0 "
                    "WHERE dedup_key = ? AND first_seen_ms < ? RETURNING 1"_s) ||
                !st->countDuplicate.prepare(u"UPDATE webhooks_seen SET duplicates = duplicates "
                                            "+ 1 WHERE dedup_key = ?"_s) ||
                !st->insert.prepare(
                    u"INSERT INTO webhooks_inbox (connector_id, dedup_key, event_id, "
                    "payload_hash, topic, record_key, headers, body, occurred_ms, "
                    "received_ms, state, next_attempt_ms) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0) RETURNING id"_s))
                return Error::database(u"cannot prepare inbox statements: "_s +
                                       st->insert.lastError().text() +
                                       st->claimKey.lastError().text());
            m_statements = std::move(st);
        }
        QSqlQuery& claimKey = m_statements->claimKey;
        QSqlQuery& reviveKey = m_statements->reviveKey;
        QSqlQuery& countDuplicate = m_statements->countDuplicate;
        QSqlQuery& insert = m_statements->insert;
        auto fail = [](const QSqlQuery& q) {
            return Error::database(u"inbox write failed: "_s + q.lastError().text());
        };
        for (Item& item : batch) {
            const IncomingEvent& e = item.event;
            claimKey.bindValue(0, e.meta.dedupKey);
            claimKey.bindValue(1, e.connectorId);
            claimKey.bindValue(2, e.receivedMs);
            if (!claimKey.exec())
                return fail(claimKey);
            // RETURNING tells whether a row was written on both SQLite and PostgreSQL.
            bool fresh = claimKey.next();
            claimKey.finish();
            if (!fresh) {
                // Seen before: new again only if the earlier sighting left the window.
                reviveKey.bindValue(0, e.receivedMs);
                reviveKey.bindValue(1, e.meta.dedupKey);
                reviveKey.bindValue(2, e.receivedMs - m_retentionMs);
                if (!reviveKey.exec())
                    return fail(reviveKey);
                fresh = reviveKey.next();
                reviveKey.finish();
            }
            if (!fresh) {
                countDuplicate.bindValue(0, e.meta.dedupKey);
                if (!countDuplicate.exec())
                    return fail(countDuplicate);
                item.result = {StoreOutcome::Duplicate, 0, {}};
                continue;
            }
            insert.bindValue(0, e.connectorId);
            insert.bindValue(1, e.meta.dedupKey);
            insert.bindValue(2, e.meta.eventId.isEmpty() ? QVariant() : QVariant(e.meta.eventId));
            insert.bindValue(3, QString::fromLatin1(e.meta.payloadHash));
            insert.bindValue(4, e.meta.topic);
            insert.bindValue(5, e.meta.recordKey);
            insert.bindValue(6, QString::fromUtf8(e.headersJson));
            insert.bindValue(7, e.body);
            insert.bindValue(8, e.meta.occurredMs > 0 ? QVariant(e.meta.occurredMs) : QVariant());
            insert.bindValue(9, e.receivedMs);
            if (!insert.exec() || !insert.next()) {
                Error err = fail(insert);
                insert.finish();
                return err;
            }
            item.result = {StoreOutcome::Stored, insert.value(0).toLongLong(), {}};
            insert.finish();
        }
        // Jobs after the events: a claim in a job already sees this commit's deliveries.
        for (Job& job : jobs) {
            QSqlQuery sp(db);
            if (!sp.exec(u"SAVEPOINT webhooks_job"_s))
                return Error::database(u"cannot open a savepoint: "_s + sp.lastError().text());
            job.result = job.job(db);
            if (!job.result && !sp.exec(u"ROLLBACK TO SAVEPOINT webhooks_job"_s))
                return Error::database(u"cannot roll back a savepoint: "_s + sp.lastError().text());
            if (!sp.exec(u"RELEASE SAVEPOINT webhooks_job"_s))
                return Error::database(u"cannot release a savepoint: "_s + sp.lastError().text());
        }
        return Status::success();
    };
    return m_db->write(batchWrite, senderWaits);
}

Status Inbox::prune(qint64 nowMs) {
    const qint64 before = nowMs - m_retentionMs;
    std::lock_guard gate(writeGate(m_db.get()));
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto a = store::Database::run(db, u"DELETE FROM webhooks_seen WHERE first_seen_ms < ?"_s,
                                      {before});
        if (!a)
            return a.error();
        auto b = store::Database::run(
            db, u"DELETE FROM webhooks_inbox WHERE state IN (2, 3) AND processed_ms < ?"_s,
            {before});
        if (!b)
            return b.error();
        return Status::success();
    });
}

} // namespace bk::webhooks
