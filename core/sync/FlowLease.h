#pragma once

#include "Clock.h"
#include "fleet/FlowRunLog.h"
#include "fleet/LeaseStore.h"

#include <atomic>
#include <memory>

#include <QObject>
#include <QString>

namespace bk::sync {

/// How flows are claimed across engines sharing one store. Without a lease store (a single
/// engine, tests) every flow runs unclaimed.
struct FlowLeaseConfig {
    std::shared_ptr<fleet::LeaseStore> leases;
    QString holder;          ///< this engine's id
    qint64 leaseMs = 30'000; ///< workspace fleet.leaseSeconds
    /// How many flows this engine schedules (the fleet's flows when every server runs the
    /// same workspace): the numerator of the fair share. Set by SyncScheduler; null: no
    /// balancing.
    std::shared_ptr<const std::atomic<int>> flowCount;
    bool enabled() const { return leases && !holder.isEmpty() && leaseMs > 0; }
};

/// One flow's lease "flow:<flowId>": claimed before a run, reconciliation or resync starts,
/// renewed every leaseMs/3 on the clock while held, given back when the work ends. Lives on
/// the flow's worker thread (its renewals run there).
///
/// Beside the lease it keeps the flow's shared run record (fleet::FlowRunLog), so scheduled
/// runs are counted across the fleet (sharedDueMs), and it balances: an engine that already
/// holds its fair share of flow leases leaves a free one to a live engine that holds fewer
/// (shouldDefer), for at most one lease length.
class FlowLease : public QObject {
    Q_OBJECT
public:
    FlowLease(FlowLeaseConfig config, const QString& flowId, std::shared_ptr<Clock> clock,
              QObject* parent = nullptr);
    ~FlowLease() override;

    /// True when this engine may work the flow now: leases are off, it already holds the
    /// lease, or it just acquired it. False when another engine holds it (or the store
    /// cannot be reached: no claim, no work).
    bool claim();
    /// Gives the lease back (no-op when not held).
    void release();
    bool held() const { return m_held; }
    /// Balancing, asked before claiming a free lease for a scheduled run: true when this
    /// engine holds its fair share of flow leases (ceil(flows / live engines)) or more while
    /// another live engine (fleet_engines, heartbeat within kLiveWindowMs) holds fewer than
    /// its share. A flow deferred for a whole lease length is taken anyway (the others may not
    /// run it: their workspaces may leave it out). False when the lease is held already,
    /// leases are off, or the fleet's rows cannot be read.
    bool shouldDefer();
    /// When the flow's next scheduled run is due by the fleet's shared record: the last
    /// finished run (completed or failed, on any engine) + intervalMs. 0 when it never ran,
    /// or the record cannot be read (then the run goes ahead). Only meaningful while held.
    qint64 sharedDueMs(qint64 intervalMs);
    /// Whether no other live engine shares the store (fleet_engines, heartbeat within
    /// kLiveWindowMs); true when leases are off or the rows cannot be read.
    bool alone();
    /// Records the start / the end of a run in the shared record (no-op when leases are off).
    /// An interrupted run (stopped, lease lost) is not recorded as ended.
    void recordStart();
    void recordFinish(bool ok);

    /// Engines whose heartbeat is older than this are not counted as live for balancing.
    static constexpr qint64 kLiveWindowMs = 15'000;
    bool enabled() const { return m_config.enabled(); }
    qint64 leaseMs() const { return m_config.leaseMs; }
    QString resource() const { return m_resource; }

Q_SIGNALS:
    /// A renewal found the lease in another engine's hands (this engine stalled longer than
    /// the lease): the work in hand must stop.
    void lost();

private:
    void scheduleRenewal();
    void renew();

    FlowLeaseConfig m_config;
    QString m_flowId;
    QString m_resource;
    std::unique_ptr<fleet::FlowRunLog> m_runs;
    qint64 m_deferredSinceMs = 0; ///< first deferral of the current free lease; 0: none
    std::shared_ptr<Clock> m_clock;
    QObject* m_renewals = nullptr; ///< context of the pending renewal; deleted to cancel it
    bool m_held = false;
};

} // namespace bk::sync
