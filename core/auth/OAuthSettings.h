#pragma once

#include "Result.h"
#include "Workspace.h"

#include <QByteArray>
#include <QJsonObject>
#include <QStringList>
#include <QUrl>

namespace bk::auth {

/// Everything the OAuth code needs about one connection, from the connector definition's
/// "auth" section with the workspace's overrides (authBaseUrl, clientId, overrides.auth).
struct OAuthSettings {
    enum class Format { Form, Json };
    enum class ClientAuth { Body, Basic };

    QString connectorId;
    QString connectorName;
    QUrl authorizeUrl;
    QUrl tokenUrl;
    Format tokenRequestFormat = Format::Form;
    ClientAuth clientAuth = ClientAuth::Body;
    QString clientId;
    QStringList scopes;
    QJsonObject extraTokenParams; ///< sent with every token request (e.g. Shopify "expiring")
    QByteArray accessHeaderName = QByteArrayLiteral("Authorization");
    QString accessHeaderFormat = QStringLiteral("Bearer {token}");
    QByteArray errorHeader;                ///< vendor header carrying a machine reason ("Reason")
    qint64 accessTokenLifetimeMs = 0;      ///< hint when a response has no expires_in
    qint64 refreshTokenIdleLifetimeMs = 0; ///< refresh token dies after this long unused
    qint64 refreshTokenLifetimeMs = 0;     ///< refresh token dies this long after it was issued
    bool refreshTokenRotates = false;
    qint64 minRefreshIntervalMs = 0; ///< vendor refuses refreshes sooner than this (Exact 570 s)
    int tokenEndpointDailyLimit = 0; ///< 0 = none
    int errorBudget = 0;             ///< vendor blocks after this many errors per window
    qint64 errorBudgetWindowMs = 0;
    qint64 refreshMarginMs = 75'000;  ///< refresh this long before expiry (clamped 60–90 s)
    qint64 requestTimeoutMs = 20'000; ///< token endpoint call timeout (real time)

    /// Builds the settings; the error names the definition field that is wrong.
    static Result<OAuthSettings> fromDefinition(const QJsonObject& definition,
                                                const ConnectorConfig& connector);

    /// The header value for an access token (accessHeaderFormat with {token} replaced).
    QByteArray headerValue(const QString& accessToken) const;
};

} // namespace bk::auth
