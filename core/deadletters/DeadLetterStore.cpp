#include "DeadLetterStore.h"

#include "LogCategories.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace bk::deadletters {

namespace {

const QString kRetentionKey = u"deadletters.retention_ms"_s;
const QString kColumns =
    u"id, source_key, connector, flow, record_ids, request_json, body, attempts, class, status, "
    u"reason, state, state_reason, idempotency_key, replays, created_ms, updated_ms, replay_target"_s;

QString compact(const QJsonValue& v) {
    return QString::fromUtf8(v.isArray()
                                 ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

// QtSql binds a null QString as NULL; the columns are NOT NULL text.
QString text(const QString& s) {
    return s.isNull() ? QString(u""_s) : s;
}

QJsonArray attemptsJson(const QList<http::Attempt>& attempts) {
    QJsonArray a;
    for (const auto& at : attempts)
        a.append(at.toJson());
    return a;
}

DeadLetter fromRow(const QSqlQuery& q) {
    DeadLetter d;
    d.id = q.value(0).toLongLong();
    d.sourceKey = q.value(1).toString();
    d.connectorId = q.value(2).toString();
    d.flowId = q.value(3).toString();
    for (const auto& v : QJsonDocument::fromJson(q.value(4).toString().toUtf8()).array())
        d.recordIds.append(v.toString());
    d.request =
        http::Request::fromJson(QJsonDocument::fromJson(q.value(5).toString().toUtf8()).object());
    d.request.body = q.value(6).toString().toUtf8();
    for (const auto& v : QJsonDocument::fromJson(q.value(7).toString().toUtf8()).array())
        d.attempts.append(http::Attempt::fromJson(v.toObject()));
    d.cls = http::outcomeClassFromName(q.value(8).toString());
    d.status = q.value(9).toInt();
    d.reason = q.value(10).toString();
    d.state = stateFromName(q.value(11).toString());
    d.stateReason = q.value(12).toString();
    d.idempotencyKey = q.value(13).toString();
    d.replays = q.value(14).toInt();
    d.createdMs = q.value(15).toLongLong();
    d.updatedMs = q.value(16).toLongLong();
    d.replayTarget = q.value(17).toString();
    return d;
}

// "to flow f2: " when the last replay went elsewhere, so the table says where it landed.
QString replayVia(const DeadLetter& d) {
    return d.replayTarget.isEmpty() ? QString() : u"to "_s + d.replayTarget + u": "_s;
}

QJsonObject stateJson(const DeadLetter& d) {
    return {{u"state"_s, stateName(d.state)},
            {u"stateReason"_s, d.stateReason},
            {u"idempotencyKey"_s, d.idempotencyKey},
            {u"replays"_s, d.replays}};
}

// WHERE clause and binds for a filter; every column used has an index (text is a scan).
QString whereFor(const Filter& f, QVariantList* binds) {
    QStringList conds;
    auto add = [&](const QString& cond, const QVariant& v) {
        conds.append(cond);
        binds->append(v);
    };
    if (!f.connectorId.isEmpty())
        add(u"connector = ?"_s, f.connectorId);
    if (!f.flowId.isEmpty())
        add(u"flow = ?"_s, f.flowId);
    if (!f.cls.isEmpty())
        add(u"class = ?"_s, f.cls);
    if (!f.state.isEmpty())
        add(u"state = ?"_s, f.state);
    if (f.fromMs > 0)
        add(u"created_ms >= ?"_s, f.fromMs);
    if (f.toMs > 0)
        add(u"created_ms < ?"_s, f.toMs);
    if (!f.text.isEmpty())
        add(u"search LIKE ?"_s, QString(u'%' + f.text.toLower() + u'%'));
    if (f.beforeId > 0)
        add(u"id < ?"_s, f.beforeId);
    return conds.isEmpty() ? QString() : u" WHERE "_s + conds.join(u" AND "_s);
}

} // namespace

QString stateName(State s) {
    switch (s) {
    case State::New:
        return u"new"_s;
    case State::Replaying:
        return u"replaying"_s;
    case State::Resolved:
        return u"resolved"_s;
    case State::Discarded:
        return u"discarded"_s;
    }
    return {};
}

State stateFromName(const QString& name) {
    for (State s : {State::New, State::Replaying, State::Resolved, State::Discarded})
        if (stateName(s) == name)
            return s;
    return State::New;
}

QJsonObject DeadLetter::toJson() const {
    QJsonObject req = request.toJson();
    return {{u"id"_s, id},
            {u"sourceKey"_s, sourceKey},
            {u"connector"_s, connectorId},
            {u"flow"_s, flowId},
            {u"recordIds"_s, QJsonArray::fromStringList(recordIds)},
            {u"request"_s, req},
            {u"attempts"_s, attemptsJson(attempts)},
            {u"class"_s, http::outcomeClassName(cls)},
            {u"status"_s, status},
            {u"reason"_s, reason},
            {u"state"_s, stateName(state)},
            {u"stateReason"_s, stateReason},
            {u"idempotencyKey"_s, idempotencyKey},
            {u"replays"_s, replays},
            {u"createdMs"_s, createdMs},
            {u"updatedMs"_s, updatedMs},
            {u"replayTarget"_s, replayTarget}};
}

store::MigrationSet deadlettersMigrations() {
    store::MigrationSet set;
    set.module = u"deadletters"_s;
    set.steps.push_back(
        {1,
         u"dead letters and audit log"_s,
         {
             u"CREATE TABLE deadletters_letters (id {{pk}}, source_key {{text}} NOT NULL UNIQUE, "
             u"connector {{text}} NOT NULL, flow {{text}} NOT NULL, record_ids {{text}} NOT NULL, "
             u"request_json {{text}} NOT NULL, body {{text}} NOT NULL, attempts {{text}} NOT NULL, "
             u"class {{text}} NOT NULL, status {{bigint}} NOT NULL, reason {{text}} NOT NULL, "
             u"state {{text}} NOT NULL, state_reason {{text}} NOT NULL DEFAULT '', "
             u"idempotency_key {{text}} NOT NULL DEFAULT '', replays {{bigint}} NOT NULL DEFAULT "
             u"0, "
             u"created_ms {{bigint}} NOT NULL, updated_ms {{bigint}} NOT NULL, "
             u"search {{text}} NOT NULL)"_s,
             u"CREATE INDEX deadletters_state ON deadletters_letters (state, id)"_s,
             u"CREATE INDEX deadletters_connector ON deadletters_letters (connector, id)"_s,
             u"CREATE INDEX deadletters_flow ON deadletters_letters (flow, id)"_s,
             u"CREATE INDEX deadletters_class ON deadletters_letters (class, id)"_s,
             u"CREATE INDEX deadletters_created ON deadletters_letters (created_ms)"_s,
             u"CREATE TABLE deadletters_audit (seq {{bigint}} PRIMARY KEY, time_ms {{bigint}} NOT "
             u"NULL, user_name {{text}} NOT NULL, action {{text}} NOT NULL, target {{text}} NOT "
             u"NULL, before_json {{text}} NOT NULL, after_json {{text}} NOT NULL, prev_hash "
             u"{{text}} NOT NULL, hash {{text}} NOT NULL)"_s,
         }});
    set.steps.push_back(
        {2,
         u"replay targets and persisted bulk replay jobs"_s,
         {
             u"ALTER TABLE deadletters_letters ADD COLUMN replay_target {{text}} NOT NULL "
             u"DEFAULT ''"_s,
             u"CREATE TABLE deadletters_replay_jobs (id {{pk}}, connector {{text}} NOT NULL, "
             u"user_name {{text}} NOT NULL, state {{text}} NOT NULL, pause_reason {{text}} NOT "
             u"NULL DEFAULT '', total {{bigint}} NOT NULL, created_ms {{bigint}} NOT NULL, "
             u"updated_ms {{bigint}} NOT NULL)"_s,
             u"CREATE INDEX deadletters_replay_jobs_state ON deadletters_replay_jobs (connector, "
             u"state)"_s,
             u"CREATE TABLE deadletters_replay_items (job_id {{bigint}} NOT NULL, seq {{bigint}} "
             u"NOT NULL, letter_id {{bigint}} NOT NULL, state {{text}} NOT NULL, detail {{text}} "
             u"NOT NULL DEFAULT '', updated_ms {{bigint}} NOT NULL, PRIMARY KEY (job_id, seq))"_s,
             u"CREATE INDEX deadletters_replay_items_state ON deadletters_replay_items (job_id, "
             u"state, seq)"_s,
         }});
    return set;
}

DeadLetterStore::DeadLetterStore(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock)
    : m_db(db)
    , m_clock(std::move(clock))
    , m_audit(std::move(db)) {}

Result<DeadLetter> DeadLetterStore::load(QSqlDatabase& db, qint64 id) {
    auto q = store::Database::run(
        db, u"SELECT %1 FROM deadletters_letters WHERE id = ?"_s.arg(kColumns), {id});
    if (!q)
        return q.error();
    if (!q->next())
        return Error{ErrorCategory::Usage, u"no dead letter with id %1"_s.arg(id)};
    return fromRow(*q);
}

Result<qint64> DeadLetterStore::deadLetter(const http::Request& request,
                                           const http::Outcome& outcome, const QString& sourceKey) {
    qint64 id = 0;
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        const qint64 now = m_clock->nowMs();
        auto existing = store::Database::run(
            db, u"SELECT id FROM deadletters_letters WHERE source_key = ?"_s, {sourceKey});
        if (!existing)
            return existing.error();
        if (existing->next()) {
            id = existing->value(0).toLongLong();
            auto before = load(db, id);
            if (!before)
                return before.error();
            if (before->state != State::Replaying)
                return Status::success(); // stored already (crash between store and outbox)
            DeadLetter after = *before;
            after.attempts += outcome.attempts;
            auto u = store::Database::run(
                db,
                u"UPDATE deadletters_letters SET attempts = ?, class = ?, status = ?, reason = ?, "
                u"state = 'new', state_reason = ?, updated_ms = ? WHERE id = ?"_s,
                {compact(attemptsJson(after.attempts)), http::outcomeClassName(outcome.cls),
                 outcome.status, text(outcome.reason),
                 QString(replayVia(*before) + u"replay failed: "_s + outcome.reason), now, id});
            if (!u)
                return u.error();
            return AuditLog::append(db, now, u"engine"_s, u"replay-failed"_s,
                                    u"dead-letter %1"_s.arg(id), stateJson(*before),
                                    {{u"state"_s, u"new"_s}, {u"reason"_s, outcome.reason}});
        }
        const QJsonObject req = request.toJson();
        const QString search =
            QStringList{outcome.reason, request.url.toString(), request.recordIds.join(u' '),
                        QString::fromUtf8(request.body.left(4000))}
                .join(u'\n')
                .toLower();
        auto ins = store::Database::run(
            db,
            u"INSERT INTO deadletters_letters (source_key, connector, flow, record_ids, "
            u"request_json, body, attempts, class, status, reason, state, created_ms, updated_ms, "
            u"search) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?)"_s,
            {text(sourceKey), text(request.connectorId), text(request.flowId),
             compact(QJsonArray::fromStringList(request.recordIds)), compact(req),
             text(QString::fromUtf8(request.body)), compact(attemptsJson(outcome.attempts)),
             http::outcomeClassName(outcome.cls), outcome.status, text(outcome.reason), now, now,
             text(search)});
        if (!ins)
            return ins.error();
        id = ins->lastInsertId().toLongLong();
        if (id == 0) { // PostgreSQL drivers without lastInsertId support
            auto q = store::Database::run(
                db, u"SELECT id FROM deadletters_letters WHERE source_key = ?"_s, {sourceKey});
            if (!q)
                return q.error();
            if (q->next())
                id = q->value(0).toLongLong();
        }
        return Status::success();
    });
    if (!st)
        return st.error();
    qCInfo(lcDeadLetters).noquote()
        << "dead letter" << id << "for" << request.connectorId << ":" << outcome.reason;
    return id;
}

Status DeadLetterStore::replaySucceeded(const QString& key, const http::Outcome& outcome) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        const qint64 now = m_clock->nowMs();
        auto q = store::Database::run(
            db, u"SELECT id FROM deadletters_letters WHERE source_key = ?"_s, {key});
        if (!q)
            return q.error();
        if (!q->next()) {
            qCWarning(lcDeadLetters).noquote()
                << "replayed operation" << key << "has no dead letter";
            return Status::success();
        }
        auto before = load(db, q->value(0).toLongLong());
        if (!before)
            return before.error();
        if (before->state == State::Resolved)
            return Status::success();
        DeadLetter after = *before;
        after.attempts += outcome.attempts;
        auto u = store::Database::run(
            db,
            u"UPDATE deadletters_letters SET attempts = ?, state = 'resolved', state_reason = ?, "
            u"updated_ms = ? WHERE id = ?"_s,
            {compact(attemptsJson(after.attempts)),
             QString(replayVia(*before) + u"replayed: HTTP %1"_s.arg(outcome.status)), now,
             before->id});
        if (!u)
            return u.error();
        return AuditLog::append(db, now, u"engine"_s, u"replay-resolved"_s,
                                u"dead-letter %1"_s.arg(before->id), stateJson(*before),
                                {{u"state"_s, u"resolved"_s}, {u"status"_s, outcome.status}});
    });
}

Result<DeadLetter> DeadLetterStore::get(qint64 id) {
    auto conn = m_db->connection();
    if (!conn)
        return conn.error();
    return load(*conn, id);
}

Result<std::optional<DeadLetter>> DeadLetterStore::bySourceKey(const QString& sourceKey) {
    auto q = m_db->exec(u"SELECT %1 FROM deadletters_letters WHERE source_key = ?"_s.arg(kColumns),
                        {sourceKey});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<DeadLetter>();
    return std::optional<DeadLetter>(fromRow(*q));
}

Result<QList<DeadLetter>> DeadLetterStore::list(const Filter& filter, int offset, int limit) {
    QVariantList binds;
    const QString where = whereFor(filter, &binds);
    binds << limit << offset;
    auto q =
        m_db->exec(u"SELECT %1 FROM deadletters_letters%2 ORDER BY id DESC LIMIT ? OFFSET ?"_s.arg(
                       kColumns, where),
                   binds);
    if (!q)
        return q.error();
    QList<DeadLetter> out;
    while (q->next())
        out.append(fromRow(*q));
    return out;
}

Result<qint64> DeadLetterStore::count(const Filter& filter) {
    QVariantList binds;
    const QString where = whereFor(filter, &binds);
    auto q = m_db->exec(u"SELECT COUNT(*) FROM deadletters_letters"_s + where, binds);
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toLongLong() : 0;
}

Result<QHash<QString, qint64>> DeadLetterStore::countByClass(const QString& state) {
    auto q = m_db->exec(
        u"SELECT class, COUNT(*) FROM deadletters_letters WHERE state = ? GROUP BY class"_s,
        {state});
    if (!q)
        return q.error();
    QHash<QString, qint64> out;
    while (q->next())
        out.insert(q->value(0).toString(), q->value(1).toLongLong());
    return out;
}

Status DeadLetterStore::changeState(QSqlDatabase& db, const DeadLetter& before, State to,
                                    const QString& stateReason, const QString& user,
                                    const QString& action, const QJsonObject& extra) {
    const qint64 now = m_clock->nowMs();
    DeadLetter after = before;
    after.state = to;
    after.stateReason = stateReason;
    auto u = store::Database::run(
        db,
        u"UPDATE deadletters_letters SET state = ?, state_reason = ?, updated_ms = ? WHERE id = ?"_s,
        {stateName(to), text(stateReason), now, before.id});
    if (!u)
        return u.error();
    QJsonObject afterJson = stateJson(after);
    for (auto it = extra.begin(); it != extra.end(); ++it)
        afterJson.insert(it.key(), it.value());
    return AuditLog::append(db, now, user, action, u"dead-letter %1"_s.arg(before.id),
                            stateJson(before), afterJson);
}

Status DeadLetterStore::editBody(qint64 id, const QByteArray& body, const QString& user) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto before = load(db, id);
        if (!before)
            return before.error();
        if (before->state == State::Resolved || before->state == State::Discarded)
            return Error::invalid(u"dead letter %1 is %2: it can no longer be edited"_s.arg(id).arg(
                stateName(before->state)));
        const qint64 now = m_clock->nowMs();
        auto u = store::Database::run(
            db, u"UPDATE deadletters_letters SET body = ?, updated_ms = ? WHERE id = ?"_s,
            {text(QString::fromUtf8(body)), now, id});
        if (!u)
            return u.error();
        return AuditLog::append(db, now, user, u"edit"_s, u"dead-letter %1"_s.arg(id),
                                {{u"body"_s, QString::fromUtf8(before->request.body)}},
                                {{u"body"_s, QString::fromUtf8(body)}});
    });
}

Result<http::Request> DeadLetterStore::beginReplay(qint64 id, const QString& user,
                                                   const QString& targetConnector,
                                                   const QUrl& targetUrl) {
    ReplayRedirect to;
    to.connectorId = targetConnector;
    to.url = targetUrl;
    return beginReplay(id, user, to);
}

Result<http::Request> DeadLetterStore::beginReplay(qint64 id, const QString& user,
                                                   const ReplayRedirect& to) {
    http::Request request;
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        auto before = load(db, id);
        if (!before)
            return before.error();
        if (before->state == State::Resolved || before->state == State::Discarded)
            return Error::invalid(
                u"dead letter %1 is %2: nothing to replay"_s.arg(id).arg(stateName(before->state)));
        // A replay already under way (the process died mid-replay) keeps its key, so a
        // destination that honours Idempotency-Key does not apply it twice.
        const QString key = before->idempotencyKey.isEmpty() || before->state == State::New
                                ? QUuid::createUuid().toString(QUuid::WithoutBraces)
                                : before->idempotencyKey;
        const qint64 now = m_clock->nowMs();
        auto u = store::Database::run(
            db,
            u"UPDATE deadletters_letters SET state = 'replaying', idempotency_key = ?, "
            u"replays = replays + 1, replay_target = ?, updated_ms = ? WHERE id = ?"_s,
            {key, text(to.label), now, id});
        if (!u)
            return u.error();
        request = before->request;
        request.idempotencyKey = key;
        request.deadLetterKey = before->sourceKey;
        if (!to.connectorId.isEmpty())
            request.connectorId = to.connectorId;
        if (!to.flowId.isEmpty())
            request.flowId = to.flowId;
        if (!to.method.isEmpty())
            request.method = to.method;
        if (to.url.isValid() && !to.url.isEmpty())
            request.url = to.url;
        if (to.body)
            request.body = *to.body;
        DeadLetter after = *before;
        after.state = State::Replaying;
        after.idempotencyKey = key;
        after.replays += 1;
        QJsonObject beforeJson = stateJson(*before);
        QJsonObject afterJson = stateJson(after);
        afterJson.insert(u"connector"_s, request.connectorId);
        afterJson.insert(u"url"_s, request.url.toString());
        const bool redirected = request.connectorId != before->request.connectorId ||
                                request.url != before->request.url || !to.label.isEmpty();
        if (redirected) {
            // Both ends in the audit: where the letter was meant to go and where it went.
            beforeJson.insert(
                u"target"_s, QJsonObject{{u"connector"_s, before->connectorId},
                                         {u"flow"_s, before->flowId},
                                         {u"method"_s, QString::fromLatin1(before->request.method)},
                                         {u"url"_s, before->request.url.toString()}});
            afterJson.insert(u"target"_s,
                             QJsonObject{{u"connector"_s, request.connectorId},
                                         {u"flow"_s, request.flowId},
                                         {u"method"_s, QString::fromLatin1(request.method)},
                                         {u"url"_s, request.url.toString()},
                                         {u"label"_s, to.label}});
            if (to.body)
                afterJson.insert(u"body"_s, QString::fromUtf8(*to.body));
        }
        return AuditLog::append(db, now, user, redirected ? u"replay-to"_s : u"replay"_s,
                                u"dead-letter %1"_s.arg(id), beforeJson, afterJson);
    });
    if (!st)
        return st.error();
    return request;
}

Result<bool> DeadLetterStore::matches(qint64 id, const Filter& filter) {
    QVariantList binds;
    QString where = whereFor(filter, &binds);
    where += where.isEmpty() ? u" WHERE id = ?"_s : u" AND id = ?"_s;
    binds << id;
    auto q = m_db->exec(u"SELECT COUNT(*) FROM deadletters_letters"_s + where, binds);
    if (!q)
        return q.error();
    return q->next() && q->value(0).toLongLong() > 0;
}

Status DeadLetterStore::abortReplay(qint64 id, const QString& user, const QString& why) {
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto before = load(db, id);
        if (!before)
            return before.error();
        return changeState(db, *before, State::New, u"replay not sent: "_s + why, user,
                           u"replay-aborted"_s);
    });
}

Status DeadLetterStore::discard(qint64 id, const QString& user, const QString& reason) {
    if (reason.trimmed().isEmpty())
        return Error::usage(u"a discard needs a reason"_s);
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto before = load(db, id);
        if (!before)
            return before.error();
        if (before->state == State::Resolved || before->state == State::Discarded)
            return Error::invalid(
                u"dead letter %1 is already %2"_s.arg(id).arg(stateName(before->state)));
        return changeState(db, *before, State::Discarded, reason, user, u"discard"_s);
    });
}

Status DeadLetterStore::discardMany(const QList<qint64>& ids, const QString& user,
                                    const QString& reason) {
    if (reason.trimmed().isEmpty())
        return Error::usage(u"a discard needs a reason"_s);
    return m_db->write([&](QSqlDatabase& db) -> Status {
        QJsonArray done;
        for (qint64 id : ids) {
            auto before = load(db, id);
            if (!before)
                return before.error();
            if (before->state == State::Resolved || before->state == State::Discarded)
                continue;
            auto u = store::Database::run(
                db,
                u"UPDATE deadletters_letters SET state = 'discarded', state_reason = ?, "
                u"updated_ms = ? WHERE id = ?"_s,
                {reason, m_clock->nowMs(), id});
            if (!u)
                return u.error();
            done.append(id);
        }
        return AuditLog::append(
            db, m_clock->nowMs(), user, u"bulk-discard"_s, u"%1 dead letters"_s.arg(done.size()),
            {{u"state"_s, u"new"_s}},
            {{u"state"_s, u"discarded"_s}, {u"reason"_s, reason}, {u"ids"_s, done}});
    });
}

Status DeadLetterStore::setRetention(qint64 ms, const QString& user) {
    auto old = retention();
    if (!old)
        return old.error();
    return m_db->write([&](QSqlDatabase& db) -> Status {
        auto u = store::Database::run(
            db,
            u"INSERT INTO bk_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
            u"value = excluded.value"_s,
            {kRetentionKey, QString::number(ms)});
        if (!u)
            return u.error();
        return AuditLog::append(db, m_clock->nowMs(), user, u"retention"_s, u"dead letters"_s,
                                {{u"retentionMs"_s, *old}}, {{u"retentionMs"_s, ms}});
    });
}

Result<qint64> DeadLetterStore::retention() {
    auto q = m_db->exec(u"SELECT value FROM bk_settings WHERE key = ?"_s, {kRetentionKey});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toString().toLongLong() : 0;
}

Result<int> DeadLetterStore::purge(const QString& user) {
    auto keep = retention();
    if (!keep)
        return keep.error();
    if (*keep <= 0)
        return 0; // keep forever unless an operator chose a retention
    int removed = 0;
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        const qint64 now = m_clock->nowMs();
        auto d = store::Database::run(
            db,
            u"DELETE FROM deadletters_letters WHERE state IN ('resolved', 'discarded') AND "
            u"updated_ms < ?"_s,
            {now - *keep});
        if (!d)
            return d.error();
        removed = d->numRowsAffected();
        if (removed == 0)
            return Status::success();
        return AuditLog::append(db, now, user, u"purge"_s, u"dead letters"_s,
                                {{u"retentionMs"_s, *keep}}, {{u"removed"_s, removed}});
    });
    if (!st)
        return st.error();
    return removed;
}

} // namespace bk::deadletters
