#pragma once

#include "ConnectorCatalog.h"
#include "Result.h"
#include "Workspace.h"
#include "httpserver/HttpServer.h"
#include "webhooks/Signature.h"
#include "webhooks/WebhookSpec.h"

#include <atomic>
#include <functional>
#include <memory>

#include <QHash>

namespace bk {
class Clock;
}

namespace bk::webhooks {

class Inbox;

/// What happened to requests, by outcome (a snapshot of the listener's counters).
struct ListenerCounters {
    quint64 stored = 0;       ///< 200, new event committed
    quint64 duplicates = 0;   ///< 200, already seen
    quint64 unauthorized = 0; ///< 401 wrong or missing signature
    quint64 badRequest = 0;   ///< 400 content type or JSON
    quint64 notFound = 0;     ///< 404 unknown connector path
    quint64 wrongMethod = 0;  ///< 405
    quint64 tooLarge = 0;     ///< 413 (refused by the server before the handler)
    quint64 overloaded = 0;   ///< 503 connection limit (server) or store refusal
    quint64 storeFailed = 0;  ///< part of overloaded: the inbox could not commit
};

/// The webhook endpoint: POST /hooks/{connectorId}. Verifies the connector's signature
/// scheme, parses the JSON, and answers 200 only after the inbox committed the event
/// (or found it a duplicate). Every refusal stores nothing and is counted and logged
/// without bodies or secrets.
class WebhookListener {
public:
    WebhookListener(WebhookConfig config, std::shared_ptr<Clock> clock, Inbox* inbox);
    ~WebhookListener(); ///< stop()

    /// Accepts deliveries for connectorId, verified with the definition's webhooks.scheme and
    /// these secrets (from the secret store; several while one is being rotated).
    Status addConnector(const QString& connectorId, const QJsonObject& definition,
                        QList<QByteArray> secrets);
    /// Every enabled connector of the workspace whose definition has a webhooks section;
    /// secretsFor returns its secrets (an empty list skips the connector).
    Status addWorkspaceConnectors(
        const Workspace& workspace, const ConnectorCatalog& catalog,
        const std::function<QList<QByteArray>(const QString& connectorId)>& secretsFor);

    /// Listens on the configured address (port 0 picks one) with the configured limits.
    Status start(int threads = 2);
    void stop();
    quint16 port() const;
    ListenerCounters counters() const;

    /// The URL path a connector's deliveries go to.
    static QString pathFor(const QString& connectorId);

private:
    struct Endpoint {
        QString connectorId;
        WebhookSpec spec;
        std::unique_ptr<SignatureVerifier> verifier;
    };
    void handle(const httpserver::Request& request, std::shared_ptr<httpserver::Responder> out);
    void refuse(std::atomic<quint64>& counter, const httpserver::Request& request,
                const std::shared_ptr<httpserver::Responder>& out, int status,
                const QByteArray& code, const QString& why);

    WebhookConfig m_config;
    std::shared_ptr<Clock> m_clock;
    Inbox* m_inbox;
    QHash<QString, std::shared_ptr<Endpoint>> m_endpoints; ///< fixed once started
    httpserver::HttpServer m_server;
    std::atomic<quint64> m_stored{0}, m_duplicates{0}, m_unauthorized{0}, m_badRequest{0},
        m_notFound{0}, m_wrongMethod{0}, m_storeFailed{0};
    std::atomic<qint64> m_lastLogMs{0};
    std::atomic<quint64> m_unlogged{0};
};

} // namespace bk::webhooks
