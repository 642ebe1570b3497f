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
    // A listener that cannot start (port taken, secret missing) must not leave a headless
    // engine running that senders cannot reach: it stops, and the service manager says why.
    QString listenerError;
    QObject::connect(&engine, &Engine::webhooksStarted, &engine, [&](const Status& st) {
        if (st)
            return;
        listenerError = QCoreApplication::translate("cli", "the webhook listener did not start: %1")
                            .arg(st.error().message);
        QCoreApplication::quit();
    });
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
    if (listenerError.isEmpty()) // it may have failed inside start(), before the loop runs
        QCoreApplication::exec();
    engine.shutdown(60'000);
    if (!listenerError.isEmpty())
        return ctx.fail(ExitFailed, listenerError);
    qCInfo(lcApp) << "engine stopped cleanly";
    return ExitOk;
}

} // namespace bk::cli
