#include "engine/MetricsServer.h"

#include "engine/MetricsText.h"
#include "engine/SnapshotRecorder.h"
#include "httpserver/HttpServer.h"

using namespace Qt::StringLiterals;

namespace bk {

MetricsServer::MetricsServer(const SnapshotRecorder* recorder, std::function<qint64()> now,
                             std::function<QByteArray()> extraMetrics)
    : m_recorder(recorder)
    , m_now(std::move(now))
    , m_extra(std::move(extraMetrics))
    , m_server(std::make_unique<httpserver::HttpServer>()) {}

MetricsServer::~MetricsServer() = default;

Status MetricsServer::start(const ListenConfig& listen) {
    httpserver::ServerOptions options;
    options.address = listen.address;
    options.port = listen.port;
    options.threads = 1;
    options.maxConnections = 16;
    options.maxBodyBytes = 4096;
    return m_server->start(options, [this](const httpserver::Request& request,
                                           std::shared_ptr<httpserver::Responder> responder) {
        if (request.path != u"/metrics"_s) {
            responder->respond(httpserver::Response::text(404, "only /metrics is served here\n"));
            return;
        }
        if (request.method != "GET" && request.method != "HEAD") {
            responder->respond(httpserver::Response::text(405, "use GET\n"));
            return;
        }
        QByteArray body = renderPrometheus(m_recorder->current(), m_now());
        if (m_extra)
            body += m_extra();
        httpserver::Response response;
        response.status = 200;
        response.headers.append(qMakePair(QByteArray("Content-Type"),
                                          QByteArray("text/plain; version=0.0.4; charset=utf-8")));
        response.body = body;
        responder->respond(std::move(response));
    });
}

quint16 MetricsServer::port() const {
    return m_server->port();
}

} // namespace bk
