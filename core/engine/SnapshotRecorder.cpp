#include "engine/SnapshotRecorder.h"

#include "Clock.h"
#include "LogCategories.h"

namespace bk {

SnapshotRecorder::SnapshotRecorder(std::shared_ptr<Clock> clock,
                                   std::shared_ptr<store::Database> db, QString engineId,
                                   qint64 flushIntervalMs, QObject* parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_store(std::move(db), std::move(engineId))
    , m_flushIntervalMs(flushIntervalMs) {}

void SnapshotRecorder::follow(EngineSignals* source) {
    connect(source, &EngineSignals::connectorHealthChanged, this, &SnapshotRecorder::recordHealth);
    connect(source, &EngineSignals::tokenStateChanged, this, &SnapshotRecorder::recordToken);
    connect(source, &EngineSignals::rateGaugeChanged, this, &SnapshotRecorder::recordGauge);
    connect(source, &EngineSignals::lagSampled, this, &SnapshotRecorder::recordLag);
    connect(source, &EngineSignals::flowProgressChanged, this, &SnapshotRecorder::recordFlow);
}

void SnapshotRecorder::recordHealth(const ConnectorHealth& h) {
    QMutexLocker lock(&m_mutex);
    m_health.insert(h.connectorId, h);
    m_dirty.insert(QStringLiteral("health/") + h.connectorId);
    lock.unlock();
    scheduleFlush();
}

void SnapshotRecorder::recordToken(const TokenState& t) {
    QMutexLocker lock(&m_mutex);
    m_tokens.insert(t.connectorId, t);
    m_dirty.insert(QStringLiteral("token/") + t.connectorId);
    lock.unlock();
    scheduleFlush();
}

void SnapshotRecorder::recordGauge(const RateGauge& g) {
    const QString key = g.connectorId + QLatin1Char('/') + g.policyId;
    QMutexLocker lock(&m_mutex);
    m_gauges.insert(key, g);
    m_dirty.insert(QStringLiteral("gauge/") + key);
    lock.unlock();
    scheduleFlush();
}

void SnapshotRecorder::recordLag(const LagSample& l) {
    QMutexLocker lock(&m_mutex);
    m_lags.insert(l.connectorId, l);
    m_dirty.insert(QStringLiteral("lag/") + l.connectorId);
    lock.unlock();
    scheduleFlush();
}

void SnapshotRecorder::recordFlow(const FlowProgress& f) {
    QMutexLocker lock(&m_mutex);
    m_flows.insert(f.flowId, f);
    m_dirty.insert(QStringLiteral("flow/") + f.flowId);
    lock.unlock();
    scheduleFlush();
}

void SnapshotRecorder::scheduleFlush() {
    // Coalesce bursts: at most one write per interval, whatever the snapshot rate.
    if (m_flushScheduled)
        return;
    m_flushScheduled = true;
    m_clock->callAfter(m_flushIntervalMs, this, [this] {
        m_flushScheduled = false;
        if (auto st = flush(); !st)
            qCWarning(lcStore).noquote() << "cannot record snapshots:" << st.error().message;
    });
}

SnapshotStore::All SnapshotRecorder::current() const {
    QMutexLocker lock(&m_mutex);
    SnapshotStore::All all;
    all.health = m_health.values();
    all.tokens = m_tokens.values();
    all.gauges = m_gauges.values();
    all.lags = m_lags.values();
    all.flows = m_flows.values();
    return all;
}

Status SnapshotRecorder::flush() {
    QList<ConnectorHealth> health;
    QList<TokenState> tokens;
    QList<RateGauge> gauges;
    QList<LagSample> lags;
    QList<FlowProgress> flows;
    {
        QMutexLocker lock(&m_mutex);
        for (const QString& k : std::as_const(m_dirty)) {
            const qsizetype slash = k.indexOf(QLatin1Char('/'));
            const QString kind = k.left(slash);
            const QString key = k.mid(slash + 1);
            if (kind == QLatin1String("health"))
                health << m_health.value(key);
            else if (kind == QLatin1String("token"))
                tokens << m_tokens.value(key);
            else if (kind == QLatin1String("gauge"))
                gauges << m_gauges.value(key);
            else if (kind == QLatin1String("lag"))
                lags << m_lags.value(key);
            else if (kind == QLatin1String("flow"))
                flows << m_flows.value(key);
        }
        m_dirty.clear();
    }
    if (health.isEmpty() && tokens.isEmpty() && gauges.isEmpty() && lags.isEmpty() &&
        flows.isEmpty())
        return Status::success();
    return m_store.save(health, tokens, gauges, lags, flows);
}

} // namespace bk
