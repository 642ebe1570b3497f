#include "Outbox.h"

#include <limits>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::http {

namespace {

QString attemptsJson(const QList<Attempt>& attempts) {
    QJsonArray a;
    for (const Attempt& at : attempts)
        a.append(at.toJson());
    return QString::fromUtf8(QJsonDocument(a).toJson(QJsonDocument::Compact));
}

} // namespace

Outbox::Outbox(std::shared_ptr<store::Database> db, QString owner)
    : m_db(std::move(db))
    , m_owner(std::move(owner)) {}

Result<qint64> Outbox::add(const Request& request, qint64 nowMs, qint64 leaseUntilMs) {
    qint64 id = 0;
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        auto q = store::Database::run(
            db,
            u"INSERT INTO http_outbox (connector, request, attempts, owner, lease_until, "
            u"created_ms) VALUES (?, ?, '[]', ?, ?, ?)"_s,
            {request.connectorId,
             QString::fromUtf8(QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact)),
             m_owner, leaseUntilMs, nowMs});
        if (!q)
            return q.error();
        id = q->lastInsertId().toLongLong();
        return Status::success();
    });
    if (!st)
        return st.error();
    return id;
}

Status Outbox::update(qint64 id, const QList<Attempt>& attempts, qint64 firstAttemptMs,
                      qint64 nextAttemptMs, qint64 leaseUntilMs) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto q = store::Database::run(
            db,
            u"UPDATE http_outbox SET attempts = ?, first_attempt_ms = ?, next_attempt_ms = ?, "
            u"lease_until = ?, owner = ? WHERE id = ?"_s,
            {attemptsJson(attempts), firstAttemptMs, nextAttemptMs, leaseUntilMs, m_owner, id});
        if (!q)
            return q.error();
        return Status::success();
    });
}

Status Outbox::remove(qint64 id) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto q = store::Database::run(db, u"DELETE FROM http_outbox WHERE id = ?"_s, {id});
        if (!q)
            return q.error();
        return Status::success();
    });
}

Result<QList<Outbox::Entry>> Outbox::claimStale(const QString& connector, qint64 nowMs,
                                                qint64 leaseUntilMs, bool includeLeased,
                                                bool includeOwn, const QSet<qint64>& skip) {
    QList<Entry> out;
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        out.clear();
        // Uses http_outbox_lease (connector, lease_until) for the stale part.
        const QString own = includeOwn ? u" OR owner = ?"_s : QString();
        QVariantList binds{connector, m_owner,
                           includeLeased ? std::numeric_limits<qint64>::max() : nowMs};
        if (includeOwn)
            binds << m_owner;
        auto q = store::Database::run(
            db,
            u"SELECT id, request, attempts, first_attempt_ms, next_attempt_ms, owner, "
            u"lease_until FROM http_outbox WHERE connector = ? AND ((owner <> ? AND "
            u"lease_until < ?)"_s +
                own + u") ORDER BY id"_s,
            binds);
        if (!q)
            return q.error();
        QList<Entry> candidates;
        QList<QPair<QString, qint64>> seen; // owner and lease as read, per candidate
        while (q->next()) {
            Entry e;
            e.id = q->value(0).toLongLong();
            if (skip.contains(e.id))
                continue;
            e.request = Request::fromJson(
                QJsonDocument::fromJson(q->value(1).toString().toUtf8()).object());
            for (const auto& v : QJsonDocument::fromJson(q->value(2).toString().toUtf8()).array())
                e.attempts.append(Attempt::fromJson(v.toObject()));
            e.firstAttemptMs = q->value(3).toLongLong();
            e.nextAttemptMs = q->value(4).toLongLong();
            candidates.append(e);
            seen.append({q->value(5).toString(), q->value(6).toLongLong()});
        }
        for (int i = 0; i < candidates.size(); ++i) {
            // Taken only if nobody took it since we read it: on PostgreSQL a concurrent
            // claimer's UPDATE waits for ours and then finds the owner changed (0 rows).
            auto u = store::Database::run(
                db,
                u"UPDATE http_outbox SET owner = ?, lease_until = ? WHERE id = ? AND owner = ? "
                u"AND lease_until = ?"_s,
                {m_owner, leaseUntilMs, candidates[i].id, seen[i].first, seen[i].second});
            if (!u)
                return u.error();
            if (u->numRowsAffected() == 1)
                out.append(candidates[i]);
        }
        return Status::success();
    });
    if (!st)
        return st.error();
    return out;
}

Result<int> Outbox::renew(const QList<qint64>& ids, qint64 beforeMs, qint64 leaseUntilMs) {
    if (ids.isEmpty())
        return 0;
    int renewed = 0;
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        renewed = 0;
        constexpr int kChunk = 500;
        for (qsizetype at = 0; at < ids.size(); at += kChunk) {
            QStringList list;
            for (qsizetype i = at; i < std::min<qsizetype>(ids.size(), at + kChunk); ++i)
                list << QString::number(ids[i]);
            auto q = store::Database::run(
                db,
                u"UPDATE http_outbox SET lease_until = ? WHERE owner = ? AND lease_until < ? AND "
                u"id IN ("_s +
                    list.join(u',') + u")"_s,
                {leaseUntilMs, m_owner, beforeMs});
            if (!q)
                return q.error();
            renewed += q->numRowsAffected();
        }
        return Status::success();
    });
    if (!st)
        return st.error();
    return renewed;
}

Result<int> Outbox::count(const QString& connector) {
    auto q = m_db->exec(u"SELECT COUNT(*) FROM http_outbox WHERE connector = ?"_s, {connector});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

} // namespace bk::http
