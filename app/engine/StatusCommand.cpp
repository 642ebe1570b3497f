#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "Version.h"
#include "engine/SnapshotJson.h"
#include "engine/SnapshotStore.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace bk::cli {

int statusCommand(const QStringList& args) {
    CommandContext ctx(u"status"_s, args);
    ctx.addWorkspaceOptions();
    ctx.parser().addOption(
        {u"json"_s, QCoreApplication::translate("cli", "Print machine-readable JSON.")});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    if (int rc = ctx.openStore())
        return rc;

    const Workspace& ws = ctx.workspace();
    QJsonObject root;
    root[u"version"_s] = QString::fromLatin1(BK_VERSION);
    root[u"workspace"_s] = ws.filePath;
    root[u"name"_s] = ws.name;
    QJsonObject store;
    store[u"kind"_s] = ws.store.kind == StoreConfig::Kind::Sqlite ? u"sqlite"_s : u"postgresql"_s;
    store[u"location"_s] = ctx.database()->describe();
    auto coreVersion = ctx.database()->moduleVersion(u"core"_s);
    store[u"schema"_s] = coreVersion ? *coreVersion : -1;
    root[u"store"_s] = store;
    QJsonArray connectors;
    for (const auto& c : ws.connectors)
        connectors.append(QJsonObject{{u"id"_s, c.id},
                                      {u"type"_s, c.type},
                                      {u"name"_s, c.displayName},
                                      {u"enabled"_s, c.enabled}});
    root[u"connectors"_s] = connectors;
    QJsonArray flows;
    for (const auto& f : ws.flows)
        flows.append(QJsonObject{
            {u"id"_s, f.id},
            {u"source"_s, QString(f.sourceConnector + u"/"_s + f.sourceResource)},
            {u"destination"_s, QString(f.destinationConnector + u"/"_s + f.destinationResource)},
            {u"enabled"_s, f.enabled}});
    root[u"flows"_s] = flows;

    // What running engines last reported (empty until an engine has run on this store).
    auto snapshots = SnapshotStore(ctx.database()).loadAll();
    if (!snapshots)
        return ctx.fail(ExitStore, snapshots.error().message);
    QJsonArray health, tokens, gauges, lags, progress;
    for (const auto& h : snapshots->health)
        health.append(toJson(h));
    for (const auto& t : snapshots->tokens)
        tokens.append(toJson(t));
    for (const auto& g : snapshots->gauges)
        gauges.append(toJson(g));
    for (const auto& l : snapshots->lags)
        lags.append(toJson(l));
    for (const auto& p : snapshots->flows)
        progress.append(toJson(p));
    root[u"health"_s] = health;
    root[u"tokens"_s] = tokens;
    root[u"gauges"_s] = gauges;
    root[u"lag"_s] = lags;
    root[u"flowProgress"_s] = progress;

    if (ctx.parser().isSet(u"json"_s)) {
        ctx.out() << QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
    } else {
        ctx.out()
            << QCoreApplication::translate("cli", "Workspace: %1 (%2)\n").arg(ws.name, ws.filePath);
        ctx.out() << QCoreApplication::translate("cli", "Store:     %1, schema %2\n")
                         .arg(store[u"location"_s].toString())
                         .arg(store[u"schema"_s].toInt());
        for (const auto& c : ws.connectors)
            ctx.out() << QCoreApplication::translate("cli", "Connector: %1 (%2)%3\n")
                             .arg(c.id, c.type,
                                  c.enabled ? QString()
                                            : QCoreApplication::translate("cli", " disabled"));
        for (const auto& h : snapshots->health)
            ctx.out() << QCoreApplication::translate("cli", "Health:    %1 %2 %3\n")
                             .arg(h.connectorId, healthStateKey(h.state), h.reason);
        for (const auto& f : ws.flows)
            ctx.out() << QCoreApplication::translate("cli", "Flow:      %1  %2/%3 -> %4/%5\n")
                             .arg(f.id, f.sourceConnector, f.sourceResource, f.destinationConnector,
                                  f.destinationResource);
    }
    ctx.out().flush();
    return ExitOk;
}

} // namespace bk::cli
