#include "ReplayJobs.h"

#include "AuditLog.h"

#include <QJsonArray>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::deadletters {

QString jobStateName(JobState s) {
    switch (s) {
    case JobState::Running:
        return u"running"_s;
    case JobState::Paused:
        return u"paused"_s;
    case JobState::Cancelled:
        return u"cancelled"_s;
    case JobState::Finished:
        return u"finished"_s;
    }
    return {};
}

JobState jobStateFromName(const QString& name) {
    for (JobState s :
         {JobState::Running, JobState::Paused, JobState::Cancelled, JobState::Finished})
        if (jobStateName(s) == name)
            return s;
    return JobState::Running;
}

QString itemStateName(ItemState s) {
    switch (s) {
    case ItemState::Pending:
        return u"pending"_s;
    case ItemState::Sent:
        return u"sent"_s;
    case ItemState::Resolved:
        return u"resolved"_s;
    case ItemState::Failed:
        return u"failed"_s;
    case ItemState::Skipped:
        return u"skipped"_s;
    }
    return {};
}

ItemState itemStateFromName(const QString& name) {
    for (ItemState s : {ItemState::Pending, ItemState::Sent, ItemState::Resolved, ItemState::Failed,
                        ItemState::Skipped})
        if (itemStateName(s) == name)
            return s;
    return ItemState::Pending;
}

ReplayJobStore::ReplayJobStore(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock)
    : m_db(std::move(db))
    , m_clock(std::move(clock)) {}

Result<ReplayJob> ReplayJobStore::load(QSqlDatabase& db, qint64 id) {
    auto q =
        store::Database::run(db,
                             u"SELECT id, connector, user_name, state, pause_reason, total, "
                             u"created_ms, updated_ms FROM deadletters_replay_jobs WHERE id = ?"_s,
                             {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error::usage(u"no replay job with id %1"_s.arg(id));
    ReplayJob j;
    j.id = q->value(0).toLongLong();
    j.connectorId = q->value(1).toString();
    j.user = q->value(2).toString();
    j.state = jobStateFromName(q->value(3).toString());
    j.pauseReason = q->value(4).toString();
    j.total = q->value(5).toInt();
    j.createdMs = q->value(6).toLongLong();
    j.updatedMs = q->value(7).toLongLong();
    auto c = store::Database::run(
        db,
        u"SELECT state, COUNT(*) FROM deadletters_replay_items WHERE job_id = ? GROUP BY state"_s,
        {id});
    if (!c)
        return c.error();
    while (c->next()) {
        const int n = c->value(1).toInt();
        switch (itemStateFromName(c->value(0).toString())) {
        case ItemState::Pending:
            j.pending = n;
            break;
        case ItemState::Sent:
            j.sent = n;
            break;
        case ItemState::Resolved:
            j.resolved = n;
            break;
        case ItemState::Failed:
            j.failed = n;
            break;
        case ItemState::Skipped:
            j.skipped = n;
            break;
        }
    }
    return j;
}

Result<QList<qint64>> ReplayJobStore::create(const QList<qint64>& letterIds, const QString& user) {
    QList<qint64> created;
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        created.clear();
        const qint64 now = m_clock->nowMs();
        // Group by connector, keeping the operator's order within each group.
        QStringList order;
        QHash<QString, QList<qint64>> byConnector;
        for (qint64 id : letterIds) {
            auto q = store::Database::run(
                db, u"SELECT connector, state FROM deadletters_letters WHERE id = ?"_s, {id});
            if (!q)
                return q.error();
            if (!q->next() || q->value(1).toString() != u"new"_s)
                continue;
            const QString connector = q->value(0).toString();
            if (!byConnector.contains(connector))
                order << connector;
            if (!byConnector[connector].contains(id))
                byConnector[connector].append(id);
        }
        for (const QString& connector : std::as_const(order)) {
            const QList<qint64>& ids = byConnector[connector];
            auto ins = store::Database::run(
                db,
                u"INSERT INTO deadletters_replay_jobs (connector, user_name, state, total, "
                u"created_ms, updated_ms) VALUES (?, ?, 'running', ?, ?, ?)"_s,
                {connector, user.isNull() ? QString(u""_s) : user, int(ids.size()), now, now});
            if (!ins)
                return ins.error();
            qint64 jobId = ins->lastInsertId().toLongLong();
            if (jobId == 0) { // drivers without lastInsertId: the newest row of this transaction
                auto q = store::Database::run(db, u"SELECT MAX(id) FROM deadletters_replay_jobs"_s);
                if (!q)
                    return q.error();
                if (q->next())
                    jobId = q->value(0).toLongLong();
            }
            QJsonArray audited;
            for (int seq = 0; seq < ids.size(); ++seq) {
                auto item = store::Database::run(
                    db,
                    u"INSERT INTO deadletters_replay_items (job_id, seq, letter_id, state, "
                    u"updated_ms) VALUES (?, ?, ?, 'pending', ?)"_s,
                    {jobId, seq, ids[seq], now});
                if (!item)
                    return item.error();
                audited.append(ids[seq]);
            }
            if (Status a =
                    AuditLog::append(db, now, user, u"bulk-replay"_s, u"replay job %1"_s.arg(jobId),
                                     {}, {{u"connector"_s, connector}, {u"ids"_s, audited}});
                !a)
                return a;
            created.append(jobId);
        }
        return Status::success();
    });
    if (!st)
        return st.error();
    return created;
}

Result<ReplayJob> ReplayJobStore::job(qint64 id) {
    auto conn = m_db->connection();
    if (!conn)
        return conn.error();
    return load(*conn, id);
}

Result<QList<ReplayJob>> ReplayJobStore::jobs(const QString& connector, bool openOnly, int limit) {
    QStringList conds;
    QVariantList binds;
    if (!connector.isEmpty()) {
        conds << u"connector = ?"_s;
        binds << connector;
    }
    if (openOnly)
        conds << u"state IN ('running', 'paused')"_s;
    binds << limit;
    auto conn = m_db->connection();
    if (!conn)
        return conn.error();
    auto q = store::Database::run(
        *conn,
        u"SELECT id FROM deadletters_replay_jobs%1 ORDER BY id DESC LIMIT ?"_s.arg(
            conds.isEmpty() ? QString() : u" WHERE "_s + conds.join(u" AND "_s)),
        binds);
    if (!q)
        return q.error();
    QList<qint64> ids;
    while (q->next())
        ids << q->value(0).toLongLong();
    QList<ReplayJob> out;
    for (qint64 id : ids) {
        auto j = load(*conn, id);
        if (!j)
            return j.error();
        out << *j;
    }
    return out;
}

Result<QList<ReplayItem>> ReplayJobStore::items(qint64 jobId, ItemState state, int limit) {
    auto q = m_db->exec(u"SELECT seq, letter_id, detail FROM deadletters_replay_items WHERE "
                        u"job_id = ? AND state = ? ORDER BY seq LIMIT ?"_s,
                        {jobId, itemStateName(state), limit});
    if (!q)
        return q.error();
    QList<ReplayItem> out;
    while (q->next()) {
        ReplayItem i;
        i.jobId = jobId;
        i.seq = q->value(0).toInt();
        i.letterId = q->value(1).toLongLong();
        i.state = state;
        i.detail = q->value(2).toString();
        out << i;
    }
    return out;
}

Status ReplayJobStore::setItem(qint64 jobId, int seq, ItemState state, const QString& detail) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        const qint64 now = m_clock->nowMs();
        auto u = store::Database::run(
            db,
            u"UPDATE deadletters_replay_items SET state = ?, detail = ?, "
            u"updated_ms = ? WHERE job_id = ? AND seq = ?"_s,
            {itemStateName(state), detail.isNull() ? QString(u""_s) : detail, now, jobId, seq});
        if (!u)
            return u.error();
        auto j = store::Database::run(
            db, u"UPDATE deadletters_replay_jobs SET updated_ms = ? WHERE id = ?"_s, {now, jobId});
        return j ? Status::success() : Status(j.error());
    });
}

Status ReplayJobStore::setState(qint64 jobId, JobState state, const QString& pauseReason) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto u = store::Database::run(
            db,
            u"UPDATE deadletters_replay_jobs SET state = ?, pause_reason = ?, updated_ms = ? "
            u"WHERE id = ?"_s,
            {jobStateName(state), pauseReason.isNull() ? QString(u""_s) : pauseReason,
             m_clock->nowMs(), jobId});
        return u ? Status::success() : Status(u.error());
    });
}

Status ReplayJobStore::cancel(qint64 jobId, const QString& user) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto before = load(db, jobId);
        if (!before)
            return before.error();
        if (!before->isOpen())
            return Error::invalid(
                u"replay job %1 is already %2"_s.arg(jobId).arg(jobStateName(before->state)));
        const qint64 now = m_clock->nowMs();
        auto items = store::Database::run(
            db,
            u"UPDATE deadletters_replay_items SET state = 'skipped', detail = 'cancelled', "
            u"updated_ms = ? WHERE job_id = ? AND state = 'pending'"_s,
            {now, jobId});
        if (!items)
            return items.error();
        auto u = store::Database::run(
            db,
            u"UPDATE deadletters_replay_jobs SET state = 'cancelled', pause_reason = '', "
            u"updated_ms = ? WHERE id = ?"_s,
            {now, jobId});
        if (!u)
            return u.error();
        return AuditLog::append(
            db, now, user, u"bulk-replay-cancelled"_s, u"replay job %1"_s.arg(jobId),
            {{u"state"_s, jobStateName(before->state)}, {u"done"_s, before->done()}},
            {{u"state"_s, u"cancelled"_s}, {u"skipped"_s, before->pending}});
    });
}

} // namespace bk::deadletters
