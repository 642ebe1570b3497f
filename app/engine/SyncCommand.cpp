// `bridgekeeper-engine sync --workspace FILE --flow ID --once`: one sync cycle of one flow
// through the connectors' pipelines (auth, rate limits, retries, dead letters), then exit.
#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "auth/AuthMigrations.h"
#include "auth/OAuthSettings.h"
#include "auth/SecretStore.h"
#include "auth/TokenVault.h"
#include "deadletters/DeadLetterStore.h"
#include "http/HttpMigrations.h"
#include "http/Pipeline.h"
#include "sync/FlowRunner.h"
#include "sync/MappingAdapter.h"
#include "sync/PipelineTransport.h"
#include "sync/SyncStore.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace bk::cli {

namespace {

// The live parts of one connector for the length of the command.
struct ConnectorParts {
    std::shared_ptr<auth::TokenVault> vault;
    std::unique_ptr<http::Pipeline> pipeline;
};

Result<ConnectorParts> connectorParts(const ConnectorConfig& c, const QJsonObject& definition,
                                      std::shared_ptr<Clock> clock,
                                      std::shared_ptr<store::Database> db,
                                      std::shared_ptr<auth::SecretStore> secrets,
                                      std::shared_ptr<http::DeadLetterSink> deadLetters) {
    ConnectorParts parts;
    if (definition.value(u"auth"_s).toObject().value(u"type"_s).toString() == u"oauth2"_s) {
        auto settings = auth::OAuthSettings::fromDefinition(definition, c);
        if (!settings)
            return settings.error();
        parts.vault = std::make_shared<auth::TokenVault>(*settings, secrets, db, clock, nullptr);
        parts.vault->start();
    }
    http::Pipeline::Options options;
    options.clock = clock;
    options.db = db;
    options.auth = parts.vault;
    options.deadLetters = deadLetters;
    options.monitorStatusPage = false; // one cycle: the status page is the daemon's business
    auto pipeline = http::Pipeline::create(c, definition, options);
    if (!pipeline)
        return pipeline.error();
    parts.pipeline = std::move(*pipeline);
    return parts;
}

} // namespace

int syncCommand(const QStringList& args) {
    CommandContext ctx(u"sync"_s, args);
    ctx.addWorkspaceOptions();
    ctx.parser().addOption(
        {u"flow"_s, QCoreApplication::translate("cli", "The flow to run."), u"ID"_s});
    ctx.parser().addOption(
        {u"once"_s, QCoreApplication::translate("cli", "Run one cycle and exit.")});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    for (const QString& opt : {u"workspace"_s, u"flow"_s})
        if (!ctx.parser().isSet(opt))
            return ctx.fail(ExitUsage,
                            QCoreApplication::translate(
                                "cli", "--%1 is required (see: bridgekeeper-engine sync --help)")
                                .arg(opt));
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    if (!ctx.parser().isSet(u"once"_s))
        return ctx.fail(ExitUsage, QCoreApplication::translate(
                                       "cli", "sync needs --once (continuous syncing is \"run\")"));
    const Workspace& ws = ctx.workspace();
    const QString flowId = ctx.parser().value(u"flow"_s);
    auto catalog = ConnectorCatalog::load();
    if (!catalog)
        return ctx.fail(ExitUsage, catalog.error().message);
    auto spec = sync::resolveFlow(ws, *catalog, flowId);
    if (!spec)
        return ctx.fail(ExitUsage, spec.error().message);
    const ConnectorConfig* source = ws.connector(spec->flow.sourceConnector);
    const ConnectorConfig* destination = ws.connector(spec->flow.destinationConnector);
    auto mapper =
        sync::MappingAdapter::load(spec->flow.mappingFile, *catalog, source->defaultRegion);
    if (!mapper)
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate("cli", "%1: $.flows: flow \"%2\": %3")
                            .arg(ws.filePath, flowId, mapper.error().message));

    auto db = store::Database::open(ws.store,
                                    {auth::authMigrations(), http::httpMigrations(),
                                     deadletters::deadlettersMigrations(), sync::syncMigrations()});
    if (!db)
        return ctx.fail(ExitStore, QCoreApplication::translate("cli", "%1: $.store: %2")
                                       .arg(ws.filePath, db.error().message));
    auto secrets = auth::makeSecretStore(ws.secrets, *db);
    if (!secrets)
        return ctx.fail(ExitUsage, QCoreApplication::translate("cli", "%1: $.secrets: %2")
                                       .arg(ws.filePath, secrets.error().message));
    auto clock = makeSystemClock();
    auto deadLetters = std::make_shared<deadletters::DeadLetterStore>(*db, clock);

    auto src = connectorParts(*source, catalog->definition(source->type), clock, *db, *secrets,
                              deadLetters);
    if (!src)
        return ctx.fail(ExitFailed, QCoreApplication::translate("cli", "connector \"%1\": %2")
                                        .arg(source->id, src.error().message));
    ConnectorParts dstParts;
    http::Pipeline* dstPipeline = src->pipeline.get();
    if (destination->id != source->id) {
        auto dst = connectorParts(*destination, catalog->definition(destination->type), clock, *db,
                                  *secrets, deadLetters);
        if (!dst)
            return ctx.fail(ExitFailed, QCoreApplication::translate("cli", "connector \"%1\": %2")
                                            .arg(destination->id, dst.error().message));
        dstParts = std::move(*dst);
        dstPipeline = dstParts.pipeline.get();
    }
    sync::PipelineTransport sourceTransport(src->pipeline.get(), flowId);
    sync::PipelineTransport destinationTransport(dstPipeline, flowId);
    sync::SyncStore store(*db);
    // Failed writes are dead-lettered by the pipeline; the store is the sink for the rest
    // (invalid records) so every failure is recorded somewhere durable.
    sync::FlowRunner runner(*spec, **mapper, sourceTransport, destinationTransport, store, store,
                            clock);
    std::optional<Result<sync::RunSummary>> result;
    runner.start([&](Result<sync::RunSummary> r) {
        result.emplace(std::move(r));
        QCoreApplication::quit();
    });
    if (!result)
        QCoreApplication::exec();
    if (!result->ok())
        return ctx.fail(ExitFailed, QCoreApplication::translate("cli", "flow \"%1\": %2")
                                        .arg(flowId, result->error().message));
    const sync::RunSummary& s = result->value();
    ctx.out() << QCoreApplication::translate(
                     "cli", "flow %1: %2%3 read in %4 pages, %5 created, %6 updated, %7 unchanged, "
                            "%8 dead letters; %9 source calls\n")
                     .arg(flowId,
                          s.bulk ? QCoreApplication::translate("cli", "initial sync, ") : QString())
                     .arg(s.read)
                     .arg(s.pages)
                     .arg(s.writes.created)
                     .arg(s.writes.updated)
                     .arg(s.writes.unchanged)
                     .arg(s.writes.deadLettered)
                     .arg(s.readCalls);
    ctx.out().flush();
    return ExitOk;
}

} // namespace bk::cli
