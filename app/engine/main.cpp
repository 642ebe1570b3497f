#include "Commands.h"
#include "ExitCodes.h"
#include "Version.h"

#include <cstdio>

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTextStream>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

// Messages follow the system locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); the Dutch
// catalogue is compiled in, shared with the console.
void installTranslations(QCoreApplication& app) {
    const QLocale locale = QLocale::system();
    auto* qt = new QTranslator(&app);
    if (qt->load(locale, u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto* own = new QTranslator(&app);
    if (own->load(locale, u"bridgekeeper"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(own);
}

} // namespace

namespace bk::cli {

QString usageText() {
    // Command and option names stay as they are in every language: scripts depend on them.
    return QCoreApplication::translate(
        "cli",
        "Usage: bridgekeeper-engine COMMAND [OPTIONS]\n"
        "\n"
        "Headless Bridgekeeper engine and admin CLI.\n"
        "\n"
        "Commands:\n"
        "  run --workspace FILE                       Run the engine until SIGTERM.\n"
        "  sync --workspace FILE --flow ID --once     Run one sync cycle of a flow and exit.\n"
        "  status --workspace FILE [--json]           Print health, tokens, gauges and lag.\n"
        "  deadletters list|show|replay|discard --workspace FILE [ID] [--json] [--reason TEXT]\n"
        "  auth import --workspace FILE --connector ID\n"
        "                                             Read an access/refresh token pair (JSON) on "
        "stdin.\n"
        "  sandbox [--listen 127.0.0.1:PORT]          Serve the API simulators on their own.\n"
        "  secrets set --workspace FILE (--connector ID --name client_secret|webhook-secret\n"
        "              | --alert-channel ID)          Store a secret read from stdin.\n"
        "  support-bundle --workspace FILE --out FILE.zip [--note TEXT] [--dead-letter ID]\n"
        "                                             Write a redacted zip for support.\n"
        "  import FILE.zip [--workspace FILE] [--dry-run]\n"
        "                                             Import connector definitions and mapping\n"
        "                                             documents, validated before anything is "
        "written.\n"
        "\n"
        "Options for every command: --data-dir DIR, --log-level LEVEL, --help.\n"
        "  --version                                  Print the version and exit.\n"
        "\n"
        "Exit codes: 0 ok, 1 failed, 2 bad arguments or workspace, 3 store unavailable,\n"
        "4 not available in this build.\n");
}

int runCommand(const QString& name, const QStringList& args) {
    if (name == u"status"_s)
        return statusCommand(args);
    if (name == u"run"_s)
        return runEngineCommand(args);
    if (name == u"sync"_s)
        return syncCommand(args);
    if (name == u"deadletters"_s)
        return deadLettersCommand(args);
    if (name == u"auth"_s)
        return authCommand(args);
    if (name == u"sandbox"_s)
        return sandboxCommand(args);
    if (name == u"secrets"_s)
        return secretsCommand(args);
    if (name == u"support-bundle"_s)
        return supportBundleCommand(args);
    if (name == u"import"_s)
        return importCommand(args);
    std::fprintf(stderr, "bridgekeeper-engine: %s\n",
                 qPrintable(QCoreApplication::translate(
                                "cli", "unknown command \"%1\" (see: bridgekeeper-engine --help)")
                                .arg(name)));
    return ExitUsage;
}

} // namespace bk::cli

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bridgekeeper"_s);
    QCoreApplication::setOrganizationName(u"bridgekeeper"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(BK_VERSION));
    installTranslations(app);

    const QStringList args = app.arguments().mid(1);
    QTextStream out(stdout);
    if (args.isEmpty()) {
        std::fputs(qPrintable(bk::cli::usageText()), stderr);
        return bk::cli::ExitUsage;
    }
    if (args.first() == u"--version"_s || args.first() == u"-v"_s) {
        out << u"bridgekeeper-engine "_s << QString::fromLatin1(BK_VERSION) << u"\n"_s;
        return bk::cli::ExitOk;
    }
    if (args.first() == u"--help"_s || args.first() == u"-h"_s || args.first() == u"help"_s) {
        out << bk::cli::usageText();
        return bk::cli::ExitOk;
    }
    return bk::cli::runCommand(args.first(), args.mid(1));
}
