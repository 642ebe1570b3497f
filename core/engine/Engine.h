#pragma once

#include "ConnectorCatalog.h"
#include "Result.h"
#include "Workspace.h"
#include "engine/EngineApi.h"
#include "fleet/FleetChannel.h"

#include <map>
#include <memory>

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QThreadPool>
#include <QUrl>

namespace bk {
class Clock;
class ConnectorRuntime;
class DestinationLookupResolver;
class MetricsServer;
class ReplayPlanner;
class SnapshotRecorder;
class StoreStatusMonitor;
class WebhookFlowTrigger;
class WebhookIntake;
namespace store {
class Database;
}
namespace alerts {
class AlertRouter;
}
namespace auth {
class SecretStore;
}
namespace deadletters {
class DeadLetterStore;
class ReplayJobRunner;
class ReplayJobStore;
} // namespace deadletters
namespace sync {
class SyncScheduler;
class SyncStore;
} // namespace sync
namespace fleet {
class FleetChannelAgent;
class FleetMember;
} // namespace fleet

struct EngineOptions {
    Workspace workspace;
    ConnectorCatalog catalog;
    std::shared_ptr<store::Database> db; ///< opened with allMigrations()
    std::shared_ptr<Clock> clock;
    std::shared_ptr<auth::SecretStore> secrets; ///< null: made from the workspace
    QString engineId;     ///< names this engine in leases and snapshots (default host:pid)
    bool runFlows = true; ///< schedule the workspace's flows
    bool runFirstSyncNow = true;
    bool serveMetrics = true; ///< when the workspace has metrics.listen
    /// Write this engine's snapshots to the store. A console attached to a fleet turns it off:
    /// its idle pipelines would otherwise overwrite what the working engines report.
    bool recordSnapshots = true;
};

/// The engine facade: builds every connector's runtime (token vault + request pipeline on a
/// thread of its own), the dead-letter queue, the alert router, the flow scheduler, the
/// snapshot recorder and the metrics endpoint from a workspace, publishes their snapshots
/// through one EngineSignals, and executes the console's commands. Lives on the thread that
/// creates it; it never blocks that thread except in shutdown().
class Engine : public QObject, public EngineCommands {
    Q_OBJECT
public:
    explicit Engine(EngineOptions options, QObject* parent = nullptr);
    ~Engine() override;

    Status start();
    /// Graceful stop: flows finish their current page and commit cursors, in-flight requests
    /// are left in the durable outbox for the next start, snapshots are flushed.
    void shutdown(qint64 timeoutMs = 30'000);

    EngineSignals* engineSignals() const { return m_signals; }
    const Workspace& workspace() const { return m_options.workspace; }
    std::shared_ptr<deadletters::DeadLetterStore> deadLetters() const { return m_deadLetters; }
    std::shared_ptr<alerts::AlertRouter> alerts() const { return m_alerts; }
    std::shared_ptr<auth::SecretStore> secrets() const { return m_secrets; }
    /// The flows' store (cursors, id map, reconciliation results): the console reads the
    /// latest reconciliation of a flow from it on a worker thread. Null before start().
    std::shared_ptr<sync::SyncStore> syncStore() const { return m_syncStore; }
    ConnectorRuntime* runtime(const QString& connectorId) const;
    quint16 metricsPort() const;
    quint16 webhookPort() const;

    // EngineCommands
    void pauseConnector(const QString& connectorId) override;
    void resumeConnector(const QString& connectorId) override;
    void forceBreaker(const QString& connectorId, bool open) override;
    void probeNow(const QString& connectorId) override;
    void runFlowNow(const QString& flowId) override;
    void reconcileNow(const QString& flowId) override;
    void resyncRecord(const QString& flowId, const QString& sourceId) override;
    void replayDeadLetter(qint64 id, const QByteArray& editedBody, const QString& user) override;
    void discardDeadLetter(qint64 id, const QString& reason, const QString& user) override;
    void dryRunDeadLetter(qint64 id, const QByteArray& editedBody,
                          const ReplayTarget& target) override;
    void listReplayTargets(qint64 id) override;
    void replayDeadLetterTo(qint64 id, const QByteArray& editedBody, const ReplayTarget& target,
                            const QString& user) override;
    void startReplayJob(const QList<qint64>& ids, const QString& user) override;
    void cancelReplayJob(qint64 jobId, const QString& user) override;
    void refreshReplayJobs() override;
    void refreshStoreStatus() override;
    /// Whether the store is reachable, as last published (storeStatusChanged).
    StoreStatus storeStatus() const;

    std::shared_ptr<deadletters::ReplayJobStore> replayJobs() const { return m_replayJobs; }

    /// Starts re-authorising connectorId in a browser: urlReady gets the authorize URL to open
    /// (or why not); finished gets the outcome once the redirect arrived and the new tokens
    /// are stored. Both run on this object's thread. cancelReauthorisation() aborts.
    void reauthorise(const QString& connectorId, std::function<void(Result<QUrl>)> urlReady,
                     std::function<void(Status)> finished);
    void cancelReauthorisation();

    /// Replays dead letter id and calls done (on this object's thread) with the outcome.
    void replay(qint64 id, const QByteArray& editedBody, const QString& user,
                std::function<void(Status)> done);

Q_SIGNALS:
    /// The webhook listener is up (after the webhook secrets were read), or failed to start.
    void webhooksStarted(const bk::Status& status);

private:
    struct RunWaiter {
        QString flowId;
        quint64 target = 0; ///< finished-run count that satisfies this waiter
        std::shared_ptr<std::function<void(Status)>> done;
        std::shared_ptr<int> remaining;
        std::shared_ptr<QStringList> failures;
    };
    void startWebhooks();
    void triggerFlowsFor(const QString& connectorId, std::function<void(Status)> done);
    void onRunFinished(const QString& flowId, bool ok, const QString& message);
    Status startConnectors();
    Status startFlows();
    void raiseEvent(const QString& connectorId, const QString& kind, const QString& severity,
                    const QString& message);
    // Dead-letter replays beyond the original target (EngineReplay.cpp).
    void startReplayRunners();
    void stopReplayRunners();
    void wakeReplayRunner(const QString& connectorId);
    void publishReplayJob(qint64 jobId);
    // The fleet's command channel on a PostgreSQL store (EngineFleetChannel.cpp).
    void applyFleetControlsAtStart();
    void startFleetChannel();
    void stopFleetChannel();
    /// Flow actions go to the fleet: a console attached to one (no flows of its own).
    bool routesFlowActions() const { return m_channel && !m_scheduler; }
    void writeFleetControl(const QString& connectorId, const QString& action);
    void issueFleetCommand(const QString& kind, const QString& flowId, const QString& sourceId);
    void runFleetCommand(const fleet::FleetCommand& command);
    void reportFleetCommand(const fleet::FleetCommand& command);
    void applyPause(const QString& connectorId, bool paused);
    void applyBreaker(const QString& connectorId, bool open);
    // Store reachability for the console (EngineStoreStatus.cpp).
    void startStoreStatus();
    void onStoreStatus(const StoreStatus& status);

    EngineOptions m_options;
    EngineSignals* m_signals;
    std::shared_ptr<auth::SecretStore> m_secrets;
    std::shared_ptr<alerts::AlertRouter> m_alerts;
    std::shared_ptr<deadletters::DeadLetterStore> m_deadLetters;
    std::map<QString, std::unique_ptr<ConnectorRuntime>> m_runtimes;
    std::unique_ptr<sync::SyncScheduler> m_scheduler;
    std::shared_ptr<sync::SyncStore> m_syncStore;
    std::unique_ptr<QThread> m_ioThread; ///< snapshot writes and other store work
    SnapshotRecorder* m_recorder = nullptr;
    fleet::FleetMember* m_fleet = nullptr; ///< on the io thread; only when running flows
    fleet::FleetChannelAgent* m_channel = nullptr; ///< on the io thread; PostgreSQL stores only
    QList<fleet::ConnectorControl> m_controlsAtStart;
    std::unique_ptr<MetricsServer> m_metrics;
    std::unique_ptr<StoreStatusMonitor> m_storeStatus;
    bool m_storeReachable = true; ///< as last announced in an event
    std::unique_ptr<WebhookFlowTrigger> m_trigger;
    std::unique_ptr<WebhookIntake> m_webhooks;
    QPointer<QObject> m_authFlow; ///< the running browser authorisation, if any
    QHash<QString, quint64> m_runsFinished;
    QList<RunWaiter> m_waiters;
    QList<std::shared_ptr<DestinationLookupResolver>> m_resolvers;
    QHash<QString, std::shared_ptr<DestinationLookupResolver>> m_flowResolvers;
    std::shared_ptr<ReplayPlanner> m_planner;
    std::shared_ptr<deadletters::ReplayJobStore> m_replayJobs;
    QHash<QString, deadletters::ReplayJobRunner*> m_replayRunners; ///< on connector threads
    QThreadPool m_replayPool; ///< dry runs, plans and job bookkeeping off the caller's thread
    qint64 m_nextEventId = 1;
    bool m_started = false;
};

} // namespace bk
