#pragma once

// A scriptable API on a real loopback socket (bk::httpserver::HttpServer) for pipeline tests:
// answers come from a handler that sees each request; every request is recorded.

#include "httpserver/HttpServer.h"

#include <functional>

#include <QMutex>
#include <QUrl>

namespace bk::testing {

class LoopbackApi {
public:
    using Handler = std::function<httpserver::Response(const httpserver::Request&)>;
    static constexpr int kDrop = -1; ///< a Response with this status closes the socket unanswered

    explicit LoopbackApi(Handler handler = {}) { setHandler(std::move(handler)); }

    bool start() {
        httpserver::ServerOptions o;
        o.threads = 2;
        return m_server
            .start(o,
                   [this](const httpserver::Request& r,
                          std::shared_ptr<httpserver::Responder> responder) {
                       httpserver::Response resp;
                       {
                           QMutexLocker lock(&m_mutex);
                           m_requests.append(r);
                           resp = m_handler ? m_handler(r) : httpserver::Response::json(200, "{}");
                       }
                       if (resp.status == kDrop)
                           responder->dropConnection();
                       else
                           responder->respond(resp);
                   })
            .ok();
    }

    QUrl url(const QString& path) const {
        QUrl u;
        u.setScheme(QStringLiteral("http"));
        u.setHost(QStringLiteral("127.0.0.1"));
        u.setPort(m_server.port());
        u.setPath(path);
        return u;
    }

    void setHandler(Handler handler) {
        QMutexLocker lock(&m_mutex);
        m_handler = std::move(handler);
    }
    int hits() const {
        QMutexLocker lock(&m_mutex);
        return int(m_requests.size());
    }
    int hits(const QString& path) const {
        QMutexLocker lock(&m_mutex);
        int n = 0;
        for (const auto& r : m_requests)
            n += r.path == path ? 1 : 0;
        return n;
    }
    QList<httpserver::Request> requests() const {
        QMutexLocker lock(&m_mutex);
        return m_requests;
    }

private:
    mutable QMutex m_mutex;
    Handler m_handler;
    QList<httpserver::Request> m_requests;
    httpserver::HttpServer m_server;
};

/// A queue of canned answers, the last one repeating.
inline LoopbackApi::Handler sequence(QList<httpserver::Response> answers) {
    auto shared = std::make_shared<QList<httpserver::Response>>(std::move(answers));
    return [shared](const httpserver::Request&) {
        if (shared->size() > 1)
            return shared->takeFirst();
        return shared->first();
    };
}

inline httpserver::Response answer(int status, QByteArray body = "{}",
                                   QList<QPair<QByteArray, QByteArray>> headers = {}) {
    httpserver::Response r = httpserver::Response::json(status, body);
    r.headers += headers;
    return r;
}

} // namespace bk::testing
