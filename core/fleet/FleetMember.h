#pragma once

#include "Clock.h"
#include "FleetRegistry.h"
#include "LeaseStore.h"

#include <memory>

#include <QObject>

namespace bk::fleet {

/// This engine's membership of the fleet: announces it in fleet_engines, heartbeats on the
/// clock, and on a graceful stop marks it stopped and hands back every lease it still holds.
/// Lives on a thread that may write to the store (the engine's io thread).
class FleetMember : public QObject {
    Q_OBJECT
public:
    /// Heartbeat interval of every engine (what the console's "silent" threshold assumes).
    static constexpr qint64 kHeartbeatMs = 5'000;

    FleetMember(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock, EngineInfo self,
                qint64 heartbeatMs = kHeartbeatMs, QObject* parent = nullptr);
    ~FleetMember() override;

    /// Announces this engine (startedMs = now) and starts the heartbeats. Call on the
    /// object's thread.
    Status start();
    /// Stops the heartbeats, marks the engine stopped and releases its leases; returns how
    /// many leases were still held. Call on the object's thread.
    Result<int> stop();
    const EngineInfo& self() const { return m_self; }

private:
    void scheduleHeartbeat();

    FleetRegistry m_registry;
    LeaseStore m_leases;
    std::shared_ptr<Clock> m_clock;
    EngineInfo m_self;
    qint64 m_heartbeatMs;
    QObject* m_timers = nullptr; ///< context of the pending heartbeat; deleted to cancel it
};

} // namespace bk::fleet
