#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "auth/SecretStore.h"
#include "engine/SupportBundleExport.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>

using namespace Qt::StringLiterals;

namespace bk::cli {

int supportBundleCommand(const QStringList& args) {
    CommandContext ctx(u"support-bundle"_s, args);
    ctx.addWorkspaceOptions();
    ctx.parser().addOption(
        {u"out"_s, QCoreApplication::translate("cli", "Where to write the zip."), u"FILE.zip"_s});
    ctx.parser().addOption(
        {u"note"_s, QCoreApplication::translate("cli", "A note for support (what went wrong)."),
         u"TEXT"_s});
    ctx.parser().addOption(
        {u"dead-letter"_s,
         QCoreApplication::translate("cli", "Include this dead letter (repeat for more)."),
         u"ID"_s});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    if (!ctx.parser().isSet(u"out"_s))
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate("cli", "--out FILE.zip is required"));
    SupportBundleRequest request;
    for (const QString& id : ctx.parser().values(u"dead-letter"_s)) {
        bool ok = false;
        request.deadLetterIds << id.toLongLong(&ok);
        if (!ok)
            return ctx.fail(
                ExitUsage,
                QCoreApplication::translate("cli", "--dead-letter: \"%1\" is not an id").arg(id));
    }
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    if (int rc = ctx.openStore())
        return rc;
    request.workspace = ctx.workspace();
    request.db = ctx.database();
    request.outPath = ctx.parser().value(u"out"_s);
    request.logDir = QDir(ctx.dataDir()).filePath(u"logs"_s);
    request.note = ctx.parser().value(u"note"_s);

    // Everything the secret store holds for this workspace is scrubbed from the bundle.
    std::shared_ptr<auth::SecretStore> secrets;
    if (auto made = auth::makeSecretStore(ctx.workspace().secrets, ctx.database()))
        secrets = *made;
    QObject context;
    QEventLoop loop;
    QString problem;
    collectKnownSecrets(ctx.workspace(), secrets, &context,
                        [&](QList<QString> values, QString why) {
                            request.knownSecrets = std::move(values);
                            problem = std::move(why);
                            loop.quit();
                        });
    loop.exec();
    if (!problem.isEmpty())
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                                    "cli", "bridgekeeper-engine: warning: %1; those values are "
                                           "removed by pattern only")
                                    .arg(problem)));

    auto written = exportSupportBundle(request);
    if (!written)
        return ctx.fail(ExitFailed, written.error().message);
    ctx.out() << QCoreApplication::translate("cli", "wrote %1 (%n file(s), %2 bytes)\n", nullptr,
                                             int(written->entries.size()))
                     .arg(request.outPath)
                     .arg(written->bytes);
    ctx.out().flush();
    return ExitOk;
}

} // namespace bk::cli
