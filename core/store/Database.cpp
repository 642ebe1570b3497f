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

// Closes a connection; no QSqlDatabase copy of it may be alive (removeDatabase warns).
void dropConnection(const QString& name) {
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// A thread's connections (closed when the thread ends) and which of them lost their server.
struct ThreadConnections {
    struct Entry {
        QString name;
        quint64 openedAt = 0; ///< the store's outage count when it was opened
    };
    QHash<int, Entry> entries;
    QHash<QString, QString> lost; ///< connection name → why (noted by run() or the store)
    int generation = 0;           ///< a reopened connection gets a new name: callers that
                                  ///< cache prepared statements per name re-prepare them
    ~ThreadConnections() {
        for (const Entry& e : std::as_const(entries))
            dropConnection(e.name);
    }
};

QThreadStorage<ThreadConnections*>& threadConnections() {
    static QThreadStorage<ThreadConnections*> storage;
    return storage;
}

ThreadConnections* localConnections() {
    if (!threadConnections().hasLocalData())
        threadConnections().setLocalData(new ThreadConnections);
    return threadConnections().localData();
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
    , m_instance(g_nextInstance++)
    , m_health(std::make_unique<StoreHealth>(describe())) {
    // The store URL may carry ?bk_reconnect_timeout=SECONDS; it is ours, not libpq's.
    QStringList libpq;
    for (const QString& option : m_config.options.split(u';', Qt::SkipEmptyParts)) {
        if (option.startsWith(u"bk_reconnect_timeout="_s)) {
            bool ok = false;
            const int seconds = option.mid(21).toInt(&ok);
            if (ok && seconds >= 0)
                m_policy.giveUpAfterMs = seconds * 1000;
            else
                qCWarning(lcStore).noquote() << "ignored" << option << "(seconds expected)";
        } else {
            libpq << option;
        }
    }
    m_config.options = libpq.join(u';');
}

Database::~Database() {
    // Only this thread's connection can be closed here; others close with their threads.
    if (threadConnections().hasLocalData()) {
        auto* local = threadConnections().localData();
        const QString n = local->entries.take(m_instance).name;
        if (!n.isEmpty()) {
            local->lost.remove(n);
            dropConnection(n);
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
    auto* local = localConnections();
    bool reopening = false;
    if (const auto it = local->entries.constFind(m_instance); it != local->entries.cend()) {
        const auto lost = local->lost.constFind(it->name);
        if (lost == local->lost.cend()) {
            {
                QSqlDatabase db = QSqlDatabase::database(it->name, false);
                if (db.isOpen())
                    return db;
            }
            // QPSQL closes a connection it found broken.
            if (!m_dialect.isSqlite()) {
                m_health->lost(it->openedAt, u"the connection was closed"_s);
                reopening = true;
            }
        } else {
            m_health->lost(it->openedAt, *lost);
            local->lost.erase(lost);
            reopening = true;
        }
        dropConnection(it->name);
        local->entries.remove(m_instance);
    }
    const QString name = u"bk-%1-%2-%3"_s.arg(m_instance)
                             .arg(quintptr(QThread::currentThreadId()), 0, 16)
                             .arg(++local->generation);
    const quint64 outages = m_health->outages();
    auto db = openConnection(name, false);
    if (db) {
        local->entries.insert(m_instance, {name, outages});
        if (reopening || !m_health->availability().reachable)
            m_health->reconnected();
    }
    return db;
}

void Database::noteLost(const QString& why) {
    auto* local = localConnections();
    if (const auto it = local->entries.constFind(m_instance); it != local->entries.cend())
        local->lost.insert(it->name, why);
}

bool Database::connectionLost() const {
    const auto* local = localConnections();
    const auto it = local->entries.constFind(m_instance);
    return it != local->entries.cend() && local->lost.contains(it->name);
}

bool Database::noteUnreachable(const QString& why) {
    // Before the store was opened once, a failure to connect is a configuration error and is
    // reported at once; afterwards it is an outage to wait out. SQLite has no server.
    if (m_dialect.isSqlite() || !m_live.load())
        return false;
    m_health->lost(m_health->outages(), why);
    return true;
}

void Database::setReconnectPolicy(const ReconnectPolicy& policy) {
    std::lock_guard lock(m_policyMutex);
    m_policy = policy;
}

ReconnectPolicy Database::reconnectPolicy() const {
    std::lock_guard lock(m_policyMutex);
    return m_policy;
}

Result<QSqlQuery> Database::run(QSqlDatabase& db, const QString& sql, const QVariantList& binds) {
    QSqlQuery q(db);
    const auto failed = [&] {
        const QSqlError e = q.lastError();
        const QString why = sqlError(e);
        // Remembered for this thread, so its next connection() reopens the connection even
        // when the caller runs statements on it directly.
        // QPSQL closes a connection it found broken: later statements fail without an error.
        const bool closed = !db.isOpen();
        if (db.driverName() == u"QPSQL"_s &&
            (closed || Dialect(Dialect::Kind::Postgres).isConnectionLost(e)))
            localConnections()->lost.insert(db.connectionName(),
                                            closed && why.isEmpty() ? u"the connection was closed"_s
                                                                    : why);
        return Error::database(u"%1 — in: %2"_s.arg(
            closed && why.isEmpty() ? u"the connection is closed"_s : why, sql.left(200)));
    };
    if (binds.isEmpty()) {
        // PostgreSQL cannot PREPARE DDL; statements without parameters run directly.
        if (!q.exec(sql))
            return failed();
        return q;
    }
    if (!q.prepare(sql))
        return failed();
    for (const QVariant& v : binds)
        q.addBindValue(v);
    if (!q.exec())
        return failed();
    return q;
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
    db->m_live = true;
    return db;
}

} // namespace bk::store
