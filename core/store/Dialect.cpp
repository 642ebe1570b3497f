#include "Dialect.h"

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

} // namespace bk::store
