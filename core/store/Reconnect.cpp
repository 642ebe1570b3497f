#include "Reconnect.h"

#include "LogCategories.h"

#include <QThread>

namespace bk::store {

bool Backoff::wait() {
    if (!m_timer.isValid()) {
        // The first failure: reconnect at once (a single killed backend is back in one try).
        m_timer.start();
        m_nextDelayMs = m_policy.firstDelayMs;
        ++m_attempts;
        return m_policy.giveUpAfterMs > 0;
    }
    const qint64 left = qint64(m_policy.giveUpAfterMs) - m_timer.elapsed();
    if (left <= 0)
        return false;
    const int delay = int(qMin<qint64>(m_nextDelayMs, left));
    QThread::msleep(ulong(delay)); // worker threads only; the GUI never calls the store
    m_nextDelayMs = qMin(m_nextDelayMs * 2, m_policy.maxDelayMs);
    ++m_attempts;
    return true;
}

void StoreHealth::lost(quint64 openedAt, const QString& why) {
    {
        std::lock_guard lock(m_mutex);
        if (m_down.load())
            return; // this outage was already reported
        if (openedAt < m_outages.load()) {
            qCDebug(lcStore).noquote() << "a connection from before the last outage of"
                                       << m_describe << "was closed; reopening it";
            return;
        }
        ++m_outages;
        m_down = true;
        m_downFor.start();
    }
    qCWarning(lcStore).noquote() << QStringLiteral("lost the connection to %1: %2; reconnecting "
                                                   "with backoff")
                                        .arg(m_describe, why.simplified());
    notify(false);
}

void StoreHealth::reconnected() {
    ++m_reconnects;
    qint64 downMs = 0;
    {
        std::lock_guard lock(m_mutex);
        if (!m_down.load())
            return;
        m_down = false;
        downMs = m_downFor.elapsed();
    }
    qCInfo(lcStore).noquote() << "reconnected to" << m_describe << "after" << downMs << "ms";
    notify(true);
}

StoreAvailability StoreHealth::availability() const {
    return {!m_down.load(), m_outages.load(), m_reconnects.load()};
}

void StoreHealth::setListener(std::function<void(bool)> listener) {
    std::lock_guard lock(m_mutex);
    m_listener = std::move(listener);
}

void StoreHealth::notify(bool reachable) {
    std::function<void(bool)> listener;
    {
        std::lock_guard lock(m_mutex);
        listener = m_listener;
    }
    if (listener)
        listener(reachable);
}

} // namespace bk::store
