#include "AuthTestSupport.h"
#include "FakeOAuthServer.h"
#include "auth/AuthorizationFlow.h"
#include "auth/TokenClient.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::auth;

class TestAuthorizationFlow : public QObject {
    Q_OBJECT

    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::unique_ptr<FakeOAuthServer> m_server;
    QNetworkAccessManager m_network;

    QNetworkReply* get(const QUrl& url, bool follow) {
        QNetworkRequest req(url);
        req.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         follow ? QNetworkRequest::NoLessSafeRedirectPolicy
                                : QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply* reply = m_network.get(req);
        if (!authtest::waitUntil([&] { return reply->isFinished(); }))
            qWarning("GET timed out");
        reply->deleteLater();
        return reply;
    }

    // Plays the browser up to the vendor's redirect and returns the code it carries.
    QString codeFor(const QByteArray& challenge, const QUrl& redirect) {
        QUrl url(m_server->baseUrl() + u"/api/oauth2/auth"_s);
        QUrlQuery q;
        q.addQueryItem(u"client_id"_s, u"client-1"_s);
        q.addQueryItem(u"redirect_uri"_s, QString::fromLatin1(QUrl::toPercentEncoding(
                                              redirect.toString(QUrl::FullyEncoded))));
        q.addQueryItem(u"state"_s, u"s1"_s);
        q.addQueryItem(u"code_challenge"_s, QString::fromLatin1(challenge));
        q.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
        url.setQuery(q);
        QNetworkReply* reply = get(url, false);
        const QUrl location(QString::fromUtf8(reply->rawHeader("Location")));
        return QUrlQuery(location).queryItemValue(u"code"_s, QUrl::FullyDecoded);
    }

    TokenReply exchange(TokenClient& client, const QString& code, const QUrl& redirect,
                        const QByteArray& verifier) {
        std::optional<TokenReply> out;
        client.exchangeCode(code, redirect, verifier, QString(), [&](TokenReply r) { out = r; });
        if (!authtest::waitUntil([&] { return out.has_value(); }))
            return {};
        return *out;
    }

private Q_SLOTS:
    void initTestCase() {
        m_server = std::make_unique<FakeOAuthServer>(m_clock, FakeOAuthServer::Options{});
        QVERIFY(m_server->start().ok());
    }

    void pkceChallengeIsS256() {
        // RFC 7636 appendix B.
        QCOMPARE(Pkce::challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
                 QByteArray("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        const Pkce p = Pkce::generate();
        QCOMPARE(p.verifier.size(), 43);
        QVERIFY(p.verifier != Pkce::generate().verifier);
    }

    void formEncodingKeepsReservedCharacters() {
        const QByteArray body = TokenClient::formEncode({{u"refresh_token"_s, u"a+b&c=d e/"_s}});
        QCOMPARE(body, QByteArray("refresh_token=a%2Bb%26c%3Dd%20e%2F"));
        QCOMPARE(QUrlQuery(QString::fromLatin1(body))
                     .queryItemValue(u"refresh_token"_s, QUrl::FullyDecoded),
                 u"a+b&c=d e/"_s);
    }

    void fullFlowThroughLoopbackListener() {
        AuthorizationFlow flow(authtest::exactSettings(m_server->baseUrl()), QString(), m_clock);
        std::optional<Result<TokenRecord>> result;
        auto url = flow.start([&](Result<TokenRecord> r) { result = r; });
        QVERIFY2(url.ok(), url.ok() ? "" : qPrintable(url.error().message));
        const QUrlQuery q(*url);
        QCOMPARE(q.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
        QCOMPARE(q.queryItemValue(u"response_type"_s), u"code"_s);
        QCOMPARE(q.queryItemValue(u"client_id"_s), u"client-1"_s);
        QVERIFY(!q.queryItemValue(u"state"_s).isEmpty());
        QVERIFY(flow.redirectUri().toString().startsWith(u"http://127.0.0.1:"_s));
        QCOMPARE(q.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded),
                 flow.redirectUri().toString());

        // The "browser" opens the page; the vendor redirects to our listener.
        QNetworkReply* page = get(*url, true);
        QCOMPARE(page->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(page->readAll().contains("Authorisation received"));
        QVERIFY(authtest::waitUntil([&] { return result.has_value(); }));
        QVERIFY2(result->ok(), result->ok() ? "" : qPrintable(result->error().message));
        QVERIFY(m_server->accessValid((*result)->accessToken));
        QVERIFY(!(*result)->refreshToken.isEmpty());
        QCOMPARE((*result)->accessExpiresMs, m_clock->nowMs() + 600'000);
        QCOMPARE(m_server->stats().codeExchanges, 1);

        // Exactly one answer is accepted: a replay to the listener is refused.
        QUrl again = flow.redirectUri();
        again.setQuery(u"code=x&state="_s + QString::fromLatin1(flow.state()));
        QNetworkReply* replay = get(again, false);
        QCOMPARE(replay->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QCOMPARE(m_server->stats().codeExchanges, 1);
    }

    void exchangeNeedsTheRightVerifier() {
        TokenClient client(authtest::exactSettings(m_server->baseUrl()));
        const QUrl redirect(u"http://127.0.0.1:9/callback"_s);
        const Pkce pkce = Pkce::generate();
        const int before = m_server->stats().codeExchanges;

        TokenReply wrong = exchange(client, codeFor(pkce.challenge, redirect), redirect,
                                    Pkce::generate().verifier);
        QCOMPARE(wrong.outcome, TokenReply::Outcome::Rejected);
        QVERIFY2(wrong.message.contains(u"invalid_grant"_s), qPrintable(wrong.message));
        TokenReply none = exchange(client, codeFor(pkce.challenge, redirect), redirect, {});
        QCOMPARE(none.outcome, TokenReply::Outcome::Rejected);
        QCOMPARE(m_server->stats().codeExchanges, before);

        const QString code = codeFor(pkce.challenge, redirect);
        TokenReply right = exchange(client, code, redirect, pkce.verifier);
        QCOMPARE(right.outcome, TokenReply::Outcome::Ok);
        QCOMPARE(right.body.value(u"expires_in"_s).toString(), u"600"_s);
        QCOMPARE(m_server->stats().codeExchanges, before + 1);
        // A code is single use.
        QCOMPARE(exchange(client, code, redirect, pkce.verifier).outcome,
                 TokenReply::Outcome::Rejected);
    }

    void stateMismatchIsRefused() {
        AuthorizationFlow flow(authtest::exactSettings(m_server->baseUrl()), QString(), m_clock);
        std::optional<Result<TokenRecord>> result;
        QVERIFY(flow.start([&](Result<TokenRecord> r) { result = r; }).ok());
        const int calls = m_server->stats().tokenCalls;
        QUrl forged = flow.redirectUri();
        forged.setQuery(u"code=stolen-code&state=forged"_s);
        QNetworkReply* reply = get(forged, false);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QVERIFY(authtest::waitUntil([&] { return result.has_value(); }));
        QVERIFY(!result->ok());
        QCOMPARE(result->error().category, ErrorCategory::Auth);
        QVERIFY(result->error().message.contains(u"wrong state"_s));
        QCOMPARE(m_server->stats().tokenCalls, calls); // the code was never exchanged
    }

    void httpsLoginNeverDowngradesToHttp() {
        OAuthSettings s = authtest::exactSettings(m_server->baseUrl());
        s.authorizeUrl = QUrl(u"https://start.exactonline.nl/api/oauth2/auth"_s);
        AuthorizationFlow flow(s, QString(), m_clock);
        auto url = flow.start([](Result<TokenRecord>) {});
        QVERIFY(!url.ok());
        QVERIFY(url.error().message.contains(u"downgrade"_s));
    }

    void flowTimesOut() {
        AuthorizationFlow flow(authtest::exactSettings(m_server->baseUrl()), QString(), m_clock);
        std::optional<Result<TokenRecord>> result;
        QVERIFY(flow.start([&](Result<TokenRecord> r) { result = r; }, 60'000).ok());
        m_clock->advance(59'000);
        QVERIFY(!result.has_value());
        m_clock->advance(1'000);
        QVERIFY(result.has_value());
        QVERIFY(!result->ok());
        QVERIFY(result->error().message.contains(u"in time"_s));
    }
};

QTEST_GUILESS_MAIN(TestAuthorizationFlow)
#include "TestAuthorizationFlow.moc"
