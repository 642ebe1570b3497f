#include "Commands.h"
#include "ExitCodes.h"
#include "Version.h"

#include <cstdio>

#include <QCoreApplication>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace bk::cli {

QString usageText() {
    return uR"(Usage: bridgekeeper-engine COMMAND [OPTIONS]

Headless Bridgekeeper engine and admin CLI.

Commands:
  run --workspace FILE                       Run the engine until SIGTERM.
  sync --workspace FILE --flow ID --once     Run one sync cycle of a flow and exit.
  status --workspace FILE [--json]           Print health, tokens, gauges and lag.
  deadletters list|show|replay|discard --workspace FILE [ID] [--json] [--reason TEXT]
  auth import --workspace FILE --connector ID
                                             Read an access/refresh token pair (JSON) on stdin.
  sandbox [--listen 127.0.0.1:PORT]          Serve the API simulators on their own.
  secrets set --workspace FILE (--connector ID --name client_secret|webhook-secret
              | --alert-channel ID)          Store a secret read from stdin.
  support-bundle --workspace FILE --out FILE.zip [--note TEXT]
                                             Write a redacted zip for support.
  import FILE.zip [--workspace FILE] [--dry-run]
                                             Import connector definitions and mapping
                                             documents, validated before anything is written.

Options for every command: --data-dir DIR, --log-level LEVEL, --help.
  --version                                  Print the version and exit.

Exit codes: 0 ok, 1 failed, 2 bad arguments or workspace, 3 store unavailable,
4 not available in this build.
)"_s;
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
    std::fprintf(stderr,
                 "bridgekeeper-engine: unknown command \"%s\" (see: bridgekeeper-engine --help)\n",
                 qPrintable(name));
    return ExitUsage;
}

} // namespace bk::cli

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bridgekeeper"_s);
    QCoreApplication::setOrganizationName(u"bridgekeeper"_s);
    QCoreApplication::setApplicationVersion(QString::fromLatin1(BK_VERSION));

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
