#include "FlowLease.h"

#include "LogCategories.h"

using namespace Qt::StringLiterals;

namespace bk::sync {

FlowLease::FlowLease(FlowLeaseConfig config, const QString& flowId, std::shared_ptr<Clock> clock,
                     QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_resource(u"flow:"_s + flowId)
    , m_clock(std::move(clock)) {}

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
    qCDebug(lcSync).noquote() << m_config.holder << "holds" << m_resource;
    scheduleRenewal();
    return true;
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
