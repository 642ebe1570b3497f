#include "FlowLease.h"

#include "LogCategories.h"

using namespace Qt::StringLiterals;

namespace bk::sync {

FlowLease::FlowLease(FlowLeaseConfig config, const QString& flowId, std::shared_ptr<Clock> clock,
                     QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_flowId(flowId)
    , m_resource(u"flow:"_s + flowId)
    , m_clock(std::move(clock)) {
    if (m_config.enabled())
        m_runs = std::make_unique<fleet::FlowRunLog>(m_config.leases->database());
}

FlowLease::~FlowLease() = default;

bool FlowLease::claim() {
    if (!m_config.enabled())
        return true;
    if (m_held)
        return true; // renewals keep it
    auto got = m_config.leases->acquire(m_resource, u"flow"_s, m_config.holder, m_clock->nowMs(),
                                        m_config.leaseMs);
    if (!got) {
        qCWarning(lcSync).noquote() << "cannot claim" << m_resource << ":" << got.error().message;
        return false;
    }
    if (!*got)
        return false;
    m_held = true;
    m_deferredSinceMs = 0;
    qCDebug(lcSync).noquote() << m_config.holder << "holds" << m_resource;
    scheduleRenewal();
    return true;
}

bool FlowLease::shouldDefer() {
    if (!m_config.enabled() || m_held || !m_config.flowCount)
        return false;
    const qint64 now = m_clock->nowMs();
    auto over = m_config.leases->overFairShare(
        m_config.holder, u"flow"_s, m_config.flowCount->load(), now, now - kLiveWindowMs);
    if (!over || !*over) {
        m_deferredSinceMs = 0;
        return false;
    }
    if (m_deferredSinceMs == 0)
        m_deferredSinceMs = now;
    if (now - m_deferredSinceMs >= m_config.leaseMs) {
        qCInfo(lcSync).noquote() << m_config.holder << "takes" << m_resource
                                 << "beyond its fair share: no other engine took it within a lease";
        return false;
    }
    qCDebug(lcSync).noquote() << m_config.holder << "leaves" << m_resource
                              << "to an engine with fewer flows";
    return true;
}

bool FlowLease::alone() {
    if (!m_config.enabled())
        return true;
    const qint64 now = m_clock->nowMs();
    auto others = m_config.leases->otherLiveEngines(m_config.holder, now - kLiveWindowMs);
    return !others || *others == 0;
}

qint64 FlowLease::sharedDueMs(qint64 intervalMs) {
    if (!m_runs)
        return 0;
    auto last = m_runs->last(m_flowId);
    if (!last) {
        qCWarning(lcSync).noquote()
            << "cannot read the last run of" << m_flowId << ":" << last.error().message;
        return 0;
    }
    if (!last->has_value() || (*last)->finishedMs <= 0)
        return 0;
    return (*last)->finishedMs + intervalMs;
}

void FlowLease::recordStart() {
    if (!m_runs)
        return;
    if (auto st = m_runs->started(m_flowId, m_config.holder, m_clock->nowMs()); !st)
        qCWarning(lcSync).noquote()
            << "cannot record the start of" << m_flowId << ":" << st.error().message;
}

void FlowLease::recordFinish(bool ok) {
    if (!m_runs || !m_held)
        return; // the lease went to another engine meanwhile: the record is theirs now
    if (auto st = m_runs->finished(m_flowId, m_config.holder, m_clock->nowMs(), ok); !st)
        qCWarning(lcSync).noquote()
            << "cannot record the end of" << m_flowId << ":" << st.error().message;
}

void FlowLease::release() {
    delete m_renewals;
    m_renewals = nullptr;
    if (!m_held)
        return;
    m_held = false;
    if (auto st = m_config.leases->release(m_resource, m_config.holder); !st)
        // It expires on its own after leaseMs; another engine then takes it.
        qCWarning(lcSync).noquote() << "cannot release" << m_resource << ":" << st.error().message;
}

void FlowLease::scheduleRenewal() {
    delete m_renewals;
    m_renewals = new QObject(this);
    m_clock->callAfter(std::max<qint64>(1, m_config.leaseMs / 3), m_renewals, [this] { renew(); });
}

void FlowLease::renew() {
    if (!m_held)
        return;
    auto renewed =
        m_config.leases->renew(m_resource, m_config.holder, m_clock->nowMs(), m_config.leaseMs);
    if (!renewed) {
        // The store is unreachable: keep working and try again; if the lease runs out
        // meanwhile and another engine takes it, the next renewal says so.
        qCWarning(lcSync).noquote()
            << "cannot renew" << m_resource << ":" << renewed.error().message;
        scheduleRenewal();
        return;
    }
    if (!*renewed) {
        qCWarning(lcSync).noquote() << m_config.holder << "lost" << m_resource
                                    << "to another engine; stopping its work here";
        m_held = false;
        delete m_renewals;
        m_renewals = nullptr;
        Q_EMIT lost();
        return;
    }
    scheduleRenewal();
}

} // namespace bk::sync
