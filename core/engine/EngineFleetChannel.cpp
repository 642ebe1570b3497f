// The engine's end of the fleet command channel (docs/fleet.md, *Command channel*): on a
// PostgreSQL store, connector controls become the fleet's desired state (every engine applies
// them to its own pipelines and flows), and a console's flow actions become commands claimed
// by an engine that can run the flow. Store work runs on the io thread, never on the thread
// that sent the command (the console's GUI thread).
#include "Clock.h"
#include "LogCategories.h"
#include "deadletters/AuditLog.h"
#include "engine/Engine.h"
#include "engine/FleetStatus.h"
#include "fleet/FleetChannelAgent.h"
#include "sync/SyncScheduler.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

/// A claimed command that has not ended after this long fails (its waiter is dropped).
constexpr qint64 kFleetCommandLimitMs = 3600'000;

QString operatorName() {
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? u"operator"_s : user;
}

QJsonObject controlJson(const fleet::ConnectorControl& c) {
    return {{u"paused"_s, c.paused}, {u"breakerOverride"_s, c.breakerOverride}};
}

} // namespace

void Engine::applyFleetControlsAtStart() {
    if (m_options.db->dialect().isSqlite())
        return;
    // Before the flows start: an engine joining a paused fleet never sends a paused request.
    auto rows = fleet::FleetChannel(m_options.db).controls();
    if (!rows) {
        qCWarning(lcStore).noquote()
            << "cannot read the fleet's connector controls:" << rows.error().message;
        return;
    }
    m_controlsAtStart = *rows;
    for (const auto& c : std::as_const(m_controlsAtStart)) {
        if (c.paused)
            applyPause(c.connectorId, true);
        if (c.breakerOverride == u"open"_s)
            applyBreaker(c.connectorId, true);
    }
}

void Engine::startFleetChannel() {
    if (m_options.db->dialect().isSqlite())
        return; // engines on one machine's SQLite file: the console runs them itself
    fleet::FleetChannelAgent::Options o;
    o.engineId = m_options.engineId;
    o.silentAfterMs = kFleetSilentAfterMs;
    if (m_scheduler)
        o.flowIds = m_scheduler->flowIds();
    if (m_scheduler) {
        o.appliedAtStart = m_controlsAtStart;
        o.hasAppliedAtStart = true;
    }
    auto* agent = new fleet::FleetChannelAgent(m_options.db, m_options.clock, o);
    agent->moveToThread(m_ioThread.get());
    connect(m_ioThread.get(), &QThread::finished, agent, &QObject::deleteLater);
    connect(agent, &fleet::FleetChannelAgent::pauseWanted, this, &Engine::applyPause);
    connect(agent, &fleet::FleetChannelAgent::breakerWanted, this,
            [this](const QString& connectorId, const QString& override) {
                applyBreaker(connectorId, override == u"open"_s);
            });
    connect(agent, &fleet::FleetChannelAgent::commandClaimed, this, &Engine::runFleetCommand);
    connect(agent, &fleet::FleetChannelAgent::commandFinished, this, &Engine::reportFleetCommand);
    connect(agent, &fleet::FleetChannelAgent::channelFailed, this, [this](const QString& why) {
        raiseEvent({}, u"fleet-channel-failed"_s, u"warning"_s,
                   tr("The action did not reach the fleet: %1").arg(why));
    });
    m_channel = agent;
    QMetaObject::invokeMethod(agent, [agent] { agent->start(); });
}

void Engine::stopFleetChannel() {
    if (!m_channel)
        return;
    // No more claims from here on; outcomes of commands in hand are still written (the io
    // thread runs until the end of shutdown).
    QMetaObject::invokeMethod(
        m_channel, [a = m_channel] { a->stop(); }, Qt::BlockingQueuedConnection);
    m_channel = nullptr; // deleted with the io thread
}

void Engine::writeFleetControl(const QString& connectorId, const QString& action) {
    const QString user = operatorName();
    const auto clock = m_options.clock;
    QMetaObject::invokeMethod(m_channel, [a = m_channel, connectorId, action, user, clock] {
        // The operator's action and its audit entry commit together.
        auto audit = [&](QSqlDatabase& c, const fleet::ConnectorControl& before,
                         const fleet::ConnectorControl& after) {
            return deadletters::AuditLog::append(c, clock->nowMs(), user, action,
                                                 u"connector "_s + connectorId, controlJson(before),
                                                 controlJson(after));
        };
        if (action == u"pause"_s || action == u"resume"_s)
            a->setPaused(connectorId, action == u"pause"_s, audit);
        else
            a->setBreakerOverride(connectorId,
                                  action == u"breaker-open"_s ? u"open"_s : u"closed"_s, audit);
    });
}

void Engine::issueFleetCommand(const QString& kind, const QString& flowId,
                               const QString& sourceId) {
    QPointer<Engine> self(this);
    const QString by = m_options.engineId;
    QMetaObject::invokeMethod(m_channel, [a = m_channel, self, kind, flowId, sourceId, by] {
        const qint64 id = a->issue(kind, flowId, sourceId);
        if (!self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, id, kind, flowId, sourceId, by] {
            if (!self)
                return;
            if (id > 0) {
                self->raiseEvent(
                    {}, u"fleet-command"_s, u"info"_s,
                    tr("%1 of %2 sent to the fleet (command %3)").arg(kind, flowId).arg(id));
                return;
            }
            // Not stored: answer at once, as the fleet would have.
            fleet::FleetCommand failed;
            failed.kind = kind;
            failed.flowId = flowId;
            failed.sourceId = sourceId;
            failed.issuedBy = by;
            failed.outcome = u"failed"_s;
            failed.message = tr("the command could not be stored");
            self->reportFleetCommand(failed);
        });
    });
}

void Engine::runFleetCommand(const fleet::FleetCommand& command) {
    QPointer<fleet::FleetChannelAgent> agent(m_channel);
    auto* once = new QObject(this); // the command's connections; deleted when it ends
    QPointer<QObject> guard(once);
    auto ended = std::make_shared<bool>(false);
    auto complete = [agent, guard, ended, id = command.id](bool ok, const QString& detail,
                                                           const QString& message) {
        if (*ended)
            return;
        *ended = true;
        if (guard) // later: this may run inside one of its connections
            guard->deleteLater();
        if (agent)
            QMetaObject::invokeMethod(agent.data(), [agent, id, ok, detail, message] {
                if (agent)
                    agent->finish(id, ok, detail, message);
            });
    };
    raiseEvent({}, u"fleet-command"_s, u"info"_s,
               tr("%1 of %2 asked by %3").arg(command.kind, command.flowId, command.issuedBy));
    if (!m_scheduler || !m_scheduler->flowIds().contains(command.flowId))
        return complete(false, u"failed"_s,
                        tr("this engine does not run flow %1").arg(command.flowId));
    m_options.clock->callAfter(kFleetCommandLimitMs, once, [complete] {
        complete(false, u"failed"_s, tr("no result within an hour"));
    });
    const QString flowId = command.flowId;
    if (command.kind == fleet::FleetChannel::kRun) {
        // The same waiter as a webhook's: a run already under way may have read before.
        const bool running = m_scheduler->progress(flowId).running;
        const quint64 target = m_runsFinished.value(flowId) + (running ? 2 : 1);
        auto done =
            std::make_shared<std::function<void(Status)>>([this, complete, flowId](Status st) {
                const QString message =
                    st ? (m_scheduler ? m_scheduler->progress(flowId).lastRunMessage : QString())
                       : st.error().message;
                complete(st.ok(), st ? u"ok"_s : u"failed"_s, message);
            });
        m_waiters.append(
            {flowId, target, done, std::make_shared<int>(1), std::make_shared<QStringList>()});
        m_scheduler->runNow(flowId);
    } else if (command.kind == fleet::FleetChannel::kReconcile) {
        connect(m_scheduler.get(), &sync::SyncScheduler::reconciled, once,
                [complete, flowId](const QString& f, bool ok, const QString& message) {
                    if (f == flowId)
                        complete(ok, ok ? u"ok"_s : u"failed"_s, message);
                });
        m_scheduler->reconcileNow(flowId);
    } else if (command.kind == fleet::FleetChannel::kResync) {
        connect(m_scheduler.get(), &sync::SyncScheduler::recordResynced, once,
                [complete, flowId, sourceId = command.sourceId](const QString& f, const QString& s,
                                                                bool ok, const QString& state,
                                                                const QString& message) {
                    if (f == flowId && s == sourceId)
                        complete(ok, state, message);
                });
        m_scheduler->resyncRecords(flowId, {command.sourceId});
    } else {
        complete(false, u"failed"_s, tr("unknown command \"%1\"").arg(command.kind));
    }
}

void Engine::reportFleetCommand(const fleet::FleetCommand& command) {
    const bool ok = command.outcome == u"ok"_s;
    if (command.kind == fleet::FleetChannel::kReconcile)
        Q_EMIT m_signals->reconciliationFinished(command.flowId, ok, command.message);
    else if (command.kind == fleet::FleetChannel::kResync)
        Q_EMIT m_signals->recordResynced(
            command.flowId, command.sourceId, ok,
            command.detail.isEmpty() ? (ok ? u"resolved"_s : u"failed"_s) : command.detail,
            command.message);
    const QString where = command.claimedBy.isEmpty() ? tr("no engine") : command.claimedBy;
    raiseEvent(
        {}, u"fleet-command"_s, ok ? u"info"_s : u"warning"_s,
        tr("%1 of %2 on %3: %4")
            .arg(command.kind, command.flowId, where,
                 command.message.isEmpty() ? (ok ? tr("done") : tr("failed")) : command.message));
}

} // namespace bk
