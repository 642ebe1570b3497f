#include "Dialect.h"

#include <QSqlError>

using namespace Qt::StringLiterals;

namespace bk::store {

QString Dialect::driverName() const {
    return isSqlite() ? u"QSQLITE"_s : u"QPSQL"_s;
}

QString Dialect::translate(const QString& sql) const {
    QString out = sql;
    if (isSqlite()) {
        out.replace(u"{{pk}}"_s, u"INTEGER PRIMARY KEY AUTOINCREMENT"_s);
        out.replace(u"{{bigint}}"_s, u"INTEGER"_s);
        out.replace(u"{{blob}}"_s, u"BLOB"_s);
        out.replace(u"{{real}}"_s, u"REAL"_s);
    } else {
        out.replace(u"{{pk}}"_s, u"BIGSERIAL PRIMARY KEY"_s);
        out.replace(u"{{bigint}}"_s, u"BIGINT"_s);
        out.replace(u"{{blob}}"_s, u"BYTEA"_s);
        out.replace(u"{{real}}"_s, u"DOUBLE PRECISION"_s);
    }
    out.replace(u"{{text}}"_s, u"TEXT"_s);
    return out;
}

QStringList Dialect::sessionSetup() const {
    if (isSqlite())
        // WAL lets readers and one writer work at once across processes; FULL syncs the WAL on
        // every commit so an acknowledged write survives power loss; busy_timeout makes a
        // second process wait for the lock instead of failing.
        return {u"PRAGMA journal_mode=WAL"_s, u"PRAGMA synchronous=FULL"_s,
                u"PRAGMA busy_timeout=10000"_s, u"PRAGMA foreign_keys=ON"_s};
    return {u"SET client_min_messages TO WARNING"_s, u"SET TIME ZONE 'UTC'"_s};
}

QString Dialect::beginWrite() const {
    return isSqlite() ? u"BEGIN IMMEDIATE"_s : u"BEGIN"_s;
}

bool Dialect::isBusyError(const QString& nativeMessage) const {
    if (isSqlite())
        return nativeMessage.contains(u"locked"_s) || nativeMessage.contains(u"busy"_s);
    return nativeMessage.contains(u"could not serialize"_s) ||
           nativeMessage.contains(u"deadlock detected"_s);
}

bool Dialect::isConnectionLost(const QSqlError& error) const {
    if (isSqlite())
        return false;
    if (error.type() == QSqlError::ConnectionError)
        return true;
    // SQLSTATE class 08 (connection exception), 57P01..57P03 (admin/crash shutdown, cannot
    // connect now); libpq's own errors carry no SQLSTATE, hence the message test as well.
    const QString code = error.nativeErrorCode();
    if (code.startsWith(u"08"_s) || code == u"57P01"_s || code == u"57P02"_s || code == u"57P03"_s)
        return true;
    return isConnectionLostMessage(error.text());
}

bool Dialect::isConnectionLostMessage(const QString& message) const {
    if (isSqlite())
        return false;
    static const char16_t* const fragments[] = {
        u"server closed the connection",
        u"terminating connection due to administrator command",
        u"terminating connection because of crash of another server process",
        u"no connection to the server",
        u"connection to server was lost",
        u"could not receive data from server",
        u"could not send data to server",
        u"the database system is shutting down",
        u"the database system is starting up",
        u"the database system is in recovery mode",
        u"could not connect to server",
        u"Connection refused",
        u"connection is bad",
    };
    for (const char16_t* f : fragments)
        if (message.contains(QStringView(f), Qt::CaseInsensitive))
            return true;
    return false;
}

QString Dialect::transactionId() const {
    return u"SELECT txid_current_if_assigned()"_s;
}

QString Dialect::transactionStatus() const {
    return u"SELECT txid_status(?)"_s;
}

} // namespace bk::store
