#include "OAuthCommon.h"
#include "Vendors.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

constexpr qint64 kAccessMs = 3'600'000;
constexpr qint64 kIdleMs = 60LL * 24 * 3600 * 1000;

Response oauthError(SandboxState& s, int status, const QString& error, const QString& message,
                    const QString& grant) {
    s.logToken(Vendor::Pipedrive, grant, status, error + u": "_s + message);
    return jsonResponse(
        status,
        toJson(QJsonObject{{u"success"_s, false}, {u"error"_s, error}, {u"message"_s, message}}));
}

Response tokens(SandboxState& s, const QString& access, const QString& refresh,
                const QString& grant) {
    s.logToken(Vendor::Pipedrive, grant, 200, {});
    return jsonResponse(200, toJson(QJsonObject{{u"access_token"_s, access},
                                                {u"token_type"_s, u"Bearer"_s},
                                                {u"expires_in"_s, kAccessMs / 1000},
                                                {u"refresh_token"_s, refresh},
                                                {u"scope"_s, u"contacts:full,deals:full,base"_s},
                                                {u"api_domain"_s, s.baseUrl(Vendor::Pipedrive)}}));
}

} // namespace

Response pipedriveToken(SandboxState& s, const Request& request) {
    const QUrlQuery params = tokenParams(request);
    const QString grant = params.queryItemValue(u"grant_type"_s);
    QString clientId;
    if (!clientAuthenticated(Vendor::Pipedrive, request, params, &clientId))
        return oauthError(s, 401, u"invalid_client"_s, u"Invalid client credentials"_s, grant);
    if (grant.isEmpty())
        return oauthError(s, 400, u"invalid_request"_s, u"Missing parameter: grant_type"_s, grant);

    if (grant == u"authorization_code"_s) {
        Code code;
        const QString problem = redeemCode(s, Vendor::Pipedrive, params, &code);
        if (problem == u"expired"_s)
            return oauthError(s, 400, u"invalid_grant"_s,
                              u"Invalid grant: authorization_code has expired"_s, grant);
        if (!problem.isEmpty())
            return oauthError(s, 400, u"invalid_grant"_s,
                              u"Invalid grant: authorization_code is invalid"_s, grant);
        const auto [access, refresh] =
            issueTokens(s, Vendor::Pipedrive, clientId, kAccessMs, kIdleMs);
        return tokens(s, access, refresh, grant);
    }
    if (grant != u"refresh_token"_s)
        return oauthError(s, 400, u"unsupported_grant_type"_s,
                          u"Unsupported grant type: grant_type is invalid"_s, grant);

    const QString value = params.queryItemValue(u"refresh_token"_s, QUrl::FullyDecoded);
    auto it = s.refreshTokens.find(value);
    if (it == s.refreshTokens.end() || it->vendor != Vendor::Pipedrive || it->revoked ||
        it->expiresMs <= s.now())
        return oauthError(s, 400, u"invalid_grant"_s, u"Invalid grant: refresh_token is invalid"_s,
                          grant);
    // Not rotated: the same refresh token comes back with its 60-day window extended.
    const QString access = s.newToken("at");
    s.accessTokens.insert(
        access, AccessToken{Vendor::Pipedrive, clientId, s.now() + kAccessMs, value, false});
    it->lastUsedMs = s.now();
    it->expiresMs = s.now() + kIdleMs;
    it->accessToken = access;
    return tokens(s, access, value, grant);
}

} // namespace bk::sandbox
