#pragma once

#include "Clock.h"
#include "fleet/LeaseStore.h"

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
    bool enabled() const { return leases && !holder.isEmpty() && leaseMs > 0; }
};

/// One flow's lease "flow:<flowId>": claimed before a run, reconciliation or resync starts,
/// renewed every leaseMs/3 on the clock while held, given back when the work ends. Lives on
/// the flow's worker thread (its renewals run there).
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
    QString m_resource;
    std::shared_ptr<Clock> m_clock;
    QObject* m_renewals = nullptr; ///< context of the pending renewal; deleted to cancel it
    bool m_held = false;
};

} // namespace bk::sync
