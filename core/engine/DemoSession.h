#pragma once

#include "Result.h"

#include <memory>

#include <QObject>
#include <QString>

namespace bk {
class Clock;
namespace sandbox {
class Sandbox;
}

/// `bridgekeeper --demo`: starts the API sandbox in-process on an accelerated clock, writes a
/// demo workspace wired to it (fresh store, encrypted-db secrets with a generated key),
/// provisions client secrets, webhook secrets and tokens as an admin would, and — once the
/// engine runs — scripts the incidents a newcomer should see in the first minute: a token
/// refreshed before it expires, a 429 burst, an outage that opens a circuit and recovers,
/// records that fail validation, and duplicate webhooks.
class DemoSession : public QObject {
    Q_OBJECT
public:
    /// speed: how much faster than real time the demo runs (10: a 10-minute token lasts 60 s).
    explicit DemoSession(QString dataDir, double speed = 10.0, QObject* parent = nullptr);
    ~DemoSession() override;

    /// Asynchronous: emits ready(workspacePath) or failed(message).
    void start();
    /// Schedules the scripted incidents (call once the engine has started).
    void scriptIncidents();
    /// Size of each vendor's main collection (call before start(); benchmarks use thousands).
    void setRecordsPerVendor(int records) { m_recordsPerVendor = records; }

    std::shared_ptr<Clock> clock() const { return m_clock; }
    sandbox::Sandbox* sandbox() const { return m_sandbox.get(); }
    QString workspacePath() const { return m_workspacePath; }

Q_SIGNALS:
    void ready(const QString& workspacePath);
    void failed(const QString& message);
    /// A scripted incident began (for the console's event list and the log).
    void incident(const QString& description);

private:
    Status writeWorkspace(quint16 webhookPort);
    void provision();

    QString m_dir;
    std::shared_ptr<Clock> m_clock;
    std::unique_ptr<sandbox::Sandbox> m_sandbox;
    QString m_workspacePath;
    int m_recordsPerVendor = 400;
};

} // namespace bk
