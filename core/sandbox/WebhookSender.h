#pragma once

#include "SandboxState.h"

#include <QNetworkAccessManager>
#include <QObject>

namespace bk::sandbox {

/// Posts each vendor's webhooks (payload, headers, signature) to the configured receiver,
/// with the vendor's timeout and retry schedule on the sandbox clock, and simulated
/// duplicate, dropped and out-of-order deliveries. Lives on the sandbox's own thread.
class WebhookSender : public QObject {
    Q_OBJECT
public:
    WebhookSender(SandboxState* state, QObject* parent);

    /// Called with the state mutex held, from any thread.
    void enqueue(Vendor vendor, const QString& resource, const Record& record,
                 const QString& action);

    /// Retry delays after a failed attempt, per vendor (clock ms).
    static QList<qint64> retrySchedule(Vendor vendor);
    static qint64 timeoutMs(Vendor vendor);

private:
    struct Event {
        Vendor vendor;
        QString topic;
        QString eventId;
        QByteArray payload; ///< Pipedrive: with an {attempt} placeholder
        QList<QPair<QByteArray, QByteArray>> headers;
        QString url;
    };
    void send(Event event, int attempt);
    /// Pipedrive's ban system (mutex held): counts failed first attempts, bans for 30 min
    /// at 10, deletes the webhook after 3 days without a success. False once deleted.
    bool notePipedriveOutcome(bool success, int attempt);

    SandboxState* m_state;
    QNetworkAccessManager* m_nam;
};

} // namespace bk::sandbox
