// The engine's store reachability for the console: a StoreStatusMonitor publishes it as
// EngineSignals::storeStatusChanged, and a change of reachability is an engine event too.
#include "Clock.h"
#include "engine/Engine.h"
#include "engine/StoreStatusMonitor.h"

using namespace Qt::StringLiterals;

namespace bk {

void Engine::startStoreStatus() {
    m_storeStatus = std::make_unique<StoreStatusMonitor>(
        m_options.db, m_options.clock, [this](const StoreStatus& status) {
            Q_EMIT m_signals->storeStatusChanged(status); // queued to receivers elsewhere
            QMetaObject::invokeMethod(
                this, [this, status] { onStoreStatus(status); }, Qt::QueuedConnection);
        });
    m_storeStatus->start();
}

void Engine::onStoreStatus(const StoreStatus& status) {
    if (status.reachable == m_storeReachable)
        return;
    m_storeReachable = status.reachable;
    if (!status.reachable)
        raiseEvent({}, u"store-unreachable"_s, u"critical"_s,
                   tr("Store unreachable: %1; retrying").arg(status.store));
    else
        raiseEvent({}, u"store-reconnected"_s, u"info"_s,
                   tr("Store reachable again: %1").arg(status.store));
}

void Engine::refreshStoreStatus() {
    if (m_storeStatus)
        m_storeStatus->republish();
}

StoreStatus Engine::storeStatus() const {
    return m_storeStatus ? m_storeStatus->current() : StoreStatus{};
}

} // namespace bk
