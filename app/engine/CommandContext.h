#pragma once

#include "Result.h"
#include "Workspace.h"
#include "store/Database.h"

#include <memory>

#include <QCommandLineParser>
#include <QString>
#include <QTextStream>

namespace bk::cli {

/// What every subcommand shares: its parsed options, the data folder, logging, the
/// workspace and the store, each set up on demand with one clear message on failure.
class CommandContext {
public:
    CommandContext(QString command, QStringList arguments);

    QCommandLineParser& parser() { return m_parser; }
    const QString& command() const { return m_command; }

    /// Adds the options every workspace command takes (--workspace, --data-dir, --log-level).
    void addWorkspaceOptions();
    /// Parses; on error prints the message and returns false (exit 2).
    bool parse();

    /// Sets up the data folder and logging. Returns an exit code (0 when fine).
    int prepare();
    /// Loads and validates --workspace (or defaultPath when the option is absent and
    /// defaultPath is not empty). Returns an exit code (0 when fine).
    int loadWorkspace(const QString& defaultPath = {});
    /// Opens the workspace's store and applies migrations. Returns an exit code.
    int openStore();

    const Workspace& workspace() const { return m_workspace; }
    const QString& dataDir() const { return m_dataDir; }
    const ConnectorCatalog& catalog() const { return m_catalog; }
    std::shared_ptr<store::Database> database() const { return m_database; }

    /// One line on stderr, prefixed with the program name.
    int fail(int exitCode, const QString& message) const;

    QTextStream& out() { return m_out; }

private:
    QString m_command;
    QStringList m_arguments;
    QCommandLineParser m_parser;
    QString m_dataDir;
    Workspace m_workspace;
    ConnectorCatalog m_catalog;
    std::shared_ptr<store::Database> m_database;
    QTextStream m_out;
};

} // namespace bk::cli
