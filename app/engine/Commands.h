#pragma once

#include <QStringList>

namespace bk::cli {

/// Each subcommand of bridgekeeper-engine: takes the arguments after its name, returns
/// the process exit code (see ExitCodes.h).
int runCommand(const QString& name, const QStringList& args);
int statusCommand(const QStringList& args);
int runEngineCommand(const QStringList& args);
int syncCommand(const QStringList& args);
int deadLettersCommand(const QStringList& args);
int authCommand(const QStringList& args);
int sandboxCommand(const QStringList& args);
int supportBundleCommand(const QStringList& args);
int secretsCommand(const QStringList& args);
int importCommand(const QStringList& args);

/// The top-level usage text.
QString usageText();

} // namespace bk::cli
