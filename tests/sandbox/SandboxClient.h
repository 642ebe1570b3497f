#pragma once

// Plain QNetworkAccessManager helpers for the sandbox tests (no engine code involved).

#include "httpserver/HttpServer.h"
#include "sandbox/Sandbox.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QUrlQuery>

namespace bk::sandbox::test {

struct Reply {
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(const QByteArray& name) const {
        for (const auto& [k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return v;
        }
        return {};
    }
    bool hasHeader(const QByteArray& name) const {
        for (const auto& [k, v] : headers) {
            if (k.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        }
        return false;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
};

class Client {
public:
    Reply send(const QByteArray& method, const QString& url,
               const QList<QPair<QByteArray, QByteArray>>& headers = {},
               const QByteArray& body = {}) {
        QNetworkRequest request{QUrl(url)};
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
        for (const auto& [k, v] : headers)
            request.setRawHeader(k, v);
        if (!body.isEmpty() && request.rawHeader("Content-Type").isEmpty())
            request.setRawHeader("Content-Type", "application/json");
        QNetworkReply* reply = m_nam.sendCustomRequest(request, method, body);
        if (!reply->isFinished()) {
            QSignalSpy spy(reply, &QNetworkReply::finished);
            spy.wait(10000);
        }
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.error = reply->error();
        r.headers = reply->rawHeaderPairs();
        r.body = reply->readAll();
        delete reply;
        return r;
    }
    Reply get(const QString& url, const QList<QPair<QByteArray, QByteArray>>& headers = {}) {
        return send("GET", url, headers);
    }
    Reply postForm(const QString& url, const QUrlQuery& form,
                   QList<QPair<QByteArray, QByteArray>> headers = {}) {
        headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/x-www-form-urlencoded")));
        return send("POST", url, headers, form.toString(QUrl::FullyEncoded).toUtf8());
    }

private:
    QNetworkAccessManager m_nam;
};

inline QByteArray bearer(const QString& token) {
    return "Bearer " + token.toLatin1();
}

/// Runs the browser step of the authorize page: log in as demo/demo and allow (or deny).
/// Returns the redirect's query, or an empty query when there was no redirect.
inline QUrlQuery authorize(Client& client, const QString& authorizeUrl, const QUrlQuery& params,
                           bool allow = true) {
    QUrlQuery form = params;
    form.addQueryItem(QStringLiteral("username"), QStringLiteral("demo"));
    form.addQueryItem(QStringLiteral("password"), QStringLiteral("demo"));
    form.addQueryItem(QStringLiteral("decision"),
                      allow ? QStringLiteral("allow") : QStringLiteral("deny"));
    const Reply r = client.postForm(authorizeUrl, form);
    if (r.status != 302)
        return {};
    return QUrlQuery(QUrl(QString::fromUtf8(r.header("Location"))).query());
}

/// A loopback webhook receiver that answers with a programmable status.
class Receiver {
public:
    Receiver() {
        (void)m_server.start({}, [this](const httpserver::Request& r, auto responder) {
            int status;
            {
                QMutexLocker lock(&m_mutex);
                m_requests.append(r);
                status = m_status;
            }
            responder->respond(httpserver::Response::text(status, "ok"));
        });
    }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1/hook").arg(m_server.port()); }
    void setStatus(int status) {
        QMutexLocker lock(&m_mutex);
        m_status = status;
    }
    QList<httpserver::Request> requests() {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }
    int count() {
        QMutexLocker lock(&m_mutex);
        return int(m_requests.size());
    }

private:
    httpserver::HttpServer m_server;
    QMutex m_mutex;
    QList<httpserver::Request> m_requests;
    int m_status = 200;
};

} // namespace bk::sandbox::test
