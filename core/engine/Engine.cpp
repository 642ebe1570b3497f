#include "engine/Engine.h"

#include "Clock.h"
#include "LogCategories.h"
#include "Version.h"
#include "alerts/AlertRouter.h"
#include "auth/AuthorizationFlow.h"
#include "auth/OAuthSettings.h"
#include "auth/SecretStore.h"
#include "auth/TokenVault.h"
#include "deadletters/DeadLetterStore.h"
#include "engine/ConnectorRuntime.h"
#include "engine/DestinationLookupResolver.h"
#include "engine/FleetStatus.h"
#include "engine/MetricsServer.h"
#include "engine/ReplayIdMapLinker.h"
#include "engine/SnapshotRecorder.h"
#include "engine/StoreStatusMonitor.h"
#include "engine/SyncDeadLetterBridge.h"
#include "engine/WebhookFlowTrigger.h"
#include "engine/WebhookIntake.h"
#include "fleet/FleetMember.h"
#include "http/Pipeline.h"
#include "sync/FlowRunner.h"
#include "sync/MappingAdapter.h"
#include "sync/PipelineTransport.h"
#include "sync/SyncScheduler.h"
#include "sync/SyncStore.h"
#include "webhooks/LagTracker.h"

#include <QCoreApplication>
#include <QHostInfo>

using namespace Qt::StringLiterals;

namespace bk {

Engine::Engine(EngineOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_signals(new EngineSignals(this)) {
    if (m_options.engineId.isEmpty())
        m_options.engineId =
            u"%1:%2"_s.arg(QHostInfo::localHostName()).arg(QCoreApplication::applicationPid());
}

Engine::~Engine() {
    shutdown();
}

ConnectorRuntime* Engine::runtime(const QString& connectorId) const {
    const auto it = m_runtimes.find(connectorId);
    return it == m_runtimes.end() ? nullptr : it->second.get();
}

quint16 Engine::webhookPort() const {
    return m_webhooks ? m_webhooks->port() : 0;
}

void Engine::startWebhooks() {
    // Webhook secrets come from the secret store (asynchronous); the listener starts once
    // all of them are known, so no request is ever checked against a missing secret.
    auto secrets = std::make_shared<QHash<QString, QList<QByteArray>>>();
    auto pending = std::make_shared<int>(int(m_options.workspace.connectors.size()));
    auto launch = [this, secrets] {
        m_trigger = std::make_unique<WebhookFlowTrigger>(
            [self = QPointer<Engine>(this)](const QString& connectorId,
                                            std::function<void(Status)> done) {
                if (!self)
                    return done(Error::internal(u"the engine has stopped"_s));
                QMetaObject::invokeMethod(self.data(), [self, connectorId, done] {
                    if (self)
                        self->triggerFlowsFor(connectorId, done);
                });
            },
            10 * 60'000);
        m_webhooks =
            std::make_unique<WebhookIntake>(m_options.db, m_options.clock, m_options.engineId);
        WebhookIntake::Hooks hooks;
        hooks.processor = m_trigger.get();
        hooks.samples = [signals =
                             QPointer<EngineSignals>(m_signals)](const QList<LagSample>& samples) {
            if (signals)
                for (const auto& s : samples)
                    Q_EMIT signals->lagSampled(s);
        };
        hooks.alert = [alerts = m_alerts](const webhooks::LagAlert& a) {
            const QString key = u"webhook-lag/"_s + a.connectorId;
            if (a.kind == webhooks::LagAlert::Kind::Recovered)
                alerts->resolve(key, a.message);
            else
                alerts->raise({key, a.connectorId, alerts::Severity::Warning,
                               tr("Webhooks of %1 are falling behind").arg(a.connectorId),
                               a.message});
        };
        Status st = m_webhooks->start(
            m_options.workspace, m_options.catalog,
            [secrets](const QString& id) { return secrets->value(id); }, hooks, m_recorder);
        if (st) {
            qCInfo(lcWebhooks).noquote() << "webhook listener on port" << m_webhooks->port();
        } else {
            // Operators of a headless engine see it in the log (a bad TLS file, a busy port).
            qCCritical(lcWebhooks).noquote()
                << "webhook listener not started:" << st.error().message;
            raiseEvent({}, u"webhooks-failed"_s, u"critical"_s, st.error().message);
        }
        Q_EMIT webhooksStarted(st);
    };
    if (*pending == 0)
        return launch();
    for (const auto& c : m_options.workspace.connectors) {
        m_secrets->read(auth::connectorSecretKey(c.id, u"webhook-secret"_s), this,
                        [secrets, pending, launch, id = c.id](Result<std::optional<QByteArray>> r) {
                            if (r && r->has_value())
                                (*secrets)[id] << **r;
                            else if (!r)
                                qCWarning(lcWebhooks).noquote()
                                    << "webhook secret of" << id
                                    << "unavailable:" << r.error().message;
                            if (--*pending == 0)
                                launch();
                        });
    }
}

void Engine::triggerFlowsFor(const QString& connectorId, std::function<void(Status)> done) {
    auto shared = std::make_shared<std::function<void(Status)>>(std::move(done));
    auto remaining = std::make_shared<int>(0);
    auto failures = std::make_shared<QStringList>();
    for (const auto& flow : m_options.workspace.flows) {
        if (!flow.enabled || flow.sourceConnector != connectorId || !m_scheduler)
            continue;
        // A run already under way may have read before this event: wait for the next one.
        const bool running = m_scheduler->progress(flow.id).running;
        const quint64 target = m_runsFinished.value(flow.id) + (running ? 2 : 1);
        m_waiters.append({flow.id, target, shared, remaining, failures});
        ++*remaining;
        m_scheduler->runNow(flow.id);
    }
    if (*remaining == 0)
        (*shared)(Status::success()); // no flow reads from this connector: nothing to do
}

void Engine::onRunFinished(const QString& flowId, bool ok, const QString& message) {
    const quint64 count = ++m_runsFinished[flowId];
    for (qsizetype i = m_waiters.size() - 1; i >= 0; --i) {
        RunWaiter& w = m_waiters[i];
        if (w.flowId != flowId || count < w.target)
            continue;
        if (!ok)
            w.failures->append(flowId + u": "_s + message);
        if (--*w.remaining == 0)
            (*w.done)(w.failures->isEmpty()
                          ? Status::success()
                          : Status(Error{ErrorCategory::Transient, w.failures->join(u"; "_s)}));
        m_waiters.removeAt(i);
    }
}

quint16 Engine::metricsPort() const {
    return m_metrics ? m_metrics->port() : 0;
}

Status Engine::start() {
    if (m_started)
        return Status::success();
    const Workspace& ws = m_options.workspace;
    if (!m_options.secrets) {
        auto secrets = auth::makeSecretStore(ws.secrets, m_options.db);
        if (!secrets)
            return secrets.error();
        m_secrets = *secrets;
    } else {
        m_secrets = m_options.secrets;
    }
    m_alerts = std::make_shared<alerts::AlertRouter>(ws.alerts, m_options.db, m_options.clock,
                                                     alerts::AlertRouter::Options{});
    m_alerts->setSecretLookup(
        [secrets = m_secrets](const QString& key, QObject* context, auto done) {
            secrets->read(key, context, done);
        });
    connect(m_alerts.get(), &alerts::AlertRouter::desktopAlert, this,
            [this](const alerts::AlertMessage& m) {
                raiseEvent(m.alert.connectorId, u"alert"_s, alerts::severityName(m.alert.severity),
                           m.text());
            });
    m_deadLetters = std::make_shared<deadletters::DeadLetterStore>(m_options.db, m_options.clock);
    m_syncStore = std::make_shared<sync::SyncStore>(m_options.db);
    startStoreStatus();

    // Snapshots are written to the store from a thread of their own.
    m_ioThread = std::make_unique<QThread>();
    m_ioThread->setObjectName(u"engine-io"_s);
    m_recorder = new SnapshotRecorder(m_options.clock, m_options.db, m_options.engineId);
    m_recorder->moveToThread(m_ioThread.get());
    connect(m_ioThread.get(), &QThread::finished, m_recorder, &QObject::deleteLater);
    m_ioThread->start();
    if (m_options.recordSnapshots)
        m_recorder->follow(m_signals);

    if (m_options.runFlows) {
        // A flow-running engine is a fleet member: announced in fleet_engines, heartbeating
        // on the io thread; its flows are claimed through leases (startFlows).
        fleet::EngineInfo self;
        self.engineId = m_options.engineId;
        self.host = QHostInfo::localHostName();
        self.pid = QCoreApplication::applicationPid();
        self.version = QString::fromLatin1(BK_VERSION);
        const ListenConfig& l = ws.webhooks.listen.enabled ? ws.webhooks.listen : ws.metrics;
        if (l.enabled)
            self.listen = u"%1:%2"_s.arg(l.address.toString()).arg(l.port);
        m_fleet = new fleet::FleetMember(m_options.db, m_options.clock, self);
        m_fleet->moveToThread(m_ioThread.get());
        connect(m_ioThread.get(), &QThread::finished, m_fleet, &QObject::deleteLater);
        Status announced;
        QMetaObject::invokeMethod(
            m_fleet, [f = m_fleet, &announced] { announced = f->start(); },
            Qt::BlockingQueuedConnection);
        if (!announced)
            qCWarning(lcStore).noquote() << "cannot announce this engine in the fleet registry:"
                                         << announced.error().message;
    }
    if (auto st = startConnectors(); !st)
        return st;
    if (m_options.runFlows)
        if (auto st = startFlows(); !st)
            return st;
    startFleetChannel();
    startReplayRunners();
    if (m_options.serveMetrics && ws.metrics.enabled) {
        // Store reachability, and fleet figures (engines by state, leases by holder) read per
        // scrape — not while the store is away: the read would wait out the outage and the
        // scrape would time out instead of showing it.
        m_metrics = std::make_unique<MetricsServer>(
            m_recorder, [clock = m_options.clock] { return clock->nowMs(); },
            [db = m_options.db, clock = m_options.clock] {
                const store::StoreAvailability availability = db->availability();
                QByteArray text = renderStoreMetrics(availability);
                if (availability.reachable) {
                    const qint64 now = clock->nowMs();
                    text += renderFleetMetrics(readFleetStatus(db, now), now);
                }
                return text;
            });
        if (auto st = m_metrics->start(ws.metrics); !st)
            return Error{st.error().category,
                         u"%1: $.metrics.listen: %2"_s.arg(ws.filePath, st.error().message)};
        qCInfo(lcApp).noquote() << "metrics on port" << m_metrics->port();
    }
    if (ws.webhooks.listen.enabled)
        startWebhooks();
    m_started = true;
    raiseEvent({}, u"engine-started"_s, u"info"_s,
               tr("Engine %1 started with %n connector(s)", nullptr, int(m_runtimes.size()))
                   .arg(m_options.engineId));
    return Status::success();
}

Status Engine::startConnectors() {
    // Letters go to the queue; a replay that wrote a flow's record also joins its id map.
    auto sink = std::make_shared<ReplayIdMapLinker>(m_deadLetters, m_syncStore, m_options.workspace,
                                                    m_options.catalog, m_options.clock);
    for (const auto& c : m_options.workspace.connectors) {
        ConnectorRuntime::Parts parts;
        parts.connector = c;
        parts.definition = m_options.catalog.definition(c.type);
        parts.clock = m_options.clock;
        parts.db = m_options.db;
        parts.secrets = m_secrets;
        parts.alerts = m_alerts;
        parts.deadLetters = sink;
        parts.owner = m_options.engineId;
        auto runtime = std::make_unique<ConnectorRuntime>(parts);
        auto* r = runtime.get();
        connect(r, &ConnectorRuntime::healthChanged, m_signals,
                &EngineSignals::connectorHealthChanged);
        connect(r, &ConnectorRuntime::tokenStateChanged, m_signals,
                &EngineSignals::tokenStateChanged);
        connect(r, &ConnectorRuntime::gaugesChanged, m_signals,
                [this](const QList<RateGauge>& gauges) {
                    for (const auto& g : gauges)
                        Q_EMIT m_signals->rateGaugeChanged(g);
                });
        connect(r, &ConnectorRuntime::event, this, [this](const EngineEvent& e) {
            raiseEvent(e.connectorId, e.kind, e.severity, e.message);
        });
        connect(r, &ConnectorRuntime::deadLettered, m_signals,
                [this](qint64 id, const QString&) { Q_EMIT m_signals->deadLetterChanged(id); });
        if (auto st = r->start(); !st)
            return Error{st.error().category,
                         u"connector \"%1\": %2"_s.arg(c.id, st.error().message)};
        m_runtimes.emplace(c.id, std::move(runtime));
    }
    return Status::success();
}

Status Engine::startFlows() {
    const Workspace& ws = m_options.workspace;
    auto syncStore = m_syncStore;
    // Like the pipelines' letters, the sync's own reach the console as they are stored.
    auto bridge = std::make_shared<SyncDeadLetterBridge>(
        m_deadLetters, [sig = m_signals](qint64 id) { Q_EMIT sig->deadLetterChanged(id); });
    // Each flow's reads and writes go through its connectors' pipelines (rate limits, auth,
    // retries, breaker, dead letters), on the connector threads.
    sync::TransportFactory transports =
        [this](const sync::ConnectorDef& def) -> std::unique_ptr<sync::Transport> {
        ConnectorRuntime* r = runtime(def.connectorId);
        return std::make_unique<sync::PipelineTransport>(r ? r->pipeline() : nullptr, QString());
    };
    m_scheduler =
        std::make_unique<sync::SyncScheduler>(syncStore, bridge, m_options.clock, transports);
    // One engine at a time runs a flow: the one holding its lease "flow:<id>" (docs/fleet.md).
    m_scheduler->setLeases(
        {std::make_shared<fleet::LeaseStore>(m_options.db), m_options.engineId, ws.fleet.leaseMs});
    for (const auto& flow : ws.flows) {
        if (!flow.enabled)
            continue;
        auto spec = sync::resolveFlow(ws, m_options.catalog, flow.id);
        if (!spec)
            return spec.error();
        const ConnectorConfig* source = ws.connector(flow.sourceConnector);
        QString region = source ? source->defaultRegion : QString();
        if (region.isEmpty() && source)
            region =
                m_options.catalog.definition(source->type).value(u"defaultRegion"_s).toString();
        auto mapper = sync::MappingAdapter::load(flow.mappingFile, m_options.catalog, region);
        if (!mapper)
            return Error{
                mapper.error().category,
                u"%1: $.flows (\"%2\"): %3"_s.arg(ws.filePath, flow.id, mapper.error().message)};
        auto resolver = std::make_shared<DestinationLookupResolver>(
            runtime(flow.destinationConnector), spec->destination);
        m_resolvers.append(resolver);
        m_flowResolvers.insert(flow.id, resolver);
        (*mapper)->setLookupResolver(resolver);
        m_scheduler->addFlow({*spec, *mapper});
    }
    connect(m_scheduler.get(), &sync::SyncScheduler::flowProgressChanged, m_signals,
            &EngineSignals::flowProgressChanged);
    connect(m_scheduler.get(), &sync::SyncScheduler::runFinished, this,
            [this](const QString& flowId, bool ok, const QString& message) {
                if (!ok)
                    raiseEvent({}, u"flow-failed"_s, u"warning"_s,
                               tr("Flow %1: %2").arg(flowId, message));
                onRunFinished(flowId, ok, message);
            });
    connect(m_scheduler.get(), &sync::SyncScheduler::reconciled, this,
            [this](const QString& flowId, bool ok, const QString& message) {
                raiseEvent({}, u"reconciled"_s, ok ? u"info"_s : u"warning"_s,
                           tr("Reconciliation of %1: %2").arg(flowId, message));
                Q_EMIT m_signals->reconciliationFinished(flowId, ok, message);
            });
    connect(m_scheduler.get(), &sync::SyncScheduler::recordResynced, this,
            [this](const QString& flowId, const QString& sourceId, bool ok, const QString& state,
                   const QString& message) {
                raiseEvent({}, u"resynced"_s, ok ? u"info"_s : u"warning"_s,
                           tr("Resync of %1 record %2: %3").arg(flowId, sourceId, message));
                Q_EMIT m_signals->recordResynced(flowId, sourceId, ok, state, message);
            });
    applyFleetControlsAtStart();
    m_scheduler->start(m_options.runFirstSyncNow);
    return Status::success();
}

void Engine::shutdown(qint64 timeoutMs) {
    if (!m_ioThread)
        return;
    stopFleetChannel(); // claims no more commands; those in hand still get their outcome
    // Events waiting for a sync run are released (they stay in the inbox and are processed
    // again after the restart), then the listener stops taking requests.
    for (const auto& w : std::as_const(m_waiters))
        (*w.done)(Error{ErrorCategory::Transient, u"engine stopping"_s});
    m_waiters.clear();
    if (m_trigger)
        m_trigger->cancel(); // also those whose run request never reached this thread
    m_webhooks.reset();
    for (const auto& r : std::as_const(m_resolvers))
        r->cancel();            // a page waiting on destination lookups finishes at once
    m_replayPool.waitForDone(); // dry runs waiting on lookups end with the cancel above
    stopReplayRunners();        // before the pipelines they send through go
    if (m_scheduler) {
        // Flows stop after their current page and commit their cursors.
        if (!m_scheduler->shutdown(timeoutMs))
            qCWarning(lcSync) << "some flows did not stop in time; they resume on the next start";
        m_scheduler.reset();
    }
    m_runtimes.clear(); // each tears its parts down on its own thread; the outbox keeps the rest
    if (m_recorder)
        QMetaObject::invokeMethod(
            m_recorder,
            [r = m_recorder] {
                if (auto st = r->flush(); !st)
                    qCWarning(lcStore).noquote()
                        << "final snapshot write failed:" << st.error().message;
            },
            Qt::BlockingQueuedConnection);
    if (m_fleet)
        QMetaObject::invokeMethod(
            m_fleet,
            [f = m_fleet] {
                // Leases a flow that did not stop in time still held go back now as well.
                if (auto released = f->stop(); !released)
                    qCWarning(lcStore).noquote()
                        << "cannot mark this engine stopped:" << released.error().message;
            },
            Qt::BlockingQueuedConnection);
    m_fleet = nullptr; // deleted with the io thread
    m_metrics.reset();
    m_storeStatus.reset();
    m_ioThread->quit();
    m_ioThread->wait();
    m_ioThread.reset();
    m_recorder = nullptr;
    m_started = false;
}

void Engine::raiseEvent(const QString& connectorId, const QString& kind, const QString& severity,
                        const QString& message) {
    EngineEvent e;
    e.id = m_nextEventId++;
    e.timeMs = m_options.clock->nowMs();
    e.connectorId = connectorId;
    e.kind = kind;
    e.severity = severity;
    e.message = message;
    Q_EMIT m_signals->eventRaised(e);
}

void Engine::pauseConnector(const QString& connectorId) {
    if (m_channel) // the fleet's desired state; every engine (this one too) applies it
        return writeFleetControl(connectorId, u"pause"_s);
    applyPause(connectorId, true);
}

void Engine::resumeConnector(const QString& connectorId) {
    if (m_channel)
        return writeFleetControl(connectorId, u"resume"_s);
    applyPause(connectorId, false);
}

void Engine::forceBreaker(const QString& connectorId, bool open) {
    if (m_channel)
        return writeFleetControl(connectorId, open ? u"breaker-open"_s : u"breaker-closed"_s);
    applyBreaker(connectorId, open);
}

void Engine::applyPause(const QString& connectorId, bool paused) {
    if (m_scheduler) {
        if (paused)
            m_scheduler->pauseConnector(connectorId);
        else
            m_scheduler->resumeConnector(connectorId);
    }
    if (auto* r = runtime(connectorId))
        r->post([r, paused] {
            if (paused)
                r->pipeline()->setPaused(true, tr("paused by an operator"));
            else
                r->pipeline()->setPaused(false);
        });
}

void Engine::applyBreaker(const QString& connectorId, bool open) {
    if (auto* r = runtime(connectorId))
        r->post([r, open] {
            if (open)
                r->pipeline()->forceBreakerOpen(tr("forced open by an operator"));
            else
                r->pipeline()->forceBreakerClosed(tr("forced closed by an operator"));
        });
}

void Engine::probeNow(const QString& connectorId) {
    if (auto* r = runtime(connectorId))
        r->post([r] { r->pipeline()->probeNow(); });
}

void Engine::runFlowNow(const QString& flowId) {
    if (routesFlowActions())
        return issueFleetCommand(fleet::FleetChannel::kRun, flowId, {});
    if (m_scheduler)
        m_scheduler->runNow(flowId);
}

void Engine::reconcileNow(const QString& flowId) {
    if (routesFlowActions())
        return issueFleetCommand(fleet::FleetChannel::kReconcile, flowId, {});
    if (m_scheduler)
        m_scheduler->reconcileNow(flowId);
}

void Engine::resyncRecord(const QString& flowId, const QString& sourceId) {
    if (routesFlowActions())
        return issueFleetCommand(fleet::FleetChannel::kResync, flowId, sourceId);
    if (m_scheduler)
        m_scheduler->resyncRecords(flowId, {sourceId});
    else
        Q_EMIT m_signals->recordResynced(flowId, sourceId, false, u"failed"_s,
                                         tr("this engine runs no flows"));
}

void Engine::replayDeadLetter(qint64 id, const QByteArray& editedBody, const QString& user) {
    replay(id, editedBody, user, [](Status) {});
}

void Engine::replay(qint64 id, const QByteArray& editedBody, const QString& user,
                    std::function<void(Status)> done) {
    if (!editedBody.isEmpty())
        if (auto st = m_deadLetters->editBody(id, editedBody, user); !st)
            return done(st);
    auto request = m_deadLetters->beginReplay(id, user);
    if (!request)
        return done(request.error());
    ConnectorRuntime* r = runtime(request->connectorId);
    if (!r) {
        const QString why =
            tr("connector \"%1\" is not in this workspace").arg(request->connectorId);
        (void)m_deadLetters->abortReplay(id, user, why);
        return done(Error::usage(why));
    }
    Q_EMIT m_signals->deadLetterChanged(id);
    QPointer<Engine> self(this);
    r->post([r, req = *request, self, id, done] {
        auto sent = r->pipeline()->send(req, self.data(), [self, id, done](const http::Outcome& o) {
            if (!self)
                return;
            Q_EMIT self->m_signals->deadLetterChanged(id);
            done(o.ok() ? Status::success() : Status(Error{ErrorCategory::Permanent, o.reason}));
        });
        if (!sent && self)
            QMetaObject::invokeMethod(self.data(), [self, id, done, e = sent.error()] {
                if (self)
                    (void)self->m_deadLetters->abortReplay(id, u"engine"_s, e.message);
                done(e);
            });
    });
}

void Engine::reauthorise(const QString& connectorId, std::function<void(Result<QUrl>)> urlReady,
                         std::function<void(Status)> finished) {
    cancelReauthorisation();
    ConnectorRuntime* r = runtime(connectorId);
    const ConnectorConfig* c = m_options.workspace.connector(connectorId);
    if (!r || !c || !r->vault())
        return urlReady(
            Error::usage(tr("connector \"%1\" has no OAuth connection").arg(connectorId)));
    auto settings = auth::OAuthSettings::fromDefinition(m_options.catalog.definition(c->type), *c);
    if (!settings)
        return urlReady(settings.error());
    // The client secret comes from the secret store; the flow starts once it is known.
    m_secrets->read(
        auth::connectorSecretKey(connectorId, u"client_secret"_s), this,
        [this, r, settings = *settings, urlReady,
         finished](Result<std::optional<QByteArray>> secret) {
            if (!secret)
                return urlReady(secret.error());
            if (!secret->has_value())
                return urlReady(Error{ErrorCategory::Auth,
                                      tr("no client secret is stored for %1; store it with "
                                         "\"bridgekeeper-engine secrets set\"")
                                          .arg(settings.connectorId)});
            auto* flow = new auth::AuthorizationFlow(settings, QString::fromUtf8(**secret),
                                                     m_options.clock, this);
            m_authFlow = flow;
            auto url = flow->start([this, flow, r, finished](Result<auth::TokenRecord> tokens) {
                flow->deleteLater();
                if (!tokens)
                    return finished(tokens.error());
                QPointer<Engine> self(this);
                // The vault lives on the connector's thread: install the tokens there.
                r->post([r, record = *tokens, self, finished] {
                    r->vault()->installTokens(record, [self, finished](Status st) {
                        if (!self)
                            return;
                        QMetaObject::invokeMethod(self.data(), [self, finished, st] {
                            if (!self)
                                return;
                            self->raiseEvent({}, u"reauthorised"_s, st ? u"info"_s : u"critical"_s,
                                             st ? tr("New tokens stored") : st.error().message);
                            finished(st);
                        });
                    });
                });
            });
            if (!url) {
                flow->deleteLater();
                return urlReady(url.error());
            }
            urlReady(*url);
        });
}

void Engine::cancelReauthorisation() {
    if (auto* flow = qobject_cast<auth::AuthorizationFlow*>(m_authFlow.data()))
        flow->cancel();
}

void Engine::discardDeadLetter(qint64 id, const QString& reason, const QString& user) {
    if (auto st = m_deadLetters->discard(id, user, reason); !st)
        qCWarning(lcDeadLetters).noquote() << "discard of" << id << "failed:" << st.error().message;
    Q_EMIT m_signals->deadLetterChanged(id);
}

} // namespace bk
