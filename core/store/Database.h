#pragma once

#include "Dialect.h"
#include "Migration.h"
#include "Reconnect.h"
#include "Result.h"
#include "Workspace.h"

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace bk::store {

/// The SQL store: one schema, versioned per module, reachable from any thread.
///
/// QtSql connections belong to the thread that opened them, so each thread gets its own
/// connection on first use; it is closed when the thread ends. Writes go through
/// write(), which retries a busy database and commits or rolls back as a unit.
///
/// PostgreSQL connection loss (server restart, terminated backend, network): a thread's
/// connection that failed is reopened, and write() and exec() of reads wait the server out
/// with ReconnectPolicy's backoff. See docs/architecture.md, "Connection loss".
class Database {
public:
    /// Opens (creating if needed) the store and applies every pending migration of the
    /// given sets. A store written by a newer build (a module at a higher version than this
    /// build knows) is refused before anything in it is changed.
    static Result<std::shared_ptr<Database>> open(const StoreConfig& config,
                                                  const QList<MigrationSet>& sets);
    ~Database();

    const StoreConfig& config() const { return m_config; }
    const Dialect& dialect() const { return m_dialect; }

    /// This thread's connection (opened on first use).
    Result<QSqlDatabase> connection();

    /// Runs fn inside a write transaction; commits when it returns success, else rolls back.
    /// Retries the whole transaction when the database is busy (another process writing) and,
    /// on PostgreSQL, when the connection was lost before the commit (on a new connection,
    /// after backoff). fn may therefore run more than once: it must not keep state from a
    /// failed run. A commit whose answer was lost is looked up by transaction id, never
    /// simply repeated: a write() that succeeds was committed exactly once.
    Status write(const std::function<Status(QSqlDatabase&)>& fn);
    /// The same with another wait for a lost server than the store's (e.g. shorter where a
    /// caller is waiting for the answer).
    Status write(const std::function<Status(QSqlDatabase&)>& fn, const ReconnectPolicy& policy);

    /// Prepares and runs one statement on this thread's connection. A SELECT or SHOW whose
    /// connection was lost is re-run on a new connection (with backoff); any other statement
    /// is not, since it may have been applied — write with write().
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& binds = {});

    /// How long write() and exec() wait out a lost server (PostgreSQL; SQLite never waits).
    void setReconnectPolicy(const ReconnectPolicy& policy);
    ReconnectPolicy reconnectPolicy() const;
    /// Cheap (atomics): whether the server is reachable as far as the store's calls know, and
    /// how many outages and reconnects there were.
    StoreAvailability availability() const { return m_health->availability(); }
    /// Called on the thread that notices the server lost (false) or back (true).
    void setAvailabilityListener(std::function<void(bool reachable)> listener) {
        m_health->setListener(std::move(listener));
    }

    /// Schema version of a module in this store (0 when absent).
    Result<int> moduleVersion(const QString& module);

    /// A description such as "SQLite /path/db" for messages (no credentials).
    QString describe() const;

    /// Runs one prepared statement on db; an error names the statement.
    static Result<QSqlQuery> run(QSqlDatabase& db, const QString& sql,
                                 const QVariantList& binds = {});

private:
    struct WriteAttempt;
    enum class CommitOutcome { Committed, NotCommitted, Unknown };

    Database(StoreConfig config, Dialect dialect);
    Result<QSqlDatabase> openConnection(const QString& name, bool readOnly);
    WriteAttempt writeOnce(const std::function<Status(QSqlDatabase&)>& fn);
    CommitOutcome resolveCommit(const QVariant& xid, Backoff& backoff, QString* why);
    /// This thread's connection failed for a connection reason: reopen it on next use.
    void noteLost(const QString& why);
    /// Whether this thread's connection was noted lost (by run() or noteLost()).
    bool connectionLost() const;
    /// A connection could not be opened; true when the caller should wait and retry.
    bool noteUnreachable(const QString& why);
    Error gaveUp(const Backoff& backoff, const QString& why) const;
    Status checkNotNewer(const QList<MigrationSet>& sets);
    Status migrate(const QList<MigrationSet>& sets);

    StoreConfig m_config;
    Dialect m_dialect;
    int m_instance;
    std::unique_ptr<StoreHealth> m_health;
    std::atomic<bool> m_live{false}; ///< opened once: later open failures are outages
    mutable std::mutex m_policyMutex;
    ReconnectPolicy m_policy;
};

} // namespace bk::store
