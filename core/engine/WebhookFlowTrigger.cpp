#include "engine/WebhookFlowTrigger.h"

#include <memory>

#include <QMutex>
#include <QWaitCondition>

using namespace Qt::StringLiterals;

namespace bk {

WebhookFlowTrigger::WebhookFlowTrigger(Trigger trigger, qint64 timeoutMs)
    : m_trigger(std::move(trigger))
    , m_timeoutMs(timeoutMs) {}

Status WebhookFlowTrigger::process(const webhooks::InboxEvent& event) {
    struct Outcome {
        bool done = false;
        Status status;
    };
    auto outcome = std::make_shared<Outcome>();
    {
        QMutexLocker lock(&m_mutex);
        if (m_cancelled)
            return Error{ErrorCategory::Transient, u"the engine is stopping"_s};
    }
    m_trigger(event.connectorId, [this, outcome](Status st) {
        QMutexLocker lock(&m_mutex);
        outcome->status = std::move(st);
        outcome->done = true;
        m_wake.wakeAll();
    });
    QMutexLocker lock(&m_mutex);
    QDeadlineTimer deadline(m_timeoutMs);
    while (!outcome->done) {
        if (m_cancelled)
            return Error{ErrorCategory::Transient, u"the engine is stopping"_s};
        if (!m_wake.wait(&m_mutex, deadline))
            return Error{ErrorCategory::Transient,
                         u"the sync run for this event did not finish within %1 s; retrying"_s.arg(
                             m_timeoutMs / 1000)};
    }
    return outcome->status;
}

void WebhookFlowTrigger::cancel() {
    QMutexLocker lock(&m_mutex);
    m_cancelled = true;
    m_wake.wakeAll();
}

} // namespace bk
