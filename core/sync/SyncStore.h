#pragma once

#include "FieldDiff.h"
#include "SyncTypes.h"
#include "store/Database.h"
#include "store/Migration.h"

#include <memory>
#include <optional>

namespace bk::sync {

/// The sync module's tables (cursors, id map, match index, reconciliation, fallback dead letters).
store::MigrationSet syncMigrations();

/// Where an interrupted run stands, so it resumes instead of starting over.
struct RunState {
    QString next;            ///< next page (URL or cursor token); empty: no run in progress
    qint64 maxPosition = -1; ///< highest change position written in this run
    QString maxId;
    qint64 done = 0;
    qint64 total = -1;
    bool bulk = false;
};

/// source id ↔ destination id, with what was last written.
struct IdMapEntry {
    QString sourceId;
    QString destId; ///< empty while a create is in flight (state "creating")
    qint64 sourcePosition = -1;
    QByteArray contentHash;
    QString state; ///< "ok" or "creating"
    QString idempotencyKey;
};

/// One difference found by reconciliation.
struct ReconcileItem {
    QString kind; ///< "missing", "extra", "differing"
    QString sourceId;
    QString destId;
    QString detail; ///< differing: the differing field paths; else why
    /// Both sides field by field (differing ones marked). Written by the Reconciler; read back
    /// per record with SyncStore::reconcileFields().
    QList<FieldDiff> fields;
    qint64 id = 0;        ///< row id once stored
    QString state;        ///< "open", then after a resync "resolved", "differing" or "failed"
    QString stateMessage; ///< the last resync's outcome in words
    qint64 stateMs = 0;   ///< when the state last changed (0: never resynced)
};

/// Makes an open item (kind, ids, detail, fields).
ReconcileItem reconcileItem(const QString& kind, const QString& sourceId, const QString& destId,
                            const QString& detail, QList<FieldDiff> fields = {});

struct ReconcileReport {
    qint64 id = 0;
    QString flowId;
    qint64 startedMs = 0;
    qint64 finishedMs = 0;
    bool ok = true;
    QString message;
    int sourceCount = 0;
    int destCount = 0;
    int missing = 0;
    int extra = 0;
    int differing = 0;
    int repaired = 0;
    /// Items stored record by record for this run. Only the newest successful run of a flow
    /// keeps them (older runs keep the counts), and at most kMaxStoredItems of them.
    int kept = 0;
    QList<ReconcileItem> items;
};

/// Bounds of the stored reconciliation detail, so it cannot grow without limit.
inline constexpr int kMaxStoredItems = 2000; ///< records listed per run (the rest counted)
inline constexpr int kMaxStoredFields = 100; ///< fields per record
inline constexpr int kMaxValueChars = 2000;  ///< JSON text of one value (longer is cut)
inline constexpr int kMaxRunsPerFlow = 200;  ///< run summaries kept per flow

/// Typed access to the sync tables. Thread-safe: every call uses the calling thread's
/// connection; writes are transactions.
class SyncStore final : public DeadLetterSink {
public:
    explicit SyncStore(std::shared_ptr<store::Database> db);

    Result<Cursor> cursor(const QString& flowId);
    Result<RunState> runState(const QString& flowId);
    /// Clears cursor and run state (the next run is an initial bulk sync).
    Status resetCursor(const QString& flowId);

    /// Records a run's progress after a page is fully written or dead-lettered; when
    /// advance is set the cursor moves to it in the same transaction.
    Status savePage(const QString& flowId, const RunState& state,
                    const std::optional<Cursor>& advance);
    /// Ends a run: the cursor becomes `cursor`, run state is cleared.
    Status finishRun(const QString& flowId, const Cursor& cursor);

    Result<std::optional<IdMapEntry>> idMapEntry(const QString& flowId, const QString& sourceId);
    Result<QList<IdMapEntry>> idMap(const QString& flowId);
    Status putIdMapEntry(const QString& flowId, const IdMapEntry& entry, qint64 nowMs);
    /// Several entries in one transaction (the creates of a page, before they are sent).
    Status putIdMapEntries(const QString& flowId, const QList<IdMapEntry>& entries, qint64 nowMs);
    /// Creates sent without an outcome on record (state "creating" and no idempotency key):
    /// the process died while they were on the wire, so each may or may not have landed.
    Result<int> countCreatesInDoubt(const QString& flowId);
    /// Forgets those markers once the destination has been re-read into the match index,
    /// which then links any create that did land instead of sending it again.
    Status dropCreatesInDoubt(const QString& flowId);
    /// A write succeeded: id map entry and the destination's match keys in one transaction.
    Status recordWritten(const QString& flowId, const IdMapEntry& entry, const QString& destKey,
                         const QStringList& matchKeys, qint64 nowMs);
    /// The source id already linked to destId in this flow, or empty.
    Result<QString> linkedSource(const QString& flowId, const QString& destId);
    Status removeIdMapEntry(const QString& flowId, const QString& sourceId);

    /// Match index of a destination resource: canonical "field=value" → destination id.
    Result<QString> findMatch(const QString& destKey, const QStringList& keys);
    Status putMatches(const QString& destKey, const QStringList& keys, const QString& destId);
    /// Forgets the whole match index of a destination resource (before it is rebuilt).
    Status clearMatches(const QString& destKey);

    /// Stores a run with its items and their fields (bounded, see kMaxStoredItems). A
    /// successful run becomes the flow's detailed one: older runs keep only their counts.
    Result<qint64> saveReconcile(const ReconcileReport& report);
    /// The newest run (successful or not); withItems adds its stored items (without fields).
    Result<std::optional<ReconcileReport>> latestReconcile(const QString& flowId, bool withItems);
    /// The newest successful run with its stored items (without fields): what the console's
    /// reconciliation view lists.
    Result<std::optional<ReconcileReport>> latestReconcileDetail(const QString& flowId);
    /// One stored item (without fields), or nothing.
    Result<std::optional<ReconcileItem>> reconcileItem(qint64 itemId);
    /// The stored fields of one item, in the order reconciliation found them.
    Result<QList<FieldDiff>> reconcileFields(qint64 itemId);
    /// After a resync of sourceId: updates its item in the flow's detailed run (state, message,
    /// destination id, and the fields as compared now). Returns the item's id, 0 when the
    /// detailed run does not list that record.
    Result<qint64> updateReconcileItem(const QString& flowId, const QString& sourceId,
                                       const ReconcileItem& now, bool replaceFields);

    /// DeadLetterSink fallback: the sync_failures table (used when core/deadletters is not linked).
    Status add(const FailedOperation& failure) override;
    Result<QList<FailedOperation>> failures(const QString& flowId);

    store::Database& database() { return *m_db; }

private:
    std::shared_ptr<store::Database> m_db;
};

} // namespace bk::sync
