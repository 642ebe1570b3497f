#include "Database.h"

#include "LogCategories.h"

#include <atomic>

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QThread>
#include <QThreadStorage>

using namespace Qt::StringLiterals;

namespace bk::store {

namespace {

std::atomic<int> g_nextInstance{1};

// Closes a thread's connections when the thread ends.
struct ThreadConnections {
    QHash<int, QString> names;
    ~ThreadConnections() {
        for (const QString& n : std::as_const(names)) {
            {
                QSqlDatabase db = QSqlDatabase::database(n, false);
                if (db.isOpen())
                    db.close();
            }
            QSqlDatabase::removeDatabase(n);
        }
    }
};

QThreadStorage<ThreadConnections*>& threadConnections() {
    static QThreadStorage<ThreadConnections*> storage;
    return storage;
}

QString sqlError(const QSqlError& e) {
    QString text = e.databaseText().isEmpty() ? e.text() : e.databaseText();
    return text.trimmed();
}

const QString kSchemaTable = u"bk_schema"_s;

} // namespace

Database::Database(StoreConfig config, Dialect dialect)
    : m_config(std::move(config))
    , m_dialect(dialect)
    , m_instance(g_nextInstance++) {}

Database::~Database() {
    // Only this thread's connection can be closed here; others close with their threads.
    if (threadConnections().hasLocalData()) {
        auto* local = threadConnections().localData();
        const QString n = local->names.take(m_instance);
        if (!n.isEmpty()) {
            {
                QSqlDatabase db = QSqlDatabase::database(n, false);
                db.close();
            }
            QSqlDatabase::removeDatabase(n);
        }
    }
}

QString Database::describe() const {
    if (m_dialect.isSqlite())
        return u"SQLite database %1"_s.arg(m_config.sqlitePath);
    return u"PostgreSQL database %1 on %2:%3"_s.arg(m_config.database, m_config.host,
                                                    QString::number(m_config.port));
}

Result<QSqlDatabase> Database::openConnection(const QString& name, bool readOnly) {
    QSqlDatabase db = QSqlDatabase::addDatabase(m_dialect.driverName(), name);
    if (!db.isValid())
        return Error::database(
            u"the Qt SQL driver %1 is not installed"_s.arg(m_dialect.driverName()));
    if (m_dialect.isSqlite()) {
        db.setDatabaseName(m_config.sqlitePath);
        db.setConnectOptions(readOnly ? u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"_s
                                      : u"QSQLITE_BUSY_TIMEOUT=10000"_s);
    } else {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setDatabaseName(m_config.database);
        db.setUserName(m_config.user);
        QString options = u"connect_timeout=10"_s;
        if (!m_config.options.isEmpty())
            options += u";"_s + m_config.options;
        db.setConnectOptions(options);
    }
    if (!db.open()) {
        const QString why = sqlError(db.lastError());
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return Error::database(u"cannot open %1: %2"_s.arg(describe(), why));
    }
    if (!readOnly)
        for (const QString& stmt : m_dialect.sessionSetup()) {
            QSqlQuery q(db);
            if (!q.exec(stmt)) {
                const QString why = sqlError(q.lastError());
                q = QSqlQuery();
                db.close();
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(name);
                return Error::database(u"cannot prepare %1 (%2): %3"_s.arg(describe(), stmt, why));
            }
        }
    return db;
}

Result<QSqlDatabase> Database::connection() {
    if (!threadConnections().hasLocalData())
        threadConnections().setLocalData(new ThreadConnections);
    auto* local = threadConnections().localData();
    const auto it = local->names.constFind(m_instance);
    if (it != local->names.cend()) {
        QSqlDatabase db = QSqlDatabase::database(*it, false);
        if (db.isOpen())
            return db;
        QSqlDatabase::removeDatabase(*it);
        local->names.remove(m_instance);
    }
    const QString name =
        u"bk-%1-%2"_s.arg(m_instance).arg(quintptr(QThread::currentThreadId()), 0, 16);
    auto db = openConnection(name, false);
    if (db)
        local->names.insert(m_instance, name);
    return db;
}

Result<QSqlQuery> Database::run(QSqlDatabase& db, const QString& sql, const QVariantList& binds) {
    QSqlQuery q(db);
    if (binds.isEmpty()) {
        // PostgreSQL cannot PREPARE DDL; statements without parameters run directly.
        if (!q.exec(sql))
            return Error::database(u"%1 — in: %2"_s.arg(sqlError(q.lastError()), sql.left(200)));
        return q;
    }
    if (!q.prepare(sql))
        return Error::database(u"%1 — in: %2"_s.arg(sqlError(q.lastError()), sql.left(200)));
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return Error::database(u"%1 — in: %2"_s.arg(sqlError(q.lastError()), sql.left(200)));
    return q;
}

Result<QSqlQuery> Database::exec(const QString& sql, const QVariantList& binds) {
    auto db = connection();
    if (!db)
        return db.error();
    return run(*db, sql, binds);
}

Status Database::write(const std::function<Status(QSqlDatabase&)>& fn) {
    auto conn = connection();
    if (!conn)
        return conn.error();
    QSqlDatabase& db = *conn;
    for (int attempt = 0;; ++attempt) {
        QSqlQuery begin(db);
        if (!begin.exec(m_dialect.beginWrite())) {
            const QString why = sqlError(begin.lastError());
            if (m_dialect.isBusyError(why) && attempt < 50) {
                QThread::msleep(20); // worker threads only; the GUI never writes directly
                continue;
            }
            return Error::database(u"cannot start a transaction on %1: %2"_s.arg(describe(), why));
        }
        Status st = fn(db);
        QSqlQuery end(db);
        if (!st) {
            end.exec(u"ROLLBACK"_s);
            if (st.error().category == ErrorCategory::Database &&
                m_dialect.isBusyError(st.error().message) && attempt < 50)
                continue;
            return st;
        }
        if (!end.exec(u"COMMIT"_s)) {
            const QString why = sqlError(end.lastError());
            QSqlQuery(db).exec(u"ROLLBACK"_s);
            if (m_dialect.isBusyError(why) && attempt < 50)
                continue;
            return Error::database(u"cannot commit to %1: %2"_s.arg(describe(), why));
        }
        return Status::success();
    }
}

Result<int> Database::moduleVersion(const QString& module) {
    auto q = exec(u"SELECT version FROM bk_schema WHERE module = ?"_s, {module});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Status Database::checkNotNewer(const QList<MigrationSet>& sets) {
    // Read-only look first: a refused store must not be touched, not even its journal mode.
    const QString name = u"bk-check-%1"_s.arg(m_instance);
    Status result;
    {
        auto db = openConnection(name, m_dialect.isSqlite());
        if (!db)
            return db.error();
        QSqlQuery q(*db);
        const bool hasTable =
            m_dialect.isSqlite()
                ? q.exec(
                      u"SELECT 1 FROM sqlite_master WHERE type='table' AND name='bk_schema'"_s) &&
                      q.next()
                : q.exec(
                      u"SELECT 1 FROM information_schema.tables WHERE table_name='bk_schema'"_s) &&
                      q.next();
        if (hasTable) {
            QSqlQuery v(*db);
            if (!v.exec(u"SELECT module, version FROM bk_schema"_s)) {
                result = Error::database(u"cannot read the schema version of %1: %2"_s.arg(
                    describe(), sqlError(v.lastError())));
            }
            while (result && v.next()) {
                const QString module = v.value(0).toString();
                const int version = v.value(1).toInt();
                for (const auto& set : sets)
                    if (set.module == module && version > set.latestVersion())
                        result = Error::database(
                            u"%1 was written by a newer Bridgekeeper (module \"%2\" is at schema "
                            u"version %3; this build knows up to %4). Nothing was changed; use a "
                            u"newer build or another store."_s.arg(describe(), module)
                                .arg(version)
                                .arg(set.latestVersion()));
            }
        } else if (m_dialect.isSqlite()) {
            QSqlQuery any(*db);
            if (any.exec(u"SELECT count(*) FROM sqlite_master"_s) && any.next() &&
                any.value(0).toInt() > 0)
                result = Error::database(
                    u"%1 is not a Bridgekeeper store (it has tables but no bk_schema table). "
                    u"Nothing was changed."_s.arg(describe()));
        }
        db->close();
    }
    QSqlDatabase::removeDatabase(name);
    return result;
}

Status Database::migrate(const QList<MigrationSet>& sets) {
    Status st = write([&](QSqlDatabase& db) -> Status {
        auto r = run(db, m_dialect.translate(
                             u"CREATE TABLE IF NOT EXISTS bk_schema (module {{text}} PRIMARY KEY, "
                             u"version INTEGER NOT NULL, updated_ms {{bigint}} NOT NULL)"_s));
        return r ? Status::success() : Status(r.error());
    });
    if (!st)
        return st;
    for (const auto& set : sets) {
        // Each step commits with its version, so an interrupted upgrade resumes where it stopped.
        for (const auto& step : set.steps) {
            st = write([&](QSqlDatabase& db) -> Status {
                auto cur =
                    run(db, u"SELECT version FROM bk_schema WHERE module = ?"_s, {set.module});
                if (!cur)
                    return cur.error();
                const int current = cur->next() ? cur->value(0).toInt() : 0;
                if (current >= step.version)
                    return Status::success();
                if (current > set.latestVersion())
                    return Error::database(u"module %1 is newer than this build"_s.arg(set.module));
                for (const QString& stmt : step.statements) {
                    auto r = run(db, m_dialect.translate(stmt));
                    if (!r)
                        return Error::database(u"migration %1 #%2 (%3) failed: %4"_s.arg(
                            set.module, QString::number(step.version), step.name,
                            r.error().message));
                }
                const qint64 now = QDateTime::currentMSecsSinceEpoch();
                auto up =
                    current == 0
                        ? run(db,
                              u"INSERT INTO bk_schema (module, version, updated_ms) VALUES (?, ?, ?)"_s,
                              {set.module, step.version, now})
                        : run(db,
                              u"UPDATE bk_schema SET version = ?, updated_ms = ? WHERE module = ?"_s,
                              {step.version, now, set.module});
                if (!up)
                    return up.error();
                qCInfo(lcStore).noquote()
                    << "applied migration" << set.module << step.version << step.name;
                return Status::success();
            });
            if (!st)
                return st;
        }
    }
    return Status::success();
}

Result<std::shared_ptr<Database>> Database::open(const StoreConfig& config,
                                                 const QList<MigrationSet>& sets) {
    const Dialect dialect(config.kind == StoreConfig::Kind::Sqlite ? Dialect::Kind::Sqlite
                                                                   : Dialect::Kind::Postgres);
    std::shared_ptr<Database> db(new Database(config, dialect));
    QList<MigrationSet> all{coreMigrations()};
    for (const auto& s : sets)
        if (s.module != u"core"_s)
            all.push_back(s);
    if (dialect.isSqlite()) {
        const QFileInfo file(config.sqlitePath);
        const QFileInfo dir(file.absolutePath());
        if (!dir.exists() && !QDir().mkpath(dir.absoluteFilePath()))
            return Error::io(
                u"cannot create folder %1 for the store"_s.arg(dir.absoluteFilePath()));
        if (!QFileInfo(file.absolutePath()).isWritable())
            return Error::io(u"folder %1 is not writable; the store %2 needs it (SQLite keeps its "
                             u"write-ahead log beside the file)"_s.arg(file.absolutePath(),
                                                                       file.absoluteFilePath()));
        if (file.exists() && (!file.isReadable() || !file.isWritable()))
            return Error::io(
                u"%1 is not readable and writable by this user"_s.arg(file.absoluteFilePath()));
        if (file.exists()) {
            if (auto st = db->checkNotNewer(all); !st)
                return st.error();
        }
    } else if (auto st = db->checkNotNewer(all); !st) {
        return st.error();
    }
    if (auto st = db->migrate(all); !st)
        return st.error();
    return db;
}

} // namespace bk::store
