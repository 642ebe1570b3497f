#include "OAuthCommon.h"
#include "Vendors.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

constexpr qint64 kAccessMs = 600'000;
constexpr qint64 kMinRefreshMs = 570'000;
constexpr qint64 kIdleMs = 30LL * 24 * 3600 * 1000;

Response oauthError(SandboxState& s, int status, const QString& error, const QString& description,
                    const QString& grant) {
    QJsonObject o{{u"error"_s, error}};
    if (!description.isEmpty())
        o.insert(u"error_description"_s, description);
    QByteArray body = toJson(o);
    body.replace("/", "\\/"); // Exact escapes the slashes of its US dates
    s.logToken(Vendor::Exact, grant, status, error + u": "_s + description);
    return jsonResponse(status, body);
}

QString usDate(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"M/d/yyyy h:mm:ss AP"_s);
}

Response tokens(SandboxState& s, const QString& clientId, const QString& grant) {
    const auto [access, refresh] = issueTokens(s, Vendor::Exact, clientId, kAccessMs, kIdleMs);
    s.logToken(Vendor::Exact, grant, 200, {});
    // Exact sends expires_in as a JSON string.
    return jsonResponse(200,
                        toJson(QJsonObject{{u"access_token"_s, access},
                                           {u"token_type"_s, u"bearer"_s},
                                           {u"expires_in"_s, QString::number(kAccessMs / 1000)},
                                           {u"refresh_token"_s, refresh}}));
}

/// At most N token-endpoint calls per API key and user per UTC day (every call counts,
/// refused ones too). The sandbox has one user, so the key is the client. The refusal was
/// never captured: it mirrors the too-early refusal (access_denied + Reason header).
std::optional<Response> tokenCap(SandboxState& s, const QString& clientId, const QString& grant) {
    const qint64 now = s.now();
    const qint64 day = now - now % 86'400'000;
    auto& calls = s.exactTokenCalls[clientId + u"|"_s + QLatin1String(kDemoUser)];
    if (calls.first != day)
        calls = {day, 0};
    if (calls.second >= s.options.limits.exactTokenCallsPerDay) {
        Response r =
            oauthError(s, s.options.limits.exactTokenCapStatus, u"access_denied"_s,
                       u"Rate limit exceeded: token request limit per day reached"_s, grant);
        s.note = u"token-cap"_s;
        r.headers.append({"Reason"_ba, "TooManyTokenRequests: Rate limit exceeded: token request "
                                       "limit per day reached"_ba});
        return r;
    }
    ++calls.second;
    return std::nullopt;
}

} // namespace

Response exactToken(SandboxState& s, const Request& request) {
    const QUrlQuery params = tokenParams(request);
    const QString grant = params.queryItemValue(u"grant_type"_s);
    QString clientId;
    if (!clientAuthenticated(Vendor::Exact, request, params, &clientId))
        return oauthError(s, 400, u"invalid_client"_s, {}, grant);
    if (auto capped = tokenCap(s, clientId, grant))
        return *capped;

    if (grant == u"authorization_code"_s) {
        Code code;
        const QString problem = redeemCode(s, Vendor::Exact, params, &code);
        if (!problem.isEmpty())
            return oauthError(s, 400, u"invalid_grant"_s,
                              problem == u"pkce"_s ? u"PKCE verification failed"_s
                                                   : u"Authorization code is "_s + problem,
                              grant);
        return tokens(s, clientId, grant);
    }
    if (grant != u"refresh_token"_s)
        return oauthError(s, 400, u"unsupported_grant_type"_s, {}, grant);

    const QString value = params.queryItemValue(u"refresh_token"_s, QUrl::FullyDecoded);
    auto it = s.refreshTokens.find(value);
    if (it == s.refreshTokens.end() || it->vendor != Vendor::Exact || it->revoked)
        return oauthError(s, 400, u"invalid_grant"_s, u"Invalid refresh token."_s, grant);
    if (!it->replacedBy.isEmpty())
        return oauthError(s, 401, u"unauthorized_client"_s, u"Old refresh token used."_s, grant);
    const qint64 now = s.now();
    const qint64 expiresAt = it->lastUsedMs + kIdleMs;
    if (expiresAt <= now)
        return oauthError(s, 400, u"invalid_request"_s,
                          u"The refresh token expired at %1 and it is now %2."_s.arg(
                              usDate(expiresAt), usDate(now)),
                          grant);
    if (now - it->issuedMs < kMinRefreshMs) {
        Response r = oauthError(s, 400, u"access_denied"_s,
                                u"Rate limit exceeded: access_token not expired"_s, grant);
        r.headers.append(
            {"Reason"_ba,
             "TooEarlyToRefreshTokens: Rate limit exceeded: access_token not expired"_ba});
        return r;
    }
    Response r = tokens(s, clientId, grant);
    const QString newRefresh =
        QJsonDocument::fromJson(r.body).object().value(u"refresh_token"_s).toString();
    auto old = s.refreshTokens.find(value);
    old->replacedBy = newRefresh;
    old->lastUsedMs = now;
    return r;
}

} // namespace bk::sandbox
