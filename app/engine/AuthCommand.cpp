// `bridgekeeper-engine auth import`: stores an access/refresh token pair read as JSON on
// stdin in the workspace's secret store, as if the connection had just been authorised.
#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "auth/AuthMigrations.h"
#include "auth/SecretStore.h"
#include "auth/TokenRecord.h"
#include "auth/TokenStateStore.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace bk::cli {

int authCommand(const QStringList& args) {
    if (args.value(0) != u"import"_s) {
        CommandContext ctx(u"auth"_s, {});
        return ctx.fail(ExitUsage, QCoreApplication::translate("cli", "auth needs: import"));
    }
    CommandContext ctx(u"auth import"_s, args.mid(1));
    ctx.addWorkspaceOptions();
    ctx.parser().addOption(
        {u"connector"_s,
         QCoreApplication::translate("cli", "The connector whose tokens are read from stdin."),
         u"ID"_s});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    for (const QString& opt : {u"workspace"_s, u"connector"_s})
        if (!ctx.parser().isSet(opt))
            return ctx.fail(
                ExitUsage,
                QCoreApplication::translate(
                    "cli", "--%1 is required (see: bridgekeeper-engine auth import --help)")
                    .arg(opt));
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    const Workspace& ws = ctx.workspace();
    const QString id = ctx.parser().value(u"connector"_s);
    const ConnectorConfig* connector = ws.connector(id);
    if (!connector)
        return ctx.fail(ExitUsage, QCoreApplication::translate(
                                       "cli", "%1: $.connectors: no connector with id \"%2\"")
                                       .arg(ws.filePath, id));
    auto catalog = ConnectorCatalog::load();
    if (!catalog)
        return ctx.fail(ExitUsage, catalog.error().message);
    auto settings =
        auth::OAuthSettings::fromDefinition(catalog->definition(connector->type), *connector);
    if (!settings)
        return ctx.fail(ExitUsage, u"%1: %2"_s.arg(ws.filePath, settings.error().message));

    // The tokens: a JSON object on stdin. Parsed before anything is opened or written.
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return ctx.fail(ExitUsage, QCoreApplication::translate("cli", "stdin cannot be read"));
    const QByteArray text = in.readAll();
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &parseError);
    if (!doc.isObject())
        return ctx.fail(
            ExitUsage,
            QCoreApplication::translate(
                "cli", "stdin: not a JSON object (%1); expected {\"access_token\": …, "
                       "\"refresh_token\": …, \"expires_in\": …}")
                .arg(parseError.error != QJsonParseError::NoError
                         ? parseError.errorString() + u" at offset "_s +
                               QString::number(parseError.offset)
                         : QCoreApplication::translate("cli", "found another JSON value")));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    auto record = auth::TokenRecord::fromResponse(doc.object(), now, *settings, nullptr);
    if (!record)
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate("cli", "stdin: ") + record.error().message);
    if (record->refreshToken.isEmpty())
        std::fprintf(stderr, "bridgekeeper-engine: warning: no refresh_token; the connection "
                             "stops working when the access token expires\n");

    auto db = store::Database::open(ws.store, {auth::authMigrations()});
    if (!db)
        return ctx.fail(ExitStore, QCoreApplication::translate("cli", "%1: $.store: %2")
                                       .arg(ws.filePath, db.error().message));
    auto secrets = auth::makeSecretStore(ws.secrets, *db);
    if (!secrets)
        return ctx.fail(ExitFailed, QCoreApplication::translate("cli", "%1: $.secrets: %2")
                                        .arg(ws.filePath, secrets.error().message));
    auth::TokenStateStore state(*db, id);
    auto meta = state.load();
    if (!meta)
        return ctx.fail(ExitStore, meta.error().message);
    record->generation = meta->generation + 1;

    // The secret stores answer asynchronously; this command has nothing else to do meanwhile.
    QObject context;
    QEventLoop loop;
    Status written =
        Error::internal(QCoreApplication::translate("cli", "the secret store never answered"));
    (*secrets)->write(auth::connectorSecretKey(id, u"tokens"_s), record->toJson(), &context,
                      [&](Status st) {
                          written = st;
                          loop.quit();
                      });
    loop.exec();
    if (!written)
        return ctx.fail(ExitFailed,
                        QCoreApplication::translate("cli", "the tokens were not stored: ") +
                            written.error().message);
    if (auto st = state.commitTokens(*record, QString(), now, u"imported"_s); !st)
        return ctx.fail(ExitStore, st.error().message);

    const auto expiry = [](qint64 ms) {
        return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate)
                      : u"unknown"_s;
    };
    ctx.out() << QCoreApplication::translate(
                     "cli",
                     "Stored tokens for connector %1 in the %2 secret store (access token expires "
                     "%3, refresh token expires %4).\n")
                     .arg(id,
                          ws.secrets.kind == SecretStoreConfig::Kind::Keychain ? u"keychain"_s
                                                                               : u"encrypted-db"_s,
                          expiry(record->accessExpiresMs), expiry(record->refreshExpiresMs));
    ctx.out().flush();
    return ExitOk;
}

} // namespace bk::cli
