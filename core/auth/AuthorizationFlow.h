#pragma once

#include "Clock.h"
#include "OAuthSettings.h"
#include "Pkce.h"
#include "TokenRecord.h"

#include <functional>
#include <memory>

#include <QObject>
#include <QUrl>

namespace bk::httpserver {
class HttpServer;
struct Request;
} // namespace bk::httpserver

namespace bk::auth {

class TokenClient;

/// The OAuth 2.0 authorization-code flow with PKCE (S256) for one connection: builds the
/// authorize URL, listens for the browser's redirect on 127.0.0.1 (a free port, one
/// response accepted, the state checked), exchanges the code for tokens. The caller shows
/// authorizeUrl() in a browser and stores the resulting TokenRecord (TokenVault::
/// installTokens). The flow gives up after timeoutMs of its clock.
class AuthorizationFlow : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(Result<TokenRecord>)>;

    AuthorizationFlow(OAuthSettings settings, QString clientSecret, std::shared_ptr<Clock> clock,
                      QObject* parent = nullptr);
    ~AuthorizationFlow() override;

    /// Opens the loopback listener and returns the URL to open in a browser. done runs once
    /// on this object's thread with the tokens or the reason it failed.
    Result<QUrl> start(Done done, qint64 timeoutMs = 5 * 60'000);
    /// Stops listening; a pending flow ends with an error.
    void cancel();

    QUrl redirectUri() const { return m_redirectUri; }
    QByteArray state() const { return m_state; }

private:
    void onRedirect(const QString& path, const QUrlQuery& query);
    void finish(Result<TokenRecord> result);

    OAuthSettings m_settings;
    QString m_clientSecret;
    std::shared_ptr<Clock> m_clock;
    TokenClient* m_client;
    std::unique_ptr<httpserver::HttpServer> m_server;
    Pkce m_pkce;
    QByteArray m_state;
    QUrl m_redirectUri;
    Done m_done;
    bool m_answered = false; ///< one redirect accepted, later ones refused
};

} // namespace bk::auth
