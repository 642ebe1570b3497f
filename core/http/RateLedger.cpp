#include "RateLedger.h"

#include "LogCategories.h"

#include <cmath>

#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::http {

namespace {

using K = RatePolicy::Kind;

QByteArray headerValue(const HeaderList& headers, const QByteArray& name) {
    if (name.isEmpty())
        return {};
    for (const auto& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second.trimmed();
    return {};
}

bool isWindowed(K k) {
    return k == K::FixedWindow || k == K::DailyQuota || k == K::CostBudget;
}

qint64 windowLength(const RatePolicy& p) {
    return (p.kind == K::DailyQuota || p.kind == K::CostBudget) ? 86'400'000 : p.windowMs;
}

QString timeText(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"HH:mm:ss.zzz 'UTC'"_s);
}

// A reservation only needs to be atomic, not to survive a power cut (a lost booking is
// harmless), and every millisecond between booking a slot and sending the call counts: on
// SQLite the ledger's own transactions skip the per-commit fsync (WAL + synchronous=NORMAL)
// and put the connection back to the store's setting afterwards.
class FastCommit {
public:
    explicit FastCommit(store::Database& db)
        : m_db(db)
        , m_active(db.dialect().isSqlite()) {
        if (m_active)
            m_active = m_db.exec(u"PRAGMA synchronous=NORMAL"_s).ok();
    }
    ~FastCommit() {
        if (m_active)
            (void)m_db.exec(u"PRAGMA synchronous=FULL"_s);
    }

private:
    store::Database& m_db;
    bool m_active;
};

} // namespace

RateLedger::RateLedger(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                       PipelineConfig config)
    : m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_config(std::move(config)) {}

double RateLedger::costOf(const RatePolicy& p, const Request& r) const {
    if (p.kind != K::CostBudget)
        return 1;
    const QString method = QString::fromLatin1(r.method).toUpper();
    if (!r.costKey.isEmpty() && p.costs.contains(r.costKey))
        return p.costs.value(r.costKey);
    if (p.costs.contains(method))
        return p.costs.value(method);
    return p.defaultCost;
}

qint64 RateLedger::windowStartFor(const RatePolicy& p, qint64 nowMs) const {
    const qint64 w = windowLength(p);
    const qint64 offset = (p.kind == K::FixedWindow) ? 0 : p.resetUtcOffsetMs;
    return ((nowMs - offset) / w) * w + offset;
}

Status RateLedger::lockScopes(QSqlDatabase& db, const QString& endpoint) {
    // PostgreSQL runs these transactions at READ COMMITTED: two engines reading one scope's
    // row at the same moment would both book its last slot (a lost update). A transaction-
    // scoped advisory lock per scope key serialises them; taken in sorted key order, two
    // transactions never wait for each other crosswise. SQLite's BEGIN IMMEDIATE already
    // lets one writer in at a time.
    if (m_db->dialect().isSqlite())
        return Status::success();
    QStringList keys;
    for (const RatePolicy& p : m_config.rateLimits)
        keys << m_config.scopeKey(p, endpoint);
    keys.removeDuplicates();
    keys.sort();
    for (const QString& key : std::as_const(keys))
        if (auto q = store::Database::run(
                db, u"SELECT pg_advisory_xact_lock(hashtextextended(?, 0))"_s, {key});
            !q)
            return q.error();
    return Status::success();
}

Result<RateLedger::State> RateLedger::load(QSqlDatabase& db, const QString& key) {
    auto q = store::Database::run(
        db,
        u"SELECT window_start, used, updated_ms, blocked_until, server_reset_ms, from_server "
        u"FROM http_ledger WHERE scope_key = ?"_s,
        {key});
    if (!q)
        return q.error();
    State s;
    if (q->next()) {
        s.windowStart = q->value(0).toLongLong();
        s.used = q->value(1).toDouble();
        s.updatedMs = q->value(2).toLongLong();
        s.blockedUntil = q->value(3).toLongLong();
        s.serverResetMs = q->value(4).toLongLong();
        s.fromServer = q->value(5).toInt() != 0;
        s.exists = true;
    }
    return s;
}

Status RateLedger::save(QSqlDatabase& db, const QString& key, const RatePolicy& p, const State& s) {
    auto q = store::Database::run(
        db,
        u"INSERT INTO http_ledger (scope_key, kind, window_start, used, updated_ms, "
        u"blocked_until, server_reset_ms, from_server) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        u"ON CONFLICT (scope_key) DO UPDATE SET kind = excluded.kind, "
        u"window_start = excluded.window_start, used = excluded.used, "
        u"updated_ms = excluded.updated_ms, blocked_until = excluded.blocked_until, "
        u"server_reset_ms = excluded.server_reset_ms, from_server = excluded.from_server"_s,
        {key, RatePolicy::kindName(p.kind), s.windowStart, s.used, s.updatedMs, s.blockedUntil,
         s.serverResetMs, s.fromServer ? 1 : 0});
    if (!q)
        return q.error();
    return Status::success();
}

Result<double> RateLedger::eventSum(QSqlDatabase& db, const QString& key, qint64 fromMs,
                                    qint64* oldest) {
    auto q = store::Database::run(db,
                                  u"SELECT COALESCE(SUM(amount), 0), MIN(time_ms) FROM "
                                  u"http_ledger_events WHERE scope_key = ? AND time_ms > ?"_s,
                                  {key, fromMs});
    if (!q)
        return q.error();
    if (!q->next())
        return 0.0;
    if (oldest)
        *oldest = q->value(1).isNull() ? 0 : q->value(1).toLongLong();
    return q->value(0).toDouble();
}

Result<RateLedger::Reservation> RateLedger::check(QSqlDatabase& db, const RatePolicy& p,
                                                  const QString& key, double cost, qint64 nowMs,
                                                  State* s) {
    auto loaded = load(db, key);
    if (!loaded)
        return loaded.error();
    *s = *loaded;
    Reservation r;
    r.policyId = p.id;
    if (s->blockedUntil > nowMs && p.kind != K::ErrorBudget) {
        r.waitUntilMs = s->blockedUntil;
        r.reason = u"%1: the server reported no calls left until %2"_s.arg(
            p.id, timeText(s->blockedUntil));
        return r;
    }
    if (isWindowed(p.kind)) {
        const qint64 ws = windowStartFor(p, nowMs);
        // A call sent in the last moments of a window may arrive in the next one, where the
        // server would count it on top of that window's full quota: wait for the new window.
        if (nowMs >= ws + windowLength(p) - p.guardMs) {
            r.waitUntilMs = ws + windowLength(p);
            r.reason =
                u"%1: window closing; next window at %2"_s.arg(p.id, timeText(r.waitUntilMs));
            return r;
        }
        if (s->windowStart > ws)
            return Error::internal(u"%1: the ledger is ahead of the clock"_s.arg(p.id));
        if (s->windowStart != ws) {
            s->windowStart = ws;
            s->used = 0;
            s->fromServer = false;
        }
        if (s->used + cost > p.limit) {
            r.waitUntilMs = ws + windowLength(p);
            r.reason = u"%1: %2 of %3 used until %4"_s.arg(p.id).arg(s->used).arg(p.limit).arg(
                timeText(r.waitUntilMs));
            return r;
        }
        s->used += cost;
    } else if (p.kind == K::SlidingWindow) {
        qint64 oldest = 0;
        auto sum = eventSum(db, key, nowMs - p.windowMs - p.guardMs, &oldest);
        if (!sum)
            return sum.error();
        if (*sum + cost > p.limit) {
            r.waitUntilMs = std::max(nowMs + 1, oldest + p.windowMs + p.guardMs + 1);
            r.reason = u"%1: %2 of %3 in the last %4 ms"_s.arg(p.id).arg(*sum).arg(p.limit).arg(
                p.windowMs);
            return r;
        }
        s->used = *sum + cost;
    } else if (p.kind == K::LeakyBucket) {
        const double level =
            std::max(0.0, s->used - p.leakPerSecond * double(nowMs - s->updatedMs) / 1000.0);
        if (level + cost > p.limit) {
            r.waitUntilMs =
                nowMs + qint64(std::ceil((level + cost - p.limit) / p.leakPerSecond * 1000.0));
            r.reason = u"%1: bucket at %2 of %3"_s.arg(p.id).arg(level, 0, 'f', 1).arg(p.limit);
            return r;
        }
        s->used = level + cost;
        s->updatedMs = nowMs;
    } else if (p.kind == K::ErrorBudget) {
        qint64 oldest = 0;
        auto sum = eventSum(db, key, nowMs - p.windowMs, &oldest);
        if (!sum)
            return sum.error();
        s->used = *sum;
        // One more error must not reach the vendor's limit: stop while one error short of it.
        if (*sum + 1 >= p.limit) {
            r.waitUntilMs = std::max(nowMs + 1, oldest + p.windowMs + 1);
            r.reason = u"%1: %2 failed calls on this endpoint in the last %3 min; holding calls "
                       u"until %4 so the vendor does not block the key (limit %5)"_s.arg(p.id)
                           .arg(*sum)
                           .arg(p.windowMs / 60'000)
                           .arg(timeText(r.waitUntilMs))
                           .arg(p.limit);
            return r;
        }
    }
    r.granted = true;
    return r;
}

Result<RateLedger::Reservation> RateLedger::reserve(const Request& request) {
    Reservation result;
    result.granted = true;
    const QString endpoint = request.effectiveEndpoint();
    FastCommit fast(*m_db);
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        if (Status locked = lockScopes(db, endpoint); !locked)
            return locked;
        // "now" is read inside the transaction: a caller that waited for the lock must not
        // book into a window that has already passed.
        const qint64 now = m_clock->nowMs();
        result = Reservation{true, 0, {}, {}};
        QList<std::tuple<const RatePolicy*, QString, State, double>> taken;
        for (const RatePolicy& p : m_config.rateLimits) {
            const QString key = m_config.scopeKey(p, endpoint);
            const double cost = costOf(p, request);
            State s;
            auto r = check(db, p, key, cost, now, &s);
            if (!r)
                return r.error();
            if (!r->granted) {
                if (result.granted || r->waitUntilMs > result.waitUntilMs)
                    result = *r;
                continue;
            }
            taken.append({&p, key, s, cost});
        }
        if (!result.granted)
            return Status::success(); // nothing taken: the transaction only read
        for (auto& [p, key, s, cost] : taken) {
            if (p->kind == K::ErrorBudget) {
                // Booked as an error until the answer says otherwise: calls already on their
                // way must not together overrun the budget.
                auto ins = store::Database::run(
                    db,
                    u"INSERT INTO http_ledger_events (scope_key, time_ms, amount) VALUES (?, ?, 1)"_s,
                    {key, now});
                if (!ins)
                    return ins.error();
                result.tentative.append(ins->lastInsertId().toLongLong());
                continue;
            }
            if (p->kind == K::SlidingWindow) {
                auto ins = store::Database::run(
                    db,
                    u"INSERT INTO http_ledger_events (scope_key, time_ms, amount) VALUES (?, ?, ?)"_s,
                    {key, now, cost});
                if (!ins)
                    return ins.error();
                auto del = store::Database::run(
                    db, u"DELETE FROM http_ledger_events WHERE scope_key = ? AND time_ms < ?"_s,
                    {key, now - 2 * p->windowMs - p->guardMs});
                if (!del)
                    return del.error();
                s.updatedMs = now;
            }
            if (Status sv = save(db, key, *p, s); !sv)
                return sv;
        }
        return Status::success();
    });
    if (!st)
        return st.error();
    return result;
}

Status RateLedger::release(const QList<qint64>& tentative) {
    if (tentative.isEmpty())
        return Status::success();
    return m_db->write([&](QSqlDatabase& db) -> Status {
        for (qint64 id : tentative)
            if (auto d = store::Database::run(db, u"DELETE FROM http_ledger_events WHERE id = ?"_s,
                                              {id});
                !d)
                return d.error();
        return Status::success();
    });
}

Result<qint64> RateLedger::observe(const Request& request, int status, const HeaderList& headers,
                                   const QList<qint64>& tentative) {
    // Most answers carry nothing for the ledger: skip the write transaction then.
    bool relevant = false;
    for (const RatePolicy& p : m_config.rateLimits)
        relevant = relevant || p.kind == K::ErrorBudget ||
                   !headerValue(headers, p.remainingHeader).isEmpty() ||
                   !headerValue(headers, p.usedOfSizeHeader).isEmpty();
    if (!relevant)
        return qint64(0);
    qint64 latestReset = 0;
    const QString endpoint = request.effectiveEndpoint();
    FastCommit fast(*m_db);
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        if (Status locked = lockScopes(db, endpoint); !locked)
            return locked;
        const qint64 now = m_clock->nowMs();
        latestReset = 0;
        for (const RatePolicy& p : m_config.rateLimits) {
            const QString key = m_config.scopeKey(p, endpoint);
            if (p.kind == K::ErrorBudget) {
                const bool counts = p.countStatuses.isEmpty() ? (status >= 400 && status != 429)
                                                              : p.countStatuses.contains(status);
                if (!tentative.isEmpty()) {
                    // The booking made at reservation stands for an error, or is given back.
                    if (!counts)
                        for (qint64 id : tentative)
                            if (auto d = store::Database::run(
                                    db,
                                    u"DELETE FROM http_ledger_events WHERE id = ? AND scope_key = ?"_s,
                                    {id, key});
                                !d)
                                return d.error();
                    continue;
                }
                if (!counts)
                    continue;
                auto ins = store::Database::run(
                    db,
                    u"INSERT INTO http_ledger_events (scope_key, time_ms, amount) VALUES (?, ?, 1)"_s,
                    {key, now});
                if (!ins)
                    return ins.error();
                auto del = store::Database::run(
                    db, u"DELETE FROM http_ledger_events WHERE scope_key = ? AND time_ms < ?"_s,
                    {key, now - 2 * p.windowMs});
                if (!del)
                    return del.error();
                continue;
            }
            auto loaded = load(db, key);
            if (!loaded)
                return loaded.error();
            State s = *loaded;
            bool changed = false;
            const QByteArray usedOfSize = headerValue(headers, p.usedOfSizeHeader);
            if (!usedOfSize.isEmpty() && p.kind == K::LeakyBucket) {
                const double used = usedOfSize.split('/').value(0).toDouble();
                const double level =
                    std::max(0.0, s.used - p.leakPerSecond * double(now - s.updatedMs) / 1000.0);
                if (used > level) {
                    s.used = used;
                    s.updatedMs = now;
                    s.fromServer = true;
                    changed = true;
                }
            }
            const QByteArray remainingText = headerValue(headers, p.remainingHeader);
            if (!remainingText.isEmpty()) {
                bool ok = false;
                const double remaining = remainingText.toDouble(&ok);
                const QByteArray limitText = headerValue(headers, p.limitHeader);
                const double limit = limitText.isEmpty() ? p.limit : limitText.toDouble();
                const QByteArray resetText = headerValue(headers, p.resetHeader);
                qint64 resetMs = 0;
                if (!resetText.isEmpty()) {
                    const double v = resetText.toDouble();
                    if (p.resetUnit == u"seconds-left"_s)
                        resetMs = now + qint64(v * 1000.0);
                    else if (p.resetUnit == u"epoch-s"_s)
                        resetMs = qint64(v * 1000.0);
                    else
                        resetMs = qint64(v);
                }
                if (ok) {
                    const double serverUsed = std::max(0.0, limit - remaining);
                    if (resetMs > now) {
                        s.serverResetMs = resetMs;
                        changed = true;
                    }
                    if (isWindowed(p.kind)) {
                        const qint64 w = windowLength(p);
                        const qint64 offset = p.kind == K::FixedWindow ? 0 : p.resetUtcOffsetMs;
                        const qint64 current = ((now - offset) / w) * w + offset;
                        if (s.windowStart < current) {
                            s.windowStart = current;
                            s.used = 0;
                        }
                        // Only ever raise the estimate: a lower server figure may predate
                        // calls that are already on their way.
                        if (s.windowStart == current && serverUsed > s.used) {
                            s.used = serverUsed;
                            s.fromServer = true;
                        }
                        changed = true;
                    } else if (p.kind == K::SlidingWindow) {
                        auto local = eventSum(db, key, now - p.windowMs - p.guardMs, nullptr);
                        if (!local)
                            return local.error();
                        if (serverUsed > *local) {
                            auto ins = store::Database::run(
                                db,
                                u"INSERT INTO http_ledger_events (scope_key, time_ms, amount) "
                                u"VALUES (?, ?, ?)"_s,
                                {key, now, serverUsed - *local});
                            if (!ins)
                                return ins.error();
                            s.used = serverUsed;
                            s.fromServer = true;
                            changed = true;
                        }
                    }
                    if (remaining <= 0 && resetMs > now) {
                        s.blockedUntil = std::max(s.blockedUntil, resetMs);
                        latestReset = std::max(latestReset, resetMs);
                        changed = true;
                    }
                }
            }
            if (changed) {
                if (!s.exists && s.updatedMs == 0)
                    s.updatedMs = now;
                if (Status sv = save(db, key, p, s); !sv)
                    return sv;
            }
        }
        return Status::success();
    });
    if (!st)
        return st.error();
    return latestReset;
}

Result<qint64> RateLedger::blockUntilReset(const Request& request, qint64 fallbackUntilMs) {
    qint64 until = 0;
    const QString endpoint = request.effectiveEndpoint();
    Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        if (Status locked = lockScopes(db, endpoint); !locked)
            return locked;
        const qint64 now = m_clock->nowMs();
        until = 0;
        for (const RatePolicy& p : m_config.rateLimits) {
            if (p.kind == K::ErrorBudget)
                continue;
            auto s = load(db, m_config.scopeKey(p, endpoint));
            if (!s)
                return s.error();
            if (s->serverResetMs > now)
                until = std::max(until, s->serverResetMs);
        }
        if (until == 0)
            until = fallbackUntilMs;
        for (const RatePolicy& p : m_config.rateLimits) {
            if (p.kind == K::ErrorBudget)
                continue;
            const QString key = m_config.scopeKey(p, endpoint);
            auto s = load(db, key);
            if (!s)
                return s.error();
            State next = *s;
            next.blockedUntil = std::max(next.blockedUntil, until);
            if (Status sv = save(db, key, p, next); !sv)
                return sv;
        }
        return Status::success();
    });
    if (!st)
        return st.error();
    return until;
}

Result<QList<RateGauge>> RateLedger::gauges() {
    QList<RateGauge> out;
    auto conn = m_db->connection();
    if (!conn)
        return conn.error();
    QSqlDatabase& db = *conn;
    const qint64 now = m_clock->nowMs();
    for (const RatePolicy& p : m_config.rateLimits) {
        RateGauge g;
        g.connectorId = m_config.connectorId;
        g.policyId = p.id;
        g.kind = RatePolicy::kindName(p.kind);
        g.limit = p.limit;
        g.updatedMs = now;
        if (p.kind == K::ErrorBudget) {
            const QString prefix = m_config.scopeKey(p, QString());
            auto q = store::Database::run(
                db,
                u"SELECT scope_key, SUM(amount) FROM http_ledger_events WHERE scope_key LIKE ? "
                u"AND time_ms > ? GROUP BY scope_key"_s,
                {QString(prefix + u'%'), now - p.windowMs});
            if (!q)
                return q.error();
            while (q->next())
                g.used = std::max(g.used, q->value(1).toDouble());
            out.append(g);
            continue;
        }
        const QString key = m_config.scopeKey(p);
        auto s = load(db, key);
        if (!s)
            return s.error();
        g.fromServer = s->fromServer;
        if (isWindowed(p.kind)) {
            const qint64 w = windowLength(p);
            const bool current = s->windowStart + w > now;
            g.used = current ? s->used : 0;
            g.resetAtMs = current ? s->windowStart + w : windowStartFor(p, now) + w;
        } else if (p.kind == K::SlidingWindow) {
            auto sum = eventSum(db, key, now - p.windowMs, nullptr);
            if (!sum)
                return sum.error();
            g.used = *sum;
            g.resetAtMs = now + p.windowMs;
        } else if (p.kind == K::LeakyBucket) {
            g.used = std::max(0.0, s->used - p.leakPerSecond * double(now - s->updatedMs) / 1000.0);
            g.resetAtMs = now + qint64(g.used / p.leakPerSecond * 1000.0);
        }
        if (s->blockedUntil > now)
            g.resetAtMs = std::max(g.resetAtMs, s->blockedUntil);
        out.append(g);
    }
    return out;
}

} // namespace bk::http
