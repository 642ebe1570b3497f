#include "FleetMember.h"

#include "LogCategories.h"

using namespace Qt::StringLiterals;

namespace bk::fleet {

FleetMember::FleetMember(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                         EngineInfo self, qint64 heartbeatMs, QObject* parent)
    : QObject(parent)
    , m_registry(db)
    , m_leases(db)
    , m_clock(std::move(clock))
    , m_self(std::move(self))
    , m_heartbeatMs(std::max<qint64>(1, heartbeatMs)) {}

FleetMember::~FleetMember() = default;

Status FleetMember::start() {
    m_self.startedMs = m_clock->nowMs();
    m_self.heartbeatMs = m_self.startedMs;
    m_self.stoppedMs = 0;
    if (auto st = m_registry.announce(m_self); !st)
        return st;
    scheduleHeartbeat();
    return Status::success();
}

void FleetMember::scheduleHeartbeat() {
    delete m_timers;
    m_timers = new QObject(this);
    m_clock->callAfter(m_heartbeatMs, m_timers, [this] {
        const qint64 now = m_clock->nowMs();
        if (auto st = m_registry.heartbeat(m_self.engineId, now); st)
            m_self.heartbeatMs = now;
        else // the store is away; the next beat tries again
            qCWarning(lcStore).noquote() << "fleet heartbeat failed:" << st.error().message;
        scheduleHeartbeat();
    });
}

Result<int> FleetMember::stop() {
    delete m_timers;
    m_timers = nullptr;
    const qint64 now = m_clock->nowMs();
    auto released = m_leases.releaseAll(m_self.engineId);
    if (auto st = m_registry.markStopped(m_self.engineId, now); !st)
        return st.error();
    m_self.stoppedMs = now;
    return released;
}

} // namespace bk::fleet
