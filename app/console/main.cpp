#include "Clock.h"
#include "ConsoleSession.h"
#include "Logging.h"
#include "MainWindow.h"
#include "Paths.h"
#include "Version.h"
#include "engine/DemoSession.h"
#include "firstrun/FirstRunWizard.h"

#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

// Loads Qt's own and Bridgekeeper's translations for the chosen or system language.
void installTranslations(QApplication& app, const QString& language) {
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    auto* own = new QTranslator(&app);
    if (own->load(locale, u"bridgekeeper"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(own);
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"bridgekeeper"_s);
    QApplication::setOrganizationName(u"bridgekeeper"_s);
    QApplication::setApplicationDisplayName(u"Bridgekeeper"_s);
    QApplication::setApplicationVersion(QString::fromLatin1(BK_VERSION));
    QApplication::setDesktopFileName(u"bridgekeeper"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Bridgekeeper operations console"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({u"workspace"_s, u"Open this workspace file."_s, u"FILE"_s});
    parser.addOption({u"demo"_s, u"Open the demo workspace wired to the built-in sandbox."_s});
    parser.addOption({u"data-dir"_s, u"Folder for stores, logs and state."_s, u"DIR"_s});
    parser.addOption(
        {u"language"_s, u"Interface language (e.g. nl, en); default: system."_s, u"LANG"_s});
    parser.addOption({u"screenshot"_s,
                      u"Save a picture of the window to FILE and quit (docs, CI)."_s, u"FILE"_s});
    parser.addOption({u"screenshot-after"_s, u"Seconds to wait before --screenshot (default 20)."_s,
                      u"SECONDS"_s, u"20"_s});
    parser.addPositionalArgument(u"workspace"_s, u"Workspace file to open."_s, u"[FILE]"_s);
    parser.process(app);

    auto dataDir = bk::resolveDataDir(parser.value(u"data-dir"_s));
    if (!dataDir) {
        std::fprintf(stderr, "bridgekeeper: %s\n", qPrintable(dataDir.error().message));
        return 2;
    }
    bk::LoggingOptions logging;
    logging.logDir = QDir(*dataDir).filePath(u"logs"_s);
    logging.fileName = u"console.log"_s;
    if (auto st = bk::initLogging(logging); !st) {
        std::fprintf(stderr, "bridgekeeper: %s\n", qPrintable(st.error().message));
        return 2;
    }
    const QString language = parser.isSet(u"language"_s)
                                 ? parser.value(u"language"_s)
                                 : QSettings().value(u"ui/language"_s).toString();
    installTranslations(app, language);

    const bool demo = parser.isSet(u"demo"_s);
    QString workspace = parser.value(u"workspace"_s);
    if (workspace.isEmpty() && !parser.positionalArguments().isEmpty())
        workspace = parser.positionalArguments().first();
    if (workspace.isEmpty() && !demo)
        workspace = bk::ui::firstrun::findExistingWorkspace(*dataDir);

    std::unique_ptr<bk::DemoSession> demoSession;
    std::unique_ptr<bk::ui::MainWindow> window;
    std::unique_ptr<bk::ConsoleSession> session;
    // The window and its engine for a workspace, or for the demo. The demo runs ten times
    // faster than real time, engine and sandbox on one clock.
    auto launch = [&](bool withDemo, const QString& path) {
        std::shared_ptr<bk::Clock> clock = bk::makeSystemClock();
        if (withDemo) {
            demoSession = std::make_unique<bk::DemoSession>(*dataDir, 10.0);
            clock = demoSession->clock();
        }
        window = std::make_unique<bk::ui::MainWindow>(*dataDir, clock);
        session = std::make_unique<bk::ConsoleSession>(*dataDir, window.get(), clock);
        window->show();
        if (demoSession)
            session->openDemo(demoSession.get());
        else
            session->open(path);
    };

    // No workspace anywhere: the first-run wizard instead of an empty window.
    std::unique_ptr<bk::ui::firstrun::FirstRunWizard> wizard;
    if (workspace.isEmpty() && !demo) {
        auto catalog = bk::ConnectorCatalog::load();
        if (!catalog) {
            std::fprintf(stderr, "bridgekeeper: %s\n", qPrintable(catalog.error().message));
            return 2;
        }
        wizard = std::make_unique<bk::ui::firstrun::FirstRunWizard>(*dataDir, *catalog,
                                                                    bk::makeSystemClock());
        using bk::ui::firstrun::FirstRunWizard;
        QObject::connect(wizard.get(), &FirstRunWizard::workspaceChosen, &app,
                         [&](const QString& path, bool created) {
                             launch(false, path);
                             if (created)
                                 QObject::connect(
                                     session.get(), &bk::ConsoleSession::engineStarted,
                                     window.get(), [w = window.get()] {
                                         w->statusBar()->showMessage(QCoreApplication::translate(
                                             "main", "Workspace created; the first sync has "
                                                     "started."));
                                     });
                         });
        QObject::connect(wizard.get(), &FirstRunWizard::demoChosen, &app,
                         [&] { launch(true, {}); });
        QObject::connect(wizard.get(), &QDialog::rejected, &app, &QApplication::quit);
        wizard->show();
    } else {
        launch(demo, workspace);
    }

    if (parser.isSet(u"screenshot"_s)) {
        const QString file = parser.value(u"screenshot"_s);
        const int seconds = parser.value(u"screenshot-after"_s).toInt();
        // The wizard while it is open (first run), else the main window.
        QTimer::singleShot(seconds * 1000, &app, [&window, &wizard, file] {
            QWidget* shown =
                wizard && wizard->isVisible() ? static_cast<QWidget*>(wizard.get()) : window.get();
            if (!shown || !shown->grab().save(file))
                std::fprintf(stderr, "bridgekeeper: cannot save %s\n", qPrintable(file));
            QApplication::quit();
        });
    }
    const int rc = app.exec();
    if (session)
        session->stop();
    bk::shutdownLogging();
    return rc;
}
