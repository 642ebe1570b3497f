#pragma once

#include "engine/EngineApi.h"
#include "engine/SnapshotStore.h"

#include <memory>

#include <QHash>
#include <QMutex>
#include <QObject>

namespace bk {

class Clock;

/// Keeps the latest snapshot of everything the engine reports and writes what changed to
/// the store every flushIntervalMs (one transaction), so `status`, metrics and attached
/// consoles see it. Lives on a worker thread; current() may be called from any thread.
class SnapshotRecorder : public QObject {
    Q_OBJECT
public:
    SnapshotRecorder(std::shared_ptr<Clock> clock, std::shared_ptr<store::Database> db,
                     QString engineId, qint64 flushIntervalMs = 2000, QObject* parent = nullptr);

    /// Connects to every snapshot signal of signals (queued into this object's thread).
    void follow(EngineSignals* source);

    /// A consistent copy of the latest snapshots.
    SnapshotStore::All current() const;

    /// Writes pending changes now (also called on shutdown).
    Status flush();

public Q_SLOTS:
    void recordHealth(const bk::ConnectorHealth& h);
    void recordToken(const bk::TokenState& t);
    void recordGauge(const bk::RateGauge& g);
    void recordLag(const bk::LagSample& l);
    void recordFlow(const bk::FlowProgress& f);

private:
    void scheduleFlush();

    std::shared_ptr<Clock> m_clock;
    SnapshotStore m_store;
    qint64 m_flushIntervalMs;
    mutable QMutex m_mutex;
    QHash<QString, ConnectorHealth> m_health;
    QHash<QString, TokenState> m_tokens;
    QHash<QString, RateGauge> m_gauges;
    QHash<QString, LagSample> m_lags;
    QHash<QString, FlowProgress> m_flows;
    QSet<QString> m_dirty; ///< "kind/key"
    bool m_flushScheduled = false;
};

} // namespace bk
