// The engine's dead-letter commands beyond a plain replay: dry runs, replays to another
// target, and persisted, budget-paced bulk replay jobs (one runner per connector, on the
// connector's thread). Store work and mapping run on the engine's replay pool, never on the
// thread that sent the command (the console's GUI thread).
#include "Clock.h"
#include "LogCategories.h"
#include "deadletters/DeadLetterStore.h"
#include "deadletters/ReplayJobRunner.h"
#include "deadletters/ReplayJobs.h"
#include "engine/ConnectorRuntime.h"
#include "engine/DestinationLookupResolver.h"
#include "engine/Engine.h"
#include "engine/ReplayPlanner.h"
#include "http/Pipeline.h"

using namespace Qt::StringLiterals;

namespace bk {

namespace {

ReplayJobProgress progressOf(const deadletters::ReplayJob& j) {
    ReplayJobProgress p;
    p.jobId = j.id;
    p.connectorId = j.connectorId;
    p.user = j.user;
    p.state = deadletters::jobStateName(j.state);
    p.pauseReason = j.pauseReason;
    p.total = j.total;
    p.resolved = j.resolved;
    p.failed = j.failed;
    p.skipped = j.skipped;
    p.inFlight = j.sent;
    p.updatedMs = j.updatedMs;
    return p;
}

} // namespace

void Engine::startReplayRunners() {
    m_replayPool.setMaxThreadCount(2);
    m_replayJobs = std::make_shared<deadletters::ReplayJobStore>(m_options.db, m_options.clock);
    auto resolvers = m_flowResolvers;
    m_planner = std::make_shared<ReplayPlanner>(
        m_options.workspace, m_options.catalog,
        [resolvers](const QString& flowId) -> mapping::LookupResolver* {
            return resolvers.value(flowId).get();
        });
    // Jobs map source records through their flow without lookups: a lookup waits on the
    // destination's pipeline, which is the thread the runner itself runs on.
    auto jobPlanner = std::make_shared<ReplayPlanner>(m_options.workspace, m_options.catalog);
    deadletters::ReplayJobRunner::Options runnerOptions;
    runnerOptions.plan =
        [jobPlanner](const deadletters::DeadLetter& d) -> Result<deadletters::ReplayRedirect> {
        if (!d.isSourceRecord())
            return deadletters::ReplayRedirect{}; // its stored request, as it is
        auto plan = jobPlanner->planToSend(d, {}, {});
        if (!plan)
            return plan.error();
        return plan->redirect;
    };
    for (const auto& [id, runtime] : m_runtimes) {
        http::Pipeline* pipeline = runtime->pipeline();
        if (!pipeline)
            continue;
        deadletters::ReplayJobRunner* runner = nullptr;
        // Built on the connector's thread, where its pipeline lives; it picks up the jobs a
        // previous run left unfinished.
        QMetaObject::invokeMethod(
            pipeline,
            [&] {
                runner = new deadletters::ReplayJobRunner(m_deadLetters, m_replayJobs, pipeline,
                                                          m_options.clock, runnerOptions);
                auto* sig = m_signals;
                connect(
                    runner, &deadletters::ReplayJobRunner::jobChanged, sig,
                    [sig](const deadletters::ReplayJob& j) {
                        Q_EMIT sig->replayJobChanged(progressOf(j));
                    },
                    Qt::DirectConnection);
                connect(runner, &deadletters::ReplayJobRunner::letterChanged, sig,
                        &EngineSignals::deadLetterChanged, Qt::DirectConnection);
                runner->start();
            },
            Qt::BlockingQueuedConnection);
        m_replayRunners.insert(id, runner);
    }
}

void Engine::stopReplayRunners() {
    for (auto* runner : std::as_const(m_replayRunners))
        QMetaObject::invokeMethod(
            runner, [runner] { delete runner; }, Qt::BlockingQueuedConnection);
    m_replayRunners.clear();
}

void Engine::wakeReplayRunner(const QString& connectorId) {
    if (auto* runner = m_replayRunners.value(connectorId))
        QMetaObject::invokeMethod(runner, &deadletters::ReplayJobRunner::wake,
                                  Qt::QueuedConnection);
}

void Engine::publishReplayJob(qint64 jobId) {
    auto j = m_replayJobs->job(jobId);
    if (j)
        Q_EMIT m_signals->replayJobChanged(progressOf(*j));
}

void Engine::dryRunDeadLetter(qint64 id, const QByteArray& editedBody, const ReplayTarget& target) {
    auto letters = m_deadLetters;
    auto planner = m_planner;
    QPointer<EngineSignals> sig(m_signals);
    m_replayPool.start([letters, planner, sig, id, editedBody, target] {
        DryRunResult r;
        r.deadLetterId = id;
        r.target = target;
        if (!letters || !planner) {
            r.error = tr("the engine is not running");
        } else if (auto d = letters->get(id); !d) {
            r.error = d.error().message;
        } else {
            r = planner->dryRun(*d, editedBody, target);
        }
        if (sig)
            Q_EMIT sig->dryRunFinished(r);
    });
}

void Engine::listReplayTargets(qint64 id) {
    auto letters = m_deadLetters;
    auto planner = m_planner;
    QPointer<EngineSignals> sig(m_signals);
    m_replayPool.start([letters, planner, sig, id] {
        QList<ReplayTargetOption> targets;
        if (letters && planner)
            if (auto d = letters->get(id))
                targets = planner->targetsFor(*d);
        if (sig)
            Q_EMIT sig->replayTargetsListed(id, targets);
    });
}

void Engine::replayDeadLetterTo(qint64 id, const QByteArray& editedBody, const ReplayTarget& target,
                                const QString& user) {
    QPointer<EngineSignals> sig(m_signals);
    m_replayPool.start([this, sig, id, editedBody, target, user] {
        auto fail = [sig, id](const QString& why) {
            qCWarning(lcDeadLetters).noquote() << "replay of" << id << "not sent:" << why;
            if (sig)
                Q_EMIT sig->replayFinished(id, false, why);
        };
        if (!m_deadLetters || !m_planner)
            return fail(tr("the engine is not running"));
        auto d = m_deadLetters->get(id);
        if (!d)
            return fail(d.error().message);
        auto plan = m_planner->planToSend(*d, editedBody, target);
        if (!plan)
            return fail(plan.error().message);
        const QString sender = ReplayPlanner::sender(*d, *plan);
        ConnectorRuntime* r = runtime(sender);
        if (!r || !r->pipeline())
            return fail(tr("connector \"%1\" is not in this workspace").arg(sender));
        auto request = ReplayPlanner::begin(*m_deadLetters, *d, editedBody, *plan, user);
        if (!request)
            return fail(request.error().message);
        if (sig)
            Q_EMIT sig->deadLetterChanged(id);
        auto letters = m_deadLetters;
        r->post([r, req = *request, sig, id, user, letters] {
            auto sent = r->pipeline()->send(req, nullptr, [sig, id](const http::Outcome& o) {
                if (!sig)
                    return;
                Q_EMIT sig->deadLetterChanged(id);
                Q_EMIT sig->replayFinished(id, o.ok(), o.ok() ? QString() : o.reason);
            });
            if (!sent) {
                (void)letters->abortReplay(id, user, sent.error().message);
                if (sig) {
                    Q_EMIT sig->deadLetterChanged(id);
                    Q_EMIT sig->replayFinished(id, false, sent.error().message);
                }
            }
        });
    });
}

void Engine::startReplayJob(const QList<qint64>& ids, const QString& user) {
    m_replayPool.start([this, ids, user] {
        if (!m_replayJobs)
            return;
        auto created = m_replayJobs->create(ids, user);
        if (!created) {
            qCWarning(lcDeadLetters).noquote()
                << "replay job not created:" << created.error().message;
            return;
        }
        for (qint64 jobId : std::as_const(*created)) {
            auto j = m_replayJobs->job(jobId);
            if (!j)
                continue;
            if (!m_replayRunners.contains(j->connectorId))
                (void)m_replayJobs->setState(
                    jobId, deadletters::JobState::Cancelled,
                    tr("connector \"%1\" is not in this workspace").arg(j->connectorId));
            publishReplayJob(jobId);
            wakeReplayRunner(j->connectorId);
        }
    });
}

void Engine::cancelReplayJob(qint64 jobId, const QString& user) {
    m_replayPool.start([this, jobId, user] {
        if (!m_replayJobs)
            return;
        if (auto st = m_replayJobs->cancel(jobId, user); !st)
            qCWarning(lcDeadLetters).noquote()
                << "cancel of replay job" << jobId << "failed:" << st.error().message;
        publishReplayJob(jobId);
        if (auto j = m_replayJobs->job(jobId))
            wakeReplayRunner(j->connectorId);
    });
}

void Engine::refreshReplayJobs() {
    m_replayPool.start([this] {
        if (!m_replayJobs)
            return;
        if (auto jobs = m_replayJobs->jobs({}, false, 20))
            for (auto it = jobs->crbegin(); it != jobs->crend(); ++it)
                Q_EMIT m_signals->replayJobChanged(progressOf(*it));
    });
}

} // namespace bk
