#pragma once

#include "Dialect.h"
#include "Migration.h"
#include "Result.h"
#include "Workspace.h"

#include <functional>
#include <memory>

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

namespace bk::store {

/// The SQL store: one schema, versioned per module, reachable from any thread.
///
/// QtSql connections belong to the thread that opened them, so each thread gets its own
/// connection on first use; it is closed when the thread ends. Writes go through
/// write(), which retries a busy database and commits or rolls back as a unit.
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
    /// Retries the whole transaction when the database is busy (another process writing).
    Status write(const std::function<Status(QSqlDatabase&)>& fn);

    /// Prepares and runs one statement on this thread's connection.
    Result<QSqlQuery> exec(const QString& sql, const QVariantList& binds = {});

    /// Schema version of a module in this store (0 when absent).
    Result<int> moduleVersion(const QString& module);

    /// A description such as "SQLite /path/db" for messages (no credentials).
    QString describe() const;

    /// Runs one prepared statement on db; an error names the statement.
    static Result<QSqlQuery> run(QSqlDatabase& db, const QString& sql,
                                 const QVariantList& binds = {});

private:
    Database(StoreConfig config, Dialect dialect);
    Result<QSqlDatabase> openConnection(const QString& name, bool readOnly);
    Status checkNotNewer(const QList<MigrationSet>& sets);
    Status migrate(const QList<MigrationSet>& sets);

    StoreConfig m_config;
    Dialect m_dialect;
    int m_instance;
};

} // namespace bk::store
