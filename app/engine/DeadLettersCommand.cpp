// `bridgekeeper-engine deadletters list|show|replay|discard --workspace FILE …`: the
// dead-letter queue from the command line. Replay sends through a Pipeline built for the
// connector (auth, rate limits, breaker, outbox), exactly like the engine would; a source
// record is mapped through its flow first, as the console's Replay does.
#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "auth/AuthMigrations.h"
#include "auth/OAuthSettings.h"
#include "auth/SecretStore.h"
#include "auth/TokenVault.h"
#include "deadletters/DeadLetterStore.h"
#include "deadletters/Replay.h"
#include "engine/DestinationLookupResolver.h"
#include "engine/ReplayIdMapLinker.h"
#include "engine/ReplayPlanner.h"
#include "http/HttpMigrations.h"
#include "http/Pipeline.h"
#include "sync/FlowRunner.h"
#include "sync/SyncStore.h"

#include <atomic>
#include <optional>
#include <thread>

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace bk::cli {

namespace {

QString operatorName(CommandContext& ctx) {
    if (ctx.parser().isSet(u"user"_s))
        return ctx.parser().value(u"user"_s);
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? u"cli"_s : u"cli:"_s + user;
}

QString timeText(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

int list(CommandContext& ctx, deadletters::DeadLetterStore& store) {
    deadletters::Filter f;
    f.connectorId = ctx.parser().value(u"connector"_s);
    f.flowId = ctx.parser().value(u"flow"_s);
    f.cls = ctx.parser().value(u"class"_s);
    f.state = ctx.parser().value(u"state"_s);
    f.text = ctx.parser().value(u"text"_s);
    const int limit = ctx.parser().value(u"limit"_s).toInt();
    const int offset = ctx.parser().value(u"offset"_s).toInt();
    auto rows = store.list(f, offset, limit > 0 ? limit : 100);
    auto total = store.count(f);
    if (!rows || !total)
        return ctx.fail(ExitStore, (!rows ? rows.error() : total.error()).message);
    if (ctx.parser().isSet(u"json"_s)) {
        QJsonArray items;
        for (const auto& d : std::as_const(*rows))
            items.append(d.toJson());
        ctx.out() << QJsonDocument(QJsonObject{{u"total"_s, *total}, {u"items"_s, items}})
                         .toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    ctx.out() << QCoreApplication::translate("cli", "%1 dead letter(s)\n").arg(*total);
    for (const auto& d : std::as_const(*rows))
        ctx.out() << u"%1  %2  %3  %4  %5  %6  %7\n"_s.arg(d.id)
                         .arg(deadletters::stateName(d.state), -9)
                         .arg(http::outcomeClassName(d.cls), -12)
                         .arg(d.connectorId, d.flowId, timeText(d.createdMs), d.reason.left(100));
    return ExitOk;
}

// A pipeline for one connector of the workspace with its token vault, as the engine builds
// it (no status-page polling, no outbox recovery: that is the running engine's work).
struct ReplayPipeline {
    std::shared_ptr<auth::TokenVault> vault;
    std::unique_ptr<http::Pipeline> pipeline;
};

/// ExitOk with out filled, or the exit code after a message.
int makePipeline(CommandContext& ctx, const std::shared_ptr<store::Database>& db,
                 const std::shared_ptr<http::DeadLetterSink>& sink, const QString& connectorId,
                 const std::shared_ptr<Clock>& clock, ReplayPipeline& out) {
    const Workspace& ws = ctx.workspace();
    const ConnectorConfig* connector = ws.connector(connectorId);
    if (!connector)
        return ctx.fail(ExitUsage, QCoreApplication::translate(
                                       "cli", "%1: $.connectors: no connector with id \"%2\"")
                                       .arg(ws.filePath, connectorId));
    const QJsonObject definition = ctx.catalog().definition(connector->type);
    const QString authType = definition.value(u"auth"_s).toObject().value(u"type"_s).toString();
    if (authType == u"oauth2"_s) {
        auto settings = auth::OAuthSettings::fromDefinition(definition, *connector);
        if (!settings)
            return ctx.fail(ExitUsage, settings.error().message);
        auto secrets = auth::makeSecretStore(ws.secrets, db);
        if (!secrets)
            return ctx.fail(
                ExitFailed,
                QCoreApplication::translate(
                    "cli", "cannot replay through \"%1\": no auth provider is available (%2)")
                    .arg(connectorId, secrets.error().message));
        out.vault = std::make_shared<auth::TokenVault>(*settings, *secrets, db, clock, nullptr);
        bool started = false;
        QObject::connect(out.vault.get(), &auth::TokenVault::started, out.vault.get(),
                         [&started] { started = true; });
        out.vault->start();
        while (!started)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
        if (out.vault->status() != auth::TokenVault::Status::Ready)
            return ctx.fail(
                ExitFailed,
                QCoreApplication::translate(
                    "cli", "cannot replay through \"%1\": it has no usable tokens; authorise it "
                           "first (console, or `auth import`)")
                    .arg(connectorId));
    } else if (!authType.isEmpty() && authType != u"none"_s) {
        return ctx.fail(ExitFailed,
                        QCoreApplication::translate(
                            "cli", "cannot replay through \"%1\": no auth provider for auth type "
                                   "\"%2\" in this build")
                            .arg(connectorId, authType));
    }
    http::Pipeline::Options options;
    options.clock = clock;
    options.db = db;
    options.auth = out.vault;
    options.deadLetters = sink;
    options.monitorStatusPage = false;
    auto pipeline = http::Pipeline::create(*connector, definition, options);
    if (!pipeline)
        return ctx.fail(ExitUsage, pipeline.error().message);
    out.pipeline = std::move(*pipeline);
    return ExitOk;
}

int replayOutcome(CommandContext& ctx, qint64 id, const http::Outcome& outcome) {
    if (outcome.ok()) {
        ctx.out() << QCoreApplication::translate("cli",
                                                 "dead letter %1 replayed: HTTP %2, resolved\n")
                         .arg(id)
                         .arg(outcome.status);
        return ExitOk;
    }
    return ctx.fail(ExitFailed,
                    QCoreApplication::translate("cli", "dead letter %1 replay failed (%2): %3")
                        .arg(id)
                        .arg(http::outcomeClassName(outcome.cls), outcome.reason));
}

// A source record (a sync record that failed mapping): mapped through its flow (or --flow)
// and written to that flow's destination, as the console's Replay does (ReplayPlanner, with
// the mapping's lookups answered by the destination), then recorded in the flow's id map.
int replayThroughFlow(CommandContext& ctx, const std::shared_ptr<store::Database>& db,
                      deadletters::DeadLetterStore& store,
                      const std::shared_ptr<http::DeadLetterSink>& sink,
                      const deadletters::DeadLetter& letter, const QByteArray& body) {
    const Workspace& ws = ctx.workspace();
    ReplayTarget target;
    QString flowId = letter.flowId;
    if (ctx.parser().isSet(u"flow"_s)) {
        flowId = ctx.parser().value(u"flow"_s);
        if (flowId != letter.flowId)
            target = {ReplayTarget::Kind::Flow, flowId};
    }
    const FlowConfig* flow = ws.flow(flowId);
    if (!flow)
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate(
                            "cli", "dead letter %1 holds a source record, and \"%2\" is no "
                                   "flow of %3: name one with --flow")
                            .arg(letter.id)
                            .arg(flowId, ws.filePath));
    auto clock = makeSystemClock();
    ReplayPipeline sender;
    if (int rc = makePipeline(ctx, db, sink, flow->destinationConnector, clock, sender))
        return rc;
    auto spec = sync::resolveFlow(ws, ctx.catalog(), flowId);
    if (!spec)
        return ctx.fail(ExitUsage, spec.error().message);
    auto resolver =
        std::make_shared<DestinationLookupResolver>(sender.pipeline.get(), spec->destination);
    ReplayPlanner planner(ws, ctx.catalog(), [flowId, resolver](const QString& id) {
        return id == flowId ? static_cast<mapping::LookupResolver*>(resolver.get()) : nullptr;
    });
    // Planning may wait on lookups sent through the pipeline, which lives on this thread:
    // plan on another thread while this one serves the pipeline.
    std::optional<Result<ReplayPlanner::Plan>> plan;
    std::atomic<bool> planned{false};
    std::thread planning([&] {
        plan.emplace(planner.planToSend(letter, body, target));
        planned = true;
        // Wakes the loop below.
        QMetaObject::invokeMethod(
            QCoreApplication::instance(), [] {}, Qt::QueuedConnection);
    });
    while (!planned)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    planning.join();
    if (!*plan)
        return ctx.fail(plan->error().category == ErrorCategory::Usage ? ExitUsage : ExitFailed,
                        QCoreApplication::translate("cli", "dead letter %1 not replayed: %2")
                            .arg(letter.id)
                            .arg(plan->error().message));
    const QString via = ReplayPlanner::sender(letter, **plan);
    if (via != sender.pipeline->config().connectorId)
        return ctx.fail(ExitFailed, QCoreApplication::translate(
                                        "cli", "dead letter %1: the plan sends through \"%2\"")
                                        .arg(letter.id)
                                        .arg(via));
    auto request = ReplayPlanner::begin(store, letter, body, **plan, operatorName(ctx));
    if (!request)
        return ctx.fail(ExitFailed, request.error().message);
    bool done = false;
    http::Outcome outcome;
    auto op = sender.pipeline->send(*request, sender.pipeline.get(), [&](const http::Outcome& o) {
        outcome = o;
        done = true;
    });
    if (!op) {
        (void)store.abortReplay(letter.id, operatorName(ctx), op.error().message);
        return ctx.fail(ExitFailed, op.error().message);
    }
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    return replayOutcome(ctx, letter.id, outcome);
}

int replay(CommandContext& ctx, const std::shared_ptr<store::Database>& db,
           const std::shared_ptr<deadletters::DeadLetterStore>& store, qint64 id) {
    auto letter = store->get(id);
    if (!letter)
        return ctx.fail(ExitUsage, letter.error().message);
    if (letter->state == deadletters::State::Resolved ||
        letter->state == deadletters::State::Discarded)
        return ctx.fail(ExitFailed, QCoreApplication::translate(
                                        "cli", "dead letter %1 is %2: nothing to replay")
                                        .arg(id)
                                        .arg(deadletters::stateName(letter->state)));
    QByteArray body;
    if (ctx.parser().isSet(u"body-file"_s)) {
        QFile f(ctx.parser().value(u"body-file"_s));
        if (!f.open(QIODevice::ReadOnly))
            return ctx.fail(ExitUsage,
                            QCoreApplication::translate("cli", "--body-file: cannot read %1")
                                .arg(f.fileName()));
        body = f.readAll();
    }
    // Letters go to the queue; a replay that wrote a flow's record also joins its id map.
    auto sink =
        std::make_shared<ReplayIdMapLinker>(store, std::make_shared<sync::SyncStore>(db),
                                            ctx.workspace(), ctx.catalog(), makeSystemClock());
    if (letter->isSourceRecord()) {
        if (ctx.parser().isSet(u"connector"_s))
            return ctx.fail(ExitUsage,
                            QCoreApplication::translate(
                                "cli", "dead letter %1 holds a source record: it is replayed "
                                       "through a flow (--flow), not to a connector")
                                .arg(id));
        return replayThroughFlow(ctx, db, *store, sink, *letter, body);
    }
    if (ctx.parser().isSet(u"flow"_s))
        return ctx.fail(ExitUsage, QCoreApplication::translate(
                                       "cli", "dead letter %1 holds a request, not a source "
                                              "record: --flow does not apply (use --connector)")
                                       .arg(id));
    const QString target = ctx.parser().isSet(u"connector"_s) ? ctx.parser().value(u"connector"_s)
                                                              : letter->connectorId;
    ReplayPipeline sender;
    if (int rc = makePipeline(ctx, db, sink, target, makeSystemClock(), sender))
        return rc;
    deadletters::ReplayOptions ro;
    ro.user = operatorName(ctx);
    if (ctx.parser().isSet(u"body-file"_s))
        ro.body = body;
    bool done = false;
    http::Outcome outcome;
    auto op = deadletters::replayDeadLetter(*store, id, ro, *sender.pipeline, sender.pipeline.get(),
                                            [&](const http::Outcome& o) {
                                                outcome = o;
                                                done = true;
                                            });
    if (!op)
        return ctx.fail(ExitFailed, op.error().message);
    while (!done)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 100);
    return replayOutcome(ctx, id, outcome);
}

} // namespace

int deadLettersCommand(const QStringList& args) {
    const QStringList actions{u"list"_s, u"show"_s, u"replay"_s, u"discard"_s};
    const QString action = args.value(0);
    if (!actions.contains(action)) {
        CommandContext ctx(u"deadletters"_s, {});
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate("cli", "deadletters needs one of: %1")
                            .arg(actions.join(u", "_s)));
    }
    CommandContext ctx(u"deadletters "_s + action, args.mid(1));
    ctx.addWorkspaceOptions();
    auto& p = ctx.parser();
    if (action == u"list"_s) {
        p.addOption(
            {u"json"_s, QCoreApplication::translate("cli", "Print machine-readable JSON.")});
        p.addOption(
            {u"connector"_s, QCoreApplication::translate("cli", "Only this connector."), u"ID"_s});
        p.addOption({u"flow"_s, QCoreApplication::translate("cli", "Only this flow."), u"ID"_s});
        p.addOption(
            {u"class"_s,
             QCoreApplication::translate("cli", "Only this class (permanent, transient, …)."),
             u"CLASS"_s});
        p.addOption({u"state"_s,
                     QCoreApplication::translate(
                         "cli", "Only this state (new, replaying, resolved, discarded)."),
                     u"STATE"_s});
        p.addOption({u"text"_s,
                     QCoreApplication::translate(
                         "cli", "Only letters whose reason, URL, ids or body contain TEXT."),
                     u"TEXT"_s});
        p.addOption({u"limit"_s, QCoreApplication::translate("cli", "Rows per page (default 100)."),
                     u"N"_s, u"100"_s});
        p.addOption(
            {u"offset"_s, QCoreApplication::translate("cli", "Rows to skip."), u"N"_s, u"0"_s});
    } else {
        p.addPositionalArgument(u"id"_s, QCoreApplication::translate("cli", "Dead-letter id."));
    }
    if (action == u"discard"_s)
        p.addOption(
            {u"reason"_s,
             QCoreApplication::translate("cli", "Why it is discarded (kept in the audit log)."),
             u"TEXT"_s});
    if (action == u"replay"_s) {
        p.addOption({u"connector"_s,
                     QCoreApplication::translate("cli", "Replay to this connector instead."),
                     u"ID"_s});
        p.addOption({u"flow"_s,
                     QCoreApplication::translate(
                         "cli", "A source record: map it through this flow instead of its own."),
                     u"ID"_s});
        p.addOption(
            {u"body-file"_s,
             QCoreApplication::translate("cli", "Send this body instead (audited as an edit)."),
             u"FILE"_s});
    }
    if (action == u"discard"_s || action == u"replay"_s)
        p.addOption({u"user"_s,
                     QCoreApplication::translate(
                         "cli", "Operator name for the audit log (default: $USER)."),
                     u"NAME"_s});
    if (!ctx.parse())
        return p.isSet(u"help"_s) ? ExitOk : ExitUsage;
    if (!p.isSet(u"workspace"_s))
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate(
                            "cli", "--workspace is required (see: bridgekeeper-engine %1 --help)")
                            .arg(ctx.command()));
    if (int rc = ctx.prepare())
        return rc;
    if (int rc = ctx.loadWorkspace())
        return rc;
    qint64 id = 0;
    if (action != u"list"_s) {
        if (p.positionalArguments().isEmpty())
            return ctx.fail(ExitUsage, QCoreApplication::translate(
                                           "cli", "deadletters %1 needs a dead-letter id")
                                           .arg(action));
        bool ok = false;
        id = p.positionalArguments().first().toLongLong(&ok);
        if (!ok || id <= 0)
            return ctx.fail(ExitUsage,
                            QCoreApplication::translate("cli", "\"%1\" is not a dead-letter id")
                                .arg(p.positionalArguments().first()));
    }
    if (action == u"discard"_s && p.value(u"reason"_s).trimmed().isEmpty())
        return ctx.fail(ExitUsage, QCoreApplication::translate(
                                       "cli", "deadletters discard needs --reason TEXT"));
    auto opened = store::Database::open(
        ctx.workspace().store, {auth::authMigrations(), http::httpMigrations(),
                                deadletters::deadlettersMigrations(), sync::syncMigrations()});
    if (!opened)
        return ctx.fail(ExitStore, QCoreApplication::translate("cli", "%1: $.store: %2")
                                       .arg(ctx.workspace().filePath, opened.error().message));
    auto db = *opened;
    auto letters = std::make_shared<deadletters::DeadLetterStore>(db, makeSystemClock());
    deadletters::DeadLetterStore& store = *letters;

    if (action == u"list"_s)
        return list(ctx, store);
    if (action == u"show"_s) {
        auto d = store.get(id);
        if (!d)
            return ctx.fail(ExitUsage, d.error().message);
        ctx.out() << QJsonDocument(d->toJson()).toJson(QJsonDocument::Indented);
        return ExitOk;
    }
    if (action == u"discard"_s) {
        if (Status st = store.discard(id, operatorName(ctx), p.value(u"reason"_s)); !st)
            return ctx.fail(st.error().category == ErrorCategory::Usage ? ExitUsage : ExitFailed,
                            st.error().message);
        ctx.out() << QCoreApplication::translate("cli", "dead letter %1 discarded\n").arg(id);
        return ExitOk;
    }
    return replay(ctx, db, letters, id);
}

} // namespace bk::cli
