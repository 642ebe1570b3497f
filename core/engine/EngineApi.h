#pragma once

#include "engine/Snapshots.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace bk {

/// Where a dead-letter replay (or dry run) goes.
struct ReplayTarget {
    enum class Kind {
        Original,  ///< the letter's own request (a source record: through its own flow)
        Flow,      ///< id: a workspace flow whose mapping maps the letter's source record
        Connector, ///< id: another connector of the same type (same resource path)
    };
    Kind kind = Kind::Original;
    QString id;
    bool operator==(const ReplayTarget&) const = default;
};

/// One target the console may offer for a dead letter.
struct ReplayTargetOption {
    ReplayTarget target;
    QString label;       ///< "Flow orders-to-exact-2", "Connector exact-test"
    QString description; ///< where it would go ("POST https://…/crm/Accounts")
};

/// One reason a payload would be refused, with the JSON path of the field it concerns.
struct DryRunViolation {
    QString path; ///< "$.Email", "$.SalesInvoiceLines[1].NetPrice"
    QString rule; ///< "required", "maxLength", "pattern", "phone", "lookup", …
    QString message;
    QString value; ///< excerpt of the offending value
};

/// What a replay would send, computed without sending anything.
struct DryRunResult {
    qint64 deadLetterId = 0;
    ReplayTarget target;
    QString error;       ///< set when the dry run could not run at all (then nothing below)
    QString connectorId; ///< the connector that would send it
    QString method;
    QString url;
    QByteArray body;    ///< the exact request body that would be sent
    QString schemaName; ///< "exact-online/Accounts"; empty when no schema is known
    QList<DryRunViolation> violations;
    bool ok() const { return error.isEmpty() && violations.isEmpty(); }
};

/// Progress of a persisted bulk replay job.
struct ReplayJobProgress {
    qint64 jobId = 0;
    QString connectorId;
    QString user;
    QString state;       ///< running, paused, cancelled, finished
    QString pauseReason; ///< why it is paused (circuit open, vendor outage, …)
    int total = 0;
    int resolved = 0;
    int failed = 0;
    int skipped = 0;
    int inFlight = 0;
    qint64 updatedMs = 0;
    int done() const { return resolved + failed + skipped; }
    bool open() const { return state == u"running" || state == u"paused"; }
};

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
    /// Answer to EngineCommands::dryRunDeadLetter.
    void dryRunFinished(const bk::DryRunResult& result);
    /// Answer to EngineCommands::listReplayTargets.
    void replayTargetsListed(qint64 deadLetterId, const QList<bk::ReplayTargetOption>& targets);
    /// A single replay ended (or could not start): ok, or why not.
    void replayFinished(qint64 deadLetterId, bool ok, const QString& message);
    /// A bulk replay job was created, progressed, paused, resumed, finished or cancelled.
    void replayJobChanged(const bk::ReplayJobProgress& job);
    /// The store became unreachable or reachable again (within about two seconds of it),
    /// or its counters changed; also the answer to EngineCommands::refreshStoreStatus.
    void storeStatusChanged(const bk::StoreStatus& status);
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
    /// Maps and validates the (edited) payload for target without sending it; answers with
    /// EngineSignals::dryRunFinished.
    virtual void dryRunDeadLetter(qint64 id, const QByteArray& editedBody,
                                  const bk::ReplayTarget& target) = 0;
    /// The targets that make sense for the letter; answers with replayTargetsListed.
    virtual void listReplayTargets(qint64 id) = 0;
    /// Replays to target (audited with the original and the new target); the outcome arrives
    /// as deadLetterChanged and replayFinished.
    virtual void replayDeadLetterTo(qint64 id, const QByteArray& editedBody,
                                    const bk::ReplayTarget& target, const QString& user) = 0;
    /// Starts a persisted, budget-paced bulk replay (one job per connector); progress arrives
    /// as replayJobChanged.
    virtual void startReplayJob(const QList<qint64>& ids, const QString& user) = 0;
    virtual void cancelReplayJob(qint64 jobId, const QString& user) = 0;
    /// Publishes the recent jobs (replayJobChanged for each), e.g. when the console opens.
    virtual void refreshReplayJobs() = 0;
    /// Publishes the store's current reachability (storeStatusChanged), e.g. when a window
    /// attaches. The default publishes nothing: only an engine with a store has one.
    virtual void refreshStoreStatus() {}
};

} // namespace bk

Q_DECLARE_METATYPE(bk::ReplayTarget)
Q_DECLARE_METATYPE(bk::DryRunResult)
Q_DECLARE_METATYPE(bk::ReplayTargetOption)
Q_DECLARE_METATYPE(bk::ReplayJobProgress)
