#pragma once

#include "Result.h"
#include "store/Database.h"

#include <memory>

#include <QList>
#include <QString>

namespace bk::fleet {

/// One row of fleet_leases: who holds a resource ("flow:<flowId>") and until when.
struct Lease {
    QString resource, kind, holder;
    qint64 acquiredMs = 0, expiresMs = 0;
};

/// Time-limited exclusive claims on named resources, shared by every engine on one store.
///
/// A lease is a row in fleet_leases. acquire() is one atomic upsert that takes the row when it
/// is absent, expired or already ours; the database (SQLite's write lock, PostgreSQL's
/// ON CONFLICT row lock) decides races, so exactly one engine wins. A holder that dies simply
/// stops renewing; once expiresMs passes, another engine's acquire() takes the lease over.
/// Thread-safe: each thread uses its own connection of the shared Database.
class LeaseStore {
public:
    explicit LeaseStore(std::shared_ptr<store::Database> db);

    /// Takes resource for holder until nowMs + leaseMs. True when taken (new, expired, or
    /// already held by holder — then it is extended); false when another holder's lease is
    /// still valid at nowMs.
    Result<bool> acquire(const QString& resource, const QString& kind, const QString& holder,
                         qint64 nowMs, qint64 leaseMs);
    /// Extends holder's lease to nowMs + leaseMs. False when holder no longer holds it (it
    /// expired and another engine took it, or it was released).
    Result<bool> renew(const QString& resource, const QString& holder, qint64 nowMs,
                       qint64 leaseMs);
    /// Gives resource back when holder holds it; a no-op otherwise.
    Status release(const QString& resource, const QString& holder);
    /// Gives back every lease of holder (graceful shutdown); returns how many.
    Result<int> releaseAll(const QString& holder);
    /// Every lease row, expired ones included (callers compare expiresMs with their clock).
    Result<QList<Lease>> list();

    /// Simple lease balancing: whether holder should leave a free lease of kind to another
    /// engine. Live engines are the rows of fleet_engines not stopped and heartbeating since
    /// liveSinceMs, plus holder itself; the fair share is ceil(resources / live engines). True
    /// when holder already holds its fair share (valid leases of kind at nowMs) or more while
    /// another live engine holds fewer than the fair share. Deterministic: the same rows give
    /// the same answer on every engine.
    Result<bool> overFairShare(const QString& holder, const QString& kind, int resources,
                               qint64 nowMs, qint64 liveSinceMs);

    /// How many engines other than holder are live: fleet_engines rows not stopped and
    /// heartbeating since liveSinceMs.
    Result<int> otherLiveEngines(const QString& holder, qint64 liveSinceMs);

    /// The store the leases live in (for records kept beside them, e.g. FlowRunLog).
    const std::shared_ptr<store::Database>& database() const { return m_db; }

private:
    std::shared_ptr<store::Database> m_db;
};

} // namespace bk::fleet
