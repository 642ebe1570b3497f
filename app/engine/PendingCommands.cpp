// Subcommands whose engine capability is not in this build yet. They parse and check their
// arguments and the workspace for real, then say plainly that the capability is missing.
#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"

using namespace Qt::StringLiterals;

namespace bk::cli {

namespace {

int unavailable(CommandContext& ctx, const QString& what) {
    return ctx.fail(ExitUnavailable, u"%1 is not available in this build yet"_s.arg(what));
}

// Parses, prepares logging and validates the workspace; returns -1 to continue.
int checkWorkspaceCommand(CommandContext& ctx, const QStringList& required) {
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    for (const QString& opt : required)
        if (!ctx.parser().isSet(opt))
            return ctx.fail(
                ExitUsage,
                u"--%1 is required (see: bridgekeeper-engine %2 --help)"_s.arg(opt, ctx.command()));
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    return -1;
}

} // namespace

int runEngineCommand(const QStringList& args) {
    CommandContext ctx(u"run"_s, args);
    ctx.addWorkspaceOptions();
    if (int rc = checkWorkspaceCommand(ctx, {u"workspace"_s}); rc >= 0)
        return rc;
    if (int rc = ctx.openStore())
        return rc;
    return unavailable(ctx, u"the headless engine (run)"_s);
}

int syncCommand(const QStringList& args) {
    CommandContext ctx(u"sync"_s, args);
    ctx.addWorkspaceOptions();
    ctx.parser().addOption({u"flow"_s, u"The flow to run."_s, u"ID"_s});
    ctx.parser().addOption({u"once"_s, u"Run one cycle and exit."_s});
    if (int rc = checkWorkspaceCommand(ctx, {u"workspace"_s, u"flow"_s}); rc >= 0)
        return rc;
    if (!ctx.parser().isSet(u"once"_s))
        return ctx.fail(ExitUsage, u"sync needs --once (continuous syncing is \"run\")"_s);
    const QString flow = ctx.parser().value(u"flow"_s);
    if (!ctx.workspace().flow(flow))
        return ctx.fail(ExitUsage, u"%1: $.flows: no flow with id \"%2\""_s.arg(
                                       ctx.workspace().filePath, flow));
    if (int rc = ctx.openStore())
        return rc;
    return unavailable(ctx, u"the sync engine (sync --once)"_s);
}

int authCommand(const QStringList& args) {
    if (args.value(0) != u"import"_s) {
        CommandContext ctx(u"auth"_s, {});
        return ctx.fail(ExitUsage, u"auth needs: import"_s);
    }
    CommandContext ctx(u"auth import"_s, args.mid(1));
    ctx.addWorkspaceOptions();
    ctx.parser().addOption(
        {u"connector"_s, u"The connector whose tokens are read from stdin."_s, u"ID"_s});
    if (int rc = checkWorkspaceCommand(ctx, {u"workspace"_s, u"connector"_s}); rc >= 0)
        return rc;
    const QString id = ctx.parser().value(u"connector"_s);
    if (!ctx.workspace().connector(id))
        return ctx.fail(ExitUsage, u"%1: $.connectors: no connector with id \"%2\""_s.arg(
                                       ctx.workspace().filePath, id));
    return unavailable(ctx, u"token import (auth import)"_s);
}

} // namespace bk::cli
