#pragma once

#include "Request.h"
#include "store/Database.h"

#include <memory>

#include <QSet>

namespace bk::http {

/// Operations accepted by a pipeline and not yet finished, persisted so that a crash (even
/// kill -9) leaves each one pending — to be picked up again — rather than gone.
class Outbox {
public:
    struct Entry {
        qint64 id = 0;
        Request request;
        QList<Attempt> attempts;
        qint64 firstAttemptMs = 0;
        qint64 nextAttemptMs = 0;
    };

    Outbox(std::shared_ptr<store::Database> db, QString owner);

    Result<qint64> add(const Request& request, qint64 nowMs, qint64 leaseUntilMs);
    Status update(qint64 id, const QList<Attempt>& attempts, qint64 firstAttemptMs,
                  qint64 nextAttemptMs, qint64 leaseUntilMs);
    Status remove(qint64 id);
    /// Takes over the connector's entries of other owners whose lease ended before nowMs
    /// (their process died) — or all of them when includeLeased — and, with includeOwn, the
    /// entries already under this owner's name (a restarted engine with the same id: nothing
    /// of them is in memory any more) except the ids in skip. Each entry is taken with a
    /// conditional UPDATE (owner and lease as read), so of several engines claiming at once
    /// exactly one gets it. Returns the entries taken.
    Result<QList<Entry>> claimStale(const QString& connector, qint64 nowMs, qint64 leaseUntilMs,
                                    bool includeLeased, bool includeOwn = false,
                                    const QSet<qint64>& skip = {});
    /// Extends to leaseUntilMs the lease of this owner's entries among ids whose lease ends
    /// before beforeMs (the heartbeat of the operations a live pipeline holds in memory, so
    /// no other engine takes them over); returns how many were extended.
    Result<int> renew(const QList<qint64>& ids, qint64 beforeMs, qint64 leaseUntilMs);
    const QString& owner() const { return m_owner; }
    Result<int> count(const QString& connector);

private:
    std::shared_ptr<store::Database> m_db;
    QString m_owner;
};

} // namespace bk::http
