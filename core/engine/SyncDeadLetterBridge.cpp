#include "engine/SyncDeadLetterBridge.h"

#include "deadletters/DeadLetterStore.h"

using namespace Qt::StringLiterals;

namespace bk {

SyncDeadLetterBridge::SyncDeadLetterBridge(std::shared_ptr<deadletters::DeadLetterStore> store,
                                           std::function<void(qint64)> added)
    : m_store(std::move(store))
    , m_added(std::move(added)) {}

Status SyncDeadLetterBridge::add(const sync::FailedOperation& f) {
    http::Request request;
    request.method = f.method.isEmpty() ? QByteArray("POST") : f.method;
    request.url = QUrl(f.url);
    request.body = f.body;
    request.connectorId = f.connectorId;
    request.flowId = f.flowId;
    request.recordIds = {f.sourceId};
    http::Outcome outcome;
    outcome.cls =
        f.errorClass == u"invalid"_s ? http::OutcomeClass::Invalid : http::OutcomeClass::Permanent;
    outcome.status = f.httpStatus;
    outcome.reason = f.reason;
    // One dead letter per flow, record and error: a re-run that fails the same way finds it.
    const QString key = u"sync|%1|%2|%3"_s.arg(f.flowId, f.sourceId, f.errorClass);
    auto id = m_store->deadLetter(request, outcome, key);
    if (!id)
        return id.error();
    if (m_added)
        m_added(*id);
    return Status::success();
}

} // namespace bk
