#include "FlowRunLog.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::fleet {

FlowRunLog::FlowRunLog(std::shared_ptr<store::Database> db)
    : m_db(std::move(db)) {}

Status FlowRunLog::started(const QString& flowId, const QString& engineId, qint64 nowMs) {
    return m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c,
            u"INSERT INTO fleet_flow_runs (flow_id, engine_id, started_ms) VALUES (?, ?, ?) "
            u"ON CONFLICT (flow_id) DO UPDATE SET engine_id = excluded.engine_id, "
            u"started_ms = excluded.started_ms"_s,
            {flowId, engineId, nowMs});
        return q ? Status::success() : Status(q.error());
    });
}

Status FlowRunLog::finished(const QString& flowId, const QString& engineId, qint64 nowMs, bool ok) {
    return m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c,
            u"INSERT INTO fleet_flow_runs (flow_id, engine_id, started_ms, finished_ms, ok) "
            u"VALUES (?, ?, ?, ?, ?) ON CONFLICT (flow_id) DO UPDATE SET engine_id = "
            u"excluded.engine_id, finished_ms = excluded.finished_ms, ok = excluded.ok"_s,
            {flowId, engineId, nowMs, nowMs, ok ? 1 : 0});
        return q ? Status::success() : Status(q.error());
    });
}

Result<std::optional<FlowRunRecord>> FlowRunLog::last(const QString& flowId) {
    auto q = m_db->exec(u"SELECT engine_id, started_ms, finished_ms, ok FROM fleet_flow_runs "
                        u"WHERE flow_id = ?"_s,
                        {flowId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<FlowRunRecord>();
    FlowRunRecord r;
    r.flowId = flowId;
    r.engineId = q->value(0).toString();
    r.startedMs = q->value(1).toLongLong();
    r.finishedMs = q->value(2).toLongLong();
    r.ok = q->value(3).toInt() != 0;
    return std::optional<FlowRunRecord>(r);
}

} // namespace bk::fleet
