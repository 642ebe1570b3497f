#pragma once

#include "OAuthSettings.h"

#include <functional>

#include <QJsonObject>
#include <QObject>

class QNetworkAccessManager;
class QNetworkReply;

namespace bk::auth {

/// What a token endpoint said, sorted into what the caller must do about it.
struct TokenReply {
    enum class Outcome {
        Ok,        ///< body holds the tokens
        TooEarly,  ///< vendor refuses a refresh this soon (Exact TooEarlyToRefreshTokens)
        Rejected,  ///< grant refused (invalid_grant, old refresh token, bad client): a human
                   ///< must re-authorise
        Transient, ///< network, timeout, 429 or 5xx: try again later
    };
    Outcome outcome = Outcome::Transient;
    int httpStatus = 0;
    QJsonObject body;          ///< parsed JSON answer (tokens on Ok); never logged
    QString message;           ///< for humans: the OAuth error code and description, no secrets
    bool responseLost = false; ///< the request may have reached the server (timeout, reset)
};

/// Sends token requests (code exchange and refresh) to one connection's token endpoint.
/// Bodies are built with QUrlQuery or QJsonDocument per the definition's format, the client
/// secret goes in the body or as HTTP Basic, redirects are never followed, and no request
/// or response is ever logged. Lives on (and must be used from) one thread.
class TokenClient : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(TokenReply)>;

    explicit TokenClient(OAuthSettings settings, QObject* parent = nullptr);

    void exchangeCode(const QString& code, const QUrl& redirectUri, const QByteArray& verifier,
                      const QString& clientSecret, Done done);
    void refresh(const QString& refreshToken, const QString& clientSecret, Done done);

    const OAuthSettings& settings() const { return m_settings; }

    /// Encodes fields as application/x-www-form-urlencoded ('+' and '&' in values kept).
    static QByteArray formEncode(const QList<QPair<QString, QString>>& fields);

private:
    void post(QList<QPair<QString, QString>> fields, const QString& clientSecret, Done done);
    TokenReply classify(QNetworkReply* reply) const;

    OAuthSettings m_settings;
    QNetworkAccessManager* m_network;
};

} // namespace bk::auth
