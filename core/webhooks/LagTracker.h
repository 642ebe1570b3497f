#pragma once

#include "Result.h"
#include "engine/Snapshots.h"

#include <deque>
#include <functional>

#include <QHash>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>

namespace bk::store {
class Database;
}

namespace bk::webhooks {

/// Why the lag monitor raised (or cleared) an alert.
struct LagAlert {
    enum class Kind {
        LagHigh,        ///< p95 lag above the workspace's webhooks.lagAlert
        BacklogHigh,    ///< backlog above the configured limit
        BacklogGrowing, ///< backlog grew in each of the last growingMinutes minutes
        Recovered,      ///< every condition above cleared again
    };
    QString connectorId;
    Kind kind = Kind::LagHigh;
    LagSample sample;
    QString message;
};

struct LagOptions {
    qint64 lagAlertMs = 5 * 60'000;
    int backlogAlert = 10'000;
    int growingMinutes = 5;
    int keepMinutes = 26 * 60; ///< ≥ 24 h at one-minute resolution
};

/// Per connector: event lag (processed-at minus occurred-at, or received-at when the sender
/// gives no time) collected per minute, closed into p50/p95 + backlog samples kept in a ring
/// of keepMinutes; alerts on the edges. Thread-safe; time comes from the caller.
class LagTracker {
public:
    static constexpr qint64 minuteMs = 60'000;

    explicit LagTracker(LagOptions options = {});

    void recordProcessed(const QString& connectorId, qint64 occurredMs, qint64 receivedMs,
                         qint64 processedMs);
    /// Current backlog and the receive time of its oldest event (0 if none).
    void recordBacklog(const QString& connectorId, int backlog, qint64 oldestReceivedMs);

    /// Closes every minute that ended at or before nowMs; returns the new samples (also kept
    /// in the ring) and raises alerts for them.
    QList<LagSample> closeMinutes(qint64 nowMs);

    QList<LagSample> series(const QString& connectorId) const;
    QStringList connectors() const;

    void setAlertHandler(std::function<void(const LagAlert&)> handler);

    /// Writes samples to webhooks_lag; loads the last keepMinutes back (after a restart).
    static Status persist(store::Database& db, const QList<LagSample>& samples);
    Status load(store::Database& db, qint64 nowMs);

private:
    struct Connector {
        std::vector<double> lags; ///< of the open minute
        qint64 openMinuteMs = -1;
        int backlog = 0;
        qint64 oldestReceivedMs = 0;
        std::deque<LagSample> ring;
        QSet<int> active; ///< LagAlert::Kind values currently raised
    };
    Connector& entry(const QString& id, qint64 minuteMs);
    LagSample closeOne(const QString& id, Connector& c, qint64 startMs);
    void checkAlerts(const QString& id, Connector& c, const LagSample& s,
                     QList<LagAlert>& alerts) const;

    LagOptions m_options;
    mutable QMutex m_mutex;
    QHash<QString, Connector> m_connectors;
    std::function<void(const LagAlert&)> m_alertHandler;
};

/// Nearest-rank percentile of values (sorted in place); 0 for none.
double percentile(std::vector<double>& values, double p);

} // namespace bk::webhooks
