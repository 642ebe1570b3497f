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
    struct Wait {
        QMutex mutex;
        QWaitCondition cond;
        bool done = false;
        Status status;
    };
    auto wait = std::make_shared<Wait>();
    m_trigger(event.connectorId, [wait](Status st) {
        QMutexLocker lock(&wait->mutex);
        wait->status = std::move(st);
        wait->done = true;
        wait->cond.wakeAll();
    });
    QMutexLocker lock(&wait->mutex);
    QDeadlineTimer deadline(m_timeoutMs);
    while (!wait->done)
        if (!wait->cond.wait(&wait->mutex, deadline))
            return Error{ErrorCategory::Transient,
                         u"the sync run for this event did not finish within %1 s; retrying"_s.arg(
                             m_timeoutMs / 1000)};
    return wait->status;
}

} // namespace bk
