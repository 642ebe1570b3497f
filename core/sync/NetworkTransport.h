#pragma once

#include "Clock.h"
#include "Transport.h"
#include "http/AuthProvider.h"

#include <atomic>
#include <memory>

#include <QJsonObject>
#include <QObject>

class QNetworkAccessManager;

namespace bk::sync {

/// Retry policy of a connector definition's "retry" object.
struct RetryPolicy {
    int maxAttempts = 5;
    qint64 maxSpanMs = 15 * 60'000;
    qint64 baseDelayMs = 1000;
    qint64 maxDelayMs = 5 * 60'000;
    double jitter = 0.2;
    qint64 timeoutMs = 30'000;
    static RetryPolicy fromJson(const QJsonObject& retry);
};

/// A Transport straight over QNetworkAccessManager with the classification the engine
/// promises: 4xx (not 429) permanent; 429 waits Retry-After / the reset header; 5xx and
/// timeouts back off exponentially with jitter; 401 asks the AuthProvider once. Waits go
/// through the Clock. Used until core/http's Pipeline is linked, and in tests.
///
/// Lives on the thread that uses it (QNetworkAccessManager is thread-affine).
class NetworkTransport final : public QObject, public Transport {
    Q_OBJECT
public:
    NetworkTransport(std::shared_ptr<Clock> clock, RetryPolicy policy,
                     std::shared_ptr<http::AuthProvider> auth = {},
                     QByteArray idempotencyHeader = {}, QObject* parent = nullptr);
    ~NetworkTransport() override;

    void send(const ApiRequest& request, QObject* context,
              std::function<void(ApiOutcome)> done) override;
    quint64 callCount() const override { return m_calls.load(); }

private:
    struct Call;
    void attempt(std::shared_ptr<Call> call);
    void withAuth(std::shared_ptr<Call> call);
    void issue(std::shared_ptr<Call> call);
    void finished(std::shared_ptr<Call> call, ApiOutcome outcome, bool transportError,
                  bool timedOut);
    void retryLater(std::shared_ptr<Call> call, qint64 delayMs, ApiOutcome last,
                    bool countsAttempt);
    qint64 backoffMs(int attempt) const;

    std::shared_ptr<Clock> m_clock;
    RetryPolicy m_policy;
    std::shared_ptr<http::AuthProvider> m_auth;
    QByteArray m_idempotencyHeader;
    QNetworkAccessManager* m_nam;
    std::atomic<quint64> m_calls{0};
};

/// Seconds to wait from a 429's headers: Retry-After (seconds, decimal allowed),
/// X-RateLimit-Minutely-Reset (epoch ms) or x-ratelimit-reset (seconds left); -1 if none.
qint64 retryAfterMs(const ApiOutcome& outcome, qint64 nowMs);

} // namespace bk::sync
