#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "engine/SupportBundle.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace bk::cli {

int supportBundleCommand(const QStringList& args) {
    CommandContext ctx(u"support-bundle"_s, args);
    ctx.addWorkspaceOptions();
    ctx.parser().addOption({u"out"_s, u"Where to write the zip."_s, u"FILE.zip"_s});
    ctx.parser().addOption({u"note"_s, u"A note for support (what went wrong)."_s, u"TEXT"_s});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    if (!ctx.parser().isSet(u"out"_s))
        return ctx.fail(ExitUsage, u"--out FILE.zip is required"_s);
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    if (int rc = ctx.openStore())
        return rc;
    SupportBundle bundle(ctx.workspace(), ctx.database());
    SupportBundleOptions options;
    options.logDir = QDir(ctx.dataDir()).filePath(u"logs"_s);
    options.extraNote = ctx.parser().value(u"note"_s);
    auto written = bundle.write(ctx.parser().value(u"out"_s), options);
    if (!written)
        return ctx.fail(ExitFailed, written.error().message);
    ctx.out() << u"wrote %1 (%2 files)\n"_s.arg(ctx.parser().value(u"out"_s)).arg(written->size());
    ctx.out().flush();
    return ExitOk;
}

} // namespace bk::cli
