// Runs the webhook listener, the durable inbox and the processor on a SQLite file until it is
// killed. TestWebhookCrash starts it, posts at it, SIGKILLs it at random moments and restarts
// it. Usage: WebhookCrashHelper DB_PATH. Prints "READY <port>" once it listens.

#include "Clock.h"
#include "ConnectorCatalog.h"
#include "store/Database.h"
#include "webhooks/Inbox.h"
#include "webhooks/InboxProcessor.h"
#include "webhooks/WebhookListener.h"
#include "webhooks/WebhooksMigrations.h"

#include <cstdio>

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;

namespace {

/// The "work" takes a little while (so kills land mid-processing); its one local effect is a
/// row in crash_effects, committed together with the done mark.
class EffectProcessor final : public EventProcessor {
public:
    Status process(const InboxEvent&) override {
        QThread::usleep(QRandomGenerator::global()->bounded(2000, 20000));
        return Status::success();
    }
    Status commitEffects(QSqlDatabase& db, const InboxEvent& e) override {
        auto q = store::Database::run(
            db, u"INSERT INTO crash_effects (inbox_id, event_id) VALUES (?, ?)"_s,
            {e.id, e.eventId});
        return q ? Status::success() : Status(q.error());
    }
};

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: WebhookCrashHelper DB_PATH\n");
        return 2;
    }
    StoreConfig config;
    config.kind = StoreConfig::Kind::Sqlite;
    config.sqlitePath = QString::fromLocal8Bit(argv[1]);
    config.url = u"sqlite:"_s + config.sqlitePath;
    auto db = store::Database::open(config, {webhooksMigrations()});
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    if (auto t = (*db)->exec(u"CREATE TABLE IF NOT EXISTS crash_effects (inbox_id INTEGER NOT "
                             "NULL, event_id TEXT NOT NULL)"_s);
        !t) {
        std::fprintf(stderr, "%s\n", qPrintable(t.error().message));
        return 1;
    }
    auto clock = makeSystemClock();
    Inbox inbox(*db, clock, 86'400'000);
    EffectProcessor effects;
    ProcessorOptions po;
    po.owner = u"crash-helper"_s;
    po.groupCommit = &inbox; // as in the engine: done marks and effects on the inbox's commits
    InboxProcessor processor(*db, clock, &effects, {}, po);
    inbox.setStoredListener([&processor](int) { processor.wake(); });

    auto catalog = ConnectorCatalog::load();
    if (!catalog)
        return 1;
    WebhookConfig wc;
    wc.maxConnections = 64;
    WebhookListener listener(wc, clock, &inbox);
    if (!listener.addConnector(u"shop"_s, catalog->definition(u"shopify"_s),
                               {"crash-test-secret"_ba}))
        return 1;
    if (!inbox.start() || !processor.start() || !listener.start()) {
        std::fprintf(stderr, "cannot start\n");
        return 1;
    }
    std::printf("READY %u\n", unsigned(listener.port()));
    std::fflush(stdout);
    return app.exec();
}
