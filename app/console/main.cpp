#include "Logging.h"
#include "MainWindow.h"
#include "Paths.h"
#include "Version.h"

#include <cstdio>

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
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

    QString workspace = parser.value(u"workspace"_s);
    if (workspace.isEmpty() && !parser.positionalArguments().isEmpty())
        workspace = parser.positionalArguments().first();
    if (workspace.isEmpty() && parser.isSet(u"demo"_s))
        workspace = bk::sampleWorkspacePath();
    if (workspace.isEmpty())
        workspace = QSettings().value(u"workspaces/recent"_s).toStringList().value(0);
    if (workspace.isEmpty())
        workspace = bk::sampleWorkspacePath();

    bk::ui::MainWindow window(*dataDir);
    window.show();
    window.openWorkspace(workspace);
    const int rc = app.exec();
    bk::shutdownLogging();
    return rc;
}
