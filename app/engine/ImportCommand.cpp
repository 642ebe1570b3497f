// `bridgekeeper-engine import FILE.zip`: connector definitions and mapping documents from a
// zip into a workspace, validated before anything is written.
#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "engine/ConfigImport.h"

#include <cstdio>

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace bk::cli {

namespace {

QString describe(const ConfigImportEntry& e) {
    const QString kind = e.kind == ConfigImportEntry::Kind::ConnectorDefinition
                             ? QCoreApplication::translate("cli", "connector definition")
                             : QCoreApplication::translate("cli", "mapping document");
    QString line = u"  %1 %2 (%3) → %4"_s.arg(kind, e.id, e.zipName, e.target);
    if (e.replaces)
        line += QCoreApplication::translate("cli", " [replaces the existing file]");
    return line;
}

} // namespace

int importCommand(const QStringList& args) {
    CommandContext ctx(u"import"_s, args);
    ctx.addWorkspaceOptions();
    ctx.parser().addOption(
        {u"dry-run"_s, QCoreApplication::translate(
                           "cli", "Validate and list what would be written; write nothing.")});
    ctx.parser().addPositionalArgument(
        u"zip"_s, QCoreApplication::translate("cli", "The zip to import."), u"FILE.zip"_s);
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    const QStringList positional = ctx.parser().positionalArguments();
    if (positional.size() != 1)
        return ctx.fail(
            ExitUsage, QCoreApplication::translate("cli", "name exactly one zip: import FILE.zip"));
    if (int rc = ctx.prepare())
        return rc;
    // Without --workspace: the workspace the console opened last, said out loud.
    QString fallback;
    if (!ctx.parser().isSet(u"workspace"_s)) {
        fallback = QSettings().value(u"workspaces/recent"_s).toStringList().value(0);
        if (!fallback.isEmpty())
            std::fprintf(stderr, "%s\n",
                         qPrintable(QCoreApplication::translate(
                                        "cli", "bridgekeeper-engine: using the console's last "
                                               "workspace %1")
                                        .arg(fallback)));
    }
    if (int rc = ctx.loadWorkspace(fallback))
        return rc;

    const auto targets = ConfigImportTargets::forWorkspace(ctx.workspace());
    auto plan = ConfigImport::plan(positional.first(), targets);
    if (!plan)
        return ctx.fail(ExitFailed, plan.error().message);
    const bool dryRun = ctx.parser().isSet(u"dry-run"_s);
    if (dryRun) {
        ctx.out() << QCoreApplication::translate("cli",
                                                 "%1 is valid; %n file(s) would be written:\n",
                                                 nullptr, int(plan->entries.size()))
                         .arg(positional.first());
        for (const auto& e : plan->entries)
            ctx.out() << describe(e) << u"\n"_s;
        ctx.out().flush();
        return ExitOk;
    }
    auto written = ConfigImport::apply(*plan);
    if (!written)
        return ctx.fail(ExitFailed, written.error().message);
    ctx.out() << QCoreApplication::translate("cli", "imported %n file(s) from %1:\n", nullptr,
                                             int(plan->entries.size()))
                     .arg(positional.first());
    for (const auto& e : plan->entries)
        ctx.out() << describe(e) << u"\n"_s;
    ctx.out() << QCoreApplication::translate(
        "cli", "Restart the engine (or reopen the workspace in the console) to use them.\n");
    ctx.out().flush();
    return ExitOk;
}

} // namespace bk::cli
