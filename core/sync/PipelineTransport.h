#pragma once

#include "Transport.h"

#include <atomic>
#include <memory>

#include <QObject>
#include <QPointer>

namespace bk::http {
class Pipeline;
}

namespace bk::sync {

/// The sync engine's Transport over core/http's Pipeline: rate-limit ledger, auth, retries,
/// breaker, status page, outbox and dead letters all happen there. The pipeline may live on
/// another thread (its connector runtime); requests are posted to it and outcomes come back
/// to the caller's thread. Failed writes arrive already dead-lettered (deadLettered = true).
class PipelineTransport final : public QObject, public Transport {
    Q_OBJECT
public:
    PipelineTransport(http::Pipeline* pipeline, QString flowId, QObject* parent = nullptr);

    void send(const ApiRequest& request, QObject* context,
              std::function<void(ApiOutcome)> done) override;
    quint64 callCount() const override { return m_calls->load(); }

private:
    QPointer<http::Pipeline> m_pipeline;
    QString m_connectorId;
    QString m_flowId;
    std::shared_ptr<std::atomic<quint64>> m_calls = std::make_shared<std::atomic<quint64>>(0);
};

} // namespace bk::sync
