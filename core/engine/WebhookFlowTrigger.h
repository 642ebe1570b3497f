#pragma once

#include "webhooks/InboxProcessor.h"

#include <functional>

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

private:
    Trigger m_trigger;
    qint64 m_timeoutMs;
};

} // namespace bk
