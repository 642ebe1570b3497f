#include "OAuthCommon.h"
#include "Vendors.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

constexpr qint64 kAccessMs = 3'600'000;
constexpr qint64 kRefreshMs = 90LL * 24 * 3600 * 1000;
const QString kScope = QStringLiteral("read_orders,read_customers,write_customers,read_products");

Response oauthError(SandboxState& s, int status, const QString& error, const QString& description,
                    const QString& grant) {
    s.logToken(Vendor::Shopify, grant, status, error + u": "_s + description);
    return jsonResponse(
        status, toJson(QJsonObject{{u"error"_s, error}, {u"error_description"_s, description}}));
}

Response expiringTokens(SandboxState& s, const QString& clientId, const QString& grant) {
    const auto [access, refresh] = issueTokens(s, Vendor::Shopify, clientId, kAccessMs, kRefreshMs);
    s.logToken(Vendor::Shopify, grant, 200, {});
    return jsonResponse(200,
                        toJson(QJsonObject{{u"access_token"_s, access},
                                           {u"scope"_s, kScope},
                                           {u"expires_in"_s, kAccessMs / 1000},
                                           {u"refresh_token"_s, refresh},
                                           {u"refresh_token_expires_in"_s, kRefreshMs / 1000}}));
}

void revokeAccess(SandboxState& s, const QString& refresh) {
    auto rt = s.refreshTokens.find(refresh);
    if (rt == s.refreshTokens.end())
        return;
    rt->revoked = true;
    auto at = s.accessTokens.find(rt->accessToken);
    if (at != s.accessTokens.end())
        at->revoked = true;
}

} // namespace

Response shopifyToken(SandboxState& s, const Request& request) {
    const QUrlQuery params = tokenParams(request);
    QString grant = params.queryItemValue(u"grant_type"_s);
    if (grant.isEmpty())
        grant = u"authorization_code"_s;
    QString clientId;
    if (!clientAuthenticated(Vendor::Shopify, request, params, &clientId))
        return oauthError(s, 400, u"invalid_client"_s, u"Client credentials are invalid"_s, grant);

    if (grant == u"authorization_code"_s) {
        Code code;
        const QString problem = redeemCode(s, Vendor::Shopify, params, &code);
        if (!problem.isEmpty())
            return oauthError(s, 400, u"invalid_grant"_s,
                              problem == u"pkce"_s ? u"PKCE verification failed"_s
                                                   : u"The authorization code is "_s + problem,
                              grant);
        if (params.queryItemValue(u"expiring"_s) == u"1"_s) {
            // Only one expiring offline token per app and shop: older ones stop working.
            for (auto it = s.refreshTokens.begin(); it != s.refreshTokens.end(); ++it) {
                if (it->vendor == Vendor::Shopify && !it->revoked)
                    revokeAccess(s, it.key());
            }
            return expiringTokens(s, clientId, grant);
        }
        const auto [access, refresh] = issueTokens(s, Vendor::Shopify, clientId, 0, 0);
        s.logToken(Vendor::Shopify, grant, 200, {});
        return jsonResponse(200,
                            toJson(QJsonObject{{u"access_token"_s, access}, {u"scope"_s, kScope}}));
    }
    if (grant != u"refresh_token"_s)
        return oauthError(s, 400, u"unsupported_grant_type"_s, u"Unsupported grant type"_s, grant);

    const QString value = params.queryItemValue(u"refresh_token"_s, QUrl::FullyDecoded);
    auto it = s.refreshTokens.find(value);
    if (it == s.refreshTokens.end() || it->vendor != Vendor::Shopify || it->revoked)
        return oauthError(s, 400, u"invalid_grant"_s, u"The refresh token is invalid or revoked"_s,
                          grant);
    if (it->expiresMs <= s.now())
        return oauthError(s, 400, u"invalid_grant"_s, u"The refresh token has expired"_s, grant);
    // Rotation with grace: the used refresh token stays valid until the app uses the new
    // access token (see shopifyApi); a replacement issued earlier is superseded.
    const QString previousReplacement = it->replacedBy;
    const QString previousAccess = it->accessToken;
    Response r = expiringTokens(s, clientId, grant);
    const QString newRefresh =
        QJsonDocument::fromJson(r.body).object().value(u"refresh_token"_s).toString();
    if (!previousReplacement.isEmpty())
        revokeAccess(s, previousReplacement);
    auto used = s.refreshTokens.find(value);
    used->replacedBy = newRefresh;
    used->lastUsedMs = s.now();
    auto oldAccess = s.accessTokens.find(previousAccess);
    if (oldAccess != s.accessTokens.end())
        oldAccess->revoked = true;
    return r;
}

} // namespace bk::sandbox
