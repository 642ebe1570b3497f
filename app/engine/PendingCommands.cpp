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

int deadLettersCommand(const QStringList& args) {
    const QStringList actions{u"list"_s, u"show"_s, u"replay"_s, u"discard"_s};
    const QString action = args.value(0);
    if (!actions.contains(action)) {
        CommandContext ctx(u"deadletters"_s, {});
        return ctx.fail(ExitUsage, u"deadletters needs one of: %1"_s.arg(actions.join(u", "_s)));
    }
    CommandContext ctx(u"deadletters "_s + action, args.mid(1));
    ctx.addWorkspaceOptions();
    if (action == u"list"_s)
        ctx.parser().addOption({u"json"_s, u"Print machine-readable JSON."_s});
    if (action == u"discard"_s)
        ctx.parser().addOption(
            {u"reason"_s, u"Why it is discarded (kept in the audit log)."_s, u"TEXT"_s});
    if (action != u"list"_s)
        ctx.parser().addPositionalArgument(u"id"_s, u"Dead-letter id."_s);
    if (int rc = checkWorkspaceCommand(ctx, {u"workspace"_s}); rc >= 0)
        return rc;
    if (action != u"list"_s && ctx.parser().positionalArguments().isEmpty())
        return ctx.fail(ExitUsage, u"deadletters %1 needs a dead-letter id"_s.arg(action));
    if (action == u"discard"_s && ctx.parser().value(u"reason"_s).trimmed().isEmpty())
        return ctx.fail(ExitUsage, u"deadletters discard needs --reason TEXT"_s);
    if (int rc = ctx.openStore())
        return rc;
    return unavailable(ctx, u"the dead-letter queue"_s);
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

int sandboxCommand(const QStringList& args) {
    CommandContext ctx(u"sandbox"_s, args);
    ctx.parser().addOption({u"listen"_s, u"Address to serve the simulators on."_s, u"HOST:PORT"_s,
                            u"127.0.0.1:8480"_s});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    auto listen = WorkspaceLoader::parseListen(ctx.parser().value(u"listen"_s));
    if (!listen)
        return ctx.fail(ExitUsage, u"--listen: "_s + listen.error().message);
    return unavailable(ctx, u"the API sandbox"_s);
}

} // namespace bk::cli
