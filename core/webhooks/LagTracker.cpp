#include "LagTracker.h"

#include "store/Database.h"

#include <algorithm>
#include <cmath>

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::webhooks {

double percentile(std::vector<double>& values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t rank = size_t(std::ceil(p / 100.0 * double(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

LagTracker::LagTracker(LagOptions options)
    : m_options(options) {}

void LagTracker::setAlertHandler(std::function<void(const LagAlert&)> handler) {
    QMutexLocker lock(&m_mutex);
    m_alertHandler = std::move(handler);
}

LagTracker::Connector& LagTracker::entry(const QString& id, qint64 minuteMs) {
    auto it = m_connectors.find(id);
    if (it == m_connectors.end()) {
        it = m_connectors.insert(id, Connector{});
        it->openMinuteMs = minuteMs;
    }
    return *it;
}

void LagTracker::recordProcessed(const QString& connectorId, qint64 occurredMs, qint64 receivedMs,
                                 qint64 processedMs) {
    const qint64 from = occurredMs > 0 ? occurredMs : receivedMs;
    QMutexLocker lock(&m_mutex);
    Connector& c = entry(connectorId, processedMs - processedMs % minuteMs);
    // A late report for a closed minute counts toward the open one.
    c.lags.push_back(double(qMax<qint64>(0, processedMs - from)));
}

void LagTracker::recordBacklog(const QString& connectorId, int backlog, qint64 oldestReceivedMs) {
    QMutexLocker lock(&m_mutex);
    Connector& c = entry(connectorId, -1);
    c.backlog = backlog;
    c.oldestReceivedMs = oldestReceivedMs;
}

LagSample LagTracker::closeOne(const QString& id, Connector& c, qint64 startMs) {
    LagSample s;
    s.connectorId = id;
    s.timeMs = startMs;
    s.backlog = c.backlog;
    s.p50Ms = percentile(c.lags, 50);
    s.p95Ms = percentile(c.lags, 95);
    // Waiting events are lag too: the oldest one's age sets a floor under p95.
    if (c.backlog > 0 && c.oldestReceivedMs > 0) {
        const qint64 minuteEnd = startMs + minuteMs;
        const double age = double(qMax<qint64>(0, minuteEnd - c.oldestReceivedMs));
        s.p95Ms = qMax(s.p95Ms, age);
        if (c.lags.empty())
            s.p50Ms = age;
    }
    c.lags.clear();
    c.ring.push_back(s);
    while (int(c.ring.size()) > m_options.keepMinutes)
        c.ring.pop_front();
    return s;
}

void LagTracker::checkAlerts(const QString& id, Connector& c, const LagSample& s,
                             QList<LagAlert>& alerts) const {
    using Kind = LagAlert::Kind;
    bool growing = int(c.ring.size()) > m_options.growingMinutes && s.backlog > 0;
    for (int i = 0; growing && i < m_options.growingMinutes; ++i) {
        const size_t last = c.ring.size() - 1 - size_t(i);
        growing = c.ring[last].backlog > c.ring[last - 1].backlog;
    }
    const QList<QPair<Kind, bool>> conditions = {
        {Kind::LagHigh, s.p95Ms > double(m_options.lagAlertMs)},
        {Kind::BacklogHigh, s.backlog > m_options.backlogAlert},
        {Kind::BacklogGrowing, growing}};
    const bool wasAlerting = !c.active.isEmpty();
    for (const auto& [kind, on] : conditions) {
        if (on && !c.active.contains(int(kind))) {
            c.active.insert(int(kind));
            QString msg;
            if (kind == Kind::LagHigh)
                msg = u"webhook lag p95 %1 s exceeds %2 s"_s.arg(s.p95Ms / 1000.0, 0, 'f', 1)
                          .arg(double(m_options.lagAlertMs) / 1000.0, 0, 'f', 0);
            else if (kind == Kind::BacklogHigh)
                msg = u"webhook backlog %1 exceeds %2"_s.arg(s.backlog).arg(m_options.backlogAlert);
            else
                msg =
                    u"webhook backlog grew for %1 minutes (now %2)"_s.arg(m_options.growingMinutes)
                        .arg(s.backlog);
            alerts.push_back({id, kind, s, msg});
        } else if (!on) {
            c.active.remove(int(kind));
        }
    }
    if (wasAlerting && c.active.isEmpty())
        alerts.push_back({id, Kind::Recovered, s, u"webhook lag and backlog are normal again"_s});
}

QList<LagSample> LagTracker::closeMinutes(qint64 nowMs) {
    const qint64 current = nowMs - nowMs % minuteMs;
    QList<LagSample> out;
    QList<LagAlert> alerts;
    std::function<void(const LagAlert&)> handler;
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_connectors.begin(); it != m_connectors.end(); ++it) {
            Connector& c = *it;
            if (c.openMinuteMs < 0)
                c.openMinuteMs = current;
            // After a long pause only the last keepMinutes matter.
            if (current - c.openMinuteMs > qint64(m_options.keepMinutes) * minuteMs)
                c.openMinuteMs = current - qint64(m_options.keepMinutes) * minuteMs;
            while (c.openMinuteMs < current) {
                const LagSample s = closeOne(it.key(), c, c.openMinuteMs);
                checkAlerts(it.key(), c, s, alerts);
                out.push_back(s);
                c.openMinuteMs += minuteMs;
            }
        }
        handler = m_alertHandler;
    }
    if (handler)
        for (const LagAlert& a : alerts)
            handler(a);
    return out;
}

QList<LagSample> LagTracker::series(const QString& connectorId) const {
    QMutexLocker lock(&m_mutex);
    const auto it = m_connectors.constFind(connectorId);
    if (it == m_connectors.cend())
        return {};
    return QList<LagSample>(it->ring.begin(), it->ring.end());
}

QStringList LagTracker::connectors() const {
    QMutexLocker lock(&m_mutex);
    return m_connectors.keys();
}

Status LagTracker::persist(store::Database& db, const QList<LagSample>& samples) {
    if (samples.isEmpty())
        return Status::success();
    return db.write([&](QSqlDatabase& c) -> Status {
        for (const LagSample& s : samples) {
            auto q = store::Database::run(
                c,
                u"INSERT INTO webhooks_lag (connector_id, minute_ms, p50_ms, p95_ms, backlog) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (connector_id, minute_ms) DO UPDATE SET "
                "p50_ms = excluded.p50_ms, p95_ms = excluded.p95_ms, backlog = excluded.backlog"_s,
                {s.connectorId, s.timeMs, s.p50Ms, s.p95Ms, s.backlog});
            if (!q)
                return q.error();
        }
        return Status::success();
    });
}

Status LagTracker::load(store::Database& db, qint64 nowMs) {
    const qint64 since = nowMs - qint64(m_options.keepMinutes) * minuteMs;
    auto q = db.exec(u"SELECT connector_id, minute_ms, p50_ms, p95_ms, backlog FROM webhooks_lag "
                     "WHERE minute_ms >= ? ORDER BY connector_id, minute_ms"_s,
                     {since});
    if (!q)
        return q.error();
    QMutexLocker lock(&m_mutex);
    while (q->next()) {
        LagSample s;
        s.connectorId = q->value(0).toString();
        s.timeMs = q->value(1).toLongLong();
        s.p50Ms = q->value(2).toDouble();
        s.p95Ms = q->value(3).toDouble();
        s.backlog = q->value(4).toInt();
        Connector& c = entry(s.connectorId, -1);
        c.ring.push_back(s);
        while (int(c.ring.size()) > m_options.keepMinutes)
            c.ring.pop_front();
        c.openMinuteMs = qMax(c.openMinuteMs, s.timeMs + minuteMs);
    }
    return Status::success();
}

} // namespace bk::webhooks
