#include "TokenVault.h"

#include "LogCategories.h"
#include "TokenClient.h"
#include "alerts/AlertRouter.h"

#include <algorithm>

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

constexpr qint64 kDayMs = 86'400'000;

qint64 utcDayStart(qint64 ms) {
    return ms - (ms % kDayMs);
}

QString when(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

TokenVault::TokenVault(OAuthSettings settings, std::shared_ptr<SecretStore> secrets,
                       std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                       std::shared_ptr<alerts::AlertRouter> alerts, VaultOptions options,
                       QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_secrets(std::move(secrets))
    , m_db(db)
    , m_clock(std::move(clock))
    , m_alerts(std::move(alerts))
    , m_options(options)
    , m_state(db, m_settings.connectorId)
    , m_lock(db, m_settings.connectorId)
    , m_client(new TokenClient(m_settings, this))
    , m_holder(TokenStateStore::makeHolder())
    , m_tokensKey(connectorSecretKey(m_settings.connectorId, u"tokens"_s)) {}

TokenVault::~TokenVault() {
    if (m_leaseHeld)
        (void)m_state.releaseLease(m_holder);
}

TokenVault::Status TokenVault::status() const {
    QMutexLocker lock(&m_mutex);
    return m_status;
}

void TokenVault::start() {
    auto meta = m_state.load();
    if (!meta) {
        markNeedsReauth(u"the token state cannot be read: "_s + meta.error().message);
        Q_EMIT started();
        return;
    }
    const ConnectionMeta m = *meta;
    m_secrets->read(connectorSecretKey(m_settings.connectorId, u"client_secret"_s), this,
                    [this, m](Result<std::optional<QByteArray>> secret) {
                        if (secret && secret->has_value())
                            m_clientSecret = QString::fromUtf8(**secret);
                        m_secrets->read(m_tokensKey, this,
                                        [this, m](Result<std::optional<QByteArray>> blob) {
                                            onLoaded(m, std::move(blob));
                                            Q_EMIT started();
                                        });
                    });
}

void TokenVault::onLoaded(const ConnectionMeta& meta, Result<std::optional<QByteArray>> blob) {
    if (!blob) {
        // The secret store itself is broken: say so, do not guess.
        {
            QMutexLocker lock(&m_mutex);
            m_status = Status::NeedsReauth;
        }
        raise(u"secret-store"_s, 2, tr("%1: tokens cannot be read").arg(m_settings.connectorName),
              blob.error().message);
        failAll(Error{ErrorCategory::Auth, blob.error().message});
        publish();
        return;
    }
    if (!blob->has_value()) {
        {
            QMutexLocker lock(&m_mutex);
            m_status = meta.state == u"needs-reauth"_s ? Status::NeedsReauth : Status::NoTokens;
        }
        publish();
        kick();
        return;
    }
    auto record = TokenRecord::fromJson(**blob);
    if (!record) {
        markNeedsReauth(u"the stored tokens are unreadable: "_s + record.error().message);
        return;
    }
    const bool holderLive = !meta.leaseHolder.isEmpty() && meta.leaseExpiresMs > m_clock->nowMs() &&
                            !TokenStateStore::holderIsDead(meta.leaseHolder);
    if (record->generation > meta.generation) {
        // The token was stored but the process ended before the bookkeeping: adopt it.
        (void)m_state.commitTokens(*record, QString(), m_clock->nowMs(),
                                   u"recovered after an interrupted refresh"_s);
    } else if (!meta.inFlight.isEmpty() && !holderLive) {
        if (meta.inFlight == u"received"_s && m_settings.refreshTokenRotates) {
            adopt(*record);
            (void)m_state.setInFlight(QString(), m_clock->nowMs()); // decided: not again
            markNeedsReauth(
                u"a refresh answer received at %1 was never stored (the process ended first); "
                u"the vendor has already replaced the stored refresh token, so a human must "
                u"re-authorise"_s.arg(when(meta.inFlightMs)));
            return;
        }
        // "sent": the request may or may not have reached the vendor; the stored token is
        // the only candidate, and the next refresh proves it either way.
        (void)m_state.setInFlight(QString(), m_clock->nowMs());
    }
    adopt(*record);
    {
        QMutexLocker lock(&m_mutex);
        m_lastRefreshMs = meta.lastRefreshMs;
        m_lastRefreshOk = meta.lastRefreshOk;
        m_lastRefreshMessage = meta.lastRefreshMessage;
        if (meta.state == u"needs-reauth"_s)
            m_status = Status::NeedsReauth;
    }
    publish();
    kick();
}

void TokenVault::adopt(const TokenRecord& record) {
    {
        QMutexLocker lock(&m_mutex);
        m_token = record;
        m_status = Status::Ready;
        m_refreshAtMs = computeRefreshAt(record);
    }
    schedule();
    checkRefreshExpiry();
}

qint64 TokenVault::computeRefreshAt(const TokenRecord& record) const {
    if (record.accessExpiresMs <= 0)
        return std::numeric_limits<qint64>::max(); // lifetime unknown: only a 401 tells
    const qint64 lifetime = std::max<qint64>(0, record.accessExpiresMs - record.obtainedMs);
    const qint64 margin = std::min(m_settings.refreshMarginMs, lifetime / 5);
    qint64 at = record.accessExpiresMs - margin;
    if (m_settings.minRefreshIntervalMs > 0)
        at = std::max(at, record.obtainedMs + m_settings.minRefreshIntervalMs +
                              std::min<qint64>(500, lifetime / 100));
    return at;
}

bool TokenVault::usable(qint64 nowMs) const {
    if (m_token.isEmpty())
        return false;
    if (m_token.accessExpiresMs <= 0)
        return true;
    const qint64 lifetime = m_token.accessExpiresMs - m_token.obtainedMs;
    const qint64 guard = std::min(m_options.guardMs, lifetime / 20);
    return nowMs + guard < m_token.accessExpiresMs;
}

http::AuthProvider::Header TokenVault::headerFor(const TokenRecord& record) const {
    return {m_settings.accessHeaderName, m_settings.headerValue(record.accessToken)};
}

void TokenVault::authorize(QObject* context, std::function<void(Result<Header>)> done) {
    {
        QMutexLocker lock(&m_mutex);
        const qint64 now = m_clock->nowMs();
        if (m_status == Status::Ready && now < m_refreshAtMs && usable(now)) {
            const Header h = headerFor(m_token);
            lock.unlock();
            postTo(context, [done = std::move(done), h] { done(h); });
            return;
        }
    }
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        this,
        [this, guard, done = std::move(done)]() mutable {
            m_waiters.push_back({guard, std::move(done)});
            kick();
        },
        Qt::QueuedConnection);
}

void TokenVault::unauthorized(const Header& rejected, QObject* context,
                              std::function<void(Result<Header>)> done) {
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        this,
        [this, rejected, guard, done = std::move(done)]() mutable {
            const qint64 now = m_clock->nowMs();
            m_waiters.push_back({guard, std::move(done)});
            if (m_status != Status::Ready || m_refreshing) {
                kick();
                return;
            }
            if (headerFor(m_token).second != rejected.second && usable(now)) {
                serveAll(); // someone already refreshed past the rejected token
                return;
            }
            if (m_settings.minRefreshIntervalMs > 0 &&
                now < m_token.obtainedMs + m_settings.minRefreshIntervalMs) {
                failAll(
                    Error{ErrorCategory::Auth,
                          u"%1 refused a fresh access token, and refuses refreshes before %2"_s.arg(
                              m_settings.connectorName,
                              when(m_token.obtainedMs + m_settings.minRefreshIntervalMs))});
                return;
            }
            m_rejected = rejected.second;
            {
                QMutexLocker lock(&m_mutex);
                m_refreshAtMs = now; // due now
            }
            m_blockedUntilMs = 0;
            kick();
        },
        Qt::QueuedConnection);
}

void TokenVault::kick() {
    if (m_status == Status::Loading)
        return;
    if (m_status == Status::NoTokens) {
        failAll(Error{ErrorCategory::Auth,
                      u"%1 is not authorised yet: authorise it in the console or run "
                      u"\"bridgekeeper-engine auth import\""_s.arg(m_settings.connectorName)});
        return;
    }
    if (m_status == Status::NeedsReauth) {
        QMutexLocker lock(&m_mutex);
        const QString why = m_lastRefreshMessage;
        lock.unlock();
        failAll(Error{ErrorCategory::Auth,
                      u"%1 needs re-authorisation%2"_s.arg(
                          m_settings.connectorName, why.isEmpty() ? QString() : u": "_s + why)});
        return;
    }
    if (m_refreshing)
        return; // waiters are served when it ends
    const qint64 now = m_clock->nowMs();
    const bool due = now >= m_refreshAtMs;
    if (!due && usable(now)) {
        serveAll();
        return;
    }
    if (now >= m_blockedUntilMs) {
        beginRefresh();
        return;
    }
    if (usable(now)) {
        serveAll(); // refreshing is blocked for now, but the token still works
        return;
    }
    failAll(Error{
        ErrorCategory::Transient,
        u"%1: the access token expired and the next refresh attempt is at %2 (%3)"_s.arg(
            m_settings.connectorName, when(m_blockedUntilMs), snapshot().lastRefreshMessage)});
}

void TokenVault::serveAll() {
    const Header h = headerFor(m_token);
    auto waiters = std::move(m_waiters);
    m_waiters.clear();
    for (auto& w : waiters)
        if (w.context)
            postTo(w.context.data(), [done = std::move(w.done), h] { done(h); });
}

void TokenVault::failAll(const Error& error) {
    auto waiters = std::move(m_waiters);
    m_waiters.clear();
    for (auto& w : waiters)
        if (w.context)
            postTo(w.context.data(), [done = std::move(w.done), error] { done(error); });
}

void TokenVault::beginRefresh() {
    m_refreshing = true;
    tryLease();
}

void TokenVault::tryLease() {
    const qint64 now = m_clock->nowMs();
    // PostgreSQL: the advisory lock first. While another session holds it, that session is
    // refreshing; once it is free (stored, given up, or the holder's session died) the lease
    // row below is ours to take.
    auto locked = m_lock.tryLock();
    if (!locked) {
        setMessage(locked.error().message);
        endRefresh(false);
        blockUntil(now + m_options.transientRetryBaseMs);
        return;
    }
    if (!*locked)
        return waitForOtherRefresher();
    auto got = m_state.acquireLease(m_holder, now, m_options.leaseMs, m_lock.supported());
    if (!got) {
        setMessage(got.error().message);
        endRefresh(false);
        blockUntil(now + m_options.transientRetryBaseMs);
        return;
    }
    if (!*got) {
        // Another process is refreshing (SQLite), or holds the rotated tokens and is still
        // storing them (its marker says "received"): its lease decides.
        m_lock.unlock();
        return waitForOtherRefresher();
    }
    m_leaseHeld = true;
    auto meta = m_state.load();
    if (meta && meta->generation > m_token.generation) {
        reloadFromStore([this](bool) { afterLeaseReload(true); });
        return;
    }
    if (meta && meta->state == u"needs-reauth"_s) {
        endRefresh(true);
        markNeedsReauth(meta->stateReason);
        return;
    }
    continueRefresh();
}

void TokenVault::waitForOtherRefresher() {
    // Wait, then see whether the other refresher stored a new token.
    m_clock->callAfter(m_options.leasePollMs, this, [this] {
        auto meta = m_state.load();
        if (meta && meta->generation > m_token.generation) {
            reloadFromStore([this](bool) {
                m_refreshing = false;
                kick();
            });
            return;
        }
        if (meta && meta->state == u"needs-reauth"_s) {
            m_refreshing = false;
            markNeedsReauth(meta->stateReason);
            return;
        }
        tryLease();
    });
}

bool TokenVault::lockLost() {
    return m_lock.supported() && m_lock.taken() && !m_lock.stillHeld();
}

void TokenVault::afterLeaseReload(bool) {
    const qint64 now = m_clock->nowMs();
    const bool stillRejected = !m_rejected.isEmpty() && headerFor(m_token).second == m_rejected;
    if (now < m_refreshAtMs && usable(now) && !stillRejected) {
        endRefresh(true); // another process already refreshed
        kick();
        return;
    }
    continueRefresh();
}

void TokenVault::reloadFromStore(std::function<void(bool changed)> then) {
    m_secrets->read(m_tokensKey, this,
                    [this, then = std::move(then)](Result<std::optional<QByteArray>> blob) {
                        bool changed = false;
                        if (blob && blob->has_value()) {
                            auto record = TokenRecord::fromJson(**blob);
                            if (record && record->generation > m_token.generation) {
                                adopt(*record);
                                publish();
                                changed = true;
                            }
                        }
                        then(changed);
                    });
}

void TokenVault::continueRefresh() {
    const qint64 now = m_clock->nowMs();
    if (m_token.refreshToken.isEmpty()) {
        endRefresh(true);
        markNeedsReauth(u"there is no refresh token"_s);
        return;
    }
    if (m_settings.minRefreshIntervalMs > 0 &&
        now < m_token.obtainedMs + m_settings.minRefreshIntervalMs) {
        endRefresh(true);
        blockUntil(m_token.obtainedMs + m_settings.minRefreshIntervalMs);
        kick();
        return;
    }
    if (m_settings.tokenEndpointDailyLimit > 0) {
        auto calls = m_state.callsSince(utcDayStart(now));
        if (calls && *calls >= m_settings.tokenEndpointDailyLimit) {
            setMessage(u"the token endpoint's daily limit of %1 calls is used up"_s.arg(
                m_settings.tokenEndpointDailyLimit));
            raise(u"quota"_s, 1,
                  tr("%1: token refresh quota used up").arg(m_settings.connectorName),
                  snapshot().lastRefreshMessage);
            endRefresh(true);
            blockUntil(utcDayStart(now) + kDayMs);
            kick();
            return;
        }
    }
    if (m_settings.errorBudget > 0 && m_settings.errorBudgetWindowMs > 0) {
        const qint64 since = now - m_settings.errorBudgetWindowMs;
        auto errors = m_state.countedErrorsSince(since);
        // Keep one error in reserve: the vendor blocks the key when the budget runs out.
        if (errors && *errors >= m_settings.errorBudget - 1) {
            auto oldest = m_state.oldestCountedErrorSince(since);
            setMessage(u"%1 token-endpoint errors in the vendor's window; waiting so "
                       u"the API key is not blocked"_s.arg(*errors));
            raise(u"quota"_s, 1, tr("%1: token refresh paused").arg(m_settings.connectorName),
                  snapshot().lastRefreshMessage);
            endRefresh(true);
            blockUntil((oldest && *oldest > 0 ? *oldest : now) + m_settings.errorBudgetWindowMs);
            kick();
            return;
        }
    }
    if (lockLost()) {
        // The store connection was lost and reopened since the lock was taken: another engine
        // may be refreshing now. Start over (lock, lease, re-read) instead of sending.
        qCInfo(lcAuth).noquote() << m_settings.connectorId
                                 << "lost the refresh lock with its store session; retrying";
        endRefresh(true);
        m_refreshing = true;
        return waitForOtherRefresher();
    }
    if (auto st = m_state.setInFlight(u"sent"_s, now); !st) {
        setMessage(st.error().message);
        endRefresh(true);
        blockUntil(now + m_options.transientRetryBaseMs);
        kick();
        return;
    }
    m_client->refresh(m_token.refreshToken, m_clientSecret,
                      [this](TokenReply reply) { onRefreshReply(reply); });
}

void TokenVault::onRefreshReply(const TokenReply& reply) {
    const qint64 now = m_clock->nowMs();
    const bool budgetStatus = reply.httpStatus == 400 || reply.httpStatus == 401 ||
                              reply.httpStatus == 403 || reply.httpStatus == 404;
    (void)m_state.recordCall(reply.outcome == TokenReply::Outcome::Ok
                                 ? TokenStateStore::CallKind::Ok
                             : budgetStatus ? TokenStateStore::CallKind::CountedError
                                            : TokenStateStore::CallKind::OtherFailure,
                             now);
    switch (reply.outcome) {
    case TokenReply::Outcome::Ok: {
        auto record = TokenRecord::fromResponse(reply.body, now, m_settings, &m_token);
        if (!record) {
            // An answer we cannot read may still have rotated the token: keep the marker.
            setMessage(record.error().message);
            (void)m_state.recordRefreshOutcome(false, record.error().message, now);
            endRefresh(true);
            blockUntil(now + m_options.transientRetryBaseMs);
            kick();
            return;
        }
        record->generation = m_token.generation + 1;
        (void)m_state.setInFlight(u"received"_s, now);
        m_pending = *record;
        writePending();
        return;
    }
    case TokenReply::Outcome::TooEarly:
        (void)m_state.setInFlight(QString(), now);
        setMessage(reply.message);
        (void)m_state.recordRefreshOutcome(false, reply.message, now);
        endRefresh(true);
        blockUntil(std::max(now + m_options.transientRetryBaseMs,
                            m_token.obtainedMs + m_settings.minRefreshIntervalMs));
        kick();
        return;
    case TokenReply::Outcome::Rejected:
        (void)m_state.setInFlight(QString(), now);
        endRefresh(true);
        markNeedsReauth(u"the token endpoint refused the refresh token (%1)"_s.arg(reply.message));
        return;
    case TokenReply::Outcome::Transient: {
        if (!reply.responseLost)
            (void)m_state.setInFlight(QString(), now);
        setMessage(reply.message);
        (void)m_state.recordRefreshOutcome(false, reply.message, now);
        ++m_transientFailures;
        const qint64 delay =
            std::min(m_options.transientRetryMaxMs,
                     m_options.transientRetryBaseMs << std::min(m_transientFailures - 1, 10));
        endRefresh(true);
        blockUntil(now + delay);
        if (!usable(now + delay))
            raise(u"refresh-failing"_s, 1,
                  tr("%1: token refresh failing").arg(m_settings.connectorName),
                  tr("The access token expires at %1 and refreshing fails: %2")
                      .arg(when(m_token.accessExpiresMs), reply.message));
        kick();
        return;
    }
    }
}

void TokenVault::writePending() {
    if (!m_pending)
        return;
    if (lockLost()) {
        // Our session (and lock) went while the answer was on its way. If another engine took
        // over and stored newer tokens meanwhile, those are what the fleet uses: adopt them.
        auto meta = m_state.load();
        if (meta && meta->generation > m_token.generation) {
            qCWarning(lcAuth).noquote()
                << m_settings.connectorId
                << "another engine stored newer tokens while this refresh was in flight; "
                   "adopting those";
            m_pending.reset();
            // Our "received" marker was written after their commit cleared theirs.
            (void)m_state.setInFlight(QString(), m_clock->nowMs());
            endRefresh(true);
            reloadFromStore([this](bool) { kick(); });
            return;
        }
    }
    m_secrets->write(m_tokensKey, m_pending->toJson(), this, [this](bk::Status st) {
        const qint64 now = m_clock->nowMs();
        if (st)
            st = m_state.commitTokens(*m_pending, m_holder, now, u"refreshed"_s);
        if (!st) {
            ++m_writeFailures;
            qCWarning(lcAuth).noquote() << m_settings.connectorId
                                        << "cannot store the rotated tokens:" << st.error().message;
            if (m_writeFailures == 1)
                raise(u"store-write"_s, 2,
                      tr("%1: rotated token not stored").arg(m_settings.connectorName),
                      tr("The new refresh token could not be written to the secret store (%1). It "
                         "is kept in memory and the write is retried; do not stop the engine.")
                          .arg(st.error().message));
            (void)m_state.renewLease(m_holder, now, m_options.leaseMs + m_options.writeRetryMaxMs);
            const qint64 delay =
                std::min(m_options.writeRetryMaxMs,
                         m_options.writeRetryBaseMs << std::min(m_writeFailures - 1, 10));
            m_clock->callAfter(delay, this, [this] { writePending(); });
            return;
        }
        m_leaseHeld = false;
        m_lock.unlock(); // after the tokens are stored: a waiting engine now reads them
        const TokenRecord record = *m_pending;
        m_pending.reset();
        if (m_writeFailures > 0)
            resolve(u"store-write"_s, tr("the rotated token is stored now"));
        m_writeFailures = 0;
        m_transientFailures = 0;
        m_rejected.clear();
        m_blockedUntilMs = 0;
        {
            QMutexLocker lock(&m_mutex);
            m_lastRefreshMs = now;
            m_lastRefreshOk = true;
            m_lastRefreshMessage = u"refreshed"_s;
        }
        adopt(record);
        resolve(u"refresh-failing"_s, tr("token refresh works again"));
        resolve(u"quota"_s, tr("token refresh is no longer held back"));
        m_refreshing = false;
        publish();
        Q_EMIT refreshed(record.generation);
        kick();
    });
}

void TokenVault::endRefresh(bool releaseLease) {
    if (releaseLease && m_leaseHeld) {
        (void)m_state.releaseLease(m_holder);
        m_leaseHeld = false;
    }
    m_lock.unlock();
    m_refreshing = false;
}

void TokenVault::blockUntil(qint64 atMs) {
    m_blockedUntilMs = atMs;
    {
        QMutexLocker lock(&m_mutex);
        m_lastRefreshOk = false;
    }
    publish();
    m_clock->callAt(atMs, this, [this] {
        if (!m_refreshing && m_clock->nowMs() >= m_blockedUntilMs && m_status == Status::Ready &&
            m_clock->nowMs() >= m_refreshAtMs)
            beginRefresh();
    });
}

void TokenVault::schedule() {
    const quint64 epoch = ++m_timerEpoch;
    const qint64 at = m_refreshAtMs;
    if (at == std::numeric_limits<qint64>::max())
        return;
    m_clock->callAt(at, this, [this, epoch] {
        if (epoch != m_timerEpoch || m_refreshing || m_status != Status::Ready)
            return;
        if (m_clock->nowMs() >= m_blockedUntilMs)
            beginRefresh();
    });
}

} // namespace bk::auth
