#pragma once

#include "OAuthSettings.h"
#include "Result.h"

#include <QJsonObject>
#include <QString>

namespace bk::auth {

/// One connection's tokens as kept in the secret store (a single JSON value, so the access
/// and refresh token always change together). generation counts stored token sets; the
/// store's auth_connections row carries the same number, so other processes notice.
struct TokenRecord {
    QString accessToken;
    QString refreshToken;
    qint64 accessExpiresMs = 0;  ///< 0 = unknown
    qint64 obtainedMs = 0;       ///< when this access token was received
    qint64 refreshExpiresMs = 0; ///< 0 = does not expire / unknown
    qint64 generation = 0;

    bool isEmpty() const { return accessToken.isEmpty(); }
    QByteArray toJson() const;
    static Result<TokenRecord> fromJson(const QByteArray& json);
    /// Registers both tokens with bk::Redactor.
    void registerSecrets() const;

    /// Reads a token endpoint answer (or an `auth import` document): access_token,
    /// refresh_token (kept from previous when absent: no rotation), expires_in as a number
    /// or a JSON string ("600"), optional refresh_expires_in / refresh_token_expires_in;
    /// lifetimes the response omits come from the definition.
    static Result<TokenRecord> fromResponse(const QJsonObject& body, qint64 nowMs,
                                            const OAuthSettings& settings,
                                            const TokenRecord* previous);
};

} // namespace bk::auth
