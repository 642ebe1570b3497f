#pragma once

#include "Clock.h"
#include "WorkspaceLoadJob.h"
#include "engine/EngineApi.h"

#include <functional>
#include <memory>

#include <QMainWindow>

class QLabel;
class QMenu;
class QTabWidget;

namespace bk::ui {

class AlertHistoryPage;
class DashboardPage;
class EventLogModel;
class LogModel;
class RetryPreviewWidget;
class StoreStatusBanner;
class Ticker;
class TrayController;
class WorkspaceOverview;

/// The console's main window: the live dashboard, the alert history, the retry-schedule
/// preview, the workspace as configured, and the log. It shows whatever the attached
/// engine publishes (EngineSignals) and sends operator commands through EngineCommands.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QString dataDir, QWidget* parent = nullptr);
    /// clock is the source of "now" for every countdown (tests pass a ManualClock).
    MainWindow(QString dataDir, std::shared_ptr<Clock> clock, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Starts loading path in the background; the window stays responsive meanwhile.
    void openWorkspace(const QString& path);
    /// The workspace currently shown, if any.
    const Workspace* currentWorkspace() const;

    /// Shows what engineSignals publishes and sends commands to commands. Either may be
    /// null (detached); neither is owned and both must outlive the window or be detached.
    void attachEngine(EngineSignals* engineSignals, EngineCommands* commands);
    /// Called with a connector id when the operator clicks Re-authorise….
    void setReauthoriseHook(std::function<void(const QString& connectorId)> hook);
    /// Polled every 30 s (and once at once) for the status bar's keychain line.
    void setKeychainHealthHook(std::function<QString()> hook);
    /// Adds a page (e.g. the dead-letter editor) as a tab after the dashboard pages.
    int addPage(QWidget* page, const QString& title);

    DashboardPage* dashboard() const { return m_dashboard; }
    EventLogModel* alertModel() const { return m_alerts; }
    TrayController* tray() const { return m_tray; }
    StoreStatusBanner* storeBanner() const { return m_storeBanner; }
    RetryPreviewWidget* retryPreview() const { return m_retryPreview; }
    QTabWidget* pages() const { return m_pages; }

    /// Whether opened workspaces go to the recent list that the next start reopens
    /// (off for the demo: its workspace only works with its in-process sandbox).
    void setRememberRecent(bool remember) { m_rememberRecent = remember; }
    /// Opens File ▸ Settings… (window-modal).
    void showSettings();

Q_SIGNALS:
    void workspaceOpened(const QString& path);
    void workspaceFailed(const QString& message);
    /// File ▸ Import definitions… and Help ▸ Export support bundle…: the session that owns
    /// the engine answers them (they need its store and secret store).
    void importRequested();
    void supportBundleRequested();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void chooseWorkspace();
    void rebuildRecentMenu();
    void showOpened(const OpenedWorkspace& opened);
    void showFailure(const QString& message);
    void updateTray();
    void onTick(qint64 nowMs);
    void pollKeychain();
    void showStoreStatus(const StoreStatus& status);

    QString m_dataDir;
    std::shared_ptr<Clock> m_clock;
    std::optional<OpenedWorkspace> m_opened;
    QTabWidget* m_pages;
    DashboardPage* m_dashboard;
    EventLogModel* m_alerts;
    AlertHistoryPage* m_alertPage;
    RetryPreviewWidget* m_retryPreview;
    WorkspaceOverview* m_overview;
    LogModel* m_logModel;
    TrayController* m_tray;
    Ticker* m_ticker;
    StoreStatusBanner* m_storeBanner;
    QLabel* m_storeLabel;
    QString m_storeName; ///< the store as the workspace names it
    QLabel* m_engineLabel;
    QLabel* m_keychainLabel;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_trayMenu = nullptr;
    std::function<QString()> m_keychainHook;
    qint64 m_lastKeychainPollMs = -1;
    QMetaObject::Connection m_alertConnection;
    QMetaObject::Connection m_storeConnection;
    quint64 m_loadGeneration = 0;
    bool m_notify = true; ///< desktop notifications (Settings)
    bool m_rememberRecent = true;
};

} // namespace bk::ui
