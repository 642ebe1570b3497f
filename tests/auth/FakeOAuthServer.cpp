#include "FakeOAuthServer.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::httpserver;

namespace {

Response oauthError(int status, const char* error, const char* description) {
    QJsonObject o{{u"error"_s, QString::fromLatin1(error)},
                  {u"error_description"_s, QString::fromLatin1(description)}};
    return Response::json(status, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

FakeOAuthServer::FakeOAuthServer(std::shared_ptr<Clock> clock, Options options)
    : m_clock(std::move(clock))
    , m_options(std::move(options)) {}

FakeOAuthServer::~FakeOAuthServer() {
    m_server.stop();
}

Status FakeOAuthServer::start() {
    ServerOptions o;
    o.threads = 2;
    return m_server.start(o, [this](const Request& r, std::shared_ptr<Responder> responder) {
        handle(r, std::move(responder));
    });
}

QString FakeOAuthServer::baseUrl() const {
    return u"http://127.0.0.1:%1"_s.arg(m_server.port());
}

FakeOAuthServer::Stats FakeOAuthServer::stats() const {
    QMutexLocker lock(&m_mutex);
    return m_stats;
}

void FakeOAuthServer::setHoldTokenResponses(bool hold) {
    QMutexLocker lock(&m_mutex);
    m_hold = hold;
}

bool FakeOAuthServer::accessValid(const QString& token) const {
    QMutexLocker lock(&m_mutex);
    return m_access.contains(token) && m_clock->nowMs() < m_access.value(token);
}

QPair<QString, QString> FakeOAuthServer::issueInitial() {
    QMutexLocker lock(&m_mutex);
    const QString access = u"at-%1"_s.arg(++m_serial);
    const QString refresh = u"rt-%1"_s.arg(m_serial);
    m_access.insert(access, m_clock->nowMs() + m_options.accessLifetimeMs);
    m_refresh.insert(refresh, m_clock->nowMs());
    return {access, refresh};
}

void FakeOAuthServer::handle(const Request& request, std::shared_ptr<Responder> responder) {
    if (request.path == u"/api/oauth2/token"_s && request.method == "POST") {
        {
            QMutexLocker lock(&m_mutex);
            if (m_hold) {
                ++m_stats.held;
                return; // never answered: the client is killed while waiting
            }
        }
        responder->respond(token(request));
        return;
    }
    if (request.path == u"/api/oauth2/auth"_s && request.method == "GET") {
        // The "user" approves at once: redirect to redirect_uri with a code and the state.
        const QString redirect =
            request.query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
        const QString code = u"code-%1"_s.arg(QRandomGenerator::global()->generate());
        {
            QMutexLocker lock(&m_mutex);
            m_codes.insert(
                code, {request.query.queryItemValue(u"code_challenge"_s).toLatin1(), redirect});
        }
        QUrl target(redirect);
        QUrlQuery q;
        q.addQueryItem(u"code"_s, code);
        q.addQueryItem(u"state"_s, request.query.queryItemValue(u"state"_s));
        target.setQuery(q);
        Response r{302, {{"Location", target.toString(QUrl::FullyEncoded).toUtf8()}}, {}};
        responder->respond(r);
        return;
    }
    if (request.path == u"/api/me"_s) {
        const QByteArray auth = request.header("Authorization");
        const QString token = QString::fromUtf8(auth.mid(7));
        const bool ok = auth.startsWith("Bearer ") && accessValid(token);
        {
            QMutexLocker lock(&m_mutex);
            ok ? ++m_stats.apiOk : ++m_stats.api401;
        }
        responder->respond(ok ? Response::json(200, "{\"ok\":true}")
                              : oauthError(401, "unauthorized", "access token invalid"));
        return;
    }
    responder->respond(Response::text(404, "not found"));
}

Response FakeOAuthServer::issue(bool rotate, const QString& oldRefresh) {
    const qint64 now = m_clock->nowMs();
    const QString access = u"at-%1"_s.arg(++m_serial);
    QString refresh = oldRefresh;
    if (rotate || oldRefresh.isEmpty()) {
        refresh = u"rt-%1"_s.arg(m_serial);
        if (!oldRefresh.isEmpty()) {
            m_refresh.remove(oldRefresh);
            m_oldRefresh.insert(oldRefresh);
        }
    }
    // The replaced access tokens die with the rotation.
    m_access.clear();
    m_access.insert(access, now + m_options.accessLifetimeMs);
    m_refresh.insert(refresh, now);
    QJsonObject o{
        {u"access_token"_s, access}, {u"token_type"_s, u"bearer"_s}, {u"refresh_token"_s, refresh}};
    const qint64 secs = m_options.accessLifetimeMs / 1000;
    o.insert(u"expires_in"_s, m_options.expiresInAsString ? QJsonValue(QString::number(secs))
                                                          : QJsonValue(double(secs)));
    return Response::json(200, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

Response FakeOAuthServer::token(const Request& request) {
    QMutexLocker lock(&m_mutex);
    ++m_stats.tokenCalls;
    QUrlQuery form(QString::fromUtf8(request.body));
    auto field = [&](const QString& name) { return form.queryItemValue(name, QUrl::FullyDecoded); };
    if (field(u"client_id"_s) != m_options.clientId ||
        (!m_options.clientSecret.isEmpty() && field(u"client_secret"_s) != m_options.clientSecret))
        return oauthError(401, "invalid_client", "unknown client");
    const QString grant = field(u"grant_type"_s);
    if (grant == u"authorization_code"_s) {
        const QString code = field(u"code"_s);
        const auto it = m_codes.constFind(code);
        if (it == m_codes.cend()) {
            ++m_stats.invalidGrant;
            return oauthError(400, "invalid_grant", "unknown or used code");
        }
        const Code c = *it;
        m_codes.remove(code); // single use
        const QByteArray verifier = field(u"code_verifier"_s).toLatin1();
        const QByteArray challenge =
            QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (verifier.isEmpty() || challenge != c.challenge) {
            ++m_stats.invalidGrant;
            return oauthError(400, "invalid_grant", "PKCE verification failed");
        }
        if (field(u"redirect_uri"_s) != c.redirectUri) {
            ++m_stats.invalidGrant;
            return oauthError(400, "invalid_grant", "redirect_uri mismatch");
        }
        ++m_stats.codeExchanges;
        return issue(true, QString());
    }
    if (grant == u"refresh_token"_s) {
        const QString refresh = field(u"refresh_token"_s);
        if (m_oldRefresh.contains(refresh)) {
            ++m_stats.oldTokenUsed;
            return oauthError(401, "unauthorized_client", "Old refresh token used.");
        }
        if (!m_refresh.contains(refresh)) {
            ++m_stats.invalidGrant;
            return oauthError(400, "invalid_grant", "unknown refresh token");
        }
        if (m_options.minRefreshIntervalMs > 0 &&
            m_clock->nowMs() - m_refresh.value(refresh) < m_options.minRefreshIntervalMs) {
            ++m_stats.tooEarly;
            Response r =
                oauthError(400, "access_denied", "Rate limit exceeded: access_token not expired");
            r.headers.append(qMakePair(
                "Reason"_ba,
                "TooEarlyToRefreshTokens: Rate limit exceeded: access_token not expired"_ba));
            return r;
        }
        ++m_stats.refreshes;
        return issue(true, refresh);
    }
    return oauthError(400, "unsupported_grant_type", "unsupported grant_type");
}
