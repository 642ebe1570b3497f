#include "TokenClient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace bk::auth {

TokenClient::TokenClient(OAuthSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_network(new QNetworkAccessManager(this)) {}

QByteArray TokenClient::formEncode(const QList<QPair<QString, QString>>& fields) {
    // QUrlQuery leaves '+' alone, which a form decoder reads as a space: give it values
    // that are already fully percent-encoded so it keeps them as they are.
    QUrlQuery query;
    for (const auto& [name, value] : fields)
        query.addQueryItem(QString::fromLatin1(QUrl::toPercentEncoding(name)),
                           QString::fromLatin1(QUrl::toPercentEncoding(value)));
    return query.query(QUrl::FullyEncoded).toLatin1();
}

void TokenClient::exchangeCode(const QString& code, const QUrl& redirectUri,
                               const QByteArray& verifier, const QString& clientSecret, Done done) {
    post({{u"grant_type"_s, u"authorization_code"_s},
          {u"code"_s, code},
          {u"redirect_uri"_s, redirectUri.toString(QUrl::FullyEncoded)},
          {u"code_verifier"_s, QString::fromLatin1(verifier)}},
         clientSecret, std::move(done));
}

void TokenClient::refresh(const QString& refreshToken, const QString& clientSecret, Done done) {
    post({{u"grant_type"_s, u"refresh_token"_s}, {u"refresh_token"_s, refreshToken}}, clientSecret,
         std::move(done));
}

void TokenClient::post(QList<QPair<QString, QString>> fields, const QString& clientSecret,
                       Done done) {
    QNetworkRequest request(m_settings.tokenUrl);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(int(m_settings.requestTimeoutMs));
    request.setRawHeader("Accept", "application/json");
    if (m_settings.clientAuth == OAuthSettings::ClientAuth::Basic) {
        const QByteArray pair = QUrl::toPercentEncoding(m_settings.clientId) + ':' +
                                QUrl::toPercentEncoding(clientSecret);
        request.setRawHeader("Authorization", "Basic " + pair.toBase64());
    } else {
        fields.append({u"client_id"_s, m_settings.clientId});
        if (!clientSecret.isEmpty())
            fields.append({u"client_secret"_s, clientSecret});
    }
    for (auto it = m_settings.extraTokenParams.begin(); it != m_settings.extraTokenParams.end();
         ++it)
        fields.append({it.key(), it.value().isString() ? it.value().toString()
                                                       : it.value().toVariant().toString()});
    QByteArray body;
    if (m_settings.tokenRequestFormat == OAuthSettings::Format::Json) {
        QJsonObject o;
        for (const auto& [name, value] : std::as_const(fields))
            o.insert(name, value);
        body = QJsonDocument(o).toJson(QJsonDocument::Compact);
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    } else {
        body = formEncode(fields);
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          u"application/x-www-form-urlencoded"_s);
    }
    QNetworkReply* reply = m_network->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done)] {
        reply->deleteLater();
        done(classify(reply));
    });
}

TokenReply TokenClient::classify(QNetworkReply* reply) const {
    TokenReply r;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray raw = reply->readAll();
    const QJsonDocument doc = QJsonDocument::fromJson(raw);
    r.body = doc.object();
    const QString error = r.body.value(u"error"_s).toString();
    const QString description = r.body.value(u"error_description"_s).toString();
    const QByteArray reason =
        m_settings.errorHeader.isEmpty() ? QByteArray() : reply->rawHeader(m_settings.errorHeader);
    if (r.httpStatus == 0) {
        r.outcome = TokenReply::Outcome::Transient;
        r.responseLost = reply->error() == QNetworkReply::OperationCanceledError ||
                         reply->error() == QNetworkReply::TimeoutError ||
                         reply->error() == QNetworkReply::RemoteHostClosedError;
        r.message = u"token endpoint unreachable: %1"_s.arg(reply->errorString());
        return r;
    }
    if (r.httpStatus >= 200 && r.httpStatus < 300) {
        if (!doc.isObject()) {
            r.outcome = TokenReply::Outcome::Transient;
            r.responseLost = true;
            r.message = u"token endpoint answered %1 without a JSON object"_s.arg(r.httpStatus);
            return r;
        }
        r.outcome = TokenReply::Outcome::Ok;
        return r;
    }
    r.message = u"HTTP %1"_s.arg(r.httpStatus);
    if (!error.isEmpty())
        r.message += u" "_s + error;
    if (!description.isEmpty())
        r.message += u": "_s + description;
    if (!reason.isEmpty())
        r.message += u" ("_s + QString::fromUtf8(reason) + u")"_s;
    if (reason.contains("TooEarlyToRefreshTokens") ||
        description.contains(u"access_token not expired"_s)) {
        r.outcome = TokenReply::Outcome::TooEarly;
    } else if (r.httpStatus == 429 || r.httpStatus >= 500 || r.httpStatus == 408) {
        r.outcome = TokenReply::Outcome::Transient;
        r.responseLost = r.httpStatus >= 500;
    } else {
        // 400/401/403 with invalid_grant, unauthorized_client, invalid_client, an expired
        // refresh token, …: retrying the same grant cannot help.
        r.outcome = TokenReply::Outcome::Rejected;
    }
    return r;
}

} // namespace bk::auth
