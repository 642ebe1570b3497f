#include "engine/WebhookIntake.h"

#include "Clock.h"
#include "LogCategories.h"
#include "webhooks/Inbox.h"
#include "webhooks/InboxProcessor.h"
#include "webhooks/LagMonitor.h"
#include "webhooks/LagTracker.h"
#include "webhooks/WebhookListener.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace bk {

WebhookIntake::WebhookIntake(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                             QString owner)
    : m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_owner(std::move(owner)) {}

WebhookIntake::~WebhookIntake() {
    stop();
}

Status WebhookIntake::start(const Workspace& ws, const ConnectorCatalog& catalog,
                            const std::function<QList<QByteArray>(const QString&)>& secretsFor,
                            Hooks hooks, QObject* monitorContext) {
    m_inbox = std::make_unique<webhooks::Inbox>(m_db, m_clock, ws.webhooks.dedupRetentionMs);
    if (auto st = m_inbox->start(); !st)
        return st;

    webhooks::ProcessorOptions options;
    options.owner = m_owner;
    options.groupCommit = m_inbox.get(); // done marks and claims share the inbox's syncs
    m_processor = std::make_unique<webhooks::InboxProcessor>(m_db, m_clock, hooks.processor,
                                                             webhooks::FailureHandler{}, options);
    webhooks::LagOptions lagOptions;
    lagOptions.lagAlertMs = ws.webhooks.lagAlertMs;
    m_tracker = std::make_unique<webhooks::LagTracker>(lagOptions);
    if (auto st = m_tracker->load(*m_db, m_clock->nowMs()); !st)
        return st;
    if (hooks.alert)
        m_tracker->setAlertHandler(hooks.alert);
    m_processor->setProcessedListener([tracker = m_tracker.get()](const webhooks::InboxEvent& e) {
        tracker->recordProcessed(e.connectorId, e.occurredMs, e.receivedMs, e.processedMs);
    });
    // Stored events wake the processor at once instead of waiting for its next poll.
    m_inbox->setStoredListener([processor = m_processor.get()](int) { processor->wake(); });
    if (auto st = m_processor->start(); !st)
        return st;

    // The monitor lives on monitorContext's thread. It is handed over without waiting for
    // that thread: the caller may be the console's GUI thread, and monitorContext's thread
    // may be queued behind the store's write lock for seconds during a bulk sync. Its start
    // (reading the lag series) runs there; stop() deletes it there after that start.
    m_monitor = new webhooks::LagMonitor(m_db, m_clock, m_tracker.get());
    m_monitor->setSamplesListener(hooks.samples);
    m_monitor->moveToThread(monitorContext->thread());
    QMetaObject::invokeMethod(
        m_monitor,
        [m = m_monitor, context = QPointer<QObject>(monitorContext)] {
            if (context)
                m->setParent(context); // same thread now
            if (const Status st = m->start(); !st)
                qCWarning(lcWebhooks).noquote()
                    << "webhook lag monitor not started:" << st.error().message;
        },
        Qt::QueuedConnection);

    m_listener = std::make_unique<webhooks::WebhookListener>(ws.webhooks, m_clock, m_inbox.get());
    if (auto st = m_listener->addWorkspaceConnectors(ws, catalog, secretsFor); !st)
        return st;
    if (auto st = m_listener->start(); !st) {
        // TLS file problems already name their field ($.webhooks.tlsCert / tlsKey).
        const QString& why = st.error().message;
        return Error{st.error().category,
                     why.startsWith(u"$."_s)
                         ? u"%1: %2"_s.arg(ws.filePath, why)
                         : u"%1: $.webhooks.listen: %2"_s.arg(ws.filePath, why)};
    }
    return Status::success();
}

void WebhookIntake::stop() {
    // Stop taking requests first, then finish what was accepted, then the store writer.
    if (m_listener)
        m_listener->stop();
    if (m_processor)
        m_processor->stop();
    if (m_inbox)
        m_inbox->stop();
    if (m_monitor) {
        QMetaObject::invokeMethod(
            m_monitor, [m = m_monitor] { delete m; }, Qt::BlockingQueuedConnection);
        m_monitor = nullptr;
    }
    m_listener.reset();
    m_processor.reset();
    m_inbox.reset();
}

quint16 WebhookIntake::port() const {
    return m_listener ? m_listener->port() : 0;
}

} // namespace bk
