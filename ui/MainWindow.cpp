#include "MainWindow.h"

#include "LogModel.h"
#include "Logging.h"
#include "Version.h"
#include "WorkspaceOverview.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>

namespace bk::ui {

namespace {
constexpr int kMaxRecent = 8;
const QString kRecentKey = QStringLiteral("workspaces/recent");
} // namespace

MainWindow::MainWindow(QString dataDir, QWidget* parent)
    : QMainWindow(parent)
    , m_dataDir(std::move(dataDir))
    , m_overview(new WorkspaceOverview(this))
    , m_logModel(new LogModel(logRing(), this))
    , m_storeLabel(new QLabel(this)) {
    setWindowTitle(tr("Bridgekeeper"));
    setCentralWidget(m_overview);

    auto* logView = new QTableView(this);
    logView->setModel(m_logModel);
    logView->verticalHeader()->hide();
    logView->horizontalHeader()->setStretchLastSection(true);
    logView->setSelectionBehavior(QAbstractItemView::SelectRows);
    logView->setWordWrap(false);
    logView->setAccessibleName(tr("Log"));
    connect(m_logModel, &QAbstractItemModel::rowsInserted, logView,
            [logView] { logView->scrollToBottom(); });
    auto* logDock = new QDockWidget(tr("Log"), this);
    logDock->setObjectName(QStringLiteral("logDock"));
    logDock->setWidget(logView);
    addDockWidget(Qt::BottomDockWidgetArea, logDock);

    statusBar()->addPermanentWidget(m_storeLabel);
    createMenus();

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1200, 800);
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Bridgekeeper"), this, [this] {
        QMessageBox::about(this, tr("About Bridgekeeper"),
                           tr("<b>Bridgekeeper %1</b><p>Operations console for business-API "
                              "integrations.</p>")
                               .arg(QStringLiteral(BK_VERSION)));
    });
}

void MainWindow::chooseWorkspace() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), QString(),
                                                      tr("Workspace files (*.json)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent)
        m_recentMenu
            ->addAction(QFileInfo(path).fileName(), this, [this, path] { openWorkspace(path); })
            ->setToolTip(path);
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::openWorkspace(const QString& path) {
    const quint64 generation = ++m_loadGeneration;
    statusBar()->showMessage(tr("Opening %1…").arg(path));
    auto* watcher = new QFutureWatcher<Result<OpenedWorkspace>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_loadGeneration)
            return; // a later open superseded this one
        const auto result = watcher->result();
        if (result)
            showOpened(*result);
        else
            showFailure(result.error().message);
    });
    watcher->setFuture(loadWorkspaceAsync(path, m_dataDir));
}

const Workspace* MainWindow::currentWorkspace() const {
    return m_opened ? &m_opened->workspace : nullptr;
}

void MainWindow::showOpened(const OpenedWorkspace& opened) {
    m_opened = opened;
    m_overview->showWorkspace(opened.workspace, opened.catalog);
    setWindowTitle(tr("%1 — Bridgekeeper").arg(opened.workspace.name));
    m_storeLabel->setText(opened.database->describe());
    statusBar()->showMessage(tr("Workspace opened"), 5000);

    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(opened.workspace.filePath);
    recent.prepend(opened.workspace.filePath);
    settings.setValue(kRecentKey, recent.mid(0, kMaxRecent));
    rebuildRecentMenu();
    Q_EMIT workspaceOpened(opened.workspace.filePath);
}

void MainWindow::showFailure(const QString& message) {
    statusBar()->showMessage(tr("Could not open the workspace"), 10000);
    qWarning().noquote() << message;
    Q_EMIT workspaceFailed(message);
    if (!qEnvironmentVariableIsSet("BK_NO_DIALOGS"))
        QMessageBox::warning(this, tr("Could not open the workspace"), message);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    event->accept();
}

} // namespace bk::ui
