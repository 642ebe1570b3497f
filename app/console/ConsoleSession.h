#pragma once

#include "Result.h"

#include <memory>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QWidget>

namespace bk {
class Clock;
class DemoSession;
class Engine;
namespace store {
class Database;
}
namespace ui {
class MainWindow;
}

/// Runs an engine inside the console for the workspace the window shows: loads and opens the
/// store off the GUI thread, starts the engine, attaches it to the window, and stops it when
/// the console closes. In demo mode it first starts the sandbox and the demo workspace.
class ConsoleSession : public QObject {
    Q_OBJECT
public:
    ConsoleSession(QString dataDir, ui::MainWindow* window, std::shared_ptr<Clock> clock,
                   QObject* parent = nullptr);
    ~ConsoleSession() override;

    /// Opens path in the window and starts its engine.
    void open(const QString& path);
    /// Starts the sandbox-backed demo, then opens it.
    void openDemo(DemoSession* demo);
    void stop();
    /// Opens the embedded-browser re-authorisation of connectorId.
    void reauthorise(const QString& connectorId);
    /// The running engine, null before it started (tests wait on its state).
    Engine* engine() const { return m_engine.get(); }
    /// Help ▸ Export support bundle…: the bundle dialog on this engine's store and secrets.
    void exportSupportBundle();
    /// File ▸ Import definitions…: the import dialog for the open workspace.
    void importDefinitions();

Q_SIGNALS:
    void engineStarted();
    void engineFailed(const QString& message);

private:
    void startEngine(const QString& path);
    void report(const QString& message);

    QString m_dataDir;
    ui::MainWindow* m_window;
    std::shared_ptr<Clock> m_clock;
    DemoSession* m_demo = nullptr;
    std::unique_ptr<Engine> m_engine;
    std::shared_ptr<store::Database> m_db; ///< the running engine's store
    QString m_keychainHealth;
    QPointer<QWidget> m_deadLetterPage;
    QPointer<QWidget> m_reconcilePage;
    QPointer<QWidget> m_fleetPage; ///< fleet mode (PostgreSQL store) only
    QPointer<QObject> m_relay;     ///< the store's snapshots for the window, fleet mode only
    quint64 m_generation = 0;
};

} // namespace bk
