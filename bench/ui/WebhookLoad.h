#pragma once

#include <atomic>
#include <memory>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QProcess>
#include <QThread>
#include <QUrl>

class QNetworkAccessManager;
class QTimer;

namespace bk::bench {

/// Signed Shopify "orders/updated" deliveries: 1,000 different orders, each body with its
/// X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the body with secret).
struct SignedDelivery {
    QByteArray signature;
    QByteArray body;
};
QList<SignedDelivery> signedDeliveries(const QByteArray& secret);

/// Posts signed webhooks at a steady rate from its own thread (never the GUI thread), with a
/// bounded number in flight, and counts the answers.
class WebhookSenderThread : public QThread {
    Q_OBJECT
public:
    WebhookSenderThread(QUrl url, QList<SignedDelivery> deliveries, int perSecond);
    ~WebhookSenderThread() override;
    /// Stops sending (from any thread) and waits for the thread to end.
    void finish();

    std::atomic<qint64> sent{0};
    std::atomic<qint64> accepted{0}; ///< answered 2xx
    std::atomic<qint64> refused{0};  ///< answered otherwise, or failed

protected:
    void run() override;

private:
    QUrl m_url;
    QList<SignedDelivery> m_deliveries;
    int m_perSecond;
};

/// The same deliveries from another process: wrk with bench/webhooks/signed-webhooks.lua, one
/// thread, N connections, for a fixed time (full blast, not paced).
class WrkLoad : public QObject {
    Q_OBJECT
public:
    WrkLoad(QString requestsFile, QObject* parent = nullptr);
    void start(const QUrl& url, int connections, int seconds);
    /// Kills wrk if it still runs; the figures are those of the finished run.
    void finish();

    qint64 requests = -1;
    qint64 non2xx = 0;
    QString error;

private:
    QString m_requestsFile;
    QProcess m_process;
};

} // namespace bk::bench
