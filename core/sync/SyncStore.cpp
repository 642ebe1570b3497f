#include "SyncStore.h"

#include <QDateTime>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::sync {

using store::Database;

store::MigrationSet syncMigrations() {
    store::MigrationSet set;
    set.module = u"sync"_s;
    set.steps.push_back(
        {1,
         u"cursors, id map, match index, reconciliation, failures"_s,
         {
             u"CREATE TABLE sync_cursors (flow_id {{text}} PRIMARY KEY, position {{bigint}} NOT "
             u"NULL, "
             u"last_id {{text}} NOT NULL, run_next {{text}} NOT NULL, run_max_pos {{bigint}} NOT "
             u"NULL, "
             u"run_max_id {{text}} NOT NULL, run_done {{bigint}} NOT NULL, run_total {{bigint}} "
             u"NOT NULL, "
             u"run_bulk INTEGER NOT NULL, updated_ms {{bigint}} NOT NULL)"_s,
             u"CREATE TABLE sync_idmap (flow_id {{text}} NOT NULL, source_id {{text}} NOT NULL, "
             u"dest_id {{text}} NOT NULL, source_pos {{bigint}} NOT NULL, content_hash {{text}} "
             u"NOT NULL, "
             u"state {{text}} NOT NULL, idem_key {{text}} NOT NULL, updated_ms {{bigint}} NOT "
             u"NULL, "
             u"PRIMARY KEY (flow_id, source_id))"_s,
             u"CREATE INDEX sync_idmap_dest ON sync_idmap (flow_id, dest_id)"_s,
             u"CREATE TABLE sync_match_index (dest_key {{text}} NOT NULL, match_key {{text}} NOT "
             u"NULL, "
             u"dest_id {{text}} NOT NULL, PRIMARY KEY (dest_key, match_key))"_s,
             u"CREATE TABLE sync_reconcile_runs (id {{pk}}, flow_id {{text}} NOT NULL, "
             u"started_ms {{bigint}} NOT NULL, finished_ms {{bigint}} NOT NULL, ok INTEGER NOT "
             u"NULL, "
             u"message {{text}} NOT NULL, source_count INTEGER NOT NULL, dest_count INTEGER NOT "
             u"NULL, "
             u"missing INTEGER NOT NULL, extra INTEGER NOT NULL, differing INTEGER NOT NULL, "
             u"repaired INTEGER NOT NULL)"_s,
             u"CREATE INDEX sync_reconcile_runs_flow ON sync_reconcile_runs (flow_id, id)"_s,
             u"CREATE TABLE sync_reconcile_items (run_id {{bigint}} NOT NULL, kind {{text}} NOT "
             u"NULL, "
             u"source_id {{text}} NOT NULL, dest_id {{text}} NOT NULL, detail {{text}} NOT NULL)"_s,
             u"CREATE INDEX sync_reconcile_items_run ON sync_reconcile_items (run_id)"_s,
             u"CREATE TABLE sync_failures (id {{pk}}, flow_id {{text}} NOT NULL, connector "
             u"{{text}} NOT NULL, "
             u"source_id {{text}} NOT NULL, error_class {{text}} NOT NULL, reason {{text}} NOT "
             u"NULL, "
             u"method {{text}} NOT NULL, url {{text}} NOT NULL, body {{blob}}, http_status INTEGER "
             u"NOT NULL, "
             u"time_ms {{bigint}} NOT NULL)"_s,
             u"CREATE INDEX sync_failures_flow ON sync_failures (flow_id, id)"_s,
         }});
    set.steps.push_back(
        {2,
         u"reconciliation detail per record and field, resync state, bounded history"_s,
         {
             u"CREATE TABLE sync_reconcile_records (id {{pk}}, run_id {{bigint}} NOT NULL, "
             u"kind {{text}} NOT NULL, source_id {{text}} NOT NULL, dest_id {{text}} NOT NULL, "
             u"detail {{text}} NOT NULL, state {{text}} NOT NULL, state_message {{text}} NOT "
             u"NULL, state_ms {{bigint}} NOT NULL)"_s,
             u"CREATE INDEX sync_reconcile_records_run ON sync_reconcile_records (run_id, "
             u"source_id)"_s,
             u"INSERT INTO sync_reconcile_records (run_id, kind, source_id, dest_id, detail, "
             u"state, state_message, state_ms) SELECT run_id, kind, source_id, dest_id, detail, "
             u"'open', '', 0 FROM sync_reconcile_items"_s,
             // Emptied, not dropped: SQLite refuses DROP TABLE while the migration's own
             // version query is open on the connection. Nothing reads it any more.
             u"DELETE FROM sync_reconcile_items"_s,
             u"CREATE TABLE sync_reconcile_fields (record_id {{bigint}} NOT NULL, seq INTEGER "
             u"NOT NULL, path {{text}} NOT NULL, source_value {{text}} NOT NULL, dest_value "
             u"{{text}} NOT NULL, differs INTEGER NOT NULL, PRIMARY KEY (record_id, seq))"_s,
             u"ALTER TABLE sync_reconcile_runs ADD COLUMN kept INTEGER NOT NULL DEFAULT 0"_s,
             u"UPDATE sync_reconcile_runs SET kept = (SELECT COUNT(*) FROM "
             u"sync_reconcile_records r WHERE r.run_id = sync_reconcile_runs.id)"_s,
         }});
    return set;
}

ReconcileItem reconcileItem(const QString& kind, const QString& sourceId, const QString& destId,
                            const QString& detail, QList<FieldDiff> fields) {
    ReconcileItem it;
    it.kind = kind;
    it.sourceId = sourceId;
    it.destId = destId;
    it.detail = detail;
    it.fields = std::move(fields);
    it.state = QStringLiteral("open");
    return it;
}

namespace {

Status asStatus(const Result<QSqlQuery>& r) {
    return r ? Status::success() : Status(r.error());
}

// QtSql binds a null QString as SQL NULL; the text columns are NOT NULL with "" for none.
QString t(const QString& s) {
    return s.isNull() ? QStringLiteral("") : s;
}

qint64 nowMs() {
    return QDateTime::currentMSecsSinceEpoch();
}

// Upsert of the cursor row; SQLite and PostgreSQL both read ON CONFLICT.
Status writeCursorRow(QSqlDatabase& c, const QString& flowId, const Cursor& cursor,
                      const RunState& run) {
    return asStatus(Database::run(
        c,
        u"INSERT INTO sync_cursors (flow_id, position, last_id, run_next, run_max_pos, run_max_id, "
        u"run_done, run_total, run_bulk, updated_ms) VALUES (?,?,?,?,?,?,?,?,?,?) "
        u"ON CONFLICT (flow_id) DO UPDATE SET position = excluded.position, last_id = "
        u"excluded.last_id, "
        u"run_next = excluded.run_next, run_max_pos = excluded.run_max_pos, run_max_id = "
        u"excluded.run_max_id, run_done = excluded.run_done, run_total = excluded.run_total, "
        u"run_bulk = excluded.run_bulk, updated_ms = excluded.updated_ms"_s,
        {flowId, cursor.position, t(cursor.lastId), t(run.next), run.maxPosition, t(run.maxId),
         run.done, run.total, run.bulk ? 1 : 0, nowMs()}));
}

} // namespace

SyncStore::SyncStore(std::shared_ptr<store::Database> db)
    : m_db(std::move(db)) {}

Result<Cursor> SyncStore::cursor(const QString& flowId) {
    auto q =
        m_db->exec(u"SELECT position, last_id FROM sync_cursors WHERE flow_id = ?"_s, {flowId});
    if (!q)
        return q.error();
    Cursor c;
    if (q->next()) {
        c.position = q->value(0).toLongLong();
        c.lastId = q->value(1).toString();
    }
    return c;
}

Result<RunState> SyncStore::runState(const QString& flowId) {
    auto q = m_db->exec(u"SELECT run_next, run_max_pos, run_max_id, run_done, run_total, run_bulk "
                        u"FROM sync_cursors WHERE flow_id = ?"_s,
                        {flowId});
    if (!q)
        return q.error();
    RunState s;
    if (q->next()) {
        s.next = q->value(0).toString();
        s.maxPosition = q->value(1).toLongLong();
        s.maxId = q->value(2).toString();
        s.done = q->value(3).toLongLong();
        s.total = q->value(4).toLongLong();
        s.bulk = q->value(5).toInt() != 0;
    }
    return s;
}

Status SyncStore::resetCursor(const QString& flowId) {
    return m_db->write([&](QSqlDatabase& c) {
        return asStatus(
            Database::run(c, u"DELETE FROM sync_cursors WHERE flow_id = ?"_s, {flowId}));
    });
}

Status SyncStore::savePage(const QString& flowId, const RunState& state,
                           const std::optional<Cursor>& advance) {
    return m_db->write([&](QSqlDatabase& c) -> Status {
        Cursor cur;
        if (advance) {
            cur = *advance;
        } else {
            auto q = Database::run(
                c, u"SELECT position, last_id FROM sync_cursors WHERE flow_id = ?"_s, {flowId});
            if (!q)
                return q.error();
            if (q->next()) {
                cur.position = q->value(0).toLongLong();
                cur.lastId = q->value(1).toString();
            }
        }
        return writeCursorRow(c, flowId, cur, state);
    });
}

Status SyncStore::finishRun(const QString& flowId, const Cursor& cursor) {
    return m_db->write(
        [&](QSqlDatabase& c) { return writeCursorRow(c, flowId, cursor, RunState{}); });
}

Result<std::optional<IdMapEntry>> SyncStore::idMapEntry(const QString& flowId,
                                                        const QString& sourceId) {
    auto q =
        m_db->exec(u"SELECT dest_id, source_pos, content_hash, state, idem_key FROM sync_idmap "
                   u"WHERE flow_id = ? AND source_id = ?"_s,
                   {flowId, sourceId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<IdMapEntry>{};
    IdMapEntry e;
    e.sourceId = sourceId;
    e.destId = q->value(0).toString();
    e.sourcePosition = q->value(1).toLongLong();
    e.contentHash = q->value(2).toString().toLatin1();
    e.state = q->value(3).toString();
    e.idempotencyKey = q->value(4).toString();
    return std::optional<IdMapEntry>(e);
}

Result<QList<IdMapEntry>> SyncStore::idMap(const QString& flowId) {
    auto q = m_db->exec(u"SELECT source_id, dest_id, source_pos, content_hash, state, idem_key "
                        u"FROM sync_idmap WHERE flow_id = ? ORDER BY source_id"_s,
                        {flowId});
    if (!q)
        return q.error();
    QList<IdMapEntry> out;
    while (q->next()) {
        IdMapEntry e;
        e.sourceId = q->value(0).toString();
        e.destId = q->value(1).toString();
        e.sourcePosition = q->value(2).toLongLong();
        e.contentHash = q->value(3).toString().toLatin1();
        e.state = q->value(4).toString();
        e.idempotencyKey = q->value(5).toString();
        out.push_back(e);
    }
    return out;
}

namespace {

Status upsertIdMap(QSqlDatabase& c, const QString& flowId, const IdMapEntry& e, qint64 now) {
    return asStatus(Database::run(
        c,
        u"INSERT INTO sync_idmap (flow_id, source_id, dest_id, source_pos, content_hash, state, "
        u"idem_key, updated_ms) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (flow_id, source_id) DO "
        u"UPDATE SET dest_id = excluded.dest_id, source_pos = excluded.source_pos, content_hash = "
        u"excluded.content_hash, state = excluded.state, idem_key = excluded.idem_key, "
        u"updated_ms = excluded.updated_ms"_s,
        {flowId, e.sourceId, t(e.destId), e.sourcePosition, t(QString::fromLatin1(e.contentHash)),
         t(e.state), t(e.idempotencyKey), now}));
}

Status upsertMatches(QSqlDatabase& c, const QString& destKey, const QStringList& keys,
                     const QString& destId) {
    for (const QString& k : keys) {
        auto r = Database::run(
            c,
            u"INSERT INTO sync_match_index (dest_key, match_key, dest_id) VALUES (?,?,?) "
            u"ON CONFLICT (dest_key, match_key) DO UPDATE SET dest_id = excluded.dest_id"_s,
            {destKey, k, destId});
        if (!r)
            return r.error();
    }
    return Status::success();
}

} // namespace

Status SyncStore::putIdMapEntry(const QString& flowId, const IdMapEntry& e, qint64 now) {
    return m_db->write([&](QSqlDatabase& c) { return upsertIdMap(c, flowId, e, now); });
}

Status SyncStore::putIdMapEntries(const QString& flowId, const QList<IdMapEntry>& entries,
                                  qint64 now) {
    if (entries.isEmpty())
        return Status::success();
    return m_db->write([&](QSqlDatabase& c) -> Status {
        for (const IdMapEntry& e : entries)
            if (Status st = upsertIdMap(c, flowId, e, now); !st)
                return st;
        return Status::success();
    });
}

Result<int> SyncStore::countCreatesInDoubt(const QString& flowId) {
    auto q = m_db->exec(u"SELECT count(*) FROM sync_idmap WHERE flow_id = ? AND state = "
                        u"'creating' AND idem_key = ''"_s,
                        {flowId});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toInt() : 0;
}

Status SyncStore::dropCreatesInDoubt(const QString& flowId) {
    return m_db->write([&](QSqlDatabase& c) {
        return asStatus(Database::run(c,
                                      u"DELETE FROM sync_idmap WHERE flow_id = ? AND state = "
                                      u"'creating' AND idem_key = ''"_s,
                                      {flowId}));
    });
}

Status SyncStore::recordWritten(const QString& flowId, const IdMapEntry& e, const QString& destKey,
                                const QStringList& keys, qint64 now) {
    return m_db->write([&](QSqlDatabase& c) -> Status {
        if (Status st = upsertIdMap(c, flowId, e, now); !st)
            return st;
        return upsertMatches(c, destKey, keys, e.destId);
    });
}

Result<QString> SyncStore::linkedSource(const QString& flowId, const QString& destId) {
    auto q =
        m_db->exec(u"SELECT source_id FROM sync_idmap WHERE flow_id = ? AND dest_id = ? LIMIT 1"_s,
                   {flowId, destId});
    if (!q)
        return q.error();
    return q->next() ? q->value(0).toString() : QString();
}

Status SyncStore::removeIdMapEntry(const QString& flowId, const QString& sourceId) {
    return m_db->write([&](QSqlDatabase& c) {
        return asStatus(
            Database::run(c, u"DELETE FROM sync_idmap WHERE flow_id = ? AND source_id = ?"_s,
                          {flowId, sourceId}));
    });
}

Result<QString> SyncStore::findMatch(const QString& destKey, const QStringList& keys) {
    for (const QString& k : keys) {
        auto q = m_db->exec(
            u"SELECT dest_id FROM sync_match_index WHERE dest_key = ? AND match_key = ?"_s,
            {destKey, k});
        if (!q)
            return q.error();
        if (q->next())
            return q->value(0).toString();
    }
    return QString();
}

Status SyncStore::putMatches(const QString& destKey, const QStringList& keys,
                             const QString& destId) {
    if (keys.isEmpty())
        return Status::success();
    return m_db->write([&](QSqlDatabase& c) { return upsertMatches(c, destKey, keys, destId); });
}

Status SyncStore::clearMatches(const QString& destKey) {
    return m_db->write([&](QSqlDatabase& c) {
        return asStatus(
            Database::run(c, u"DELETE FROM sync_match_index WHERE dest_key = ?"_s, {destKey}));
    });
}

namespace {

QString cut(const QString& json) {
    return json.size() > kMaxValueChars ? json.left(kMaxValueChars) : json;
}

Status insertFields(QSqlDatabase& c, qint64 itemId, const QList<FieldDiff>& fields) {
    const qsizetype n = std::min<qsizetype>(fields.size(), kMaxStoredFields);
    for (qsizetype i = 0; i < n; ++i) {
        const FieldDiff& f = fields[i];
        auto r = Database::run(c,
                               u"INSERT INTO sync_reconcile_fields (record_id, seq, path, "
                               u"source_value, dest_value, differs) VALUES (?,?,?,?,?,?)"_s,
                               {itemId, int(i), t(f.path), t(cut(jsonText(f.source))),
                                t(cut(jsonText(f.destination))), f.differs ? 1 : 0});
        if (!r)
            return r.error();
    }
    return Status::success();
}

// Only the newest successful run of a flow keeps its records; older ones keep their counts,
// and only the newest kMaxRunsPerFlow summaries stay.
Status pruneReconcile(QSqlDatabase& c, const QString& flowId, qint64 keepId) {
    const QList<QPair<QString, QVariantList>> steps{
        {u"DELETE FROM sync_reconcile_fields WHERE record_id IN (SELECT r.id FROM "
         u"sync_reconcile_records r JOIN sync_reconcile_runs u ON u.id = r.run_id WHERE "
         u"u.flow_id = ? AND u.id <> ?)"_s,
         {flowId, keepId}},
        {u"DELETE FROM sync_reconcile_records WHERE run_id IN (SELECT id FROM "
         u"sync_reconcile_runs WHERE flow_id = ? AND id <> ?)"_s,
         {flowId, keepId}},
        {u"UPDATE sync_reconcile_runs SET kept = 0 WHERE flow_id = ? AND id <> ? AND kept <> 0"_s,
         {flowId, keepId}},
        {u"DELETE FROM sync_reconcile_runs WHERE flow_id = ? AND id < (SELECT MIN(k.id) FROM "
         u"(SELECT id FROM sync_reconcile_runs WHERE flow_id = ? ORDER BY id DESC LIMIT %1) k)"_s
             .arg(kMaxRunsPerFlow),
         {flowId, flowId}},
    };
    for (const auto& [sql, binds] : steps)
        if (auto r = Database::run(c, sql, binds); !r)
            return r.error();
    return Status::success();
}

ReconcileReport runFrom(const QSqlQuery& q, const QString& flowId) {
    ReconcileReport r;
    r.id = q.value(0).toLongLong();
    r.flowId = flowId;
    r.startedMs = q.value(1).toLongLong();
    r.finishedMs = q.value(2).toLongLong();
    r.ok = q.value(3).toInt() != 0;
    r.message = q.value(4).toString();
    r.sourceCount = q.value(5).toInt();
    r.destCount = q.value(6).toInt();
    r.missing = q.value(7).toInt();
    r.extra = q.value(8).toInt();
    r.differing = q.value(9).toInt();
    r.repaired = q.value(10).toInt();
    r.kept = q.value(11).toInt();
    return r;
}

const QString kRunColumns = QStringLiteral(
    "SELECT id, started_ms, finished_ms, ok, message, source_count, dest_count, missing, extra, "
    "differing, repaired, kept FROM sync_reconcile_runs ");
const QString kItemColumns =
    QStringLiteral("SELECT id, kind, source_id, dest_id, detail, state, state_message, state_ms "
                   "FROM sync_reconcile_records ");

ReconcileItem itemFrom(const QSqlQuery& q) {
    ReconcileItem it;
    it.id = q.value(0).toLongLong();
    it.kind = q.value(1).toString();
    it.sourceId = q.value(2).toString();
    it.destId = q.value(3).toString();
    it.detail = q.value(4).toString();
    it.state = q.value(5).toString();
    it.stateMessage = q.value(6).toString();
    it.stateMs = q.value(7).toLongLong();
    return it;
}

} // namespace

Result<qint64> SyncStore::saveReconcile(const ReconcileReport& r) {
    qint64 id = 0;
    // Missing and differing first: they are what a resync can fix.
    QList<const ReconcileItem*> order;
    for (const ReconcileItem& it : r.items)
        if (it.kind != u"extra"_s)
            order << &it;
    for (const ReconcileItem& it : r.items)
        if (it.kind == u"extra"_s)
            order << &it;
    const int kept = int(std::min<qsizetype>(order.size(), kMaxStoredItems));
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        auto ins = Database::run(
            c,
            u"INSERT INTO sync_reconcile_runs (flow_id, started_ms, finished_ms, ok, message, "
            u"source_count, dest_count, missing, extra, differing, repaired, kept) "
            u"VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"_s,
            {r.flowId, r.startedMs, r.finishedMs, r.ok ? 1 : 0, t(r.message), r.sourceCount,
             r.destCount, r.missing, r.extra, r.differing, r.repaired, kept});
        if (!ins)
            return ins.error();
        auto last = Database::run(c, u"SELECT MAX(id) FROM sync_reconcile_runs WHERE flow_id = ?"_s,
                                  {r.flowId});
        if (!last)
            return last.error();
        if (!last->next())
            return Error::internal(u"reconciliation run vanished after insert"_s);
        id = last->value(0).toLongLong();
        for (int i = 0; i < kept; ++i) {
            const ReconcileItem& it = *order[i];
            auto x = Database::run(c,
                                   u"INSERT INTO sync_reconcile_records (run_id, kind, source_id, "
                                   u"dest_id, detail, state, state_message, state_ms) "
                                   u"VALUES (?,?,?,?,?,?,?,?)"_s,
                                   {id, it.kind, t(it.sourceId), t(it.destId), t(it.detail),
                                    it.state.isEmpty() ? u"open"_s : it.state, t(it.stateMessage),
                                    it.stateMs});
            if (!x)
                return x.error();
            if (it.fields.isEmpty())
                continue;
            auto rid = Database::run(
                c, u"SELECT MAX(id) FROM sync_reconcile_records WHERE run_id = ?"_s, {id});
            if (!rid)
                return rid.error();
            if (!rid->next())
                return Error::internal(u"reconciliation item vanished after insert"_s);
            if (Status fs = insertFields(c, rid->value(0).toLongLong(), it.fields); !fs)
                return fs;
        }
        return r.ok ? pruneReconcile(c, r.flowId, id) : Status::success();
    });
    if (!st)
        return st.error();
    return id;
}

Result<std::optional<ReconcileReport>> SyncStore::latestReconcile(const QString& flowId,
                                                                  bool withItems) {
    auto q = m_db->exec(kRunColumns + u"WHERE flow_id = ? ORDER BY id DESC LIMIT 1"_s, {flowId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ReconcileReport>{};
    ReconcileReport r = runFrom(*q, flowId);
    if (withItems) {
        auto items =
            m_db->exec(kItemColumns + u"WHERE run_id = ? ORDER BY kind, source_id, id"_s, {r.id});
        if (!items)
            return items.error();
        while (items->next())
            r.items.push_back(itemFrom(*items));
    }
    return std::optional<ReconcileReport>(r);
}

Result<std::optional<ReconcileReport>> SyncStore::latestReconcileDetail(const QString& flowId) {
    auto q = m_db->exec(kRunColumns + u"WHERE flow_id = ? AND ok = 1 ORDER BY id DESC LIMIT 1"_s,
                        {flowId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ReconcileReport>{};
    ReconcileReport r = runFrom(*q, flowId);
    auto items =
        m_db->exec(kItemColumns + u"WHERE run_id = ? ORDER BY kind, source_id, id"_s, {r.id});
    if (!items)
        return items.error();
    while (items->next())
        r.items.push_back(itemFrom(*items));
    return std::optional<ReconcileReport>(r);
}

Result<std::optional<ReconcileItem>> SyncStore::reconcileItem(qint64 itemId) {
    auto q = m_db->exec(kItemColumns + u"WHERE id = ?"_s, {itemId});
    if (!q)
        return q.error();
    if (!q->next())
        return std::optional<ReconcileItem>{};
    return std::optional<ReconcileItem>(itemFrom(*q));
}

Result<QList<FieldDiff>> SyncStore::reconcileFields(qint64 itemId) {
    auto q = m_db->exec(u"SELECT path, source_value, dest_value, differs FROM "
                        u"sync_reconcile_fields WHERE record_id = ? ORDER BY seq"_s,
                        {itemId});
    if (!q)
        return q.error();
    QList<FieldDiff> out;
    while (q->next())
        out.push_back({q->value(0).toString(), fromJsonText(q->value(1).toString()),
                       fromJsonText(q->value(2).toString()), q->value(3).toInt() != 0});
    return out;
}

Result<qint64> SyncStore::updateReconcileItem(const QString& flowId, const QString& sourceId,
                                              const ReconcileItem& now, bool replaceFields) {
    qint64 itemId = 0;
    Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        auto q = Database::run(
            c,
            u"SELECT r.id FROM sync_reconcile_records r WHERE r.source_id = ? AND r.run_id = "
            u"(SELECT MAX(u.id) FROM sync_reconcile_runs u WHERE u.flow_id = ? AND u.ok = 1) "
            u"ORDER BY r.id LIMIT 1"_s,
            {sourceId, flowId});
        if (!q)
            return q.error();
        if (!q->next())
            return Status::success();
        itemId = q->value(0).toLongLong();
        auto u =
            Database::run(c,
                          u"UPDATE sync_reconcile_records SET state = ?, state_message = ?, "
                          u"state_ms = ?, dest_id = CASE WHEN ? = '' THEN dest_id ELSE ? "
                          u"END, detail = CASE WHEN ? = 1 THEN ? ELSE detail END WHERE id = ?"_s,
                          {t(now.state), t(now.stateMessage), now.stateMs, t(now.destId),
                           t(now.destId), replaceFields ? 1 : 0, t(now.detail), itemId});
        if (!u)
            return u.error();
        if (!replaceFields)
            return Status::success();
        if (auto d = Database::run(c, u"DELETE FROM sync_reconcile_fields WHERE record_id = ?"_s,
                                   {itemId});
            !d)
            return d.error();
        return insertFields(c, itemId, now.fields);
    });
    if (!st)
        return st.error();
    return itemId;
}

Status SyncStore::add(const FailedOperation& f) {
    return m_db->write([&](QSqlDatabase& c) {
        return asStatus(Database::run(
            c,
            u"INSERT INTO sync_failures (flow_id, connector, source_id, error_class, "
            u"reason, method, "
            u"url, body, http_status, time_ms) VALUES (?,?,?,?,?,?,?,?,?,?)"_s,
            {f.flowId, t(f.connectorId), t(f.sourceId), t(f.errorClass), t(f.reason),
             t(QString::fromLatin1(f.method)), t(f.url), f.body, f.httpStatus, nowMs()}));
    });
}

Result<QList<FailedOperation>> SyncStore::failures(const QString& flowId) {
    auto q = m_db->exec(u"SELECT connector, source_id, error_class, reason, method, url, body, "
                        u"http_status FROM sync_failures WHERE flow_id = ? ORDER BY id"_s,
                        {flowId});
    if (!q)
        return q.error();
    QList<FailedOperation> out;
    while (q->next()) {
        FailedOperation f;
        f.flowId = flowId;
        f.connectorId = q->value(0).toString();
        f.sourceId = q->value(1).toString();
        f.errorClass = q->value(2).toString();
        f.reason = q->value(3).toString();
        f.method = q->value(4).toString().toLatin1();
        f.url = q->value(5).toString();
        f.body = q->value(6).toByteArray();
        f.httpStatus = q->value(7).toInt();
        out.push_back(f);
    }
    return out;
}

} // namespace bk::sync
