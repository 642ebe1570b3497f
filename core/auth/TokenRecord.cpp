#include "TokenRecord.h"

#include "Redactor.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

// expires_in arrives as a number or, from Exact, as a string of digits.
std::optional<qint64> seconds(const QJsonValue& v) {
    if (v.isDouble() && v.toDouble() >= 0)
        return qint64(v.toDouble());
    if (v.isString()) {
        bool ok = false;
        const qint64 n = v.toString().trimmed().toLongLong(&ok);
        if (ok && n >= 0)
            return n;
    }
    return std::nullopt;
}

} // namespace

QByteArray TokenRecord::toJson() const {
    QJsonObject o{{u"v"_s, 1},
                  {u"access_token"_s, accessToken},
                  {u"refresh_token"_s, refreshToken},
                  {u"access_expires_ms"_s, double(accessExpiresMs)},
                  {u"obtained_ms"_s, double(obtainedMs)},
                  {u"refresh_expires_ms"_s, double(refreshExpiresMs)},
                  {u"generation"_s, double(generation)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

Result<TokenRecord> TokenRecord::fromJson(const QByteArray& json) {
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (!doc.isObject())
        return Error::invalid(u"stored tokens are not valid JSON"_s);
    const QJsonObject o = doc.object();
    TokenRecord r;
    r.accessToken = o.value(u"access_token"_s).toString();
    r.refreshToken = o.value(u"refresh_token"_s).toString();
    r.accessExpiresMs = qint64(o.value(u"access_expires_ms"_s).toDouble());
    r.obtainedMs = qint64(o.value(u"obtained_ms"_s).toDouble());
    r.refreshExpiresMs = qint64(o.value(u"refresh_expires_ms"_s).toDouble());
    r.generation = qint64(o.value(u"generation"_s).toDouble());
    if (r.accessToken.isEmpty())
        return Error::invalid(u"stored tokens have no access token"_s);
    r.registerSecrets();
    return r;
}

void TokenRecord::registerSecrets() const {
    Redactor::registerSecret(accessToken);
    Redactor::registerSecret(refreshToken);
}

Result<TokenRecord> TokenRecord::fromResponse(const QJsonObject& body, qint64 nowMs,
                                              const OAuthSettings& settings,
                                              const TokenRecord* previous) {
    TokenRecord r;
    const QJsonValue access = body.value(u"access_token"_s);
    if (!access.isString() || access.toString().isEmpty())
        return Error{ErrorCategory::Protocol, u"the token response has no access_token"_s};
    r.accessToken = access.toString();
    const QJsonValue refresh = body.value(u"refresh_token"_s);
    if (refresh.isString() && !refresh.toString().isEmpty())
        r.refreshToken = refresh.toString();
    else if (refresh.isUndefined() || refresh.isNull())
        r.refreshToken = previous ? previous->refreshToken : QString();
    else
        return Error{ErrorCategory::Protocol, u"refresh_token is not a string"_s};
    r.registerSecrets();
    r.obtainedMs = nowMs;

    const QJsonValue expiresIn = body.value(u"expires_in"_s);
    if (!expiresIn.isUndefined() && !expiresIn.isNull()) {
        const auto s = seconds(expiresIn);
        if (!s)
            return Error{ErrorCategory::Protocol,
                         u"expires_in is neither a number nor a string of digits"_s};
        r.accessExpiresMs = nowMs + *s * 1000;
    } else if (settings.accessTokenLifetimeMs > 0) {
        r.accessExpiresMs = nowMs + settings.accessTokenLifetimeMs;
    }

    const bool newRefresh = !previous || previous->refreshToken != r.refreshToken;
    std::optional<qint64> refreshIn;
    for (const QString& name : {u"refresh_expires_in"_s, u"refresh_token_expires_in"_s}) {
        const QJsonValue v = body.value(name);
        if (!v.isUndefined() && !v.isNull()) {
            refreshIn = seconds(v);
            if (!refreshIn)
                return Error{ErrorCategory::Protocol, u"%1 is not a number"_s.arg(name)};
        }
    }
    if (refreshIn) {
        r.refreshExpiresMs = nowMs + *refreshIn * 1000;
    } else if (settings.refreshTokenIdleLifetimeMs > 0) {
        r.refreshExpiresMs = nowMs + settings.refreshTokenIdleLifetimeMs; // every use resets it
    } else if (settings.refreshTokenLifetimeMs > 0) {
        r.refreshExpiresMs = newRefresh || !previous || previous->refreshExpiresMs == 0
                                 ? nowMs + settings.refreshTokenLifetimeMs
                                 : previous->refreshExpiresMs;
    }
    if (r.refreshToken.isEmpty())
        r.refreshExpiresMs = 0;
    return r;
}

} // namespace bk::auth
