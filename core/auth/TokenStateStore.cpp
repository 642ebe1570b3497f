#include "TokenStateStore.h"

#include "store/Database.h"

#include <cerrno>
#include <csignal>

#include <QCoreApplication>
#include <QSqlQuery>
#include <QSysInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

Status ok(const Result<QSqlQuery>& r) {
    return r ? Status::success() : Status(r.error());
}

} // namespace

TokenStateStore::TokenStateStore(std::shared_ptr<store::Database> db, QString connectorId)
    : m_db(std::move(db))
    , m_connector(std::move(connectorId)) {}

QString TokenStateStore::makeHolder() {
    return u"%1/%2/%3"_s.arg(QSysInfo::machineHostName())
        .arg(QCoreApplication::applicationPid())
        .arg(QUuid::createUuid().toString(QUuid::Id128).left(12));
}

bool TokenStateStore::holderIsDead(const QString& holder) {
    const QStringList parts = holder.split(u'/');
    if (parts.size() != 3 || parts[0] != QSysInfo::machineHostName())
        return false; // another machine: only the lease expiry can tell
    bool isNumber = false;
    const qint64 pid = parts[1].toLongLong(&isNumber);
    if (!isNumber || pid <= 0)
        return false;
    return ::kill(pid_t(pid), 0) != 0 && errno == ESRCH;
}

Status TokenStateStore::ensureRow(QSqlDatabase& db) {
    auto q = store::Database::run(db, u"SELECT 1 FROM auth_connections WHERE connector = ?"_s,
                                  {m_connector});
    if (!q)
        return q.error();
    if (q->next())
        return Status::success();
    return ok(store::Database::run(db, u"INSERT INTO auth_connections (connector) VALUES (?)"_s,
                                   {m_connector}));
}

Result<ConnectionMeta> TokenStateStore::load() {
    Status st = m_db->write([&](QSqlDatabase& db) { return ensureRow(db); });
    if (!st)
        return st.error();
    auto q = m_db->exec(
        u"SELECT generation, state, state_reason, access_expires_ms, refresh_expires_ms, "
        u"obtained_ms, last_refresh_ms, last_refresh_ok, last_refresh_message, in_flight, "
        u"in_flight_ms, lease_holder, lease_expires_ms FROM auth_connections WHERE connector = ?"_s,
        {m_connector});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::database(u"auth_connections row for %1 vanished"_s.arg(m_connector));
    ConnectionMeta m;
    m.generation = q->value(0).toLongLong();
    m.state = q->value(1).toString();
    m.stateReason = q->value(2).toString();
    m.accessExpiresMs = q->value(3).toLongLong();
    m.refreshExpiresMs = q->value(4).toLongLong();
    m.obtainedMs = q->value(5).toLongLong();
    m.lastRefreshMs = q->value(6).toLongLong();
    m.lastRefreshOk = q->value(7).toInt() != 0;
    m.lastRefreshMessage = q->value(8).toString();
    m.inFlight = q->value(9).toString();
    m.inFlightMs = q->value(10).toLongLong();
    m.leaseHolder = q->value(11).toString();
    m.leaseExpiresMs = q->value(12).toLongLong();
    return m;
}

Result<bool> TokenStateStore::acquireLease(const QString& holder, qint64 nowMs, qint64 leaseMs,
                                           bool lockHeld) {
    bool acquired = false;
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        if (auto e = ensureRow(db); !e)
            return e;
        auto cur = store::Database::run(
            db, u"SELECT lease_holder FROM auth_connections WHERE connector = ?"_s, {m_connector});
        if (!cur)
            return cur.error();
        const QString current = cur->next() ? cur->value(0).toString() : QString();
        const bool dead = !current.isEmpty() && current != holder && holderIsDead(current);
        auto up = store::Database::run(
            db,
            u"UPDATE auth_connections SET lease_holder = ?, lease_expires_ms = ? WHERE connector = "
            u"? AND (lease_holder IS NULL OR lease_holder = ? OR lease_expires_ms < ? OR "
            u"lease_holder = ? OR (? = 1 AND COALESCE(in_flight, '') <> 'received'))"_s,
            {holder, nowMs + leaseMs, m_connector, holder, nowMs, dead ? current : u"\x01"_s,
             lockHeld ? 1 : 0});
        if (!up)
            return up.error();
        acquired = up->numRowsAffected() == 1;
        return Status::success();
    });
    if (!st)
        return st.error();
    return acquired;
}

Status TokenStateStore::renewLease(const QString& holder, qint64 nowMs, qint64 leaseMs) {
    return m_db->write([&](QSqlDatabase& db) {
        return ok(store::Database::run(
            db,
            u"UPDATE auth_connections SET lease_expires_ms = ? WHERE connector = ? AND "
            u"lease_holder = ?"_s,
            {nowMs + leaseMs, m_connector, holder}));
    });
}

Status TokenStateStore::releaseLease(const QString& holder) {
    return m_db->write([&](QSqlDatabase& db) {
        return ok(store::Database::run(
            db,
            u"UPDATE auth_connections SET lease_holder = NULL, lease_expires_ms = 0 WHERE "
            u"connector = ? AND lease_holder = ?"_s,
            {m_connector, holder}));
    });
}

Status TokenStateStore::setInFlight(const QString& phase, qint64 nowMs) {
    return m_db->write([&](QSqlDatabase& db) {
        return ok(store::Database::run(
            db,
            u"UPDATE auth_connections SET in_flight = ?, in_flight_ms = ? WHERE connector = ?"_s,
            {phase.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(phase),
             phase.isEmpty() ? 0 : nowMs, m_connector}));
    });
}

Status TokenStateStore::commitTokens(const TokenRecord& record, const QString& holder, qint64 nowMs,
                                     const QString& message) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        if (auto e = ensureRow(db); !e)
            return e;
        auto up = store::Database::run(
            db,
            u"UPDATE auth_connections SET generation = ?, state = 'authorised', state_reason = "
            u"NULL, access_expires_ms = ?, refresh_expires_ms = ?, obtained_ms = ?, "
            u"last_refresh_ms = ?, last_refresh_ok = 1, last_refresh_message = ?, in_flight = "
            u"NULL, in_flight_ms = 0 WHERE connector = ?"_s,
            {record.generation, record.accessExpiresMs, record.refreshExpiresMs, record.obtainedMs,
             nowMs, message, m_connector});
        if (!up)
            return up.error();
        if (holder.isEmpty())
            return Status::success();
        return ok(store::Database::run(
            db,
            u"UPDATE auth_connections SET lease_holder = NULL, lease_expires_ms = 0 WHERE "
            u"connector = ? AND lease_holder = ?"_s,
            {m_connector, holder}));
    });
}

Status TokenStateStore::setState(const QString& state, const QString& reason) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        if (auto e = ensureRow(db); !e)
            return e;
        return ok(store::Database::run(
            db, u"UPDATE auth_connections SET state = ?, state_reason = ? WHERE connector = ?"_s,
            {state, reason, m_connector}));
    });
}

Status TokenStateStore::recordRefreshOutcome(bool success, const QString& message, qint64 nowMs) {
    return m_db->write([&](QSqlDatabase& db) {
        return ok(store::Database::run(
            db,
            u"UPDATE auth_connections SET last_refresh_ms = ?, last_refresh_ok = ?, "
            u"last_refresh_message = ? WHERE connector = ?"_s,
            {nowMs, success ? 1 : 0, message, m_connector}));
    });
}

Status TokenStateStore::recordCall(CallKind kind, qint64 nowMs) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto ins = store::Database::run(
            db, u"INSERT INTO auth_token_calls (connector, time_ms, ok) VALUES (?, ?, ?)"_s,
            {m_connector, nowMs, int(kind)});
        if (!ins)
            return ins.error();
        // Two days are enough for the daily quota and the hourly error budget.
        return ok(store::Database::run(
            db, u"DELETE FROM auth_token_calls WHERE connector = ? AND time_ms < ?"_s,
            {m_connector, nowMs - 2 * 86'400'000LL}));
    });
}

Result<int> TokenStateStore::callsSince(qint64 sinceMs) {
    auto q =
        m_db->exec(u"SELECT count(*) FROM auth_token_calls WHERE connector = ? AND time_ms >= ?"_s,
                   {m_connector, sinceMs});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<int> TokenStateStore::countedErrorsSince(qint64 sinceMs) {
    auto q = m_db->exec(u"SELECT count(*) FROM auth_token_calls WHERE connector = ? AND time_ms "
                        u">= ? AND ok = 0"_s,
                        {m_connector, sinceMs});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<qint64> TokenStateStore::oldestCountedErrorSince(qint64 sinceMs) {
    auto q = m_db->exec(u"SELECT min(time_ms) FROM auth_token_calls WHERE connector = ? AND "
                        u"time_ms >= ? AND ok = 0"_s,
                        {m_connector, sinceMs});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

} // namespace bk::auth
