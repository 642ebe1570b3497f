#pragma once

#include "Result.h"
#include "Workspace.h"

#include <functional>
#include <memory>

namespace bk::httpserver {
class HttpServer;
}

namespace bk {

class SnapshotRecorder;

/// Serves GET /metrics (Prometheus text) from the engine's latest snapshots on a loopback
/// port (the workspace's `metrics.listen`). Extra lines (lease counts, …) come from
/// extraMetrics, called on the server's thread.
class MetricsServer {
public:
    MetricsServer(const SnapshotRecorder* recorder, std::function<qint64()> now,
                  std::function<QByteArray()> extraMetrics = {});
    ~MetricsServer();

    Status start(const ListenConfig& listen);
    quint16 port() const;

private:
    const SnapshotRecorder* m_recorder;
    std::function<qint64()> m_now;
    std::function<QByteArray()> m_extra;
    std::unique_ptr<httpserver::HttpServer> m_server;
};

} // namespace bk
