#pragma once

#include "FlowLease.h"
#include "FlowRunner.h"
#include "Reconciler.h"
#include "RecordResyncer.h"

#include <functional>
#include <map>
#include <memory>

#include <QHash>
#include <QObject>
#include <QSet>
#include <QThread>

namespace bk::sync {

/// A flow ready to schedule: its resolved spec and the mapper it writes with.
struct FlowBinding {
    FlowSpec spec;
    std::shared_ptr<const RecordMapper> mapper;
};

/// Makes the Transport for one connector; called on the flow's worker thread, so whatever
/// it creates (QNetworkAccessManager, Pipeline) lives there.
using TransportFactory = std::function<std::unique_ptr<Transport>(const ConnectorDef& connector)>;

/// One flow's scheduling on its own thread: runs on the flow's interval, reconciles on its
/// reconcile interval, pauses and stops between pages. Created by SyncScheduler.
///
/// With fleet leases, a run, reconciliation or resync starts only while this engine holds the
/// flow's lease (see FlowLease); a tick that finds it held elsewhere is skipped and the run
/// is tried again after min(interval, lease length), so a dead engine's flow is taken over.
/// A scheduled run also waits for the fleet's shared record: it starts only when the flow's
/// last finished run on any engine is an interval old, so N engines run a flow once per
/// interval, not N times. runNow() (console, webhooks) is not held back by that record, nor
/// is the start-up run of begin(runImmediately) of an engine alone on the store (no other
/// live engine in fleet_engines), so a single engine still syncs at once when it starts.
/// Before claiming a free lease, an engine over its fair share defers (FlowLease::shouldDefer).
class FlowWorker : public QObject {
    Q_OBJECT
public:
    FlowWorker(FlowBinding binding, TransportFactory transports, std::shared_ptr<SyncStore> store,
               std::shared_ptr<DeadLetterSink> deadLetters, std::shared_ptr<Clock> clock,
               FlowLeaseConfig leases = {});
    ~FlowWorker() override;

    // Invoked on the worker's thread (queued).
    void begin(bool runImmediately);
    void runNow();
    void reconcileNow(bool repair);
    /// Resyncs records one at a time, after the run or reconciliation in hand.
    void resync(const QStringList& sourceIds);
    void setPaused(bool paused);
    /// Stops after the page in hand; whatever still waits on the network after graceMs
    /// (a vendor outage in retries) is abandoned, keeping only what is durable.
    void stop(qint64 graceMs);
    /// Ends the run, reconciliation and resync in hand now (see FlowRunner::abandon).
    void abandon();

Q_SIGNALS:
    void progressChanged(const bk::FlowProgress& progress);
    void runFinished(const QString& flowId, bool ok, const QString& message);
    void reconciled(const QString& flowId, bool ok, const QString& message);
    /// One record of resync() is done; state is "resolved", "differing" or "failed".
    void recordResynced(const QString& flowId, const QString& sourceId, bool ok,
                        const QString& state, const QString& message);
    void stopped(const QString& flowId);

private:
    void scheduleRun(qint64 atMs);
    void scheduleReconcile(qint64 atMs);
    void startRun();
    void startResync();
    void checkStopped();
    bool busy() const;
    /// Gives the flow's lease back once no run, reconciliation or resync is in hand.
    void releaseIfIdle();
    void onLeaseLost();

    FlowBinding m_binding;
    TransportFactory m_factory;
    std::shared_ptr<SyncStore> m_store;
    std::shared_ptr<DeadLetterSink> m_deadLetters;
    std::shared_ptr<Clock> m_clock;
    std::unique_ptr<Transport> m_sourceTransport;
    std::unique_ptr<Transport> m_destinationTransport;
    FlowRunner* m_runner = nullptr;
    Reconciler* m_reconciler = nullptr;
    RecordResyncer* m_resyncer = nullptr;
    FlowLeaseConfig m_leaseConfig;
    FlowLease* m_lease = nullptr;
    QStringList m_resyncWaiting; ///< asked for while a run or reconciliation was busy
    QObject* m_timers = nullptr; ///< context of pending clock callbacks; replaced to cancel them
    QObject* m_reconcileTimers = nullptr;
    bool m_paused = false;
    bool m_runDue = false;
    bool m_manualRun = false;  ///< the due run was asked for (runNow), not scheduled
    bool m_startupRun = false; ///< the due run is the start-up run (begin(runImmediately))
    bool m_stopping = false;
    bool m_stoppedReported = false;
    bool m_reconciling = false;
    bool m_reconcileRepair = false;
    bool m_reconcileDue = false; ///< asked for while resyncs were busy
};

/// Runs every flow on its own worker thread, so one flow's slowness never blocks another.
/// Owns the threads (quit and wait on destruction). Per-connector pause/resume holds every
/// flow that reads or writes that connector after its current page; shutdown() lets each
/// flow finish the page in hand, so cursors are committed, then stops the threads.
class SyncScheduler : public QObject {
    Q_OBJECT
public:
    SyncScheduler(std::shared_ptr<SyncStore> store, std::shared_ptr<DeadLetterSink> deadLetters,
                  std::shared_ptr<Clock> clock, TransportFactory transports,
                  QObject* parent = nullptr);
    ~SyncScheduler() override;

    /// Claims each flow through fleet leases (holder = this engine's id) from now on; call
    /// before addFlow(). Without it every flow runs unclaimed (a single engine).
    void setLeases(FlowLeaseConfig leases) { m_leases = std::move(leases); }
    void addFlow(FlowBinding binding);
    /// Starts every flow's schedule; with runImmediately the first run starts now, else after
    /// one interval.
    void start(bool runImmediately = true);
    void runNow(const QString& flowId);
    void reconcileNow(const QString& flowId, bool repair = false);
    /// Fetches each source record of flowId anew and writes it through the flow's mapping and
    /// pipeline; recordResynced reports each.
    void resyncRecords(const QString& flowId, const QStringList& sourceIds);
    void pauseConnector(const QString& connectorId);
    void resumeConnector(const QString& connectorId);
    bool isConnectorPaused(const QString& connectorId) const;
    /// Graceful, but prompt: each flow stops after its current page; a page still waiting
    /// on the network after graceMs (e.g. in a vendor's retries) is abandoned — the cursor
    /// and run state stay at the last durable page and the next start reads it again.
    /// Waits up to timeoutMs for all; returns false when some flow did not stop in time
    /// (its thread is then ended at the event loop level; durable state stays consistent).
    bool shutdown(qint64 timeoutMs = 30'000, qint64 graceMs = 5'000);

    FlowProgress progress(const QString& flowId) const { return m_progress.value(flowId); }
    QStringList flowIds() const;

Q_SIGNALS:
    void flowProgressChanged(const bk::FlowProgress& progress);
    void runFinished(const QString& flowId, bool ok, const QString& message);
    void reconciled(const QString& flowId, bool ok, const QString& message);
    void recordResynced(const QString& flowId, const QString& sourceId, bool ok,
                        const QString& state, const QString& message);

private:
    struct Slot {
        FlowBinding binding;
        std::unique_ptr<QThread> thread;
        FlowWorker* worker = nullptr;
    };
    std::shared_ptr<SyncStore> m_store;
    std::shared_ptr<DeadLetterSink> m_deadLetters;
    std::shared_ptr<Clock> m_clock;
    TransportFactory m_transports;
    FlowLeaseConfig m_leases;
    std::shared_ptr<std::atomic<int>> m_flowCount = std::make_shared<std::atomic<int>>(0);
    std::map<QString, Slot> m_slots;
    QSet<QString> m_pausedConnectors;
    QHash<QString, FlowProgress> m_progress;
    bool m_started = false;
};

} // namespace bk::sync
