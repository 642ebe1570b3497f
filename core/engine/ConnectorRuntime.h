#pragma once

#include "ConnectorCatalog.h"
#include "Workspace.h"
#include "engine/Snapshots.h"

#include <memory>

#include <QObject>
#include <QThread>

namespace bk {
class Clock;
namespace store {
class Database;
}
namespace alerts {
class AlertRouter;
}
namespace auth {
class SecretStore;
class TokenVault;
} // namespace auth
namespace http {
class DeadLetterSink;
class Pipeline;
} // namespace http

/// One connector's live parts — its token vault and request pipeline — on a thread of its
/// own, so a slow or failing API never holds up another connector or the GUI.
class ConnectorRuntime : public QObject {
    Q_OBJECT
public:
    struct Parts {
        ConnectorConfig connector;
        QJsonObject definition;
        std::shared_ptr<Clock> clock;
        std::shared_ptr<store::Database> db;
        std::shared_ptr<auth::SecretStore> secrets;
        std::shared_ptr<alerts::AlertRouter> alerts;
        std::shared_ptr<http::DeadLetterSink> deadLetters;
        QString owner; ///< engine id, for outbox leases
    };

    explicit ConnectorRuntime(Parts parts);
    ~ConnectorRuntime() override; ///< stops the thread after tearing the parts down on it

    /// Starts the thread and builds the vault and pipeline on it. Returns once they exist.
    Status start();

    const QString& connectorId() const { return m_parts.connector.id; }
    /// Lives on this runtime's thread: call it there (QMetaObject::invokeMethod).
    http::Pipeline* pipeline() const { return m_pipeline; }
    auth::TokenVault* vault() const { return m_vault.get(); }
    QThread* thread() const { return m_thread.get(); }

    /// Runs fn on the runtime's thread.
    void post(std::function<void()> fn);

Q_SIGNALS:
    void healthChanged(const bk::ConnectorHealth& health);
    void gaugesChanged(const QList<bk::RateGauge>& gauges);
    void tokenStateChanged(const bk::TokenState& state);
    void event(const bk::EngineEvent& event);
    void deadLettered(qint64 id, const QString& reason);

private:
    Status build();
    void teardown();

    Parts m_parts;
    std::unique_ptr<QThread> m_thread;
    QObject* m_home = nullptr; ///< lives on m_thread; parent of the parts
    std::shared_ptr<auth::TokenVault> m_vault;
    http::Pipeline* m_pipeline = nullptr;
};

} // namespace bk
