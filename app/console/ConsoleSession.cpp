#include "ConsoleSession.h"

#include "Clock.h"
#include "DashboardPage.h"
#include "FleetPage.h"
#include "FleetRelay.h"
#include "ImportDefinitionsDialog.h"
#include "LogCategories.h"
#include "MainWindow.h"
#include "ReauthoriseDialog.h"
#include "SupportBundleDialog.h"
#include "auth/SecretStore.h"
#include "deadletters/DeadLetterPage.h"
#include "engine/AllMigrations.h"
#include "engine/DemoSession.h"
#include "engine/Engine.h"
#include "reconcile/ReconcilePage.h"

#include <QCoreApplication>
#include <QDir>
#include <QFutureWatcher>
#include <QHostInfo>
#include <QMessageBox>
#include <QPointer>
#include <QTabWidget>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

struct Loaded {
    Workspace workspace;
    ConnectorCatalog catalog;
    std::shared_ptr<store::Database> db;
};

// Reads the workspace and opens its store with every module's schema: disk and SQL work
// that must not happen on the GUI thread.
Result<Loaded> loadForEngine(const QString& path, const QString& dataDir) {
    auto catalog = ConnectorCatalog::load();
    if (!catalog)
        return catalog.error();
    WorkspaceLoader loader(*catalog);
    auto ws = loader.load(path, dataDir);
    if (!ws)
        return ws.error();
    if (!ws->connectorDirs.isEmpty()) {
        auto full = ConnectorCatalog::load(ws->connectorDirs);
        if (!full)
            return full.error();
        catalog = std::move(full);
    }
    auto db = store::Database::open(ws->store, allMigrations());
    if (!db)
        return Error{db.error().category,
                     u"%1: $.store: %2"_s.arg(ws->filePath, db.error().message)};
    return Loaded{*ws, *catalog, *db};
}

} // namespace

ConsoleSession::ConsoleSession(QString dataDir, ui::MainWindow* window,
                               std::shared_ptr<Clock> clock, QObject* parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
    , m_window(window)
    , m_clock(std::move(clock)) {
    m_window->setKeychainHealthHook([this] { return m_keychainHealth; });
    m_window->setReauthoriseHook([this](const QString& connectorId) { reauthorise(connectorId); });
    connect(m_window, &ui::MainWindow::supportBundleRequested, this,
            &ConsoleSession::exportSupportBundle);
    connect(m_window, &ui::MainWindow::importRequested, this, &ConsoleSession::importDefinitions);
}

void ConsoleSession::reauthorise(const QString& connectorId) {
    if (!m_engine)
        return report(tr("No engine is running for this workspace."));
    const ConnectorConfig* c = m_engine->workspace().connector(connectorId);
    auto* dialog = new ui::ReauthoriseDialog(c ? c->displayName : connectorId, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QPointer<ui::ReauthoriseDialog> guard(dialog);
    connect(dialog, &ui::ReauthoriseDialog::cancelled, this, [this] {
        if (m_engine)
            m_engine->cancelReauthorisation();
    });
    m_engine->reauthorise(
        connectorId,
        [guard](Result<QUrl> url) {
            if (!guard)
                return;
            if (url)
                guard->showAuthorizePage(*url);
            else
                guard->finish(url.error());
        },
        [guard](Status outcome) {
            if (guard)
                guard->finish(outcome);
        });
    dialog->open(); // window-modal, no nested event loop
}

ConsoleSession::~ConsoleSession() {
    stop();
}

void ConsoleSession::open(const QString& path) {
    m_window->openWorkspace(path);
    startEngine(path);
}

void ConsoleSession::openDemo(DemoSession* demo) {
    m_demo = demo;
    m_window->setRememberRecent(false); // the next start must not reopen it without its sandbox
    connect(demo, &DemoSession::ready, this, [this](const QString& path) { open(path); });
    connect(demo, &DemoSession::failed, this, [this](const QString& message) {
        report(tr("The demo could not start: %1").arg(message));
    });
    connect(demo, &DemoSession::incident, this,
            [](const QString& what) { qCInfo(lcApp).noquote() << "demo:" << what; });
    connect(this, &ConsoleSession::engineStarted, demo, &DemoSession::scriptIncidents,
            Qt::SingleShotConnection);
    demo->start();
}

void ConsoleSession::startEngine(const QString& path) {
    stop();
    const quint64 generation = ++m_generation;
    auto* watcher = new QFutureWatcher<Result<Loaded>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another workspace was opened meanwhile
        auto loaded = watcher->result();
        if (!loaded)
            return report(loaded.error().message);
        EngineOptions options;
        options.workspace = loaded->workspace;
        options.catalog = loaded->catalog;
        options.db = loaded->db;
        m_db = loaded->db;
        options.clock = m_clock;
        // A PostgreSQL store is shared by headless engines: the console attaches to that fleet
        // and acts (replay, pause, breaker) without running flows, a webhook listener or
        // /metrics itself, and without overwriting the engines' snapshots with its own.
        const bool fleet = loaded->workspace.store.kind == StoreConfig::Kind::Postgres;
        if (fleet) {
            options.runFlows = false;
            options.workspace.webhooks.listen.enabled = false;
            options.serveMetrics = false;
            options.recordSnapshots = false;
            options.engineId = u"console:%1:%2"_s.arg(QHostInfo::localHostName())
                                   .arg(QCoreApplication::applicationPid());
        }
        m_engine = std::make_unique<Engine>(options);
        if (auto st = m_engine->start(); !st) {
            m_engine.reset();
            return report(tr("The engine could not start: %1").arg(st.error().message));
        }
        EngineSignals* engineSignals = m_engine->engineSignals();
        if (fleet) {
            // What every engine reports, read from the store by the fleet page.
            auto* relay = new ui::FleetRelay(engineSignals, this);
            auto* fleetPage = new ui::FleetPage(m_db, m_clock);
            connect(fleetPage, &ui::FleetPage::snapshotsRead, relay,
                    &ui::FleetRelay::applySnapshots);
            connect(fleetPage, &ui::FleetPage::deadLettersAdded, relay,
                    &ui::FleetRelay::announceDeadLetters);
            m_relay = relay;
            m_fleetPage = fleetPage;
            m_window->addPage(fleetPage, tr("Fleet"));
            engineSignals = relay->relayed();
            fleetPage->start();
        }
        m_window->attachEngine(engineSignals, m_engine.get());
        // The dead-letter editor works on this engine's queue and replays through it.
        QString user = qEnvironmentVariable("USER");
        if (user.isEmpty())
            user = u"operator"_s;
        auto* page = new ui::DeadLetterPage(m_engine->deadLetters(), loaded->catalog, engineSignals,
                                            m_engine.get(), user);
        QHash<QString, QString> types;
        for (const auto& c : loaded->workspace.connectors)
            types.insert(c.id, c.type);
        page->setConnectorTypes(types);
        m_deadLetterPage = page;
        m_window->addPage(page, tr("Dead letters"));
        // Which records differ, per flow, with resync; reached from the flow table too.
        auto* reconcile =
            new ui::ReconcilePage(m_engine->syncStore(), engineSignals, m_engine.get());
        QStringList flows;
        for (const auto& f : loaded->workspace.flows)
            if (f.enabled)
                flows << f.id;
        reconcile->setFlows(flows);
        m_reconcilePage = reconcile;
        m_window->addPage(reconcile, tr("Reconciliation"));
        connect(m_window->dashboard(), &ui::DashboardPage::reconciliationRequested, reconcile,
                [this, reconcile](const QString& flowId) {
                    reconcile->showFlow(flowId);
                    m_window->pages()->setCurrentWidget(reconcile);
                });
        // Keychain health: probed now and every minute, read by the status bar's hook.
        auto probe = [this, secrets = m_engine->secrets()] {
            secrets->probe(this, [this](auth::SecretStoreHealth h) {
                m_keychainHealth = h.available ? tr("Secrets: %1 answers").arg(h.backend)
                                               : tr("Secrets: %1 unavailable — %2 Tokens cannot be "
                                                    "refreshed until it answers.")
                                                     .arg(h.backend, h.message);
            });
        };
        probe();
        auto* timer = new QTimer(m_engine.get());
        connect(timer, &QTimer::timeout, this, probe);
        timer->start(60'000);
        Q_EMIT engineStarted();
    });
    watcher->setFuture(QtConcurrent::run(loadForEngine, path, m_dataDir));
}

void ConsoleSession::stop() {
    if (!m_engine)
        return;
    m_window->attachEngine(nullptr, nullptr);
    delete m_deadLetterPage.data(); // it talks to the engine: gone before the engine is
    delete m_reconcilePage.data();
    delete m_fleetPage.data();
    delete m_relay.data();
    m_engine->shutdown(10'000);
    m_engine.reset();
    m_db.reset();
}

void ConsoleSession::report(const QString& message) {
    qCCritical(lcApp).noquote() << message;
    Q_EMIT engineFailed(message);
    if (!qEnvironmentVariableIsSet("BK_NO_DIALOGS"))
        QMessageBox::warning(m_window, tr("Bridgekeeper"), message);
}

// File ▸ Import definitions… and Help ▸ Export support bundle… need the running engine's
// store and secret store.
void ConsoleSession::exportSupportBundle() {
    if (!m_engine)
        return report(tr("Open a workspace first: the support bundle describes its engine."));
    ui::SupportBundleSource source{m_engine->workspace(), m_db, m_engine->secrets(),
                                   QDir(m_dataDir).filePath(u"logs"_s)};
    QList<qint64> selected;
    if (auto* page = qobject_cast<ui::DeadLetterPage*>(m_deadLetterPage.data()))
        selected = page->selectedIds();
    auto* dialog = new ui::SupportBundleDialog(source, selected, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ConsoleSession::importDefinitions() {
    const Workspace* ws = m_window->currentWorkspace();
    if (!ws)
        return report(tr("Open a workspace first: definitions are imported into it."));
    auto* dialog = new ui::ImportDefinitionsDialog(*ws, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ui::ImportDefinitionsDialog::reopenRequested, this, &ConsoleSession::open);
    dialog->open();
}

} // namespace bk
