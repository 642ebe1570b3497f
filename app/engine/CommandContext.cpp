#include "CommandContext.h"

#include "ExitCodes.h"
#include "Logging.h"
#include "Paths.h"
#include "engine/AllMigrations.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDir>

using namespace Qt::StringLiterals;

namespace bk::cli {

CommandContext::CommandContext(QString command, QStringList arguments)
    : m_command(std::move(command))
    , m_arguments(std::move(arguments))
    , m_out(stdout) {
    m_parser.setApplicationDescription(
        QCoreApplication::translate("cli", "bridgekeeper-engine %1").arg(m_command));
    m_parser.addHelpOption();
    m_parser.addOption(
        {u"data-dir"_s,
         QCoreApplication::translate(
             "cli", "Folder for the store, logs and state (default: XDG data folder)."),
         u"DIR"_s});
    m_parser.addOption({u"log-level"_s,
                        QCoreApplication::translate(
                            "cli", "trace, debug, info, warning or error (default: info)."),
                        u"LEVEL"_s, u"info"_s});
}

void CommandContext::addWorkspaceOptions() {
    m_parser.addOption({u"workspace"_s,
                        QCoreApplication::translate("cli", "The workspace file (JSON)."),
                        u"FILE"_s});
}

bool CommandContext::parse() {
    // The subcommand name is argv[1]; QCommandLineParser expects a program name first.
    QStringList args = m_arguments;
    args.prepend(u"bridgekeeper-engine "_s + m_command);
    if (!m_parser.parse(args)) {
        fail(ExitUsage, m_parser.errorText() + QCoreApplication::translate(
                                                   "cli", " (see: bridgekeeper-engine %1 --help)")
                                                   .arg(m_command));
        return false;
    }
    if (m_parser.isSet(u"help"_s)) {
        m_out << m_parser.helpText();
        m_out.flush();
        return false;
    }
    const QString level = m_parser.value(u"log-level"_s);
    if (!QStringList{u"trace"_s, u"debug"_s, u"info"_s, u"warning"_s, u"error"_s}.contains(level)) {
        fail(ExitUsage,
             QCoreApplication::translate(
                 "cli", "--log-level: \"%1\" is not one of trace, debug, info, warning, error")
                 .arg(level));
        return false;
    }
    return true;
}

int CommandContext::prepare() {
    auto dir = resolveDataDir(m_parser.value(u"data-dir"_s));
    if (!dir)
        return fail(ExitUsage, dir.error().message);
    m_dataDir = *dir;
    LoggingOptions logging;
    logging.logDir = QDir(m_dataDir).filePath(u"logs"_s);
    logging.fileName = u"engine.log"_s;
    logging.level = m_parser.value(u"log-level"_s);
    if (auto st = initLogging(logging); !st)
        return fail(ExitUsage, st.error().message);
    return ExitOk;
}

int CommandContext::loadWorkspace(const QString& defaultPath) {
    const QString path =
        m_parser.isSet(u"workspace"_s) ? m_parser.value(u"workspace"_s) : defaultPath;
    if (path.isEmpty())
        return fail(ExitUsage, QCoreApplication::translate("cli", "--workspace FILE is required"));
    auto catalog = ConnectorCatalog::load();
    if (!catalog)
        return fail(ExitUsage, catalog.error().message);
    m_catalog = *catalog;
    WorkspaceLoader loader(*catalog);
    auto ws = loader.load(path, m_dataDir);
    if (!ws)
        return fail(ExitUsage, ws.error().message);
    m_workspace = *ws;
    if (!ws->connectorDirs.isEmpty()) {
        auto full = ConnectorCatalog::load(ws->connectorDirs);
        if (!full)
            return fail(ExitUsage, full.error().message);
        m_catalog = *full;
    }
    return ExitOk;
}

int CommandContext::openStore() {
    auto db = store::Database::open(m_workspace.store, allMigrations());
    if (!db)
        return fail(ExitStore, QCoreApplication::translate("cli", "%1: $.store: %2")
                                   .arg(m_workspace.filePath, db.error().message));
    m_database = *db;
    return ExitOk;
}

int CommandContext::fail(int exitCode, const QString& message) const {
    std::fprintf(stderr, "bridgekeeper-engine: %s\n", qPrintable(message));
    std::fflush(stderr);
    return exitCode;
}

} // namespace bk::cli
