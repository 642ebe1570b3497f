#include "InboxProcessor.h"

#include "Clock.h"
#include "LogCategories.h"
#include "Redactor.h"
#include "store/Database.h"
#include "webhooks/Inbox.h"
#include "webhooks/WriteGate.h"

#include <chrono>
#include <future>
#include <sys/resource.h>
#include <unistd.h>

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace bk::webhooks {

namespace {

constexpr auto idlePoll = std::chrono::milliseconds(200);

FailureDecision defaultDecision(const InboxEvent& e, const Error& error, int maxAttempts,
                                qint64 nowMs) {
    // Permanent refusals and exhausted attempts go to the dead letters; the rest back off.
    if (error.category == ErrorCategory::Permanent || error.category == ErrorCategory::Invalid ||
        e.attempts + 1 >= maxAttempts)
        return {FailureDecision::Action::DeadLetter, 0};
    return {FailureDecision::Action::Retry, nowMs + (1000LL << qMin(e.attempts, 10))};
}

} // namespace

InboxProcessor::InboxProcessor(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                               EventProcessor* processor, FailureHandler onFailure,
                               ProcessorOptions options)
    : m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_processor(processor)
    , m_onFailure(std::move(onFailure))
    , m_options(std::move(options)) {
    if (m_options.owner.isEmpty())
        m_options.owner = QSysInfo::machineHostName() + u"/webhooks"_s;
    m_options.workers = qMax(1, m_options.workers);
    m_options.claimBatch = qMax(1, m_options.claimBatch);
    m_options.leaseMs = qMax<qint64>(1, m_options.leaseMs);
    if (m_options.renewEveryMs <= 0)
        m_options.renewEveryMs = qMax<qint64>(1, m_options.leaseMs / 3);
}

InboxProcessor::~InboxProcessor() {
    stop();
}

Result<int> InboxProcessor::reclaim(store::Database& db, const QString& owner, qint64 nowMs) {
    int n = 0;
    const Status st = db.write([&](QSqlDatabase& c) -> Status {
        auto q = store::Database::run(
            c,
            u"UPDATE webhooks_inbox SET state = 0, claim_owner = NULL, claim_until_ms = NULL "
            "WHERE state = 1 AND (claim_owner = ? OR claim_until_ms < ?)"_s,
            {owner, nowMs});
        if (!q)
            return q.error();
        n = q->numRowsAffected();
        return Status::success();
    });
    if (!st)
        return st.error();
    return n;
}

Result<InboxProcessor::LeaseCheck> InboxProcessor::maintainLeases() {
    const qint64 now = m_clock->nowMs();
    LeaseCheck check;
    std::lock_guard gate(writeGate(m_db.get()));
    const Status st = m_db->write([&](QSqlDatabase& c) -> Status {
        // Our claims are alive while this process is: extend them all, so work that runs
        // longer than a lease is never taken over mid-way.
        auto renew = store::Database::run(
            c,
            u"UPDATE webhooks_inbox SET claim_until_ms = ? WHERE state = 1 AND claim_owner = ?"_s,
            {now + m_options.leaseMs, m_options.owner});
        if (!renew)
            return renew.error();
        check.renewed = renew->numRowsAffected();
        // A lease nobody renewed belongs to a worker that died: its event runs again here.
        auto release = store::Database::run(
            c,
            u"UPDATE webhooks_inbox SET state = 0, claim_owner = NULL, claim_until_ms = NULL "
            "WHERE state = 1 AND claim_until_ms < ?"_s,
            {now});
        if (!release)
            return release.error();
        check.released = release->numRowsAffected();
        return Status::success();
    });
    if (!st)
        return st.error();
    return check;
}

void InboxProcessor::heartbeatIfDue() {
    const qint64 now = m_clock->nowMs();
    if (now < m_nextHeartbeatMs)
        return;
    m_nextHeartbeatMs = now + m_options.renewEveryMs;
    auto check = maintainLeases();
    if (!check) {
        // Try again on the next round rather than after a whole interval.
        m_nextHeartbeatMs = now;
        qCWarning(lcWebhooks).noquote() << "inbox lease heartbeat failed:" << check.error().message;
        return;
    }
    if (check->released > 0) {
        qCInfo(lcWebhooks) << "took over" << check->released
                           << "inbox events whose worker stopped renewing its lease";
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
}

Status InboxProcessor::start() {
    {
        std::lock_guard lock(m_mutex);
        if (m_running)
            return Status::success();
    }
    // The claims a crashed run left behind are taken back by the dispatcher before its first
    // claim, not here: start() may run on the console's GUI thread, and this write can wait
    // seconds for the store's write lock during a bulk sync.
    std::lock_guard lock(m_mutex);
    m_stopping = false;
    m_running = true;
    m_woken = true;
    m_nextHeartbeatMs = m_clock->nowMs() + m_options.renewEveryMs;
    m_dispatcher.reset(QThread::create([this] { dispatch(); }));
    m_dispatcher->setObjectName(u"webhooks-dispatcher"_s);
    m_dispatcher->start();
    for (int i = 0; i < m_options.workers; ++i) {
        m_workers.emplace_back(QThread::create([this] { work(); }));
        m_workers.back()->setObjectName(u"webhooks-worker-%1"_s.arg(i));
        m_workers.back()->start();
    }
    return Status::success();
}

void InboxProcessor::stop() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        m_stopping = true;
        // Not started yet: dropped from memory; still claimed in the store, so the dispatcher
        // puts them back to pending before it exits.
        m_inFlight -= int(m_work.size());
        m_work.clear();
    }
    m_dispatchCv.notify_all();
    m_workCv.notify_all();
    for (auto& w : m_workers)
        w->wait();
    m_workers.clear();
    m_dispatcher->wait();
    m_dispatcher.reset();
    std::lock_guard lock(m_mutex);
    m_running = false;
}

void InboxProcessor::wake() {
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_dispatchCv.notify_one();
}

void InboxProcessor::setProcessedListener(std::function<void(const InboxEvent&)> listener) {
    std::lock_guard lock(m_mutex);
    m_processedListener = std::move(listener);
}

Result<QHash<QString, int>> InboxProcessor::backlog() {
    auto q = m_db->exec(u"SELECT connector_id, COUNT(*) FROM webhooks_inbox WHERE state IN "
                        "(0, 1) GROUP BY connector_id"_s);
    if (!q)
        return q.error();
    QHash<QString, int> out;
    while (q->next())
        out.insert(q->value(0).toString(), q->value(1).toInt());
    return out;
}

namespace {
// Senders are owed a quick 200; processing may lag behind (that is what the inbox is for).
// So the processor's threads yield the CPU to the listener and the inbox writer when the
// machine is busy. Linux keeps a nice value per thread.
void yieldToIntake(int niceness) {
    if (niceness > 0)
        setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), niceness);
}
} // namespace

void InboxProcessor::work() {
    yieldToIntake(m_options.niceness);
    for (;;) {
        InboxEvent event;
        {
            std::unique_lock lock(m_mutex);
            m_workCv.wait(lock, [this] { return m_stopping || !m_work.empty(); });
            if (m_work.empty())
                return; // stopping, nothing left for this worker
            event = std::move(m_work.front());
            m_work.pop_front();
        }
        Status st = m_processor->process(event);
        {
            std::lock_guard lock(m_mutex);
            m_finished.push_back({std::move(event), std::move(st)});
        }
        m_dispatchCv.notify_one();
    }
}

void InboxProcessor::takeBackStaleClaims() {
    for (;;) {
        auto reclaimed = reclaim(*m_db, m_options.owner, m_clock->nowMs());
        if (reclaimed) {
            if (*reclaimed > 0)
                qCInfo(lcWebhooks) << "took back" << *reclaimed << "unfinished inbox events";
            return;
        }
        qCWarning(lcWebhooks).noquote()
            << "could not take back unfinished inbox events:" << reclaimed.error().message;
        std::unique_lock lock(m_mutex);
        if (m_dispatchCv.wait_for(lock, idlePoll, [this] { return m_stopping; }))
            return; // stopping: the stop path releases our claims
    }
}

void InboxProcessor::dispatch() {
    yieldToIntake(m_options.niceness);
    takeBackStaleClaims(); // before the first claim of this run
    for (;;) {
        std::vector<Finished> finished;
        bool stopping = false;
        {
            std::unique_lock lock(m_mutex);
            // Under load, finished events are recorded in bigger groups (one sync each): wait
            // while workers still have queued work, unless a quarter of a batch is done.
            const int group = qMax(1, m_options.claimBatch / 4);
            m_dispatchCv.wait_for(lock, idlePoll, [this, group] {
                const bool commitNow =
                    !m_finished.empty() && (m_work.empty() || int(m_finished.size()) >= group);
                const bool claimNow = m_woken && m_inFlight < m_options.claimBatch / 2;
                return commitNow || claimNow || (m_stopping && m_inFlight == 0);
            });
            // Pace the store transactions (see minTransactionGapMs); results and wake-ups
            // that come in meanwhile join this round.
            const auto earliest =
                m_lastTransaction + std::chrono::milliseconds(m_options.minTransactionGapMs);
            if (!m_stopping && std::chrono::steady_clock::now() < earliest)
                m_dispatchCv.wait_until(lock, earliest, [this] { return m_stopping; });
            finished.swap(m_finished);
            m_inFlight -= int(finished.size());
            m_woken = false;
            stopping = m_stopping;
        }
        int room = 0;
        {
            std::lock_guard lock(m_mutex);
            room = stopping ? 0 : m_options.claimBatch - m_inFlight;
        }
        std::vector<InboxEvent> claimed;
        bool claimTried = false;
        if (!finished.empty()) {
            m_lastTransaction = std::chrono::steady_clock::now();
            claimTried = room > 0;
            if (const Status st = commitFinished(finished, room, &claimed); !st) {
                claimTried = false;
                qCWarning(lcWebhooks).noquote()
                    << "could not record processed inbox events:" << st.error().message;
            }
        }
        heartbeatIfDue(); // also while stopping: work still running keeps its lease
        if (stopping) {
            std::unique_lock lock(m_mutex);
            if (m_inFlight > 0 || !m_finished.empty())
                continue; // workers still busy: wait for their results
            lock.unlock();
            // Our remaining claims (queued, never started) go back to pending.
            if (auto r = reclaim(*m_db, m_options.owner, 0); !r)
                qCWarning(lcWebhooks).noquote() << "could not release claims:" << r.error().message;
            return;
        }
        if (room <= 0)
            continue;
        if (!claimTried) {
            m_lastTransaction = std::chrono::steady_clock::now();
            auto more = claim(room);
            if (!more) {
                qCWarning(lcWebhooks).noquote() << "inbox claim failed:" << more.error().message;
                continue;
            }
            claimed = std::move(*more);
        }
        if (claimed.empty())
            continue;
        {
            std::lock_guard lock(m_mutex);
            // stop() came in meanwhile and the workers may have left: nobody would run these
            // (the dispatcher would wait for them forever). They stay claimed in the store and
            // the next round's stop path releases every claim of ours.
            if (m_stopping)
                continue;
            m_inFlight += int(claimed.size());
            for (InboxEvent& e : claimed)
                m_work.push_back(std::move(e));
            m_woken = true; // there may be more
        }
        m_workCv.notify_all();
    }
}

Status InboxProcessor::transaction(const std::function<Status(QSqlDatabase&)>& fn) {
    if (m_options.groupCommit) {
        // The dispatcher waits here; fn (and what it refers to) outlives the job.
        auto promise = std::make_shared<std::promise<Status>>();
        std::future<Status> result = promise->get_future();
        if (m_options.groupCommit->submitWrite(
                fn, [promise](Status st) { promise->set_value(std::move(st)); }))
            return result.get();
    }
    std::lock_guard gate(writeGate(m_db.get()));
    return m_db->write(fn);
}

Result<std::vector<InboxEvent>> InboxProcessor::claim(int limit) {
    std::vector<InboxEvent> out;
    const Status st = transaction([&](QSqlDatabase& db) { return claimInTx(db, limit, out); });
    if (!st)
        return st.error();
    return out;
}

Status InboxProcessor::claimInTx(QSqlDatabase& db, int limit, std::vector<InboxEvent>& out) {
    const qint64 now = m_clock->nowMs();
    out.clear();
    // Eligible: the oldest unfinished event of its record (so per-record order holds), not
    // claimed yet, and due. First only among the oldest pending rows (cheap under a deep
    // backlog); if none of those can run (a record held back by a retry), over all of them.
    static const QString columns =
        u"i.id, i.connector_id, i.dedup_key, i.event_id, i.topic, i.record_key, i.headers, "
        "i.body, i.occurred_ms, i.received_ms, i.attempts"_s;
    static const QString windowed =
        u"SELECT "_s + columns +
        u" FROM (SELECT id FROM webhooks_inbox WHERE state = 0 AND next_attempt_ms <= ? ORDER BY "
        "id LIMIT ?) w JOIN webhooks_inbox i ON i.id = w.id WHERE NOT EXISTS (SELECT 1 FROM "
        "webhooks_inbox j WHERE j.record_key = i.record_key AND j.state IN (0, 1) AND j.id < "
        "i.id) ORDER BY i.id LIMIT ?"_s;
    static const QString full =
        u"SELECT "_s + columns +
        u" FROM (SELECT MIN(id) AS head FROM webhooks_inbox WHERE state IN (0, 1) GROUP BY "
        "record_key) h JOIN webhooks_inbox i ON i.id = h.head WHERE i.state = 0 AND "
        "i.next_attempt_ms <= ? ORDER BY i.id LIMIT ?"_s;
    auto q = store::Database::run(db, windowed, {now, limit * 4, limit});
    if (!q)
        return q.error();
    bool have = q->next();
    if (!have) {
        q->finish();
        q = store::Database::run(db, full, {now, limit});
        if (!q)
            return q.error();
        have = q->next();
    }
    for (; have; have = q->next()) {
        InboxEvent e;
        e.id = q->value(0).toLongLong();
        e.connectorId = q->value(1).toString();
        e.dedupKey = q->value(2).toString();
        e.eventId = q->value(3).toString();
        e.topic = q->value(4).toString();
        e.recordKey = q->value(5).toString();
        e.headersJson = q->value(6).toString().toUtf8();
        e.body = q->value(7).toByteArray();
        e.occurredMs = q->value(8).toLongLong();
        e.receivedMs = q->value(9).toLongLong();
        e.attempts = q->value(10).toInt();
        out.push_back(std::move(e));
    }
    q->finish();
    QSqlQuery mark(db);
    mark.prepare(u"UPDATE webhooks_inbox SET state = 1, claim_owner = ?, claim_until_ms = ? "
                 "WHERE id = ? AND state = 0"_s);
    std::vector<InboxEvent> won;
    for (InboxEvent& e : out) {
        mark.bindValue(0, m_options.owner);
        mark.bindValue(1, now + m_options.leaseMs);
        mark.bindValue(2, e.id);
        if (!mark.exec())
            return Error::database(u"cannot claim inbox event: "_s + mark.lastError().text());
        if (mark.numRowsAffected() == 1) // another process may have taken it meanwhile
            won.push_back(std::move(e));
    }
    out.swap(won);
    return Status::success();
}

Status InboxProcessor::commitFinished(std::vector<Finished>& finished, int claimLimit,
                                      std::vector<InboxEvent>* claimed) {
    const qint64 now = m_clock->nowMs();
    // Failure decisions are taken once, before any transaction (they may file dead letters).
    std::vector<FailureDecision> decisions(finished.size());
    for (size_t i = 0; i < finished.size(); ++i) {
        if (finished[i].status)
            continue;
        const Error& err = finished[i].status.error();
        decisions[i] = m_onFailure
                           ? m_onFailure(finished[i].event, err)
                           : defaultDecision(finished[i].event, err, m_options.maxAttempts, now);
    }
    auto record = [&](QSqlDatabase& db, size_t i) -> Status {
        Finished& f = finished[i];
        if (f.status) {
            f.event.processedMs = now;
            if (Status fx = m_processor->commitEffects(db, f.event); !fx)
                return fx;
            auto q = store::Database::run(
                db,
                u"UPDATE webhooks_inbox SET state = 2, processed_ms = ?, claim_owner = NULL, "
                "claim_until_ms = NULL, last_error = NULL WHERE id = ?"_s,
                {now, f.event.id});
            return q ? Status::success() : Status(q.error());
        }
        const QString why = Redactor::redact(f.status.error().message);
        const bool dead = decisions[i].action == FailureDecision::Action::DeadLetter;
        auto q = store::Database::run(
            db,
            dead ? u"UPDATE webhooks_inbox SET state = 3, attempts = attempts + 1, "
                   "processed_ms = ?, last_error = ?, claim_owner = NULL, claim_until_ms = NULL "
                   "WHERE id = ?"_s
                 : u"UPDATE webhooks_inbox SET state = 0, attempts = attempts + 1, "
                   "next_attempt_ms = ?, last_error = ?, claim_owner = NULL, "
                   "claim_until_ms = NULL WHERE id = ?"_s,
            {dead ? now : decisions[i].retryAtMs, why, f.event.id});
        return q ? Status::success() : Status(q.error());
    };
    // The next claim rides in the same transaction: one sync per dispatcher round.
    Status all = transaction([&](QSqlDatabase& db) -> Status {
        for (size_t i = 0; i < finished.size(); ++i)
            if (Status st = record(db, i); !st)
                return st;
        if (claimLimit > 0 && claimed)
            return claimInTx(db, claimLimit, *claimed);
        return Status::success();
    });
    if (!all) {
        if (claimed)
            claimed->clear();
        // One event's effects failed: record them one by one so the others still count.
        for (size_t i = 0; i < finished.size(); ++i) {
            std::lock_guard oneGate(writeGate(m_db.get()));
            Status one = m_db->write([&](QSqlDatabase& db) { return record(db, i); });
            if (!one && finished[i].status) {
                finished[i].status = one;
                decisions[i] = m_onFailure ? m_onFailure(finished[i].event, one.error())
                                           : defaultDecision(finished[i].event, one.error(),
                                                             m_options.maxAttempts, now);
                one = m_db->write([&](QSqlDatabase& db) { return record(db, i); });
            }
            if (!one)
                return one; // stays claimed; the lease brings it back
        }
    }
    std::function<void(const InboxEvent&)> listener;
    {
        std::lock_guard lock(m_mutex);
        listener = m_processedListener;
    }
    if (listener)
        for (const Finished& f : finished)
            if (f.status)
                listener(f.event);
    return Status::success();
}

} // namespace bk::webhooks
