#include "engine/StoreStatusMonitor.h"

#include "Clock.h"
#include "store/Database.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace bk {

StoreStatusMonitor::StoreStatusMonitor(std::shared_ptr<store::Database> db,
                                       std::shared_ptr<Clock> clock,
                                       std::function<void(const StoreStatus&)> publish,
                                       int probeIntervalMs)
    : m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_publish(std::move(publish))
    , m_intervalMs(probeIntervalMs) {
    m_status.store = m_db->describe();
}

StoreStatusMonitor::~StoreStatusMonitor() {
    stop();
}

void StoreStatusMonitor::start() {
    {
        std::lock_guard lock(m_mutex);
        const store::StoreAvailability a = m_db->availability();
        m_status.reachable = a.reachable;
        m_status.outages = a.outages;
        m_status.reconnects = a.reconnects;
        m_status.updatedMs = m_clock->nowMs();
        m_status.unreachableSinceMs = a.reachable ? 0 : m_status.updatedMs;
    }
    republish();
    if (m_db->dialect().isSqlite() || m_thread)
        return;
    m_thread = std::make_unique<QThread>();
    m_thread->setObjectName(u"store-probe"_s);
    auto* timer = new QTimer;
    timer->setInterval(m_intervalMs);
    timer->moveToThread(m_thread.get());
    QObject::connect(timer, &QTimer::timeout, timer, [this] { probe(); });
    QObject::connect(m_thread.get(), &QThread::started, timer, [this, timer] {
        probe(); // a connection of its own from the start: its loss is noticed at once
        timer->start();
    });
    QObject::connect(m_thread.get(), &QThread::finished, timer, &QObject::deleteLater);
    m_thread->start();
}

void StoreStatusMonitor::stop() {
    if (!m_thread)
        return;
    m_thread->quit();
    m_thread->wait();
    m_thread.reset();
}

StoreStatus StoreStatusMonitor::current() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void StoreStatusMonitor::republish() {
    if (m_publish)
        m_publish(current());
}

void StoreStatusMonitor::probe() {
    // A read-only transaction through write() with a wait budget of one retry: the store
    // counts a lost connection or a refused connect as an outage and a successful reopen as
    // the reconnect, and the probe never waits the outage out (the next tick tries again).
    static const store::ReconnectPolicy noWait{0, 0, 1};
    (void)m_db->write(
        [](QSqlDatabase& db) -> Status {
            if (auto q = store::Database::run(db, u"SELECT 1"_s); !q)
                return q.error();
            return Status::success();
        },
        noWait);
    update();
}

void StoreStatusMonitor::update() {
    const store::StoreAvailability a = m_db->availability();
    StoreStatus changed;
    {
        std::lock_guard lock(m_mutex);
        if (a.reachable == m_status.reachable && a.outages == m_status.outages &&
            a.reconnects == m_status.reconnects)
            return;
        const qint64 now = m_clock->nowMs();
        if (!a.reachable && (m_status.reachable || a.outages != m_status.outages))
            m_status.unreachableSinceMs = now;
        else if (a.reachable)
            m_status.unreachableSinceMs = 0;
        m_status.reachable = a.reachable;
        m_status.outages = a.outages;
        m_status.reconnects = a.reconnects;
        m_status.updatedMs = now;
        changed = m_status;
    }
    if (m_publish)
        m_publish(changed);
}

} // namespace bk
