#pragma once

#include "engine/Snapshots.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace bk {

/// What the console sees of an engine. The engine emits these signals from its worker
/// threads; receivers in the GUI thread connect normally (Qt queues across threads) and
/// get value snapshots, never pointers into the engine.
class EngineSignals : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

Q_SIGNALS:
    void connectorHealthChanged(const bk::ConnectorHealth& health);
    void tokenStateChanged(const bk::TokenState& token);
    void rateGaugeChanged(const bk::RateGauge& gauge);
    void lagSampled(const bk::LagSample& sample);
    void flowProgressChanged(const bk::FlowProgress& progress);
    /// A flow's reconciliation ended (ok, or why not); its stored result is now current.
    void reconciliationFinished(const QString& flowId, bool ok, const QString& message);
    /// Answer to EngineCommands::resyncRecord, once per record: state is "resolved" (both
    /// sides agree), "differing" (written, still differs) or "failed"; message says why.
    void recordResynced(const QString& flowId, const QString& sourceId, bool ok,
                        const QString& state, const QString& message);
    void eventRaised(const bk::EngineEvent& event);
    /// A dead letter was added or changed state (the console refetches that row).
    void deadLetterChanged(qint64 deadLetterId);
};

/// Commands the console sends. Every method returns at once; outcomes arrive as signals.
class EngineCommands {
public:
    virtual ~EngineCommands() = default;

    virtual void pauseConnector(const QString& connectorId) = 0;
    virtual void resumeConnector(const QString& connectorId) = 0;
    virtual void forceBreaker(const QString& connectorId, bool open) = 0;
    virtual void probeNow(const QString& connectorId) = 0;
    virtual void runFlowNow(const QString& flowId) = 0;
    virtual void reconcileNow(const QString& flowId) = 0;
    /// Fetches the current source record of flowId and writes it through the flow's mapping
    /// and pipeline (upsert); answers with EngineSignals::recordResynced. The default answers
    /// nothing: only an engine that runs flows can resync.
    virtual void resyncRecord(const QString& flowId, const QString& sourceId) {
        Q_UNUSED(flowId);
        Q_UNUSED(sourceId);
    }
    /// Replays a dead letter, optionally with an edited payload, as operator `user`.
    virtual void replayDeadLetter(qint64 id, const QByteArray& editedBody, const QString& user) = 0;
    virtual void discardDeadLetter(qint64 id, const QString& reason, const QString& user) = 0;
};

} // namespace bk
