#include "WebhookListener.h"

#include "Clock.h"
#include "LogCategories.h"
#include "webhooks/Inbox.h"

#include <QFile>
#include <QJsonParseError>
#include <QSslCertificate>
#include <QSslKey>

using namespace Qt::StringLiterals;

namespace bk::webhooks {

namespace {

constexpr qint64 logEveryMs = 1000; // refusals are logged at most once a second (floods)

httpserver::Response jsonAnswer(int status, const QByteArray& body) {
    return httpserver::Response::json(status, body);
}

bool isJsonContentType(const QByteArray& contentType) {
    const QByteArray mime = contentType.split(';').first().trimmed().toLower();
    return mime == "application/json" ||
           (mime.startsWith("application/") && mime.endsWith("+json"));
}

/// A PEM file that cannot serve TLS is named with its workspace field before the server
/// starts, instead of a bare "cannot listen" from libmicrohttpd.
Status checkPemFile(const QString& path, const QString& field, bool isKey) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::usage(
            u"$.webhooks.%1: cannot read %2: %3"_s.arg(field, path, file.errorString()));
    const QByteArray pem = file.readAll();
    if (isKey) {
        for (QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa})
            if (!QSslKey(pem, algorithm, QSsl::Pem, QSsl::PrivateKey).isNull())
                return Status::success();
        return Error::usage(
            u"$.webhooks.%1: %2 holds no unencrypted PEM private key"_s.arg(field, path));
    }
    if (QSslCertificate::fromData(pem, QSsl::Pem).isEmpty())
        return Error::usage(u"$.webhooks.%1: %2 holds no PEM certificate"_s.arg(field, path));
    return Status::success();
}

} // namespace

WebhookListener::WebhookListener(WebhookConfig config, std::shared_ptr<Clock> clock, Inbox* inbox)
    : m_config(std::move(config))
    , m_clock(std::move(clock))
    , m_inbox(inbox) {}

WebhookListener::~WebhookListener() {
    stop();
}

QString WebhookListener::pathFor(const QString& connectorId) {
    return u"/hooks/"_s + connectorId;
}

Status WebhookListener::addConnector(const QString& connectorId, const QJsonObject& definition,
                                     QList<QByteArray> secrets) {
    if (m_server.isRunning())
        return Error::internal(u"connectors are added before the listener starts"_s);
    auto spec = WebhookSpec::fromDefinition(definition);
    if (!spec)
        return Error::usage(u"connector %1: %2"_s.arg(connectorId, spec.error().message));
    if (spec->scheme != SignatureScheme::None && secrets.isEmpty())
        return Error::usage(u"connector %1: no webhook secret"_s.arg(connectorId));
    auto e = std::make_shared<Endpoint>();
    e->connectorId = connectorId;
    e->spec = *spec;
    e->verifier =
        std::make_unique<SignatureVerifier>(spec->scheme, std::move(secrets), m_clock.get());
    m_endpoints.insert(connectorId, e);
    return Status::success();
}

Status WebhookListener::addWorkspaceConnectors(
    const Workspace& workspace, const ConnectorCatalog& catalog,
    const std::function<QList<QByteArray>(const QString&)>& secretsFor) {
    for (const ConnectorConfig& c : workspace.connectors) {
        const QJsonObject definition = catalog.definition(c.type);
        if (!c.enabled || !definition.contains(u"webhooks"_s))
            continue;
        QList<QByteArray> secrets = secretsFor(c.id);
        if (secrets.isEmpty()) {
            qCWarning(lcWebhooks).noquote()
                << "connector" << c.id << "has no webhook secret; its webhooks are refused";
            continue;
        }
        if (Status st = addConnector(c.id, definition, std::move(secrets)); !st)
            return st;
    }
    return Status::success();
}

Status WebhookListener::start(int threads) {
    if (m_config.tlsCertFile.isEmpty() != m_config.tlsKeyFile.isEmpty())
        return Error::usage(u"$.webhooks: \"tlsCert\" and \"tlsKey\" go together"_s);
    if (!m_config.tlsCertFile.isEmpty()) {
        if (Status st = checkPemFile(m_config.tlsCertFile, u"tlsCert"_s, false); !st)
            return st;
        if (Status st = checkPemFile(m_config.tlsKeyFile, u"tlsKey"_s, true); !st)
            return st;
    }
    httpserver::ServerOptions o;
    o.address = m_config.listen.address;
    o.port = m_config.listen.port;
    o.threads = threads;
    o.maxConnections = m_config.maxConnections;
    o.maxBodyBytes = m_config.maxBodyBytes;
    o.tlsCertFile = m_config.tlsCertFile;
    o.tlsKeyFile = m_config.tlsKeyFile;
    const Status st = m_server.start(
        o, [this](const httpserver::Request& r, std::shared_ptr<httpserver::Responder> out) {
            handle(r, std::move(out));
        });
    if (st)
        qCInfo(lcWebhooks).noquote()
            << (m_config.tlsCertFile.isEmpty() ? "webhook listener on"
                                               : "webhook listener (HTTPS) on")
            << m_config.listen.address.toString() + u':' + QString::number(m_server.port()) << "for"
            << m_endpoints.size() << "connectors";
    return st;
}

void WebhookListener::stop() {
    m_server.stop();
}

quint16 WebhookListener::port() const {
    return m_server.port();
}

ListenerCounters WebhookListener::counters() const {
    const httpserver::ServerStats s = m_server.stats();
    ListenerCounters c;
    c.stored = m_stored;
    c.duplicates = m_duplicates;
    c.unauthorized = m_unauthorized;
    c.badRequest = m_badRequest;
    c.notFound = m_notFound;
    c.wrongMethod = m_wrongMethod;
    c.tooLarge = s.refusedTooLarge;
    c.storeFailed = m_storeFailed;
    c.overloaded = s.refusedOverloaded + m_storeFailed;
    return c;
}

void WebhookListener::refuse(std::atomic<quint64>& counter, const httpserver::Request& request,
                             const std::shared_ptr<httpserver::Responder>& out, int status,
                             const QByteArray& code, const QString& why) {
    ++counter;
    out->respond(jsonAnswer(status, R"({"error":")" + code + R"("})"));
    // Path, peer and reason only: never the body, a header value or a secret.
    const qint64 now = m_clock->nowMs();
    qint64 last = m_lastLogMs.load();
    if (now - last >= logEveryMs && m_lastLogMs.compare_exchange_strong(last, now)) {
        const quint64 more = m_unlogged.exchange(0);
        qCWarning(lcWebhooks).noquote()
            << "refused" << request.path << "from" << request.peer.toString() << "with" << status
            << "-" << why
            << (more > 0 ? u"(%1 more refusals since the last message)"_s.arg(more) : QString());
    } else {
        ++m_unlogged;
    }
}

void WebhookListener::handle(const httpserver::Request& request,
                             std::shared_ptr<httpserver::Responder> out) {
    const qint64 receivedMs = m_clock->nowMs();
    if (!request.path.startsWith(u"/hooks/"_s))
        return refuse(m_notFound, request, out, 404, "not_found", u"unknown path"_s);
    const QString connectorId = request.path.mid(7);
    const auto it = m_endpoints.constFind(connectorId);
    if (it == m_endpoints.cend())
        return refuse(m_notFound, request, out, 404, "not_found", u"unknown connector"_s);
    const Endpoint& ep = **it;
    if (request.method != "POST")
        return refuse(m_wrongMethod, request, out, 405, "method_not_allowed", u"not a POST"_s);
    if (!isJsonContentType(request.header("Content-Type"_ba)))
        return refuse(m_badRequest, request, out, 400, "unsupported_content_type",
                      u"content type is not JSON"_s);
    // The signature is checked on the raw bytes before any parsing: forgeries cost one HMAC.
    if (const Status st = ep.verifier->verify({&request.headers, &request.body}); !st)
        return refuse(m_unauthorized, request, out, 401, "invalid_signature", st.error().message);
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.isNull())
        return refuse(m_badRequest, request, out, 400, "malformed_json",
                      u"malformed JSON: "_s + parseError.errorString());

    IncomingEvent event;
    event.connectorId = ep.connectorId;
    event.meta = extractEventMeta(ep.spec, ep.connectorId, request.headers, doc);
    event.headersJson = headersWorthKeeping(request.headers);
    event.body = request.body;
    event.receivedMs = receivedMs;
    m_inbox->submit(std::move(event), [this, out](const StoreResult& r) {
        switch (r.outcome) {
        case StoreOutcome::Stored:
            ++m_stored;
            out->respond(jsonAnswer(200, R"({"ok":true})"_ba));
            break;
        case StoreOutcome::Duplicate:
            ++m_duplicates;
            out->respond(jsonAnswer(200, R"({"ok":true,"duplicate":true})"_ba));
            break;
        case StoreOutcome::Failed: {
            ++m_storeFailed;
            // Not stored: the sender must try again, and it will.
            httpserver::Response busy = jsonAnswer(503, R"({"error":"store_unavailable"})"_ba);
            busy.headers.append({"Retry-After"_ba, "5"_ba});
            out->respond(busy);
            break;
        }
        }
    });
}

} // namespace bk::webhooks
