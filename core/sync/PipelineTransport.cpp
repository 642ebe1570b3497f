#include "PipelineTransport.h"

#include "http/Pipeline.h"

using namespace Qt::StringLiterals;

namespace bk::sync {

namespace {

ApiOutcome convert(const http::Outcome& o) {
    ApiOutcome a;
    a.status = o.status;
    a.headers = o.headers;
    a.body = o.body;
    a.deadLettered = o.deadLetterId != 0;
    switch (o.cls) {
    case http::OutcomeClass::Success:
        break;
    case http::OutcomeClass::Permanent:
        a.error = Error{ErrorCategory::Permanent, o.reason};
        break;
    case http::OutcomeClass::Invalid:
        a.error = Error{ErrorCategory::Invalid, o.reason};
        break;
    case http::OutcomeClass::RateLimited:
        a.error = Error{ErrorCategory::RateLimited, o.reason};
        break;
    case http::OutcomeClass::Transient:
        a.error = Error{ErrorCategory::Transient, o.reason};
        break;
    case http::OutcomeClass::Network:
        a.error = Error{ErrorCategory::Network, o.reason};
        break;
    case http::OutcomeClass::Auth:
        a.error = Error{ErrorCategory::Auth, o.reason};
        break;
    }
    return a;
}

} // namespace

PipelineTransport::PipelineTransport(http::Pipeline* pipeline, QString flowId, QObject* parent)
    : QObject(parent)
    , m_pipeline(pipeline)
    , m_connectorId(pipeline ? pipeline->config().connectorId : QString())
    , m_flowId(std::move(flowId)) {}

void PipelineTransport::send(const ApiRequest& request, QObject* context,
                             std::function<void(ApiOutcome)> done) {
    http::Request r;
    r.method = request.method;
    r.url = request.url;
    r.headers = request.headers;
    if (!request.body.isEmpty())
        r.headers.push_back({"Content-Type", "application/json"});
    r.body = request.body;
    r.connectorId = m_connectorId;
    // The writer names its flow, so a dead letter from a flow's write carries it even when
    // this transport is shared by every flow of the connector.
    r.flowId = request.flowId.isEmpty() ? m_flowId : request.flowId;
    if (!request.sourceId.isEmpty())
        r.recordIds = request.sourceId.split(u',');
    r.idempotencyKey = request.idempotencyKey;
    // A flow redoes its page in hand after a crash (run state, creates in doubt), so a dead
    // engine's outbox copy of this call must not be sent again as well.
    r.callerRedoes = true;
    QPointer<QObject> ctx = context;
    QPointer<PipelineTransport> self = this;
    // Outcomes come back through this object (same thread as the caller), then to context.
    auto deliver = [self, ctx, done](ApiOutcome a) {
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [ctx, done, a] {
                if (ctx)
                    done(a);
            },
            Qt::QueuedConnection);
    };
    http::Pipeline* p = m_pipeline.data();
    if (!p) {
        ApiOutcome a;
        a.error = Error{ErrorCategory::Internal, u"the connector's pipeline is gone"_s};
        deliver(a);
        return;
    }
    QMetaObject::invokeMethod(
        p,
        [calls = m_calls, p, r, deliver] {
            auto id = p->send(r, p, [calls, deliver](const http::Outcome& o) {
                *calls += quint64(std::max<qsizetype>(1, o.attempts.size()));
                deliver(convert(o));
            });
            if (!id) {
                ApiOutcome a;
                a.error = id.error();
                deliver(a);
            }
        },
        Qt::QueuedConnection);
}

} // namespace bk::sync
