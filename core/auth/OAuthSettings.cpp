#include "OAuthSettings.h"

#include "Duration.h"

#include <algorithm>

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

qint64 durationField(const QJsonObject& o, const QString& name) {
    const QJsonValue v = o.value(name);
    if (v.isDouble())
        return qint64(v.toDouble() * 1000);
    return parseDurationMs(v.toString()).value_or(0);
}

// "https://{shop}.myshopify.com" → the workspace's shop, company or division.
QString expand(QString text, const ConnectorConfig& c) {
    text.replace(u"{shop}"_s, c.shop);
    text.replace(u"{company}"_s, c.company);
    text.replace(u"{division}"_s, c.division);
    return text;
}

QUrl join(const QUrl& base, const QString& path) {
    QUrl u = base;
    QString p = u.path();
    if (p.endsWith(u'/'))
        p.chop(1);
    u.setPath(p + path);
    return u;
}

} // namespace

Result<OAuthSettings> OAuthSettings::fromDefinition(const QJsonObject& definition,
                                                    const ConnectorConfig& connector) {
    QJsonObject auth = definition.value(u"auth"_s).toObject();
    const QJsonObject overrides = connector.overrides.value(u"auth"_s).toObject();
    for (auto it = overrides.begin(); it != overrides.end(); ++it)
        auth.insert(it.key(), it.value());
    const QString where = u"connector \"%1\" (type %2)"_s.arg(connector.id, connector.type);
    if (auth.value(u"type"_s).toString() != u"oauth2"_s)
        return Error::usage(u"%1: auth.type is not \"oauth2\""_s.arg(where));

    OAuthSettings s;
    s.connectorId = connector.id;
    s.connectorName = connector.displayName.isEmpty() ? connector.id : connector.displayName;
    QUrl base = connector.authBaseUrl;
    if (base.isEmpty())
        base = QUrl(expand(definition.value(u"authBaseUrl"_s).toString(), connector));
    if (base.isEmpty())
        base = connector.baseUrl;
    if (base.isEmpty())
        base = QUrl(expand(definition.value(u"baseUrl"_s).toString(), connector));
    if (!base.isValid() || (base.scheme() != u"https"_s && base.scheme() != u"http"_s))
        return Error::usage(u"%1: no usable OAuth base URL (authBaseUrl)"_s.arg(where));
    const QString authorizePath = auth.value(u"authorizePath"_s).toString();
    const QString tokenPath = auth.value(u"tokenPath"_s).toString();
    if (tokenPath.isEmpty())
        return Error::usage(u"%1: auth.tokenPath is missing"_s.arg(where));
    s.authorizeUrl = join(base, expand(authorizePath, connector));
    s.tokenUrl = join(base, expand(tokenPath, connector));

    const QString format = auth.value(u"tokenRequestFormat"_s).toString(u"form"_s);
    if (format != u"form"_s && format != u"json"_s)
        return Error::usage(u"%1: auth.tokenRequestFormat must be form or json"_s.arg(where));
    s.tokenRequestFormat = format == u"json"_s ? Format::Json : Format::Form;
    const QString clientAuth = auth.value(u"clientAuth"_s).toString(u"body"_s);
    if (clientAuth != u"body"_s && clientAuth != u"basic"_s)
        return Error::usage(u"%1: auth.clientAuth must be body or basic"_s.arg(where));
    s.clientAuth = clientAuth == u"basic"_s ? ClientAuth::Basic : ClientAuth::Body;
    s.clientId = connector.clientId;
    for (const QJsonValue& v : auth.value(u"scopes"_s).toArray())
        s.scopes << v.toString();
    s.extraTokenParams = auth.value(u"extraTokenParams"_s).toObject();
    const QJsonObject header = auth.value(u"accessHeader"_s).toObject();
    if (!header.isEmpty()) {
        s.accessHeaderName = header.value(u"name"_s).toString(u"Authorization"_s).toUtf8();
        s.accessHeaderFormat = header.value(u"format"_s).toString(u"Bearer {token}"_s);
    }
    s.errorHeader = auth.value(u"errorHeader"_s).toString().toUtf8();
    s.accessTokenLifetimeMs = durationField(auth, u"accessTokenLifetime"_s);
    s.refreshTokenIdleLifetimeMs = durationField(auth, u"refreshTokenIdleLifetime"_s);
    s.refreshTokenLifetimeMs = durationField(auth, u"refreshTokenLifetime"_s);
    s.refreshTokenRotates = auth.value(u"refreshTokenRotates"_s).toBool();
    s.minRefreshIntervalMs = durationField(auth, u"minRefreshInterval"_s);
    s.tokenEndpointDailyLimit = auth.value(u"tokenEndpointDailyLimit"_s).toInt();
    if (auth.contains(u"refreshMargin"_s))
        s.refreshMarginMs =
            std::clamp<qint64>(durationField(auth, u"refreshMargin"_s), 60'000, 90'000);
    if (auth.contains(u"requestTimeout"_s))
        s.requestTimeoutMs = std::max<qint64>(1000, durationField(auth, u"requestTimeout"_s));
    // The vendor's error budget (Exact: 10 errors per hour block the key) is declared with
    // the rate limits; refusals from the token endpoint count toward it.
    for (const QJsonValue& v : definition.value(u"rateLimits"_s).toArray()) {
        const QJsonObject rl = v.toObject();
        if (rl.value(u"kind"_s).toString() == u"error-budget"_s) {
            s.errorBudget = rl.value(u"limit"_s).toInt();
            s.errorBudgetWindowMs = durationField(rl, u"window"_s);
        }
    }
    return s;
}

QByteArray OAuthSettings::headerValue(const QString& accessToken) const {
    QString v = accessHeaderFormat;
    v.replace(u"{token}"_s, accessToken);
    return v.toUtf8();
}

} // namespace bk::auth
