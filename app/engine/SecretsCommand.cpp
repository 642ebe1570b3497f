// `bridgekeeper-engine secrets set`: stores a client secret, webhook secret or SMTP password
// read from stdin in the workspace's secret store, so headless servers never need a desktop.
#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "alerts/AlertRouter.h"
#include "auth/SecretStore.h"
#include "engine/AllMigrations.h"

#include <algorithm>

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>

using namespace Qt::StringLiterals;

namespace bk::cli {

int secretsCommand(const QStringList& args) {
    if (args.value(0) != u"set"_s) {
        CommandContext ctx(u"secrets"_s, {});
        return ctx.fail(ExitUsage, QCoreApplication::translate("cli", "secrets needs: set"));
    }
    CommandContext ctx(u"secrets set"_s, args.mid(1));
    ctx.addWorkspaceOptions();
    ctx.parser().addOption(
        {u"connector"_s, QCoreApplication::translate("cli", "The connector the secret belongs to."),
         u"ID"_s});
    ctx.parser().addOption(
        {u"name"_s,
         QCoreApplication::translate("cli", "client_secret or webhook-secret (with --connector)."),
         u"NAME"_s});
    ctx.parser().addOption(
        {u"alert-channel"_s,
         QCoreApplication::translate("cli", "An e-mail alert channel: its SMTP password."),
         u"ID"_s});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    const Workspace& ws = ctx.workspace();
    QString key;
    if (ctx.parser().isSet(u"connector"_s)) {
        const QString id = ctx.parser().value(u"connector"_s);
        const QString name = ctx.parser().value(u"name"_s);
        if (!ws.connector(id))
            return ctx.fail(ExitUsage, QCoreApplication::translate(
                                           "cli", "%1: $.connectors: no connector with id \"%2\"")
                                           .arg(ws.filePath, id));
        if (name != u"client_secret"_s && name != u"webhook-secret"_s)
            return ctx.fail(ExitUsage,
                            QCoreApplication::translate(
                                "cli", "--name must be client_secret or webhook-secret"));
        key = auth::connectorSecretKey(id, name);
    } else if (ctx.parser().isSet(u"alert-channel"_s)) {
        const QString id = ctx.parser().value(u"alert-channel"_s);
        const bool known = std::any_of(ws.alerts.begin(), ws.alerts.end(),
                                       [&](const AlertChannelConfig& a) { return a.id == id; });
        if (!known)
            return ctx.fail(ExitUsage, QCoreApplication::translate(
                                           "cli", "%1: $.alerts: no alert channel with id \"%2\"")
                                           .arg(ws.filePath, id));
        key = alerts::AlertRouter::passwordKey(id);
    } else {
        return ctx.fail(
            ExitUsage,
            QCoreApplication::translate(
                "cli", "name the secret: --connector ID --name NAME, or --alert-channel ID"));
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return ctx.fail(ExitUsage, QCoreApplication::translate("cli", "stdin cannot be read"));
    const QByteArray value = in.readAll().trimmed();
    if (value.isEmpty())
        return ctx.fail(
            ExitUsage,
            QCoreApplication::translate(
                "cli", "stdin was empty: pipe the secret in, e.g. from a password manager"));
    if (int rc = ctx.openStore())
        return rc;
    auto secrets = auth::makeSecretStore(ws.secrets, ctx.database());
    if (!secrets)
        return ctx.fail(ExitFailed, QCoreApplication::translate("cli", "%1: $.secrets: %2")
                                        .arg(ws.filePath, secrets.error().message));
    // The secret stores answer asynchronously; this command has nothing else to do meanwhile.
    QObject context;
    QEventLoop loop;
    Status written =
        Error::internal(QCoreApplication::translate("cli", "the secret store never answered"));
    (*secrets)->write(key, value, &context, [&](Status st) {
        written = st;
        loop.quit();
    });
    loop.exec();
    if (!written)
        return ctx.fail(ExitFailed,
                        QCoreApplication::translate("cli", "the secret was not stored: ") +
                            written.error().message);
    ctx.out() << QCoreApplication::translate("cli",
                                             "Stored %1 (%2 bytes) in the %3 secret store.\n")
                     .arg(key)
                     .arg(value.size())
                     .arg(ws.secrets.kind == SecretStoreConfig::Kind::Keychain ? u"keychain"_s
                                                                               : u"encrypted-db"_s);
    ctx.out().flush();
    return ExitOk;
}

} // namespace bk::cli
