#pragma once

// Signed Shopify webhooks for the tests: one request (HMAC-SHA256 of the body with the
// shop's webhook secret, base64 in X-Shopify-Hmac-Sha256), and a sender that behaves like
// Shopify while a listener's store goes away: events 1..total, a few in flight, each posted
// again after any answer but 200 (new ones only after a 200), so that every event ends up
// accepted exactly when the listener stored it. Used by tests/webhooks
// (TestWebhookStoreOutage, TestEngineStoreRestart) and tests/fleet.

#include <functional>
#include <memory>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QMessageAuthenticationCode>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

namespace bk::test {

/// The value of X-Shopify-Hmac-Sha256 for body.
inline QByteArray shopifyHmac(const QByteArray& body, const QByteArray& secret) {
    return QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toBase64();
}

/// A signed JSON webhook request to url with event id eventId and topic.
inline QNetworkRequest shopifyRequest(const QUrl& url, const QByteArray& body,
                                      const QByteArray& secret, const QByteArray& eventId,
                                      const QByteArray& topic = "orders/updated") {
    QNetworkRequest r(url);
    r.setRawHeader("Content-Type", "application/json");
    r.setRawHeader("X-Shopify-Hmac-Sha256", shopifyHmac(body, secret));
    r.setRawHeader("X-Shopify-Event-Id", eventId);
    r.setRawHeader("X-Shopify-Topic", topic);
    r.setTransferTimeout(30'000);
    return r;
}

/// Loopback webhook URL of a listener on port for connectorId.
inline QUrl shopifyHookUrl(quint16 port, const QString& connectorId) {
    return QUrl(QStringLiteral("http://127.0.0.1:%1/hooks/%2").arg(port).arg(connectorId));
}

/// Posts events 1..total like Shopify: inFlight at a time, every non-200 posted again after
/// retryDelayMs (as the next attempt), a new event only after a 200. Lives on the thread that
/// creates it, which must run an event loop (QTest::qWaitFor / QTRY_*).
class ShopifyRetrySender {
public:
    /// Where attempt `attempt` (0 = first) of event n goes; round-robin senders vary it.
    using Target = std::function<QUrl(int n, int attempt)>;

    ShopifyRetrySender(QByteArray secret, QByteArray eventPrefix, Target target)
        : m_secret(std::move(secret))
        , m_prefix(std::move(eventPrefix))
        , m_target(std::move(target)) {}

    /// Starts posting total events, inFlight of them at once.
    void start(int total, int inFlight = 4) {
        m_total = total;
        for (int i = 0; i < inFlight && m_next <= m_total; ++i)
            post(m_next++, 0);
    }

    /// Waits paceMs after a 200 before posting the next new event (0: at once), so that a
    /// run spans an outage instead of finishing before it.
    void setPace(int paceMs) { m_paceMs = paceMs; }

    /// From now on (true) until false, a 200 that arrives well after the first 503 (500 ms:
    /// answers of commits made before the outage may still be on their way) is counted in
    /// acceptedWhileDown — there must be none while the store is away.
    void setStoreDown(bool down) { m_storeDown = down; }

    int total() const { return m_total; }
    int inFlight() const { return m_inFlight; }
    const QSet<int>& accepted() const { return m_accepted; }
    int refused503() const { return m_refused503; }
    int acceptedWhileDown() const { return m_acceptedWhileDown; }
    int otherAnswers() const { return m_other; }           ///< neither 200 nor 503
    QByteArray retryAfter() const { return m_retryAfter; } ///< of the last 503
    bool done() const { return int(m_accepted.size()) == m_total && m_inFlight == 0; }
    /// The event id event n is sent with.
    QByteArray eventId(int n) const { return m_prefix + QByteArray::number(n); }

private:
    void post(int n, int attempt) {
        const QByteArray body = R"({"id":)" + QByteArray::number(n) + "}";
        ++m_inFlight;
        QNetworkReply* reply =
            m_nam.post(shopifyRequest(m_target(n, attempt), body, m_secret, eventId(n)), body);
        QObject::connect(reply, &QNetworkReply::finished, m_context.get(),
                         [this, n, attempt, reply] { answered(reply, n, attempt); });
    }

    void answered(QNetworkReply* reply, int n, int attempt) {
        reply->deleteLater();
        --m_inFlight;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200) {
            m_accepted.insert(n);
            if (m_storeDown && m_sinceFirstRefusal.isValid() && m_sinceFirstRefusal.elapsed() > 500)
                ++m_acceptedWhileDown;
            if (m_next <= m_total) {
                const int next = m_next++;
                if (m_paceMs > 0)
                    QTimer::singleShot(m_paceMs, m_context.get(), [this, next] { post(next, 0); });
                else
                    post(next, 0);
            }
            return;
        }
        if (status == 503) {
            if (m_refused503++ == 0)
                m_sinceFirstRefusal.start();
            m_retryAfter = reply->rawHeader("Retry-After");
        } else {
            ++m_other;
        }
        // Not stored: the same delivery again a little later (no new ones meanwhile).
        QTimer::singleShot(m_retryDelayMs, m_context.get(),
                           [this, n, attempt] { post(n, attempt + 1); });
    }

    QByteArray m_secret;
    QByteArray m_prefix;
    Target m_target;
    int m_retryDelayMs = 100;
    int m_paceMs = 0;
    QNetworkAccessManager m_nam;
    std::unique_ptr<QObject> m_context = std::make_unique<QObject>(); ///< first to go
    int m_total = 0;
    int m_next = 1;
    int m_inFlight = 0;
    QSet<int> m_accepted;
    int m_refused503 = 0;
    int m_acceptedWhileDown = 0;
    int m_other = 0;
    bool m_storeDown = false;
    QElapsedTimer m_sinceFirstRefusal;
    QByteArray m_retryAfter;
};

} // namespace bk::test
