#pragma once

#include "ConnectorCatalog.h"
#include "Result.h"
#include "Workspace.h"
#include "engine/Snapshots.h"

#include <functional>
#include <memory>

#include <QObject>

namespace bk {
class Clock;
namespace store {
class Database;
}
namespace webhooks {
class EventProcessor;
class Inbox;
class InboxProcessor;
class LagMonitor;
class LagTracker;
class WebhookListener;
struct LagAlert;
} // namespace webhooks

/// The engine's webhook path: listener → durable inbox → processor → sync work, with lag
/// tracking. Owns the webhooks module's parts and their start/stop order.
class WebhookIntake {
public:
    struct Hooks {
        /// Turns one event into work and returns when that work is done (processor thread).
        webhooks::EventProcessor* processor = nullptr;
        /// New lag samples (one per connector per minute).
        std::function<void(const QList<LagSample>&)> samples;
        /// Lag alerts raised or cleared.
        std::function<void(const webhooks::LagAlert&)> alert;
    };

    WebhookIntake(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock, QString owner);
    ~WebhookIntake(); ///< stop()

    /// Starts inbox, processor and lag monitor (monitorContext: a QObject on a thread with an
    /// event loop, where the minute ticks run), then the listener with the secrets given.
    Status start(const Workspace& ws, const ConnectorCatalog& catalog,
                 const std::function<QList<QByteArray>(const QString&)>& secretsFor, Hooks hooks,
                 QObject* monitorContext);
    void stop();
    quint16 port() const;

private:
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    QString m_owner;
    std::unique_ptr<webhooks::Inbox> m_inbox;
    std::unique_ptr<webhooks::WebhookListener> m_listener;
    std::unique_ptr<webhooks::InboxProcessor> m_processor;
    std::unique_ptr<webhooks::LagTracker> m_tracker;
    webhooks::LagMonitor* m_monitor = nullptr; ///< lives on the monitor context's thread
};

} // namespace bk
