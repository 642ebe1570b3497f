#include "FleetChannel.h"

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::fleet {

namespace {

/// PostgreSQL's NOT NULL text columns refuse a null QString; SQLite would store NULL.
QString text(const QString& s) {
    return s.isNull() ? u""_s : s;
}

const QString kCommandColumns =
    u"id, kind, flow_id, source_id, issued_by, issued_ms, claimed_by, claimed_ms, finished_ms, "
    u"outcome, detail, message"_s;

FleetCommand commandOf(const QSqlQuery& q) {
    FleetCommand c;
    c.id = q.value(0).toLongLong();
    c.kind = q.value(1).toString();
    c.flowId = q.value(2).toString();
    c.sourceId = q.value(3).toString();
    c.issuedBy = q.value(4).toString();
    c.issuedMs = q.value(5).toLongLong();
    c.claimedBy = q.value(6).toString();
    c.claimedMs = q.value(7).toLongLong();
    c.finishedMs = q.value(8).toLongLong();
    c.outcome = q.value(9).toString();
    c.detail = q.value(10).toString();
    c.message = q.value(11).toString();
    return c;
}

Result<std::optional<ConnectorControl>> readControl(QSqlDatabase& c, const QString& connectorId) {
    auto q = store::Database::run(c,
                                  u"SELECT connector_id, paused, breaker_override, updated_ms, "
                                  u"updated_by FROM fleet_controls WHERE connector_id = ?"_s,
                                  {connectorId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ConnectorControl>();
    return std::optional<ConnectorControl>(
        ConnectorControl{q->value(0).toString(), q->value(1).toInt() != 0, q->value(2).toString(),
                         q->value(3).toLongLong(), q->value(4).toString()});
}

} // namespace

QString FleetCommand::state() const {
    if (finishedMs > 0)
        return outcome == u"ok"_s ? u"done"_s : u"failed"_s;
    return claimedBy.isEmpty() ? u"waiting"_s : u"claimed"_s;
}

FleetChannel::FleetChannel(std::shared_ptr<store::Database> db)
    : m_db(std::move(db)) {}

Status FleetChannel::writeControl(const QString& connectorId, const QString& by, qint64 nowMs,
                                  const std::function<void(ConnectorControl&)>& change,
                                  const AlsoInTransaction& also) {
    return m_db->write([&](QSqlDatabase& c) -> Status {
        auto current = readControl(c, connectorId);
        if (!current)
            return current.error();
        const ConnectorControl before = current->value_or(ConnectorControl{connectorId});
        ConnectorControl after = before;
        change(after);
        after.updatedMs = nowMs;
        after.updatedBy = by;
        auto q = store::Database::run(
            c,
            u"INSERT INTO fleet_controls (connector_id, paused, breaker_override, updated_ms, "
            u"updated_by) VALUES (?, ?, ?, ?, ?) ON CONFLICT (connector_id) DO UPDATE SET "
            u"paused = excluded.paused, breaker_override = excluded.breaker_override, "
            u"updated_ms = excluded.updated_ms, updated_by = excluded.updated_by"_s,
            {connectorId, after.paused ? 1 : 0, text(after.breakerOverride), nowMs, text(by)});
        if (!q)
            return q.error();
        return also ? also(c, before, after) : Status::success();
    });
}

Status FleetChannel::setPaused(const QString& connectorId, bool paused, const QString& by,
                               qint64 nowMs, const AlsoInTransaction& also) {
    return writeControl(
        connectorId, by, nowMs, [paused](ConnectorControl& c) { c.paused = paused; }, also);
}

Status FleetChannel::setBreakerOverride(const QString& connectorId, const QString& override,
                                        const QString& by, qint64 nowMs,
                                        const AlsoInTransaction& also) {
    if (!override.isEmpty() && override != u"open"_s && override != u"closed"_s)
        return Error::usage(
            u"breaker override must be \"open\", \"closed\" or empty, not \"%1\""_s.arg(override));
    return writeControl(
        connectorId, by, nowMs, [&override](ConnectorControl& c) { c.breakerOverride = override; },
        also);
}

Result<QList<ConnectorControl>> FleetChannel::controls() {
    auto q = m_db->exec(u"SELECT connector_id, paused, breaker_override, updated_ms, updated_by "
                        u"FROM fleet_controls ORDER BY connector_id"_s);
    if (!q)
        return q.error();
    QList<ConnectorControl> out;
    while (q->next())
        out.push_back({q->value(0).toString(), q->value(1).toInt() != 0, q->value(2).toString(),
                       q->value(3).toLongLong(), q->value(4).toString()});
    return out;
}

Result<qint64> FleetChannel::issue(const QString& kind, const QString& flowId,
                                   const QString& sourceId, const QString& by, qint64 nowMs) {
    if (kind != kRun && kind != kReconcile && kind != kResync)
        return Error::usage(u"unknown fleet command \"%1\""_s.arg(kind));
    qint64 id = 0;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        auto ins = store::Database::run(
            c,
            u"INSERT INTO fleet_commands (kind, flow_id, source_id, issued_by, issued_ms) "
            u"VALUES (?, ?, ?, ?, ?)"_s,
            {kind, text(flowId), text(sourceId), text(by), nowMs});
        if (!ins)
            return ins.error();
        id = ins->lastInsertId().toLongLong();
        if (id == 0) { // drivers without lastInsertId: this issuer's newest row
            auto q = store::Database::run(
                c, u"SELECT max(id) FROM fleet_commands WHERE issued_by = ?"_s, {text(by)});
            if (!q)
                return q.error();
            if (q->next())
                id = q->value(0).toLongLong();
        }
        return Status::success();
    });
    if (!st)
        return st.error();
    return id;
}

Result<std::optional<FleetCommand>>
FleetChannel::claimNext(const QString& engineId, const QStringList& flowIds, qint64 nowMs) {
    if (flowIds.isEmpty())
        return std::optional<FleetCommand>();
    QStringList marks;
    QVariantList binds;
    for (const QString& f : flowIds) {
        marks << u"?"_s;
        binds << f;
    }
    binds << engineId << nowMs;
    // SQLite has no row locks (its write transaction already excludes other writers) and no
    // SKIP LOCKED; PostgreSQL lets concurrent claimers pass over a row another one is taking.
    const QString lock = m_db->dialect().isSqlite() ? QString() : u" FOR UPDATE SKIP LOCKED"_s;
    const QString select =
        u"SELECT id FROM fleet_commands WHERE claimed_by = '' AND finished_ms = 0 AND flow_id IN "
        u"(%1) AND NOT EXISTS (SELECT 1 FROM fleet_leases WHERE fleet_leases.resource = "
        u"'flow:' || fleet_commands.flow_id AND fleet_leases.holder <> ? AND "
        u"fleet_leases.expires_ms > ?) ORDER BY id LIMIT 1"_s.arg(marks.join(u", "_s)) +
        lock;
    std::optional<FleetCommand> claimed;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        claimed.reset();
        auto q = store::Database::run(c, select, binds);
        if (!q)
            return q.error();
        if (!q->next())
            return Status::success();
        const qint64 id = q->value(0).toLongLong();
        auto up = store::Database::run(c,
                                       u"UPDATE fleet_commands SET claimed_by = ?, claimed_ms = ? "
                                       u"WHERE id = ? AND claimed_by = '' AND finished_ms = 0"_s,
                                       {engineId, nowMs, id});
        if (!up)
            return up.error();
        if (up->numRowsAffected() != 1)
            return Status::success();
        auto row = store::Database::run(
            c, u"SELECT %1 FROM fleet_commands WHERE id = ?"_s.arg(kCommandColumns), {id});
        if (!row)
            return row.error();
        if (row->next())
            claimed = commandOf(*row);
        return Status::success();
    });
    if (!st)
        return st.error();
    return claimed;
}

Result<bool> FleetChannel::finish(qint64 id, const QString& engineId, bool ok,
                                  const QString& detail, const QString& message, qint64 nowMs) {
    bool done = false;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c,
            u"UPDATE fleet_commands SET finished_ms = ?, outcome = ?, detail = ?, message = ? "
            u"WHERE id = ? AND claimed_by = ? AND finished_ms = 0"_s,
            {std::max<qint64>(1, nowMs), ok ? u"ok"_s : u"failed"_s, text(detail), text(message),
             id, engineId});
        if (!q)
            return q.error();
        done = q->numRowsAffected() == 1;
        return Status::success();
    });
    if (!st)
        return st.error();
    return done;
}

Result<int> FleetChannel::expire(qint64 nowMs, qint64 unclaimedMs, qint64 silentAfterMs) {
    int n = 0;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        n = 0;
        auto waiting = store::Database::run(
            c,
            u"UPDATE fleet_commands SET finished_ms = ?, outcome = 'failed', detail = 'failed', "
            u"message = ? WHERE claimed_by = '' AND finished_ms = 0 AND issued_ms <= ?"_s,
            {nowMs,
             u"no engine took this command within %1 s: no running engine has this flow enabled, "
             u"or the engine holding its lease did not answer"_s.arg(unclaimedMs / 1000),
             nowMs - unclaimedMs});
        if (!waiting)
            return waiting.error();
        n += waiting->numRowsAffected();
        auto orphaned = store::Database::run(
            c,
            u"UPDATE fleet_commands SET finished_ms = ?, outcome = 'failed', detail = 'failed', "
            u"message = 'the engine ' || claimed_by || ' stopped before finishing this command' "
            u"WHERE claimed_by <> '' AND finished_ms = 0 AND claimed_by IN (SELECT engine_id "
            u"FROM fleet_engines WHERE stopped_ms > 0 OR heartbeat_ms < ?)"_s,
            {nowMs, nowMs - silentAfterMs});
        if (!orphaned)
            return orphaned.error();
        n += orphaned->numRowsAffected();
        return Status::success();
    });
    if (!st)
        return st.error();
    return n;
}

Result<std::optional<FleetCommand>> FleetChannel::command(qint64 id) {
    auto q = m_db->exec(u"SELECT %1 FROM fleet_commands WHERE id = ?"_s.arg(kCommandColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<FleetCommand>();
    return std::optional<FleetCommand>(commandOf(*q));
}

Result<QList<FleetCommand>> FleetChannel::recent(int limit) {
    auto q =
        m_db->exec(u"SELECT %1 FROM fleet_commands ORDER BY id DESC LIMIT %2"_s.arg(kCommandColumns)
                       .arg(limit));
    if (!q)
        return q.error();
    QList<FleetCommand> out;
    while (q->next())
        out.push_back(commandOf(*q));
    return out;
}

Result<int> FleetChannel::prune(qint64 beforeMs) {
    int n = 0;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c, u"DELETE FROM fleet_commands WHERE finished_ms > 0 AND finished_ms < ?"_s,
            {beforeMs});
        if (!q)
            return q.error();
        n = q->numRowsAffected();
        return Status::success();
    });
    if (!st)
        return st.error();
    return n;
}

} // namespace bk::fleet
