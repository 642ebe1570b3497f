#include "Pipeline.h"

#include "Batch.h"
#include "Classify.h"
#include "LogCategories.h"

#include <optional>

#include <QCoreApplication>
#include <QHostInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMetaMethod>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace bk::http {

struct Pipeline::Op {
    qint64 id = 0;
    Request request;
    QList<Attempt> attempts;
    qint64 firstAttemptMs = 0;
    int retries = 0; ///< backoff retries so far (the next delay uses retries + 1)
    bool networkRetried = false;
    bool authRetried = false;
    bool waitingSlot = false;
    QList<qint64> tentative; ///< error-budget bookings of the attempt on the wire
    QString host;
    bool hasContext = false;
    QPointer<QObject> context;
    Callback done;
    std::optional<AuthProvider::Header> forcedAuth;
    AuthProvider::Header sentAuth;
};

Pipeline::Pipeline(PipelineConfig config, Options options, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_options(std::move(options))
    , m_clock(m_options.clock ? m_options.clock : makeSystemClock())
    , m_nam(new QNetworkAccessManager(this))
    , m_ledger(m_options.db, m_clock, m_config)
    , m_outbox(m_options.db, m_options.owner.isEmpty()
                                 ? u"%1:%2:%3"_s.arg(QHostInfo::localHostName())
                                       .arg(QCoreApplication::applicationPid())
                                       .arg(quintptr(this), 0, 16)
                                 : m_options.owner)
    , m_backoff(m_config.retry, m_options.seed ? m_options.seed : std::random_device{}()) {
    m_stateSinceMs = m_clock->nowMs();
    if (m_options.monitorStatusPage && m_config.statusPage.url.isValid() &&
        !m_config.statusPage.url.isEmpty()) {
        m_status = new StatusPageMonitor(m_config.statusPage, m_clock, m_nam, this);
        connect(m_status, &StatusPageMonitor::outageChanged, this,
                [this](bool outage, const QString& indicator, const QString& description) {
                    m_vendorOutage = outage;
                    m_pauseReason =
                        QCoreApplication::translate("http", "vendor status page: %1 (%2)")
                            .arg(indicator, description);
                    emitEvent(outage ? u"vendor-outage"_s : u"vendor-recovered"_s,
                              outage ? u"warning"_s : u"info"_s, m_pauseReason);
                    if (!outage)
                        releaseParked();
                    publishHealth();
                });
        // Started from the event loop, so it runs on the thread the pipeline was moved to.
        QMetaObject::invokeMethod(m_status, &StatusPageMonitor::start, Qt::QueuedConnection);
    }
    if (m_options.outboxSweepMs > 0)
        scheduleOutboxSweep();
}

Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::create(const ConnectorConfig& connector,
                                                   const QJsonObject& definition, Options options) {
    auto config = PipelineConfig::fromDefinition(connector, definition);
    if (!config)
        return config.error();
    return std::make_unique<Pipeline>(std::move(*config), std::move(options));
}

qint64 Pipeline::leaseFor(qint64 untilMs) const {
    return untilMs + m_config.requestTimeoutMs + 60'000;
}

CircuitBreaker& Pipeline::breakerFor(const QString& host) {
    auto it = m_breakers.find(host);
    if (it != m_breakers.end())
        return *it->second;
    auto breaker = std::make_unique<CircuitBreaker>(m_config.breaker);
    CircuitBreaker* raw = breaker.get();
    raw->setListener([this, raw, host](const CircuitBreaker::Event& e) {
        const QString kind = u"breaker-"_s + CircuitBreaker::stateName(e.to);
        emitEvent(kind, e.to == CircuitBreaker::State::Open ? u"critical"_s : u"info"_s,
                  u"%1: %2"_s.arg(host, e.reason));
        if (e.to == CircuitBreaker::State::Open)
            scheduleProbe(*raw);
        else if (e.to == CircuitBreaker::State::Closed) {
            ++m_busy;
            QMetaObject::invokeMethod(
                this,
                [this] {
                    --m_busy;
                    releaseParked();
                },
                Qt::QueuedConnection);
        }
    });
    m_breakers.emplace(host, std::move(breaker));
    return *raw;
}

void Pipeline::scheduleProbe(CircuitBreaker& breaker) {
    m_clock->callAt(breaker.nextProbeMs(), this, [this] { releaseParked(); });
}

CircuitBreaker::State Pipeline::breakerState() const {
    auto worst = CircuitBreaker::State::Closed;
    for (const auto& [host, b] : m_breakers) {
        if (b->state() == CircuitBreaker::State::Open)
            return CircuitBreaker::State::Open;
        if (b->state() == CircuitBreaker::State::HalfOpen)
            worst = CircuitBreaker::State::HalfOpen;
    }
    return worst;
}

Result<qint64> Pipeline::send(Request request, QObject* context, Callback done) {
    if (request.connectorId.isEmpty())
        request.connectorId = m_config.connectorId;
    const qint64 now = m_clock->nowMs();
    auto id = m_outbox.add(request, now, leaseFor(now));
    if (!id)
        return id.error();
    auto op = std::make_shared<Op>();
    op->id = *id;
    op->request = std::move(request);
    op->host = u"%1:%2"_s.arg(op->request.url.host()).arg(op->request.url.port(0));
    preconnect(op->request.url);
    op->hasContext = context != nullptr;
    op->context = context;
    op->done = std::move(done);
    m_ops.emplace(op->id, op);
    ++m_counters.operations;
    queueDispatch(op);
    return *id;
}

void Pipeline::scheduleOutboxSweep() {
    m_clock->callAfter(m_options.outboxSweepMs, this, [this] {
        if (auto taken = sweepOutbox(); !taken)
            qCWarning(lcHttp).noquote()
                << m_config.connectorId << "outbox sweep failed:" << taken.error().message;
        scheduleOutboxSweep();
    });
}

Result<int> Pipeline::sweepOutbox() {
    const qint64 now = m_clock->nowMs();
    // Heartbeat first: an operation this pipeline holds (waiting for a slot, parked behind an
    // open breaker, in backoff) keeps its entry leased for at least two more sweeps, so no
    // engine takes a live engine's work.
    const qint64 horizon = now + 2 * std::max<qint64>(1, m_options.outboxSweepMs);
    const qint64 until =
        std::max(leaseFor(now), now + 3 * std::max<qint64>(1, m_options.outboxSweepMs));
    QList<qint64> held;
    held.reserve(qsizetype(m_ops.size()));
    for (const auto& [id, op] : m_ops)
        held.append(id);
    if (auto renewed = m_outbox.renew(held, horizon, until); !renewed)
        return renewed.error();
    return recoverPending(false);
}

Result<int> Pipeline::recoverPending(bool takeLeased, QObject* context, Callback done,
                                     bool takeOwn) {
    const qint64 now = m_clock->nowMs();
    QSet<qint64> held;
    for (const auto& [id, op] : m_ops)
        held.insert(id);
    auto entries =
        m_outbox.claimStale(m_config.connectorId, now, leaseFor(now), takeLeased, takeOwn, held);
    if (!entries)
        return entries.error();
    int dropped = 0;
    for (const Outbox::Entry& e : std::as_const(*entries)) {
        // A flow's call is redone by the flow itself from its durable run state; sending the
        // dead owner's copy too would write a create twice. A replay's call is sent.
        if (e.request.callerRedoes && e.request.deadLetterKey.isEmpty()) {
            if (Status st = m_outbox.remove(e.id); !st)
                return st.error();
            ++dropped;
            continue;
        }
        auto op = std::make_shared<Op>();
        op->id = e.id;
        op->request = e.request;
        op->attempts = e.attempts;
        op->firstAttemptMs = e.firstAttemptMs;
        for (const Attempt& a : e.attempts) {
            if (a.cls == OutcomeClass::Transient ||
                (a.cls == OutcomeClass::Network && op->networkRetried))
                ++op->retries;
            if (a.cls == OutcomeClass::Network)
                op->networkRetried = true;
        }
        op->host = u"%1:%2"_s.arg(op->request.url.host()).arg(op->request.url.port(0));
        preconnect(op->request.url);
        op->hasContext = context != nullptr;
        op->context = context;
        op->done = done;
        m_ops.emplace(op->id, op);
        ++m_counters.operations;
        m_clock->callAt(std::max(now, e.nextAttemptMs), this, [this, op] { dispatch(op); });
    }
    if (dropped > 0)
        qCInfo(lcHttp).noquote() << m_config.connectorId << "dropped" << dropped
                                 << "outbox operation(s) of sync flows: each flow redoes them "
                                    "from its own durable state";
    const int taken = int(entries->size()) - dropped;
    if (taken > 0)
        qCInfo(lcHttp).noquote() << m_config.connectorId << "recovered" << taken
                                 << "pending operation(s) from the outbox";
    return taken;
}

void Pipeline::preconnect(const QUrl& url) {
    // Open the connection ahead: a first call that waits for Qt's set-up and the TCP (and
    // TLS) handshake after its slot was booked may arrive in the next window.
    if (m_options.noPreconnect || url.host().isEmpty() || m_preconnected.contains(url.host()))
        return;
    m_preconnected.insert(url.host());
    if (url.scheme() == u"https"_s)
        m_nam->connectToHostEncrypted(url.host(), quint16(url.port(443)));
    else
        m_nam->connectToHost(url.host(), quint16(url.port(80)));
}

void Pipeline::leaveWire() {
    --m_onWire;
    if (!m_wireQueue.isEmpty())
        queueDispatch(m_wireQueue.takeFirst());
}

void Pipeline::queueDispatch(const OpPtr& op) {
    ++m_busy;
    QMetaObject::invokeMethod(
        this,
        [this, op] {
            --m_busy;
            dispatch(op);
        },
        Qt::QueuedConnection);
}

void Pipeline::park(const OpPtr& op) {
    m_parked.append(op);
    m_counters.parked = quint64(m_parked.size());
    publishHealth();
}

void Pipeline::releaseParked() {
    const QList<OpPtr> parked = std::exchange(m_parked, {});
    m_counters.parked = 0;
    for (const OpPtr& op : parked)
        dispatch(op);
    publishHealth();
}

void Pipeline::dispatch(const OpPtr& op) {
    if (!m_ops.count(op->id))
        return;
    const qint64 now = m_clock->nowMs();
    if (m_operatorPaused || m_vendorOutage)
        return park(op);
    if (m_onWire >= m_config.maxConcurrent) {
        m_wireQueue.append(op);
        return;
    }
    CircuitBreaker& breaker = breakerFor(op->host);
    bool probe = false;
    if (!breaker.tryAcquire(now, &probe))
        return park(op);
    auto slot = m_ledger.reserve(op->request);
    if (!slot || !slot->granted) {
        if (probe)
            breaker.releaseProbe();
        qint64 until = now + 1000;
        if (!slot) {
            qCWarning(lcRateLimit).noquote() << "ledger unavailable:" << slot.error().message;
        } else {
            until = slot->waitUntilMs;
            if (slot->reason != m_rateReason && slot->policyId.contains(u"error"_s))
                emitEvent(u"error-budget"_s, u"warning"_s, slot->reason);
            m_rateReason = slot->reason;
        }
        if (!op->waitingSlot) {
            op->waitingSlot = true;
            ++m_counters.waitingSlot;
        }
        m_clock->callAt(until, this, [this, op] {
            if (op->waitingSlot) {
                op->waitingSlot = false;
                --m_counters.waitingSlot;
            }
            dispatch(op);
        });
        publishHealth();
        return;
    }
    op->tentative = slot->tentative;
    ++m_onWire;
    if (op->forcedAuth) {
        const AuthProvider::Header header = *op->forcedAuth;
        op->forcedAuth.reset();
        return transmit(op, header);
    }
    if (!m_options.auth)
        return transmit(op, {});
    ++m_busy;
    m_options.auth->authorize(this, [this, op](Result<AuthProvider::Header> header) {
        --m_busy;
        if (!header) {
            (void)m_ledger.release(std::exchange(op->tentative, {}));
            leaveWire();
            breakerFor(op->host).releaseProbe();
            if (isPassingAuthFailure(header.error()))
                return retryWithoutCredentials(op, header.error());
            m_authFailed = true;
            Outcome o;
            o.cls = OutcomeClass::Auth;
            o.reason = u"no usable credentials: "_s + header.error().message;
            return finish(op, std::move(o));
        }
        transmit(op, *header);
    });
}

void Pipeline::transmit(const OpPtr& op, const AuthProvider::Header& auth) {
    const Request& r = op->request;
    QNetworkRequest req(r.url);
    for (const auto& h : r.headers)
        req.setRawHeader(h.first, h.second);
    if (!auth.first.isEmpty())
        req.setRawHeader(auth.first, auth.second);
    if (!r.idempotencyKey.isEmpty())
        req.setRawHeader("Idempotency-Key", r.idempotencyKey.toUtf8());
    req.setTransferTimeout(int(m_config.requestTimeoutMs));
    op->sentAuth = auth;
    const qint64 sent = m_clock->nowMs();
    qCDebug(lcHttp).noquote() << m_config.connectorId << "sending operation" << op->id
                              << QString::fromLatin1(r.method) << r.url.toString();
    if (op->firstAttemptMs == 0)
        op->firstAttemptMs = sent;
    QNetworkReply* reply = m_nam->sendCustomRequest(req, r.method, r.body);
    ++m_busy;
    connect(reply, &QNetworkReply::finished, this, [this, op, reply, sent] {
        --m_busy;
        leaveWire();
        onReply(op, reply, sent);
    });
}

void Pipeline::onReply(const OpPtr& op, QNetworkReply* reply, qint64 sentMs) {
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const HeaderList headers = reply->rawHeaderPairs();
    const QByteArray body = reply->readAll();
    const qint64 now = m_clock->nowMs();
    const OutcomeClass cls = classify(status, reply->error());
    qCDebug(lcHttp).noquote() << m_config.connectorId << "operation" << op->id << "answered"
                              << status << outcomeClassName(cls);

    Attempt a;
    a.timeMs = sentMs;
    a.status = status;
    a.cls = cls;
    a.excerpt = status > 0 ? bodyExcerpt(body) : reply->errorString();
    op->attempts.append(a);
    ++m_counters.byClass[outcomeClassName(cls)];

    qint64 serverReset = 0;
    if (status > 0) {
        auto observed = m_ledger.observe(op->request, status, headers, op->tentative);
        if (observed)
            serverReset = *observed;
        else
            qCWarning(lcRateLimit).noquote() << "ledger update failed:" << observed.error().message;
    } else if (Status st = m_ledger.release(op->tentative); !st) {
        qCWarning(lcRateLimit).noquote() << "ledger update failed:" << st.error().message;
    }
    op->tentative.clear();
    const QString what = status > 0 ? u"HTTP %1"_s.arg(status) : reply->errorString();
    CircuitBreaker& breaker = breakerFor(op->host);
    if (cls == OutcomeClass::Transient || cls == OutcomeClass::Network) {
        breaker.recordFailure(now, what);
        m_lastFailure = what;
        m_lastFailureMs = now;
    } else {
        breaker.recordSuccess(now);
    }
    if (QObject::isSignalConnected(QMetaMethod::fromSignal(&Pipeline::gaugesChanged)))
        Q_EMIT gaugesChanged(gauges());

    Outcome o;
    o.cls = cls;
    o.status = status;
    o.headers = withoutSecretHeaders(headers);
    o.body = body;
    switch (cls) {
    case OutcomeClass::Success:
        m_authFailed = false;
        return finish(op, std::move(o));
    case OutcomeClass::Auth:
        if (m_options.auth && !op->authRetried) {
            op->authRetried = true;
            ++m_busy;
            m_options.auth->unauthorized(
                op->sentAuth, this, [this, op](Result<AuthProvider::Header> header) {
                    --m_busy;
                    if (!header && isPassingAuthFailure(header.error()))
                        return retryWithoutCredentials(op, header.error());
                    if (!header) {
                        m_authFailed = true;
                        Outcome failed;
                        failed.cls = OutcomeClass::Auth;
                        failed.status = 401;
                        failed.reason =
                            u"HTTP 401 and the token refresh failed: "_s + header.error().message;
                        return finish(op, std::move(failed));
                    }
                    op->forcedAuth = *header;
                    dispatch(op);
                });
            return;
        }
        m_authFailed = true;
        o.reason = m_options.auth
                       ? u"HTTP 401 again after a token refresh and one retry: %1"_s.arg(a.excerpt)
                       : u"HTTP 401 and no credentials are available: %1"_s.arg(a.excerpt);
        return finish(op, std::move(o));
    case OutcomeClass::Invalid: // never produced by a response; treated as permanent
    case OutcomeClass::Permanent:
        o.reason = u"HTTP %1 (not retried: the request itself was refused): %2"_s.arg(status).arg(
            a.excerpt);
        return finish(op, std::move(o));
    case OutcomeClass::RateLimited: {
        qint64 delay = -1;
        if (auto ra = parseRetryAfter(reply->rawHeader("Retry-After"), now))
            delay = *ra;
        else if (serverReset > now)
            delay = serverReset - now;
        else {
            auto until =
                m_ledger.blockUntilReset(op->request, now + m_backoff.delayMs(op->retries + 1));
            delay = until ? std::max<qint64>(0, *until - now) : 1000;
        }
        return retryLater(op, delay, what);
    }
    case OutcomeClass::Transient:
        return retryLater(op, m_backoff.delayMs(++op->retries), what);
    case OutcomeClass::Network:
        if (!op->networkRetried) {
            op->networkRetried = true;
            return retryLater(op, 0, what);
        }
        return retryLater(op, m_backoff.delayMs(++op->retries), what);
    }
}

bool Pipeline::isPassingAuthFailure(const Error& error) {
    // The token endpoint being down or slow is an outage, not revoked credentials: the operation
    // waits like any other transient failure instead of becoming an auth dead letter.
    return error.category == ErrorCategory::Transient || error.category == ErrorCategory::Network ||
           error.category == ErrorCategory::RateLimited;
}

void Pipeline::retryWithoutCredentials(const OpPtr& op, const Error& error) {
    Attempt a;
    a.timeMs = m_clock->nowMs();
    if (op->firstAttemptMs == 0)
        op->firstAttemptMs = a.timeMs;
    a.cls = OutcomeClass::Transient;
    a.excerpt = u"no credentials yet: "_s + error.message;
    op->attempts.append(a);
    retryLater(op, m_backoff.delayMs(++op->retries), u"the token could not be refreshed"_s);
}

void Pipeline::retryLater(const OpPtr& op, qint64 delayMs, const QString& why) {
    const qint64 now = m_clock->nowMs();
    const Attempt& last = op->attempts.last();
    auto giveUp = [&](const QString& reason) {
        Outcome o;
        o.cls = last.cls;
        o.status = last.status;
        o.reason = reason;
        finish(op, std::move(o));
    };
    const int n = int(op->attempts.size());
    if (n >= m_config.retry.maxAttempts)
        return giveUp(u"gave up after %1 attempts (the limit); last: %2: %3"_s.arg(n).arg(why).arg(
            last.excerpt));
    if (now + delayMs - op->firstAttemptMs > m_config.retry.maxSpanMs)
        return giveUp(u"gave up after %1 attempts: the next try (in %2 s) would fall outside the "
                      u"%3 s retry span; last: %4: %5"_s.arg(n)
                          .arg(double(delayMs) / 1000.0, 0, 'f', 1)
                          .arg(m_config.retry.maxSpanMs / 1000)
                          .arg(why, last.excerpt));
    op->attempts.last().waitAfterMs = delayMs;
    ++m_counters.retries;
    m_counters.currentBackoffMs = delayMs;
    if (Status st = m_outbox.update(op->id, op->attempts, op->firstAttemptMs, now + delayMs,
                                    leaseFor(now + delayMs));
        !st)
        qCWarning(lcHttp).noquote() << "outbox update failed:" << st.error().message;
    qCDebug(lcHttp).noquote() << m_config.connectorId << "retry of operation" << op->id << "in"
                              << delayMs << "ms after" << why;
    if (delayMs <= 0)
        queueDispatch(op);
    else
        m_clock->callAt(now + delayMs, this, [this, op] { dispatch(op); });
    publishHealth();
}

void Pipeline::finish(const OpPtr& op, Outcome outcome) {
    outcome.attempts = op->attempts;
    m_counters.currentBackoffMs = 0;
    const Request& r = op->request;
    const QString key = r.deadLetterKey.isEmpty()
                            ? u"outbox:%1:%2"_s.arg(m_config.connectorId).arg(op->id)
                            : r.deadLetterKey;
    bool stored = true;
    auto store = [&](const Request& request, const Outcome& o, const QString& sourceKey) {
        if (!m_options.deadLetters) {
            qCCritical(lcHttp).noquote() << "no dead-letter queue: operation" << op->id
                                         << "stays in the outbox:" << o.reason;
            stored = false;
            return qint64(0);
        }
        auto id = m_options.deadLetters->deadLetter(request, o, sourceKey);
        if (!id) {
            qCCritical(lcDeadLetters).noquote()
                << "cannot store a dead letter:" << id.error().message;
            stored = false;
            return qint64(0);
        }
        ++m_counters.deadLetters;
        ++m_counters.deadLettersByClass[outcomeClassName(o.cls)];
        Q_EMIT deadLettered(*id, o.reason);
        return *id;
    };
    const BatchSpec spec = BatchSpec::fromJson(r.batchSpec);
    auto itemRequest = [&](const BatchItem& item) {
        Request ir = r;
        ir.batchItems = {item};
        ir.recordIds = {item.recordId};
        ir.body =
            QJsonDocument(QJsonObject{{spec.itemsKey,
                                       QJsonArray{QJsonDocument::fromJson(item.body).object()}}})
                .toJson(QJsonDocument::Compact);
        return ir;
    };
    auto itemKey = [&](int i) {
        return (!r.deadLetterKey.isEmpty() && r.batchItems.size() == 1)
                   ? r.deadLetterKey
                   : u"%1:item:%2"_s.arg(key).arg(i);
    };
    if (outcome.ok()) {
        ++m_counters.succeeded;
        bool allItemsOk = true;
        if (!r.batchItems.isEmpty()) {
            outcome.items = splitBatchResponse(spec, r.batchItems, outcome.body);
            for (int i = 0; i < outcome.items.size(); ++i) {
                const ItemOutcome& item = outcome.items[i];
                if (item.ok)
                    continue;
                allItemsOk = false;
                Outcome io = outcome;
                io.cls = item.status > 0 ? classify(item.status) : OutcomeClass::Permanent;
                if (io.cls == OutcomeClass::Success)
                    io.cls = OutcomeClass::Permanent;
                io.status = item.status;
                io.reason = item.reason;
                io.items = {item};
                outcome.itemDeadLetterIds.append(
                    store(itemRequest(r.batchItems[i]), io, itemKey(i)));
            }
        }
        if (allItemsOk && !r.deadLetterKey.isEmpty()) {
            if (!m_options.deadLetters) {
                stored = false;
            } else if (Status st = m_options.deadLetters->replayedRequestSucceeded(r, outcome);
                       !st) {
                qCCritical(lcDeadLetters).noquote()
                    << "cannot resolve" << r.deadLetterKey << ":" << st.error().message;
                stored = false;
            }
        }
    } else if (!r.batchItems.isEmpty()) {
        // The whole batch failed: each operation becomes its own dead letter.
        for (int i = 0; i < r.batchItems.size(); ++i)
            outcome.itemDeadLetterIds.append(
                store(itemRequest(r.batchItems[i]), outcome, itemKey(i)));
    } else {
        outcome.deadLetterId = store(r, outcome, key);
    }
    m_ops.erase(op->id);
    if (stored) {
        if (Status st = m_outbox.remove(op->id); !st)
            qCWarning(lcHttp).noquote() << "outbox remove failed:" << st.error().message;
    }
    Q_EMIT finished(op->id, outcome);
    if (op->done && (!op->hasContext || op->context))
        op->done(outcome);
    publishHealth();
}

void Pipeline::setPaused(bool paused, const QString& reason) {
    m_operatorPaused = paused;
    emitEvent(paused ? u"paused"_s : u"resumed"_s, u"info"_s, reason);
    if (!paused)
        releaseParked();
    publishHealth();
}

void Pipeline::forceBreakerOpen(const QString& reason) {
    const qint64 now = m_clock->nowMs();
    for (auto& [host, b] : m_breakers)
        b->forceOpen(now, reason);
    if (m_breakers.empty())
        breakerFor(u"%1:%2"_s.arg(m_config.connectorId).arg(0)).forceOpen(now, reason);
    publishHealth();
}

void Pipeline::forceBreakerClosed(const QString& reason) {
    const qint64 now = m_clock->nowMs();
    for (auto& [host, b] : m_breakers)
        b->forceClose(now, reason);
    releaseParked();
}

void Pipeline::probeNow() {
    const qint64 now = m_clock->nowMs();
    for (auto& [host, b] : m_breakers)
        b->probeNow(now);
    releaseParked();
}

void Pipeline::emitEvent(const QString& kind, const QString& severity, const QString& message) {
    EngineEvent e;
    e.timeMs = m_clock->nowMs();
    e.connectorId = m_config.connectorId;
    e.kind = kind;
    e.severity = severity;
    e.message = message;
    Q_EMIT event(e);
}

ConnectorHealth Pipeline::health() const {
    ConnectorHealth h;
    h.connectorId = m_config.connectorId;
    h.requestsOk = m_counters.byClass.value(u"success"_s);
    for (auto it = m_counters.byClass.cbegin(); it != m_counters.byClass.cend(); ++it)
        if (it.key() != u"success"_s)
            h.requestsFailed += it.value();
    h.retries = m_counters.retries;
    h.deadLetters = m_counters.deadLetters;
    const qint64 now = m_clock->nowMs();
    const auto breaker = breakerState();
    if (m_authFailed) {
        h.state = HealthState::NeedsReauth;
        h.reason = u"the API refused the credentials; re-authorise the connector"_s;
    } else if (breaker != CircuitBreaker::State::Closed) {
        h.state = HealthState::CircuitOpen;
        for (const auto& [host, b] : m_breakers)
            if (b->state() != CircuitBreaker::State::Closed) {
                h.reason = b->lastReason();
                h.nextProbeMs = b->nextProbeMs();
            }
    } else if (m_vendorOutage) {
        h.state = HealthState::VendorOutage;
        h.reason = m_pauseReason;
    } else if (m_operatorPaused) {
        h.state = HealthState::Paused;
    } else if (m_counters.waitingSlot > 0) {
        h.state = HealthState::RateLimited;
        h.reason = m_rateReason;
    } else if (m_lastFailureMs > 0 && now - m_lastFailureMs < 5 * 60'000) {
        h.state = HealthState::Degraded;
        h.reason = u"recent failure: "_s + m_lastFailure;
    }
    h.sinceMs = h.state == m_lastState ? m_stateSinceMs : now;
    return h;
}

void Pipeline::publishHealth() {
    const ConnectorHealth h = health();
    if (h.state != m_lastState) {
        m_lastState = h.state;
        m_stateSinceMs = h.sinceMs;
    }
    Q_EMIT healthChanged(h);
}

QList<RateGauge> Pipeline::gauges() {
    auto g = m_ledger.gauges();
    if (!g) {
        qCWarning(lcRateLimit).noquote() << "cannot read the ledger:" << g.error().message;
        return {};
    }
    return *g;
}

} // namespace bk::http
