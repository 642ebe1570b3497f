#include "LeaseStore.h"

#include <QHash>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::fleet {

LeaseStore::LeaseStore(std::shared_ptr<store::Database> db)
    : m_db(std::move(db)) {}

Result<bool> LeaseStore::acquire(const QString& resource, const QString& kind,
                                 const QString& holder, qint64 nowMs, qint64 leaseMs) {
    // One upsert decides the race: a new row is inserted; an existing row is overwritten only
    // when it has expired or is already ours. SQLite (≥ 3.24) and PostgreSQL both report 0
    // affected rows when the DO UPDATE's WHERE refuses, 1 when the row was inserted or taken.
    // PostgreSQL makes a concurrent inserter wait for the winner's commit and then evaluates
    // the WHERE against the committed row, so two engines never both see 1.
    bool taken = false;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c,
            u"INSERT INTO fleet_leases (resource, kind, holder, acquired_ms, expires_ms) "
            u"VALUES (?, ?, ?, ?, ?) ON CONFLICT (resource) DO UPDATE SET "
            u"kind = excluded.kind, holder = excluded.holder, "
            u"acquired_ms = CASE WHEN fleet_leases.holder = excluded.holder "
            u"THEN fleet_leases.acquired_ms ELSE excluded.acquired_ms END, "
            u"expires_ms = excluded.expires_ms "
            u"WHERE fleet_leases.expires_ms <= ? OR fleet_leases.holder = ?"_s,
            {resource, kind.isNull() ? u""_s : kind, holder, nowMs, nowMs + leaseMs, nowMs,
             holder});
        if (!q)
            return q.error();
        taken = q->numRowsAffected() == 1;
        return Status::success();
    });
    if (!st)
        return st.error();
    return taken;
}

Result<bool> LeaseStore::renew(const QString& resource, const QString& holder, qint64 nowMs,
                               qint64 leaseMs) {
    bool renewed = false;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c, u"UPDATE fleet_leases SET expires_ms = ? WHERE resource = ? AND holder = ?"_s,
            {nowMs + leaseMs, resource, holder});
        if (!q)
            return q.error();
        renewed = q->numRowsAffected() == 1;
        return Status::success();
    });
    if (!st)
        return st.error();
    return renewed;
}

Status LeaseStore::release(const QString& resource, const QString& holder) {
    return m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c, u"DELETE FROM fleet_leases WHERE resource = ? AND holder = ?"_s, {resource, holder});
        return q ? Status::success() : Status(q.error());
    });
}

Result<int> LeaseStore::releaseAll(const QString& holder) {
    int released = 0;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(c, u"DELETE FROM fleet_leases WHERE holder = ?"_s, {holder});
        if (!q)
            return q.error();
        released = q->numRowsAffected();
        return Status::success();
    });
    if (!st)
        return st.error();
    return released;
}

Result<QList<Lease>> LeaseStore::list() {
    auto q = m_db->exec(u"SELECT resource, kind, holder, acquired_ms, expires_ms FROM "
                        u"fleet_leases ORDER BY resource"_s);
    if (!q)
        return q.error();
    QList<Lease> out;
    while (q->next())
        out.push_back({q->value(0).toString(), q->value(1).toString(), q->value(2).toString(),
                       q->value(3).toLongLong(), q->value(4).toLongLong()});
    return out;
}

Result<int> LeaseStore::otherLiveEngines(const QString& holder, qint64 liveSinceMs) {
    auto q = m_db->exec(u"SELECT COUNT(*) FROM fleet_engines WHERE stopped_ms = 0 AND "
                        u"heartbeat_ms >= ? AND engine_id <> ?"_s,
                        {liveSinceMs, holder});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Result<bool> LeaseStore::overFairShare(const QString& holder, const QString& kind, int resources,
                                       qint64 nowMs, qint64 liveSinceMs) {
    auto live = m_db->exec(u"SELECT engine_id FROM fleet_engines WHERE stopped_ms = 0 AND "
                           u"heartbeat_ms >= ?"_s,
                           {liveSinceMs});
    if (!live)
        return live.error();
    QHash<QString, int> held; // live engine → valid leases of kind
    held.insert(holder, 0);
    while (live->next())
        held.insert(live->value(0).toString(), 0);
    if (held.size() < 2)
        return false; // alone: everything is this engine's share
    auto counts = m_db->exec(u"SELECT holder, COUNT(*) FROM fleet_leases WHERE kind = ? AND "
                             u"expires_ms > ? GROUP BY holder"_s,
                             {kind, nowMs});
    if (!counts)
        return counts.error();
    while (counts->next()) {
        const QString h = counts->value(0).toString();
        if (held.contains(h)) // a dead engine's leases expire on their own; not counted
            held[h] = counts->value(1).toInt();
    }
    const int engines = int(held.size());
    const int fair = (std::max(0, resources) + engines - 1) / engines;
    if (held.value(holder) < fair)
        return false;
    for (auto it = held.cbegin(); it != held.cend(); ++it)
        if (it.key() != holder && it.value() < fair)
            return true;
    return false;
}

} // namespace bk::fleet
