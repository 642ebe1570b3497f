#pragma once

#include "webhooks/InboxProcessor.h"

#include <functional>

#include <QMutex>
#include <QWaitCondition>

namespace bk {

/// Turns a webhook event into sync work: asks the engine to run the flows whose source is the
/// event's connector and waits (on the processor's worker thread, never the GUI thread) until
/// a run that started after the event has finished, so the event is marked done only when
/// its change is synced. The delta run fetches the current record from the source, which
/// covers thin (notify-then-fetch) and stale payloads alike.
class WebhookFlowTrigger final : public webhooks::EventProcessor {
public:
    /// Requests the runs; calls done(status) from any thread once they finished.
    using Trigger =
        std::function<void(const QString& connectorId, std::function<void(Status)> done)>;

    WebhookFlowTrigger(Trigger trigger, qint64 timeoutMs);
    Status process(const webhooks::InboxEvent& event) override;
    /// Releases every waiting process() call with a transient error (engine shutdown): the
    /// events stay in the inbox and are processed after the next start.
    void cancel();

private:
    Trigger m_trigger;
    qint64 m_timeoutMs;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_cancelled = false;
};

} // namespace bk
