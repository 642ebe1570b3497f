#pragma once

// An in-test OAuth server on bk::httpserver that enforces Exact Online's token rules:
// 600-s access tokens with expires_in as a JSON string, rotating refresh tokens (an old one
// → 401 unauthorized_client "Old refresh token used."), a 570-s minimum between refreshes
// (400 access_denied + "Reason: TooEarlyToRefreshTokens…"), PKCE S256 on code exchange, and
// a protected GET /api/me that answers 401 to an expired or replaced access token.

#include "Clock.h"
#include "httpserver/HttpServer.h"

#include <memory>

#include <QHash>
#include <QMutex>
#include <QSet>

class FakeOAuthServer {
public:
    struct Options {
        qint64 accessLifetimeMs = 600'000;
        qint64 minRefreshIntervalMs = 570'000;
        bool expiresInAsString = true;
        QString clientId = QStringLiteral("client-1");
        QString clientSecret; ///< empty: not checked
    };
    struct Stats {
        int refreshes = 0; ///< successful refreshes
        int tooEarly = 0;
        int oldTokenUsed = 0; ///< 401 unauthorized_client
        int invalidGrant = 0;
        int codeExchanges = 0;
        int apiOk = 0;
        int api401 = 0;
        int tokenCalls = 0;
        int held = 0; ///< token requests received and never answered
    };

    FakeOAuthServer(std::shared_ptr<bk::Clock> clock, Options options);
    ~FakeOAuthServer();

    bk::Status start();
    QString baseUrl() const; ///< "http://127.0.0.1:PORT"
    /// Issues an access/refresh pair directly (what a prior authorisation produced).
    QPair<QString, QString> issueInitial();
    /// Answers the next token requests after delayMs of real time (0: at once).
    void setHoldTokenResponses(bool hold);
    Stats stats() const;
    /// Whether access was valid at the server's "now".
    bool accessValid(const QString& token) const;

private:
    void handle(const bk::httpserver::Request& request,
                std::shared_ptr<bk::httpserver::Responder> responder);
    bk::httpserver::Response token(const bk::httpserver::Request& request);
    bk::httpserver::Response issue(bool rotate, const QString& oldRefresh);

    std::shared_ptr<bk::Clock> m_clock;
    Options m_options;
    bk::httpserver::HttpServer m_server;
    mutable QMutex m_mutex;
    int m_serial = 0;
    QHash<QString, qint64> m_access;  ///< valid access token → expires
    QHash<QString, qint64> m_refresh; ///< current refresh token → when its pair was issued
    QSet<QString> m_oldRefresh;       ///< rotated out
    struct Code {
        QByteArray challenge;
        QString redirectUri;
    };
    QHash<QString, Code> m_codes;
    Stats m_stats;
    bool m_hold = false;
};
