#include "OAuthCommon.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

constexpr qint64 kCodeLifetimeMs[] = {180'000, 300'000, 600'000}; // Exact 3 min, Pipedrive 5

QString escapeHtml(const QString& text) {
    return text.toHtmlEscaped();
}

QString hidden(const QString& name, const QString& value) {
    return u"<input type=\"hidden\" name=\"%1\" value=\"%2\">"_s.arg(name, escapeHtml(value));
}

Response html(int status, const QString& body) {
    Response r{status, {{"Content-Type"_ba, "text/html; charset=utf-8"_ba}}, body.toUtf8()};
    return r;
}

QString vendorTitle(Vendor vendor) {
    switch (vendor) {
    case Vendor::Exact:
        return u"Exact Online"_s;
    case Vendor::Pipedrive:
        return u"Pipedrive"_s;
    case Vendor::Shopify:
        return u"Shopify"_s;
    }
    return {};
}

Response page(Vendor vendor, const QUrlQuery& params, const QString& error) {
    static const QStringList carried = {
        u"client_id"_s,      u"redirect_uri"_s,         u"state"_s, u"scope"_s, u"response_type"_s,
        u"code_challenge"_s, u"code_challenge_method"_s};
    QString fields;
    for (const QString& name : carried) {
        if (params.hasQueryItem(name))
            fields += hidden(name, params.queryItemValue(name, QUrl::FullyDecoded));
    }
    const QString err = error.isEmpty()
                            ? QString()
                            : u"<p class=\"error\" id=\"error\">%1</p>"_s.arg(escapeHtml(error));
    return html(200,
                u"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1 – sign in "
                "(sandbox)</title><style>body{font-family:sans-serif;max-width:28em;margin:3em "
                "auto}label{display:block;margin:.6em 0}.error{color:#b00}</style></head><body>"
                "<h1>%1 (sandbox)</h1><p>The application <b>%2</b> asks for access to your "
                "data.</p>%3<form method=\"post\" id=\"consent\">%4"
                "<label>User <input name=\"username\" id=\"username\" autocomplete=\"off\">"
                "</label><label>Password <input type=\"password\" name=\"password\" "
                "id=\"password\"></label><button type=\"submit\" name=\"decision\" "
                "value=\"allow\" id=\"allow\">Allow access</button> <button type=\"submit\" "
                "name=\"decision\" value=\"deny\" id=\"deny\">Deny</button></form>"
                "<p><small>Demo login: demo / demo</small></p></body></html>"_s.arg(
                    vendorTitle(vendor),
                    escapeHtml(params.queryItemValue(u"client_id"_s, QUrl::FullyDecoded)), err,
                    fields));
}

Response redirect(const QUrl& target) {
    Response r{302, {{"Location"_ba, target.toEncoded()}}, {}};
    return r;
}

} // namespace

QUrlQuery tokenParams(const Request& request) {
    if (request.header("Content-Type"_ba).contains("json")) {
        QUrlQuery q;
        const QJsonObject o = QJsonDocument::fromJson(request.body).object();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString v =
                it.value().isString() ? it.value().toString() : it.value().toVariant().toString();
            q.addQueryItem(it.key(), QString::fromLatin1(QUrl::toPercentEncoding(v)));
        }
        return q;
    }
    QByteArray body = request.body;
    body.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(body));
}

bool clientAuthenticated(Vendor vendor, const Request& request, const QUrlQuery& params,
                         QString* clientId) {
    QString id = params.queryItemValue(u"client_id"_s, QUrl::FullyDecoded);
    QString secret = params.queryItemValue(u"client_secret"_s, QUrl::FullyDecoded);
    const QByteArray auth = request.header("Authorization"_ba);
    if (auth.startsWith("Basic ")) {
        const QByteArray pair = QByteArray::fromBase64(auth.mid(6).trimmed());
        const qsizetype colon = pair.indexOf(':');
        if (colon > 0) {
            id = QString::fromUtf8(pair.left(colon));
            secret = QString::fromUtf8(pair.mid(colon + 1));
        }
    }
    *clientId = id;
    return id == Sandbox::clientId(vendor) && secret == Sandbox::clientSecret(vendor);
}

Response authorizePage(SandboxState& s, Vendor vendor, const Request& request) {
    QUrlQuery params = request.query;
    if (request.method == "POST") {
        QByteArray body = request.body;
        body.replace('+', "%20");
        params = QUrlQuery(QString::fromLatin1(body));
    }
    const QString clientId = params.queryItemValue(u"client_id"_s, QUrl::FullyDecoded);
    const QString redirectUri = params.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    if (clientId != Sandbox::clientId(vendor))
        return html(400, u"<!DOCTYPE html><html><body><h1>Unknown client_id</h1></body></html>"_s);
    const QUrl target(redirectUri);
    if (!target.isValid() || target.scheme().isEmpty())
        return html(400,
                    u"<!DOCTYPE html><html><body><h1>Invalid redirect_uri</h1></body></html>"_s);
    const QString method = params.queryItemValue(u"code_challenge_method"_s);
    if (params.hasQueryItem(u"code_challenge"_s) && !method.isEmpty() && method != u"S256"_s &&
        method != u"plain"_s)
        return html(400, u"<!DOCTYPE html><html><body><h1>Unsupported code_challenge_method"
                         "</h1></body></html>"_s);
    if (request.method != "POST")
        return page(vendor, params, {});

    const QString state = params.queryItemValue(u"state"_s, QUrl::FullyDecoded);
    QUrl back(target);
    QUrlQuery backQuery(back.query());
    if (params.queryItemValue(u"decision"_s) == u"deny"_s) {
        // Pipedrive documents user_denied; the others follow RFC 6749.
        backQuery.addQueryItem(u"error"_s,
                               vendor == Vendor::Pipedrive ? u"user_denied"_s : u"access_denied"_s);
        if (!state.isEmpty())
            backQuery.addQueryItem(u"state"_s, QString::fromLatin1(QUrl::toPercentEncoding(state)));
        back.setQuery(backQuery);
        return redirect(back);
    }
    if (params.queryItemValue(u"username"_s, QUrl::FullyDecoded) != QLatin1String(kDemoUser) ||
        params.queryItemValue(u"password"_s, QUrl::FullyDecoded) != QLatin1String(kDemoPassword))
        return page(vendor, params, u"Wrong user name or password."_s);

    Code code{vendor,
              clientId,
              redirectUri,
              params.queryItemValue(u"code_challenge"_s, QUrl::FullyDecoded),
              method.isEmpty() ? u"plain"_s : method,
              s.now() + kCodeLifetimeMs[int(vendor)],
              false};
    const QString value = s.newToken("code");
    s.codes.insert(value, code);
    backQuery.addQueryItem(u"code"_s, value);
    if (!state.isEmpty())
        backQuery.addQueryItem(u"state"_s, QString::fromLatin1(QUrl::toPercentEncoding(state)));
    if (vendor == Vendor::Shopify) {
        // Shopify signs its redirect: hex HMAC-SHA256 of the sorted parameters.
        const QString shop = u"demo-shop.myshopify.com"_s;
        const QString ts = QString::number(s.now() / 1000);
        QStringList parts = {u"code="_s + value, u"shop="_s + shop, u"timestamp="_s + ts};
        if (!state.isEmpty())
            parts << u"state="_s + state;
        parts.sort();
        const QByteArray mac = QMessageAuthenticationCode::hash(
            parts.join(u'&').toUtf8(), Sandbox::clientSecret(vendor).toUtf8(),
            QCryptographicHash::Sha256);
        backQuery.addQueryItem(u"shop"_s, shop);
        backQuery.addQueryItem(u"timestamp"_s, ts);
        backQuery.addQueryItem(u"hmac"_s, QString::fromLatin1(mac.toHex()));
    }
    back.setQuery(backQuery);
    return redirect(back);
}

QString redeemCode(SandboxState& s, Vendor vendor, const QUrlQuery& params, Code* out) {
    const QString value = params.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    auto it = s.codes.find(value);
    if (value.isEmpty() || it == s.codes.end() || it->vendor != vendor)
        return u"invalid"_s;
    const Code code = *it;
    s.codes.erase(it); // single use, also when it fails below
    if (code.expiresMs <= s.now())
        return u"expired"_s;
    const QString redirectUri = params.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    if (vendor != Vendor::Shopify && redirectUri != code.redirectUri)
        return u"redirect_uri"_s;
    if (!code.challenge.isEmpty()) {
        const QString verifier = params.queryItemValue(u"code_verifier"_s, QUrl::FullyDecoded);
        QString computed = verifier;
        if (code.challengeMethod == u"S256"_s) {
            computed = QString::fromLatin1(
                QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
        }
        if (verifier.isEmpty() || computed != code.challenge)
            return u"pkce"_s;
    }
    *out = code;
    return {};
}

QByteArray bearerToken(const Request& request) {
    const QByteArray auth = request.header("Authorization"_ba);
    if (auth.size() > 7 && auth.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return auth.mid(7).trimmed();
    return {};
}

TokenCheck checkAccessToken(SandboxState& s, Vendor vendor, const QString& token,
                            AccessToken** out) {
    if (token.isEmpty())
        return TokenCheck::Missing;
    auto it = s.accessTokens.find(token);
    if (it == s.accessTokens.end() || it->vendor != vendor)
        return TokenCheck::Unknown;
    *out = &*it;
    if (it->revoked)
        return TokenCheck::Revoked;
    if (it->expiresMs > 0 && it->expiresMs <= s.now())
        return TokenCheck::Expired;
    return TokenCheck::Valid;
}

QPair<QString, QString> issueTokens(SandboxState& s, Vendor vendor, const QString& clientId,
                                    qint64 accessLifetimeMs, qint64 refreshLifetimeMs) {
    const QString access = s.newToken("at");
    QString refresh;
    if (refreshLifetimeMs > 0) {
        refresh = s.newToken("rt");
        s.refreshTokens.insert(refresh, RefreshToken{vendor,
                                                     clientId,
                                                     s.now(),
                                                     s.now(),
                                                     s.now() + refreshLifetimeMs,
                                                     {},
                                                     access,
                                                     false});
    }
    s.accessTokens.insert(access, AccessToken{vendor, clientId,
                                              accessLifetimeMs > 0 ? s.now() + accessLifetimeMs : 0,
                                              refresh, false});
    return {access, refresh};
}

} // namespace bk::sandbox
