#include "FleetRegistry.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::fleet {

namespace {
// A null QString binds as SQL NULL; the columns are NOT NULL with '' for "none".
QString text(const QString& s) {
    return s.isNull() ? u""_s : s;
}
} // namespace

FleetRegistry::FleetRegistry(std::shared_ptr<store::Database> db)
    : m_db(std::move(db)) {}

Status FleetRegistry::announce(const EngineInfo& self) {
    if (self.engineId.isEmpty())
        return Error::usage(u"an engine announces itself with an engine id"_s);
    const qint64 heartbeat = self.heartbeatMs ? self.heartbeatMs : self.startedMs;
    return m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c,
            u"INSERT INTO fleet_engines (engine_id, host, pid, version, started_ms, "
            u"heartbeat_ms, stopped_ms, listen) VALUES (?, ?, ?, ?, ?, ?, 0, ?) "
            u"ON CONFLICT (engine_id) DO UPDATE SET host = excluded.host, pid = excluded.pid, "
            u"version = excluded.version, started_ms = excluded.started_ms, "
            u"heartbeat_ms = excluded.heartbeat_ms, stopped_ms = 0, listen = excluded.listen"_s,
            {self.engineId, text(self.host), self.pid, text(self.version), self.startedMs,
             heartbeat, text(self.listen)});
        return q ? Status::success() : Status(q.error());
    });
}

Status FleetRegistry::heartbeat(const QString& engineId, qint64 nowMs) {
    return m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c, u"UPDATE fleet_engines SET heartbeat_ms = ? WHERE engine_id = ?"_s,
            {nowMs, engineId});
        if (!q)
            return q.error();
        if (q->numRowsAffected() != 1)
            return Error::invalid(u"engine %1 has not announced itself"_s.arg(engineId));
        return Status::success();
    });
}

Status FleetRegistry::markStopped(const QString& engineId, qint64 nowMs) {
    return m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c, u"UPDATE fleet_engines SET stopped_ms = ?, heartbeat_ms = ? WHERE engine_id = ?"_s,
            {nowMs, nowMs, engineId});
        return q ? Status::success() : Status(q.error());
    });
}

Result<QList<EngineInfo>> FleetRegistry::engines() {
    auto q = m_db->exec(u"SELECT engine_id, host, version, listen, pid, started_ms, heartbeat_ms, "
                        u"stopped_ms FROM fleet_engines ORDER BY engine_id"_s);
    if (!q)
        return q.error();
    QList<EngineInfo> out;
    while (q->next()) {
        EngineInfo e;
        e.engineId = q->value(0).toString();
        e.host = q->value(1).toString();
        e.version = q->value(2).toString();
        e.listen = q->value(3).toString();
        e.pid = q->value(4).toLongLong();
        e.startedMs = q->value(5).toLongLong();
        e.heartbeatMs = q->value(6).toLongLong();
        e.stoppedMs = q->value(7).toLongLong();
        out.push_back(e);
    }
    return out;
}

} // namespace bk::fleet
