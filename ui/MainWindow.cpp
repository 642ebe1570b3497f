#include "MainWindow.h"

#include "AlertHistoryPage.h"
#include "ConnectorStatusModel.h"
#include "DashboardPage.h"
#include "EventLogModel.h"
#include "HealthStyle.h"
#include "LogModel.h"
#include "Logging.h"
#include "RetryPreviewWidget.h"
#include "SettingsDialog.h"
#include "StoreStatusBanner.h"
#include "Ticker.h"
#include "TrayController.h"
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
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {
constexpr int kMaxRecent = 8;
constexpr qint64 kKeychainPollMs = 30'000;
const QString kRecentKey = QStringLiteral("workspaces/recent");
} // namespace

MainWindow::MainWindow(QString dataDir, QWidget* parent)
    : MainWindow(std::move(dataDir), makeSystemClock(), parent) {}

MainWindow::MainWindow(QString dataDir, std::shared_ptr<Clock> clock, QWidget* parent)
    : QMainWindow(parent)
    , m_dataDir(std::move(dataDir))
    , m_clock(std::move(clock))
    , m_pages(new QTabWidget(this))
    , m_dashboard(new DashboardPage(m_clock, this))
    , m_alerts(new EventLogModel(m_clock, 5000, u"warning"_s, this))
    , m_alertPage(new AlertHistoryPage(m_alerts, this))
    , m_retryPreview(new RetryPreviewWidget(m_clock, this))
    , m_overview(new WorkspaceOverview(this))
    , m_logModel(new LogModel(logRing(), this))
    , m_tray(new TrayController(m_clock, this))
    , m_ticker(new Ticker(m_clock, this))
    , m_storeBanner(new StoreStatusBanner(m_clock, this))
    , m_storeLabel(new QLabel(this))
    , m_engineLabel(new QLabel(this))
    , m_keychainLabel(new QLabel(this)) {
    setWindowTitle(tr("Bridgekeeper"));
    m_pages->setAccessibleName(tr("Pages"));
    m_pages->addTab(m_dashboard, tr("&Dashboard"));
    m_pages->addTab(m_alertPage, tr("&Alerts"));
    m_pages->addTab(m_retryPreview, tr("Retry &schedule"));
    m_pages->addTab(m_overview, tr("&Workspace"));
    m_pages->setDocumentMode(true);
    // The store banner sits above every page: an unreachable store concerns all of them.
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_storeBanner);
    centralLayout->addWidget(m_pages, 1);
    setCentralWidget(central);

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
    logDock->hide(); // View ▸ Log shows it; the dashboard needs the room

    m_engineLabel->setAccessibleName(tr("Engine connection"));
    m_keychainLabel->setAccessibleName(tr("Keychain health"));
    m_storeLabel->setAccessibleName(tr("Store"));
    statusBar()->addPermanentWidget(m_keychainLabel);
    statusBar()->addPermanentWidget(m_engineLabel);
    statusBar()->addPermanentWidget(m_storeLabel);
    m_keychainLabel->hide();
    createMenus();
    m_trayMenu = new QMenu(this);
    m_trayMenu->addAction(tr("Show &Bridgekeeper"), this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    m_trayMenu->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    m_tray->show(m_trayMenu);
    connect(m_tray, &TrayController::activated, this, [this] {
        showNormal();
        raise();
        activateWindow();
        m_pages->setCurrentWidget(m_alertPage);
    });

    connect(m_dashboard->connectorModel(), &ConnectorStatusModel::healthApplied, this,
            &MainWindow::updateTray);
    connect(m_dashboard->connectorModel(), &QAbstractItemModel::modelReset, this,
            &MainWindow::updateTray);
    connect(m_dashboard, &DashboardPage::commandSent, this,
            [this](const QString& what) { statusBar()->showMessage(what, 5000); });
    m_notify = settings::notificationsEnabled();
    connect(m_alerts, &EventLogModel::eventsAdded, this, [this](const QList<EngineEvent>& events) {
        if (!m_notify)
            return;
        for (const EngineEvent& e : events)
            m_tray->notify(e, m_dashboard->connectorModel()->connectorName(e.connectorId));
    });
    connect(m_ticker, &Ticker::tick, this, &MainWindow::onTick);
    m_ticker->start();
    attachEngine(nullptr, nullptr);

    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1400, 880);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    rebuildRecentMenu();
    file->addAction(tr("&Import Definitions…"), this, &MainWindow::importRequested);
    file->addSeparator();
    QAction* prefs = file->addAction(tr("&Settings…"), this, &MainWindow::showSettings);
    prefs->setShortcuts(QKeySequence::Preferences);
    if (prefs->shortcuts().isEmpty()) // some desktops define none
        prefs->setShortcut(Qt::CTRL | Qt::Key_Comma);
    prefs->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QList<QKeySequence> keys{Qt::CTRL | Qt::Key_1, Qt::CTRL | Qt::Key_2, Qt::CTRL | Qt::Key_3,
                                   Qt::CTRL | Qt::Key_4};
    const QStringList names{tr("Dashboard"), tr("Alerts"), tr("Retry schedule"), tr("Workspace")};
    for (int i = 0; i < keys.size(); ++i)
        view->addAction(names.at(i), keys.at(i), this, [this, i] { m_pages->setCurrentIndex(i); });
    view->addSeparator();
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("logDock"))) {
        QAction* log = dock->toggleViewAction();
        log->setShortcut(Qt::CTRL | Qt::Key_L);
        view->addAction(log);
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Export Support Bundle…"), this, &MainWindow::supportBundleRequested);
    help->addSeparator();
    help->addAction(tr("&About Bridgekeeper"), this, [this] {
        QMessageBox::about(this, tr("About Bridgekeeper"),
                           tr("<b>Bridgekeeper %1</b><p>Operations console for business-API "
                              "integrations.</p>")
                               .arg(QStringLiteral(BK_VERSION)));
    });
}

void MainWindow::showSettings() {
    auto* dialog = new SettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this,
            [this] { m_notify = settings::notificationsEnabled(); });
    dialog->open();
}

void MainWindow::attachEngine(EngineSignals* engineSignals, EngineCommands* commands) {
    m_dashboard->attachEngine(engineSignals, commands);
    disconnect(m_alertConnection);
    if (engineSignals)
        m_alertConnection = connect(engineSignals, &EngineSignals::eventRaised, m_alerts,
                                    &EventLogModel::applyEvent);
    m_engineLabel->setText(engineSignals ? tr("Engine attached") : tr("No engine attached"));
    disconnect(m_storeConnection);
    m_storeBanner->clear(); // reachable until the engine says otherwise
    showStoreStatus({});
    if (engineSignals) {
        m_storeConnection = connect(engineSignals, &EngineSignals::storeStatusChanged, this,
                                    &MainWindow::showStoreStatus);
        if (commands)
            commands->refreshStoreStatus(); // an outage that began before the window attached
    }
}

void MainWindow::showStoreStatus(const StoreStatus& status) {
    m_storeBanner->apply(status);
    const StoreStatus& shown = m_storeBanner->status();
    const QString name = !shown.store.isEmpty() ? shown.store : m_storeName;
    if (shown.reachable) {
        m_storeLabel->setText(name);
        m_storeLabel->setStyleSheet({});
        m_storeLabel->setToolTip({});
    } else {
        m_storeLabel->setText(tr("%1 — unreachable").arg(name));
        m_storeLabel->setStyleSheet(u"color: #c62828; font-weight: bold;"_s);
        m_storeLabel->setToolTip(m_storeBanner->headline());
    }
}

void MainWindow::setReauthoriseHook(std::function<void(const QString&)> hook) {
    m_dashboard->setReauthoriseHook(std::move(hook));
}

void MainWindow::setKeychainHealthHook(std::function<QString()> hook) {
    m_keychainHook = std::move(hook);
    m_keychainLabel->setVisible(bool(m_keychainHook));
    pollKeychain();
}

void MainWindow::pollKeychain() {
    if (!m_keychainHook)
        return;
    m_lastKeychainPollMs = m_clock->nowMs();
    const QString text = m_keychainHook();
    m_keychainLabel->setText(tr("Keychain: %1").arg(text));
    m_keychainLabel->setToolTip(text);
}

int MainWindow::addPage(QWidget* page, const QString& title) {
    return m_pages->insertTab(m_pages->count() - 1, page, title);
}

void MainWindow::onTick(qint64 nowMs) {
    m_dashboard->tick(nowMs);
    if (m_keychainHook && nowMs - m_lastKeychainPollMs >= kKeychainPollMs)
        pollKeychain();
}

void MainWindow::updateTray() {
    const ConnectorStatusModel* model = m_dashboard->connectorModel();
    const auto worst = model->worstState();
    int attention = 0;
    for (int r = 0; r < model->rowCount(); ++r) {
        const auto s = model->state(model->connectorId(r));
        if (s && attentionRank(s) < attentionRank(HealthState::Healthy))
            ++attention;
    }
    QString summary;
    if (!worst)
        summary = tr("no engine report yet");
    else if (attention == 0)
        summary = tr("all connectors healthy");
    else
        summary = tr("%n connector(s) need attention; worst: %1", nullptr, attention)
                      .arg(healthText(worst));
    m_tray->setWorstState(worst, summary);
    setWindowIcon(dotIcon(healthColor(worst), 64));
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
    m_dashboard->setWorkspace(opened.workspace, opened.catalog);
    QList<RetryPreviewWidget::NamedPolicy> policies;
    for (const ConnectorConfig& c : opened.workspace.connectors) {
        QJsonObject retry = opened.catalog.definition(c.type).value(u"retry"_s).toObject();
        const QJsonObject overridden = c.overrides.value(u"retry"_s).toObject();
        for (auto it = overridden.begin(); it != overridden.end(); ++it)
            retry.insert(it.key(), it.value());
        policies.append(
            {c.displayName.isEmpty() ? c.id : c.displayName, retryPolicyFromJson(retry)});
    }
    m_retryPreview->setPolicies(policies);
    QHash<QString, QString> names;
    for (const ConnectorConfig& c : opened.workspace.connectors)
        names.insert(c.id, c.displayName.isEmpty() ? c.id : c.displayName);
    m_alerts->setConnectorNames(names);
    setWindowTitle(tr("%1 — Bridgekeeper").arg(opened.workspace.name));
    m_storeName = opened.database->describe();
    if (m_storeBanner->status().reachable)
        m_storeLabel->setText(m_storeName);
    statusBar()->showMessage(tr("Workspace opened"), 5000);

    if (m_rememberRecent) {
        QSettings settings;
        QStringList recent = settings.value(kRecentKey).toStringList();
        recent.removeAll(opened.workspace.filePath);
        recent.prepend(opened.workspace.filePath);
        settings.setValue(kRecentKey, recent.mid(0, kMaxRecent));
        rebuildRecentMenu();
    }
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
