#include "FleetRelay.h"

using namespace Qt::StringLiterals;

namespace bk::ui {

FleetRelay::FleetRelay(EngineSignals* local, QObject* parent)
    : QObject(parent)
    , m_out(new EngineSignals(this)) {
    if (!local)
        return;
    connect(local, &EngineSignals::reconciliationFinished, m_out,
            &EngineSignals::reconciliationFinished);
    connect(local, &EngineSignals::recordResynced, m_out, &EngineSignals::recordResynced);
    connect(local, &EngineSignals::eventRaised, m_out, &EngineSignals::eventRaised);
    connect(local, &EngineSignals::deadLetterChanged, m_out, &EngineSignals::deadLetterChanged);
    connect(local, &EngineSignals::dryRunFinished, m_out, &EngineSignals::dryRunFinished);
    connect(local, &EngineSignals::replayTargetsListed, m_out, &EngineSignals::replayTargetsListed);
    connect(local, &EngineSignals::replayFinished, m_out, &EngineSignals::replayFinished);
    connect(local, &EngineSignals::replayJobChanged, m_out, &EngineSignals::replayJobChanged);
    // The console's own connection to the store: whether the console reaches it.
    connect(local, &EngineSignals::storeStatusChanged, m_out, &EngineSignals::storeStatusChanged);
}

void FleetRelay::applySnapshots(const SnapshotStore::All& all) {
    // A row is emitted once per write: re-emitting an unchanged lag sample would add it to
    // the lag history again.
    auto fresh = [this, &all](const QString& kind, const QString& key) {
        const QString k = kind + u'/' + key;
        const qint64 updated = all.updatedMs.value(k);
        auto it = m_seen.find(k);
        if (it != m_seen.end() && *it == updated)
            return false;
        m_seen.insert(k, updated);
        return true;
    };
    for (ConnectorHealth h : all.health) {
        if (!fresh(u"health"_s, h.connectorId))
            continue;
        // The connector list's detail column names the engine that reported the state.
        const QString engine = all.engineOf.value(u"health/"_s + h.connectorId);
        if (!engine.isEmpty())
            h.reason = h.reason.isEmpty() ? tr("reported by %1").arg(engine)
                                          : tr("%1 (reported by %2)").arg(h.reason, engine);
        Q_EMIT m_out->connectorHealthChanged(h);
    }
    for (const auto& t : all.tokens)
        if (fresh(u"token"_s, t.connectorId))
            Q_EMIT m_out->tokenStateChanged(t);
    for (const auto& g : all.gauges)
        if (fresh(u"gauge"_s, g.connectorId + u'/' + g.policyId))
            Q_EMIT m_out->rateGaugeChanged(g);
    for (const auto& l : all.lags)
        if (fresh(u"lag"_s, l.connectorId))
            Q_EMIT m_out->lagSampled(l);
    for (const auto& f : all.flows)
        if (fresh(u"flow"_s, f.flowId))
            Q_EMIT m_out->flowProgressChanged(f);
}

void FleetRelay::announceDeadLetters(const QList<qint64>& ids) {
    for (qint64 id : ids)
        Q_EMIT m_out->deadLetterChanged(id);
}

} // namespace bk::ui
