#pragma once

#include "WorkspaceLoadJob.h"

#include <QMainWindow>

class QLabel;
class QMenu;

namespace bk::ui {

class LogModel;
class WorkspaceOverview;

/// The console's main window: the open workspace, its connectors and flows, and the log.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QString dataDir, QWidget* parent = nullptr);

    /// Starts loading path in the background; the window stays responsive meanwhile.
    void openWorkspace(const QString& path);
    /// The workspace currently shown, if any.
    const Workspace* currentWorkspace() const;

Q_SIGNALS:
    void workspaceOpened(const QString& path);
    void workspaceFailed(const QString& message);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void chooseWorkspace();
    void rebuildRecentMenu();
    void showOpened(const OpenedWorkspace& opened);
    void showFailure(const QString& message);

    QString m_dataDir;
    std::optional<OpenedWorkspace> m_opened;
    WorkspaceOverview* m_overview;
    LogModel* m_logModel;
    QLabel* m_storeLabel;
    QMenu* m_recentMenu = nullptr;
    quint64 m_loadGeneration = 0;
};

} // namespace bk::ui
