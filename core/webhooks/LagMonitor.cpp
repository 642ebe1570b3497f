#include "LagMonitor.h"

#include "Clock.h"
#include "LogCategories.h"
#include "store/Database.h"
#include "webhooks/LagTracker.h"

#include <QSet>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::webhooks {

LagMonitor::LagMonitor(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                       LagTracker* tracker, QObject* parent)
    : QObject(parent)
    , m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_tracker(tracker) {}

void LagMonitor::setSamplesListener(std::function<void(const QList<LagSample>&)> listener) {
    m_listener = std::move(listener);
}

Status LagMonitor::start() {
    if (Status st = m_tracker->load(*m_db, m_clock->nowMs()); !st)
        return st;
    scheduleNext();
    return Status::success();
}

void LagMonitor::scheduleNext() {
    const qint64 now = m_clock->nowMs();
    const qint64 next = now - now % LagTracker::minuteMs + LagTracker::minuteMs;
    m_clock->callAt(next, this, [this] {
        if (const Status st = tick(); !st)
            qCWarning(lcWebhooks).noquote() << "webhook lag tick failed:" << st.error().message;
        scheduleNext();
    });
}

Status LagMonitor::tick() {
    auto q = m_db->exec(u"SELECT connector_id, COUNT(*), MIN(received_ms) FROM webhooks_inbox "
                        "WHERE state IN (0, 1) GROUP BY connector_id"_s);
    if (!q)
        return q.error();
    QSet<QString> seen;
    while (q->next()) {
        const QString id = q->value(0).toString();
        seen.insert(id);
        m_tracker->recordBacklog(id, q->value(1).toInt(), q->value(2).toLongLong());
    }
    for (const QString& id : m_tracker->connectors())
        if (!seen.contains(id))
            m_tracker->recordBacklog(id, 0, 0);
    const QList<LagSample> samples = m_tracker->closeMinutes(m_clock->nowMs());
    if (Status st = LagTracker::persist(*m_db, samples); !st)
        return st;
    if (m_listener && !samples.isEmpty())
        m_listener(samples);
    return Status::success();
}

} // namespace bk::webhooks
