#include "SyncScheduler.h"

#include "LogCategories.h"

#include <QDeadlineTimer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace bk::sync {

FlowWorker::FlowWorker(FlowBinding binding, TransportFactory transports,
                       std::shared_ptr<SyncStore> store,
                       std::shared_ptr<DeadLetterSink> deadLetters, std::shared_ptr<Clock> clock,
                       FlowLeaseConfig leases)
    : m_binding(std::move(binding))
    , m_factory(std::move(transports))
    , m_store(std::move(store))
    , m_deadLetters(std::move(deadLetters))
    , m_clock(std::move(clock))
    , m_leaseConfig(std::move(leases)) {}

FlowWorker::~FlowWorker() = default;

void FlowWorker::begin(bool runImmediately) {
    // Created here, on the worker thread, so network objects live on it.
    m_sourceTransport = m_factory(m_binding.spec.source);
    m_destinationTransport = m_factory(m_binding.spec.destination);
    m_runner = new FlowRunner(m_binding.spec, *m_binding.mapper, *m_sourceTransport,
                              *m_destinationTransport, *m_store, *m_deadLetters, m_clock, this);
    m_reconciler = new Reconciler(m_binding.spec, *m_binding.mapper, *m_sourceTransport,
                                  *m_destinationTransport, *m_store, *m_deadLetters, m_clock, this);
    m_resyncer =
        new RecordResyncer(m_binding.spec, *m_binding.mapper, *m_sourceTransport,
                           *m_destinationTransport, *m_store, *m_deadLetters, m_clock, this);
    m_lease = new FlowLease(m_leaseConfig, m_binding.spec.flow.id, m_clock, this);
    connect(m_lease, &FlowLease::lost, this, &FlowWorker::onLeaseLost);
    connect(m_runner, &FlowRunner::progressChanged, this, [this](const FlowProgress& p) {
        FlowProgress copy = p;
        copy.nextRunMs = 0;
        Q_EMIT progressChanged(copy);
    });
    const qint64 now = m_clock->nowMs();
    // The start-up run is asked for (runFirstSyncNow): for an engine alone on the store the
    // fleet's record does not hold it back, so it still syncs at once.
    m_startupRun = runImmediately;
    scheduleRun(runImmediately ? now : now + m_binding.spec.flow.intervalMs);
    scheduleReconcile(now + m_binding.spec.flow.reconcileIntervalMs);
}

void FlowWorker::scheduleRun(qint64 atMs) {
    delete m_timers;
    m_timers = new QObject(this);
    m_clock->callAt(atMs, m_timers, [this] {
        m_runDue = true;
        startRun();
    });
}

void FlowWorker::scheduleReconcile(qint64 atMs) {
    delete m_reconcileTimers;
    m_reconcileTimers = new QObject(this);
    m_clock->callAt(atMs, m_reconcileTimers, [this] { reconcileNow(false); });
}

void FlowWorker::runNow() {
    m_runDue = true;
    m_manualRun = true; // asked for (console, webhook): not held back by the fleet's schedule
    startRun();
}

void FlowWorker::startRun() {
    if (!m_runner || m_stopping || m_paused || m_runner->isRunning() || m_reconciling ||
        (m_resyncer && m_resyncer->isBusy()))
        return; // stays due; starts when the obstacle clears
    m_runDue = false;
    const bool manual = std::exchange(m_manualRun, false);
    const bool startup = std::exchange(m_startupRun, false);
    const qint64 now = m_clock->nowMs();
    const qint64 interval = m_binding.spec.flow.intervalMs;
    if (!manual && m_lease->shouldDefer()) {
        // This engine has its fair share of flows while another live engine has fewer: give
        // that one a chance at this flow; looking again within a lease length takes it anyway.
        scheduleRun(now + std::max<qint64>(1, std::min(interval, m_lease->leaseMs() / 3)));
        return;
    }
    if (!m_lease->claim()) {
        // Another engine works this flow: skip this tick. Looking again after one lease
        // length at the latest takes over the flow of an engine that died.
        const qint64 retry = std::min(interval, m_lease->leaseMs());
        qCDebug(lcSync).noquote() << m_lease->resource() << "is held by another engine";
        scheduleRun(now + std::max<qint64>(1, retry));
        return;
    }
    // The start-up run goes ahead regardless only for an engine alone on the store: in a fleet
    // another engine may have just run the flow (and released the lease).
    if (!manual && m_lease->enabled() && !(startup && m_lease->alone())) {
        // Once per interval across the fleet: the shared record says when it last finished.
        const qint64 due = m_lease->sharedDueMs(interval);
        if (due > now) {
            qCDebug(lcSync).noquote()
                << m_lease->resource() << "ran within its interval; next at" << due;
            scheduleRun(due);
            releaseIfIdle();
            return;
        }
    }
    m_lease->recordStart();
    m_runner->start([this](Result<RunSummary> r) {
        if (!r)
            m_lease->recordFinish(false);
        else if (r->completed)
            m_lease->recordFinish(true);
        const QString msg = r ? m_runner->progress().lastRunMessage : r.error().message;
        Q_EMIT runFinished(m_binding.spec.flow.id, r.ok(), msg);
        if (m_stopping)
            return checkStopped();
        scheduleRun(m_clock->nowMs() + m_binding.spec.flow.intervalMs);
        startResync();
        if (m_runDue) // asked for while this run was busy
            startRun();
        releaseIfIdle();
    });
}

void FlowWorker::resync(const QStringList& sourceIds) {
    if (!m_resyncer || m_stopping) {
        for (const QString& id : sourceIds)
            Q_EMIT recordResynced(m_binding.spec.flow.id, id, false, u"failed"_s,
                                  m_stopping ? tr("the engine is stopping")
                                             : tr("the flow has not started yet"));
        return;
    }
    m_resyncWaiting += sourceIds;
    startResync();
}

void FlowWorker::startResync() {
    // Written between runs, so a record is never written by a run and a resync at once.
    if (m_resyncWaiting.isEmpty() || m_stopping || m_runner->isRunning() || m_reconciling)
        return;
    const QStringList ids = std::exchange(m_resyncWaiting, {});
    if (!m_lease->claim()) {
        for (const QString& id : ids)
            Q_EMIT recordResynced(m_binding.spec.flow.id, id, false, u"failed"_s,
                                  tr("another engine is working this flow; try again later"));
        return;
    }
    m_resyncer->resync(ids, [this](const ResyncOutcome& o) {
        Q_EMIT recordResynced(o.flowId, o.sourceId, o.ok, o.state, o.message);
        if (m_resyncer->pending() > 0)
            return;
        // After the resyncer went idle (its next step is queued before this).
        QMetaObject::invokeMethod(
            this,
            [this] {
                if (m_stopping)
                    return checkStopped();
                if (m_reconcileDue)
                    reconcileNow(m_reconcileRepair);
                if (m_runDue)
                    startRun();
                releaseIfIdle();
            },
            Qt::QueuedConnection);
    });
}

void FlowWorker::reconcileNow(bool repair) {
    if (!m_reconciler || m_stopping)
        return;
    m_reconcileRepair = m_reconcileRepair || repair;
    if (m_reconciling)
        return;
    if (m_runner->isRunning()) {
        // Compare a settled state: after the run in hand.
        QObject* once = new QObject(this);
        connect(this, &FlowWorker::runFinished, once, [this, once] {
            once->deleteLater();
            reconcileNow(m_reconcileRepair);
        });
        return;
    }
    if (m_resyncer->isBusy()) {
        m_reconcileDue = true; // after the resyncs in hand (see startResync)
        return;
    }
    m_reconcileDue = false;
    if (!m_lease->claim()) {
        // Another engine works this flow (and reconciles it on its own schedule).
        m_reconcileRepair = false;
        scheduleReconcile(m_clock->nowMs() + m_binding.spec.flow.reconcileIntervalMs);
        return;
    }
    m_reconciling = true;
    const bool withRepair = m_reconcileRepair;
    m_reconcileRepair = false;
    m_reconciler->run(withRepair, [this](Result<ReconcileReport> r) {
        m_reconciling = false;
        FlowProgress p = m_runner->progress();
        if (r) {
            p.lastReconcileMs = r->finishedMs;
            p.reconcileMissing = r->missing;
            p.reconcileExtra = r->extra;
            p.reconcileDiffering = r->differing;
            Q_EMIT progressChanged(p);
        }
        Q_EMIT reconciled(m_binding.spec.flow.id, r.ok(), r ? r->message : r.error().message);
        if (m_stopping)
            return checkStopped();
        scheduleReconcile(m_clock->nowMs() + m_binding.spec.flow.reconcileIntervalMs);
        startResync();
        if (m_runDue)
            startRun();
        releaseIfIdle();
    });
}

void FlowWorker::setPaused(bool paused) {
    m_paused = paused;
    if (!m_runner)
        return;
    if (paused) {
        m_runner->pause();
    } else {
        m_runner->resume();
        if (m_runDue)
            startRun();
    }
}

void FlowWorker::stop(qint64 graceMs) {
    m_stopping = true;
    delete m_timers;
    m_timers = nullptr;
    delete m_reconcileTimers;
    m_reconcileTimers = nullptr;
    if (m_runner && m_runner->isRunning())
        m_runner->stop(); // finishes the page in hand, commits, then reports
    for (const QString& id : std::exchange(m_resyncWaiting, {}))
        Q_EMIT recordResynced(m_binding.spec.flow.id, id, false, u"failed"_s,
                              tr("the engine is stopping"));
    if (m_resyncer)
        m_resyncer->cancelPending(tr("the engine is stopping"));
    // Wall time, not the engine clock: this bounds how long the process takes to exit.
    QTimer::singleShot(std::max<qint64>(0, graceMs), this, &FlowWorker::abandon);
    checkStopped();
}

void FlowWorker::abandon() {
    if (!m_stopping)
        return;
    if (m_runner && m_runner->isRunning())
        m_runner->abandon(); // reports through the run's callback, which checks for the stop
    if (m_reconciler && m_reconciler->isRunning())
        m_reconciler->abandon();
    if (m_resyncer)
        m_resyncer->abandon(tr("the engine is stopping"));
    checkStopped();
}

void FlowWorker::checkStopped() {
    if (!m_stopping)
        return;
    if (busy())
        return;
    if (std::exchange(m_stoppedReported, true))
        return;
    if (m_lease)
        m_lease->release(); // graceful shutdown hands the flow to another engine at once
    Q_EMIT stopped(m_binding.spec.flow.id);
}

bool FlowWorker::busy() const {
    return (m_runner && m_runner->isRunning()) || m_reconciling ||
           (m_resyncer && m_resyncer->isBusy());
}

void FlowWorker::releaseIfIdle() {
    if (m_lease && !busy())
        m_lease->release();
}

void FlowWorker::onLeaseLost() {
    // Another engine took the flow over while this one stalled: end the work in hand after
    // the page being written (durable state stays consistent; the other engine resumes from
    // it and the id map recognises records written twice).
    if (m_runner && m_runner->isRunning())
        m_runner->stop();
    if (m_reconciler && m_reconciler->isRunning())
        m_reconciler->abandon();
    if (m_resyncer)
        m_resyncer->abandon(tr("another engine took this flow over"));
}

SyncScheduler::SyncScheduler(std::shared_ptr<SyncStore> store,
                             std::shared_ptr<DeadLetterSink> deadLetters,
                             std::shared_ptr<Clock> clock, TransportFactory transports,
                             QObject* parent)
    : QObject(parent)
    , m_store(std::move(store))
    , m_deadLetters(std::move(deadLetters))
    , m_clock(std::move(clock))
    , m_transports(std::move(transports)) {}

SyncScheduler::~SyncScheduler() {
    shutdown();
}

void SyncScheduler::addFlow(FlowBinding binding) {
    const QString id = binding.spec.flow.id;
    Slot& slot = m_slots[id];
    slot.binding = binding;
    slot.thread = std::make_unique<QThread>();
    slot.thread->setObjectName(u"sync-"_s + id);
    m_flowCount->fetch_add(1);
    FlowLeaseConfig leases = m_leases;
    leases.flowCount = m_flowCount;
    slot.worker = new FlowWorker(binding, m_transports, m_store, m_deadLetters, m_clock, leases);
    slot.worker->moveToThread(slot.thread.get());
    connect(slot.thread.get(), &QThread::finished, slot.worker, &QObject::deleteLater);
    connect(slot.worker, &FlowWorker::progressChanged, this, [this](const FlowProgress& p) {
        m_progress.insert(p.flowId, p);
        Q_EMIT flowProgressChanged(p);
    });
    connect(slot.worker, &FlowWorker::runFinished, this, &SyncScheduler::runFinished);
    connect(slot.worker, &FlowWorker::reconciled, this, &SyncScheduler::reconciled);
    connect(slot.worker, &FlowWorker::recordResynced, this, &SyncScheduler::recordResynced);
    slot.thread->start();
    FlowProgress p;
    p.flowId = id;
    m_progress.insert(id, p);
}

void SyncScheduler::start(bool runImmediately) {
    m_started = true;
    for (auto& [id, slot] : m_slots) {
        FlowWorker* w = slot.worker;
        const bool paused = m_pausedConnectors.contains(slot.binding.spec.source.connectorId) ||
                            m_pausedConnectors.contains(slot.binding.spec.destination.connectorId);
        QMetaObject::invokeMethod(
            w,
            [w, runImmediately, paused] {
                w->setPaused(paused);
                w->begin(runImmediately);
                w->setPaused(paused);
            },
            Qt::QueuedConnection);
    }
}

void SyncScheduler::runNow(const QString& flowId) {
    auto it = m_slots.find(flowId);
    if (it == m_slots.end())
        return;
    FlowWorker* w = it->second.worker;
    QMetaObject::invokeMethod(
        w, [w] { w->runNow(); }, Qt::QueuedConnection);
}

void SyncScheduler::reconcileNow(const QString& flowId, bool repair) {
    auto it = m_slots.find(flowId);
    if (it == m_slots.end())
        return;
    FlowWorker* w = it->second.worker;
    QMetaObject::invokeMethod(
        w, [w, repair] { w->reconcileNow(repair); }, Qt::QueuedConnection);
}

void SyncScheduler::resyncRecords(const QString& flowId, const QStringList& sourceIds) {
    auto it = m_slots.find(flowId);
    if (it == m_slots.end()) {
        for (const QString& id : sourceIds)
            Q_EMIT recordResynced(flowId, id, false, u"failed"_s,
                                  tr("flow \"%1\" is not scheduled").arg(flowId));
        return;
    }
    FlowWorker* w = it->second.worker;
    QMetaObject::invokeMethod(
        w, [w, sourceIds] { w->resync(sourceIds); }, Qt::QueuedConnection);
}

void SyncScheduler::pauseConnector(const QString& connectorId) {
    m_pausedConnectors.insert(connectorId);
    for (auto& [id, slot] : m_slots)
        if (slot.binding.spec.source.connectorId == connectorId ||
            slot.binding.spec.destination.connectorId == connectorId) {
            FlowWorker* w = slot.worker;
            QMetaObject::invokeMethod(
                w, [w] { w->setPaused(true); }, Qt::QueuedConnection);
        }
}

void SyncScheduler::resumeConnector(const QString& connectorId) {
    m_pausedConnectors.remove(connectorId);
    for (auto& [id, slot] : m_slots) {
        const QString src = slot.binding.spec.source.connectorId;
        const QString dst = slot.binding.spec.destination.connectorId;
        if (src != connectorId && dst != connectorId)
            continue;
        if (m_pausedConnectors.contains(src) || m_pausedConnectors.contains(dst))
            continue; // the other side is still paused
        FlowWorker* w = slot.worker;
        QMetaObject::invokeMethod(
            w, [w] { w->setPaused(false); }, Qt::QueuedConnection);
    }
}

bool SyncScheduler::isConnectorPaused(const QString& connectorId) const {
    return m_pausedConnectors.contains(connectorId);
}

QStringList SyncScheduler::flowIds() const {
    QStringList ids;
    for (const auto& [id, slot] : m_slots)
        ids << id;
    return ids;
}

bool SyncScheduler::shutdown(qint64 timeoutMs, qint64 graceMs) {
    bool all = true;
    QDeadlineTimer deadline(timeoutMs);
    for (auto& [id, slot] : m_slots) {
        if (!slot.thread || !slot.thread->isRunning())
            continue;
        QThread* t = slot.thread.get();
        FlowWorker* w = slot.worker;
        // The worker quits its own thread once the page in hand is durable.
        connect(w, &FlowWorker::stopped, t, &QThread::quit, Qt::DirectConnection);
        QMetaObject::invokeMethod(
            w, [w, graceMs] { w->stop(graceMs); }, Qt::QueuedConnection);
    }
    for (auto& [id, slot] : m_slots) {
        if (!slot.thread)
            continue;
        if (!slot.thread->wait(deadline)) {
            qCWarning(lcSync) << "flow" << id << "did not stop in time; ending its thread";
            all = false;
            slot.thread->quit();
            slot.thread->wait();
        }
        slot.thread.reset();
        slot.worker = nullptr;
    }
    m_slots.clear();
    return all;
}

} // namespace bk::sync
