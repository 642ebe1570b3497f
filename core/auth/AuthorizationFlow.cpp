#include "AuthorizationFlow.h"

#include "TokenClient.h"
#include "httpserver/HttpServer.h"

#include <QPointer>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

const QByteArray kDonePage =
    "<!doctype html><title>Bridgekeeper</title><p>Authorisation received. You can close this "
    "window and return to Bridgekeeper.</p>";
const QByteArray kRefusedPage =
    "<!doctype html><title>Bridgekeeper</title><p>This authorisation answer was not accepted.</p>";

} // namespace

AuthorizationFlow::AuthorizationFlow(OAuthSettings settings, QString clientSecret,
                                     std::shared_ptr<Clock> clock, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_clientSecret(std::move(clientSecret))
    , m_clock(std::move(clock))
    , m_client(new TokenClient(m_settings, this)) {}

AuthorizationFlow::~AuthorizationFlow() {
    if (m_server)
        m_server->stop();
}

Result<QUrl> AuthorizationFlow::start(Done done, qint64 timeoutMs) {
    if (m_server)
        return Error::internal(u"the authorization flow was already started"_s);
    // The token endpoint must be at least as safe as the authorize page: an https login
    // never sends its code to a plain-http token endpoint.
    if (m_settings.authorizeUrl.scheme() == u"https"_s &&
        m_settings.tokenUrl.scheme() != u"https"_s)
        return Error{ErrorCategory::Usage,
                     u"the token endpoint %1 is not https while the login page is; refusing the "
                     u"downgrade"_s.arg(m_settings.tokenUrl.toString())};
    m_done = std::move(done);
    m_pkce = Pkce::generate();
    m_state = randomState();

    QPointer<AuthorizationFlow> self(this);
    m_server = std::make_unique<httpserver::HttpServer>();
    httpserver::ServerOptions options;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.threads = 1;
    options.maxConnections = 8;
    options.maxBodyBytes = 16 * 1024;
    const Status st =
        m_server->start(options, [self](const httpserver::Request& request,
                                        std::shared_ptr<httpserver::Responder> responder) {
            if (request.method != "GET" || request.path != u"/callback"_s) {
                responder->respond(httpserver::Response::text(404, "not found"));
                return;
            }
            // Decide on the flow's thread; answer the browser from there.
            const QUrlQuery query = request.query;
            const QString path = request.path;
            QMetaObject::invokeMethod(
                self.data(),
                [self, query, path, responder] {
                    if (!self) {
                        responder->respond(httpserver::Response::text(410, "gone"));
                        return;
                    }
                    const bool accepted =
                        !self->m_answered &&
                        query.queryItemValue(u"state"_s).toLatin1() == self->m_state;
                    const bool first = !self->m_answered;
                    httpserver::Response r{accepted ? 200 : 400,
                                           {{"Content-Type", "text/html; charset=utf-8"},
                                            {"Cache-Control", "no-store"}},
                                           accepted ? kDonePage : kRefusedPage};
                    responder->respond(r);
                    if (first)
                        self->onRedirect(path, query);
                },
                Qt::QueuedConnection);
        });
    if (!st) {
        m_server.reset();
        return st.error();
    }
    m_redirectUri = QUrl(u"http://127.0.0.1:%1/callback"_s.arg(m_server->port()));

    QUrl url = m_settings.authorizeUrl;
    QUrlQuery q(url);
    q.addQueryItem(u"response_type"_s, u"code"_s);
    q.addQueryItem(u"client_id"_s,
                   QString::fromLatin1(QUrl::toPercentEncoding(m_settings.clientId)));
    q.addQueryItem(u"redirect_uri"_s, QString::fromLatin1(QUrl::toPercentEncoding(
                                          m_redirectUri.toString(QUrl::FullyEncoded))));
    if (!m_settings.scopes.isEmpty())
        q.addQueryItem(u"scope"_s,
                       QString::fromLatin1(QUrl::toPercentEncoding(m_settings.scopes.join(u' '))));
    q.addQueryItem(u"state"_s, QString::fromLatin1(m_state));
    q.addQueryItem(u"code_challenge"_s, QString::fromLatin1(m_pkce.challenge));
    q.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    url.setQuery(q);

    m_clock->callAfter(timeoutMs, this, [this] {
        if (!m_answered)
            finish(Error{ErrorCategory::Auth,
                         u"no authorisation answer arrived in time; start again"_s});
    });
    return url;
}

void AuthorizationFlow::cancel() {
    if (!m_answered)
        finish(Error{ErrorCategory::Auth, u"the authorisation was cancelled"_s});
}

void AuthorizationFlow::onRedirect(const QString&, const QUrlQuery& query) {
    m_answered = true;
    if (query.queryItemValue(u"state"_s).toLatin1() != m_state) {
        finish(Error{ErrorCategory::Auth,
                     u"the authorisation answer carried the wrong state; it was refused (possible "
                     u"forged request)"_s});
        return;
    }
    const QString error = query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
    if (!error.isEmpty()) {
        finish(
            Error{ErrorCategory::Auth, u"the vendor refused the authorisation: %1"_s.arg(error)});
        return;
    }
    const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (code.isEmpty()) {
        finish(Error{ErrorCategory::Protocol, u"the authorisation answer has no code"_s});
        return;
    }
    m_client->exchangeCode(
        code, m_redirectUri, m_pkce.verifier, m_clientSecret, [this](TokenReply reply) {
            if (reply.outcome != TokenReply::Outcome::Ok) {
                finish(Error{ErrorCategory::Auth,
                             u"the code exchange failed: %1"_s.arg(reply.message)});
                return;
            }
            finish(TokenRecord::fromResponse(reply.body, m_clock->nowMs(), m_settings, nullptr));
        });
}

void AuthorizationFlow::finish(Result<TokenRecord> result) {
    m_answered = true;
    if (m_server) {
        // Stop listening once the browser has had its page (give it a moment to leave).
        QTimer::singleShot(1000, this, [this] {
            if (m_server)
                m_server->stop();
        });
    }
    if (m_done) {
        auto done = std::move(m_done);
        m_done = nullptr;
        done(std::move(result));
    }
}

} // namespace bk::auth
