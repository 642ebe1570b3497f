#include "Clock.h"
#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "LogCategories.h"
#include "TerminationWatcher.h"
#include "engine/Engine.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace bk::cli {

int runEngineCommand(const QStringList& args) {
    CommandContext ctx(u"run"_s, args);
    ctx.addWorkspaceOptions();
    ctx.parser().addOption(
        {u"engine-id"_s,
         QCoreApplication::translate(
             "cli", "Name of this engine in leases, snapshots and metrics (default host:pid)."),
         u"ID"_s});
    ctx.parser().addOption(
        {u"no-flows"_s,
         QCoreApplication::translate("cli", "Serve webhooks and metrics but schedule no flows.")});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    if (int rc = ctx.openStore())
        return rc;

    EngineOptions options;
    options.workspace = ctx.workspace();
    options.catalog = ctx.catalog();
    options.db = ctx.database();
    options.clock = makeSystemClock();
    options.engineId = ctx.parser().value(u"engine-id"_s);
    options.runFlows = !ctx.parser().isSet(u"no-flows"_s);
    Engine engine(options);
    if (auto st = engine.start(); !st)
        return ctx.fail(st.error().category == ErrorCategory::Usage ? ExitUsage : ExitFailed,
                        st.error().message);

    TerminationWatcher watcher;
    int received = 0;
    QObject::connect(&watcher, &TerminationWatcher::terminationRequested, &engine, [&](int signal) {
        received = signal;
        qCInfo(lcApp) << "signal" << signal << "received: finishing in-flight work";
        QCoreApplication::quit();
    });
    qCInfo(lcApp).noquote() << "engine running on" << ctx.workspace().filePath;
    QCoreApplication::exec();
    engine.shutdown(60'000);
    qCInfo(lcApp) << "engine stopped cleanly";
    return ExitOk;
}

} // namespace bk::cli
