#include "ReplayJobRunner.h"

#include "LogCategories.h"
#include "http/Pipeline.h"

#include <cmath>

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bk::deadletters {

ReplayJobRunner::ReplayJobRunner(std::shared_ptr<DeadLetterStore> letters,
                                 std::shared_ptr<ReplayJobStore> jobs, http::Pipeline* pipeline,
                                 std::shared_ptr<Clock> clock, Options options, QObject* parent)
    : QObject(parent)
    , m_letters(std::move(letters))
    , m_jobs(std::move(jobs))
    , m_pipeline(pipeline)
    , m_clock(std::move(clock))
    , m_options(options)
    , m_connectorId(pipeline->config().connectorId) {
    // A circuit that closes (or any health change) is a reason to look again at once;
    // queued, so the pipeline is never re-entered from its own signal.
    connect(pipeline, &http::Pipeline::healthChanged, this, &ReplayJobRunner::pump,
            Qt::QueuedConnection);
}

void ReplayJobRunner::warn(const QString& what, const Error& e) const {
    qCWarning(lcDeadLetters).noquote()
        << "replay jobs of" << m_connectorId << ":" << what << "failed:" << e.message;
}

void ReplayJobRunner::start() {
    m_started = true;
    wake();
}

void ReplayJobRunner::wake() {
    if (!m_started)
        return;
    auto open = m_jobs->jobs(m_connectorId, true, 1000);
    if (!open)
        return warn(u"reading jobs"_s, open.error());
    m_open = *open;
    std::reverse(m_open.begin(), m_open.end()); // oldest first
    for (const auto& j : std::as_const(m_open))
        Q_EMIT jobChanged(j);
    pump();
}

QString ReplayJobRunner::gateReason() const {
    const ConnectorHealth h = m_pipeline->health();
    switch (h.state) {
    case HealthState::CircuitOpen:
        return h.nextProbeMs > 0 ? tr("circuit open, probe at %1")
                                       .arg(QDateTime::fromMSecsSinceEpoch(h.nextProbeMs, Qt::UTC)
                                                .toLocalTime()
                                                .toString(u"HH:mm:ss"_s))
                                 : tr("circuit open");
    case HealthState::VendorOutage:
        return tr("vendor outage: %1").arg(h.reason);
    case HealthState::NeedsReauth:
        return tr("the connector needs re-authorisation");
    case HealthState::Paused:
        return tr("the connector is paused");
    default:
        return {};
    }
}

bool ReplayJobRunner::budgetAllows(qint64* wakeAtMs, QString* why) {
    const qint64 now = m_clock->nowMs();
    if (m_pipeline->counters().waitingSlot > 0) {
        *wakeAtMs = now + m_options.pollMs; // live calls wait for a slot: they go first
        *why = tr("live calls are waiting for a rate-limit slot; they go first");
        return false;
    }
    bool ok = true;
    for (const RateGauge& g : m_pipeline->gauges()) {
        if (g.kind == u"error-budget"_s || g.limit <= 0)
            continue;
        const double reserve = std::floor(g.limit * m_options.reserve);
        // In-flight items may not have taken their slot yet: count them as taken.
        if (g.used + double(m_inFlight.size()) + 1 > g.limit - reserve) {
            ok = false;
            const qint64 at = g.resetAtMs > now ? g.resetAtMs : now + m_options.pollMs;
            *wakeAtMs = *wakeAtMs > 0 ? std::min(*wakeAtMs, at) : at;
            *why = tr("waiting for the rate-limit budget (%1: %2 of %3 used, %4 kept for live "
                      "traffic; resets at %5)")
                       .arg(g.policyId)
                       .arg(g.used)
                       .arg(g.limit)
                       .arg(reserve)
                       .arg(QDateTime::fromMSecsSinceEpoch(at, Qt::UTC)
                                .toLocalTime()
                                .toString(u"HH:mm:ss"_s));
        }
    }
    return ok;
}

void ReplayJobRunner::pump() {
    if (!m_started || m_pumping || !m_pipeline)
        return;
    m_pumping = true;
    settleOrphans();
    const QString gate = gateReason();
    qint64 wakeAt = 0;
    QString waiting; // why nothing moves although the circuit is closed
    if (gate.isEmpty()) {
        while (int(m_inFlight.size()) < m_options.maxInFlight) {
            QString why;
            if (!budgetAllows(&wakeAt, &why)) {
                if (m_inFlight.isEmpty())
                    waiting = why;
                break;
            }
            if (!submitNext())
                break;
        }
    }
    // Paused (with the reason) while the connector cannot take calls; running otherwise, with
    // the budget wait as its reason when that is what holds it.
    const JobState want = gate.isEmpty() ? JobState::Running : JobState::Paused;
    const QString reason = gate.isEmpty() ? waiting : gate;
    for (ReplayJob& j : m_open) {
        if (j.state == want && j.pauseReason == reason)
            continue;
        if (Status st = m_jobs->setState(j.id, want, reason); !st)
            warn(u"pausing"_s, st.error());
        j.state = want;
        j.pauseReason = reason;
        publish(j.id);
    }
    // Jobs with nothing pending and nothing under way are done.
    for (qsizetype i = m_open.size() - 1; i >= 0; --i) {
        auto j = m_jobs->job(m_open[i].id);
        if (!j) {
            warn(u"reading a job"_s, j.error());
            continue;
        }
        if (!j->isOpen() || (j->pending == 0 && j->sent == 0)) {
            if (j->isOpen()) {
                if (Status st = m_jobs->setState(j->id, JobState::Finished); !st)
                    warn(u"finishing"_s, st.error());
                qCInfo(lcDeadLetters).noquote()
                    << "replay job" << j->id << "of" << m_connectorId << "finished:" << j->resolved
                    << "resolved," << j->failed << "failed," << j->skipped << "skipped";
            }
            publish(j->id);
            m_open.removeAt(i);
        }
    }
    if (!m_open.isEmpty() || !m_inFlight.isEmpty())
        scheduleAt(wakeAt > 0 ? wakeAt : m_clock->nowMs() + m_options.pollMs);
    m_pumping = false;
}

void ReplayJobRunner::scheduleAt(qint64 atMs) {
    if (m_timerAt > 0 && m_timerAt <= atMs)
        return; // an earlier wake-up is already set
    m_timerAt = atMs;
    m_clock->callAt(atMs, this, [this, atMs] {
        if (m_timerAt == atMs)
            m_timerAt = 0;
        pump();
    });
}

bool ReplayJobRunner::submitNext() {
    for (const ReplayJob& j : std::as_const(m_open)) {
        auto next = m_jobs->items(j.id, ItemState::Pending, 1);
        if (!next) {
            warn(u"reading items"_s, next.error());
            return false;
        }
        if (next->isEmpty())
            continue;
        const ReplayItem item = next->first();
        ReplayRedirect to;
        if (m_options.plan) {
            auto letter = m_letters->get(item.letterId);
            auto planned =
                letter ? m_options.plan(*letter) : Result<ReplayRedirect>(letter.error());
            if (planned && !planned->connectorId.isEmpty() && planned->connectorId != m_connectorId)
                planned = Error::usage(tr("it would go through connector %1, not %2")
                                           .arg(planned->connectorId, m_connectorId));
            if (!planned) {
                // Not sendable as it is (e.g. its mapping still fails): failed, nothing sent.
                if (Status st =
                        m_jobs->setItem(j.id, item.seq, ItemState::Failed, planned.error().message);
                    !st)
                    warn(u"failing an item"_s, st.error());
                publish(j.id);
                return true;
            }
            to = *planned;
        }
        auto request = m_letters->beginReplay(item.letterId, j.user, to);
        if (!request) {
            // Resolved or discarded meanwhile: nothing to send for it.
            if (Status st =
                    m_jobs->setItem(j.id, item.seq, ItemState::Skipped, request.error().message);
                !st)
                warn(u"skipping an item"_s, st.error());
            publish(j.id);
            return true;
        }
        QPointer<ReplayJobRunner> self(this);
        const qint64 letterId = item.letterId;
        auto op = m_pipeline->send(*request, this, [self, letterId](const http::Outcome&) {
            // The letter's state is stored before this runs; settle from it, later.
            if (self)
                QMetaObject::invokeMethod(self.data(), [self, letterId] {
                    if (self)
                        self->onSent(letterId);
                });
        });
        if (!op) {
            (void)m_letters->abortReplay(letterId, j.user, op.error().message);
            if (Status st = m_jobs->setItem(j.id, item.seq, ItemState::Failed, op.error().message);
                !st)
                warn(u"failing an item"_s, st.error());
        } else {
            if (Status st = m_jobs->setItem(j.id, item.seq, ItemState::Sent); !st)
                warn(u"marking an item sent"_s, st.error());
            m_inFlight.insert(letterId, {j.id, item.seq});
        }
        Q_EMIT letterChanged(letterId);
        publish(j.id);
        return true;
    }
    return false;
}

void ReplayJobRunner::onSent(qint64 letterId) {
    const auto it = m_inFlight.constFind(letterId);
    if (it == m_inFlight.cend())
        return;
    const InFlight f = *it;
    m_inFlight.erase(it);
    settle(f.jobId, f.seq, letterId);
    Q_EMIT letterChanged(letterId);
    pump();
}

void ReplayJobRunner::settle(qint64 jobId, int seq, qint64 letterId) {
    auto d = m_letters->get(letterId);
    ItemState to = ItemState::Failed;
    QString detail;
    if (!d) {
        to = ItemState::Skipped;
        detail = d.error().message;
    } else {
        switch (d->state) {
        case State::Replaying:
            return; // still under way
        case State::Resolved:
            to = ItemState::Resolved;
            break;
        case State::Discarded:
            to = ItemState::Skipped;
            break;
        case State::New:
            to = ItemState::Failed;
            break;
        }
        detail = d->stateReason;
    }
    if (Status st = m_jobs->setItem(jobId, seq, to, detail); !st)
        warn(u"settling an item"_s, st.error());
    publish(jobId);
}

void ReplayJobRunner::settleOrphans() {
    // Items sent before a restart: the pipeline resumed them from its outbox; their letters
    // tell how they ended.
    for (const ReplayJob& j : std::as_const(m_open)) {
        auto sent = m_jobs->items(j.id, ItemState::Sent);
        if (!sent) {
            warn(u"reading sent items"_s, sent.error());
            continue;
        }
        for (const ReplayItem& i : std::as_const(*sent))
            if (!m_inFlight.contains(i.letterId))
                settle(j.id, i.seq, i.letterId);
    }
}

void ReplayJobRunner::publish(qint64 jobId) {
    auto j = m_jobs->job(jobId);
    if (!j)
        return warn(u"reading a job"_s, j.error());
    for (ReplayJob& open : m_open)
        if (open.id == jobId) {
            open.state = j->state;
            open.pauseReason = j->pauseReason;
        }
    Q_EMIT jobChanged(*j);
}

} // namespace bk::deadletters
