#include "NetworkTransport.h"

#include "Duration.h"
#include "LogCategories.h"

#include <algorithm>
#include <cmath>

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace bk::sync {

QByteArray ApiOutcome::header(const QByteArray& name) const {
    for (const auto& [k, v] : headers)
        if (k.compare(name, Qt::CaseInsensitive) == 0)
            return v;
    return {};
}

RetryPolicy RetryPolicy::fromJson(const QJsonObject& o) {
    RetryPolicy p;
    auto dur = [&](const QString& key, qint64 fallback) {
        const QJsonValue v = o.value(key);
        if (v.isDouble())
            return qint64(v.toDouble() * 1000);
        return parseDurationMs(v.toString()).value_or(fallback);
    };
    p.maxAttempts = std::max(1, o.value(u"maxAttempts"_s).toInt(p.maxAttempts));
    p.maxSpanMs = dur(u"maxSpan"_s, p.maxSpanMs);
    p.baseDelayMs = dur(u"baseDelay"_s, p.baseDelayMs);
    p.maxDelayMs = dur(u"maxDelay"_s, p.maxDelayMs);
    p.jitter = std::clamp(o.value(u"jitter"_s).toDouble(p.jitter), 0.0, 0.9);
    p.timeoutMs = dur(u"timeout"_s, p.timeoutMs);
    return p;
}

qint64 retryAfterMs(const ApiOutcome& o, qint64 nowMs) {
    bool ok = false;
    const double ra = o.header("Retry-After").trimmed().toDouble(&ok);
    if (ok && ra >= 0)
        return qint64(std::ceil(ra * 1000));
    const qint64 reset = o.header("X-RateLimit-Minutely-Reset").trimmed().toLongLong(&ok);
    if (ok && reset > 0)
        return std::max<qint64>(0, reset - nowMs);
    const double left = o.header("x-ratelimit-reset").trimmed().toDouble(&ok);
    if (ok && left >= 0)
        return qint64(std::ceil(left * 1000));
    return -1;
}

struct NetworkTransport::Call {
    ApiRequest request;
    QPointer<QObject> context;
    std::function<void(ApiOutcome)> done;
    int attempts = 0;
    qint64 startedMs = 0;
    bool authRetried = false;
    http::AuthProvider::Header authHeader;
};

NetworkTransport::NetworkTransport(std::shared_ptr<Clock> clock, RetryPolicy policy,
                                   std::shared_ptr<http::AuthProvider> auth,
                                   QByteArray idempotencyHeader, QObject* parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_policy(policy)
    , m_auth(std::move(auth))
    , m_idempotencyHeader(std::move(idempotencyHeader))
    , m_nam(new QNetworkAccessManager(this)) {}

NetworkTransport::~NetworkTransport() = default;

void NetworkTransport::send(const ApiRequest& request, QObject* context,
                            std::function<void(ApiOutcome)> done) {
    auto call = std::make_shared<Call>();
    call->request = request;
    call->context = context;
    call->done = std::move(done);
    call->startedMs = m_clock->nowMs();
    attempt(call);
}

void NetworkTransport::attempt(std::shared_ptr<Call> call) {
    if (!call->context)
        return;
    ++call->attempts;
    if (m_auth)
        withAuth(call);
    else
        issue(call);
}

void NetworkTransport::withAuth(std::shared_ptr<Call> call) {
    m_auth->authorize(this, [this, call](Result<http::AuthProvider::Header> h) {
        if (!h) {
            ApiOutcome o;
            o.error = h.error();
            if (call->context)
                call->done(std::move(o));
            return;
        }
        call->authHeader = *h;
        issue(call);
    });
}

void NetworkTransport::issue(std::shared_ptr<Call> call) {
    QNetworkRequest req(call->request.url);
    req.setTransferTimeout(int(m_clock->toRealMs(m_policy.timeoutMs)));
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    req.setRawHeader("Accept", "application/json");
    if (!call->request.body.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    for (const auto& [k, v] : call->request.headers)
        req.setRawHeader(k, v);
    if (!call->authHeader.first.isEmpty())
        req.setRawHeader(call->authHeader.first, call->authHeader.second);
    if (!m_idempotencyHeader.isEmpty() && !call->request.idempotencyKey.isEmpty())
        req.setRawHeader(m_idempotencyHeader, call->request.idempotencyKey.toUtf8());
    ++m_calls;
    QNetworkReply* reply = m_nam->sendCustomRequest(req, call->request.method, call->request.body);
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] {
        reply->deleteLater();
        ApiOutcome o;
        o.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        for (const auto& [k, v] : reply->rawHeaderPairs())
            o.headers.push_back({k, v});
        if (reply->isOpen())
            o.body = reply->readAll();
        const bool timedOut = reply->error() == QNetworkReply::OperationCanceledError ||
                              reply->error() == QNetworkReply::TimeoutError;
        const bool transportError = o.status == 0;
        if (transportError)
            o.error = Error{ErrorCategory::Network, reply->errorString()};
        finished(call, std::move(o), transportError, timedOut);
    });
}

void NetworkTransport::finished(std::shared_ptr<Call> call, ApiOutcome o, bool transportError,
                                bool timedOut) {
    if (!call->context)
        return;
    const int s = o.status;
    if (!transportError && s >= 200 && s < 300) {
        o.error.reset();
        call->done(std::move(o));
        return;
    }
    if (s == 401 && m_auth && !call->authRetried) {
        call->authRetried = true;
        m_auth->unauthorized(call->authHeader, this,
                             [this, call, o](Result<http::AuthProvider::Header> h) mutable {
                                 if (!call->context)
                                     return;
                                 if (!h) {
                                     o.error = h.error();
                                     call->done(std::move(o));
                                     return;
                                 }
                                 call->authHeader = *h;
                                 issue(call);
                             });
        return;
    }
    if (s == 429) {
        const qint64 wait = retryAfterMs(o, m_clock->nowMs());
        o.error = Error{ErrorCategory::RateLimited, u"429 Too Many Requests"_s};
        // A rate limit is not a failure of the call: it waits without using up attempts.
        retryLater(call, wait >= 0 ? wait : backoffMs(call->attempts), std::move(o), false);
        return;
    }
    if (transportError || s >= 500) {
        if (!o.error)
            o.error = Error{ErrorCategory::Transient,
                            u"HTTP %1: %2"_s.arg(s).arg(QString::fromUtf8(o.body.left(200)))};
        // A timeout gets one immediate retry, then the usual backoff.
        const qint64 delay = timedOut && call->attempts == 1 ? 0 : backoffMs(call->attempts);
        retryLater(call, delay, std::move(o), true);
        return;
    }
    o.error = Error{s == 401 || s == 403 ? ErrorCategory::Auth : ErrorCategory::Permanent,
                    u"HTTP %1: %2"_s.arg(s).arg(QString::fromUtf8(o.body.left(300)))};
    call->done(std::move(o));
}

void NetworkTransport::retryLater(std::shared_ptr<Call> call, qint64 delayMs, ApiOutcome last,
                                  bool countsAttempt) {
    if (!countsAttempt)
        --call->attempts;
    const qint64 elapsed = m_clock->nowMs() - call->startedMs;
    if (call->attempts >= m_policy.maxAttempts || elapsed + delayMs > m_policy.maxSpanMs) {
        qCInfo(lcSync) << "giving up on" << call->request.method << call->request.url.path()
                       << "after" << call->attempts << "attempts";
        last.error->message =
            u"gave up after %1 attempts: %2"_s.arg(call->attempts).arg(last.error->message);
        call->done(std::move(last));
        return;
    }
    m_clock->callAfter(delayMs, this, [this, call] { attempt(call); });
}

qint64 NetworkTransport::backoffMs(int attempt) const {
    const double base = double(m_policy.baseDelayMs) * std::pow(2.0, std::max(0, attempt - 1));
    const double capped = std::min(base, double(m_policy.maxDelayMs));
    const double j = (QRandomGenerator::global()->generateDouble() * 2 - 1) * m_policy.jitter;
    return qint64(capped * (1 + j));
}

} // namespace bk::sync
