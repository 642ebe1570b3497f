// The webhook path with durability on, for the load benchmark: listener → signature check →
// JSON parse → group-commit inbox (SQLite WAL, synchronous=FULL) → 200.
// Usage: WebhookBenchServer DB_PATH [--port P] [--secret S] [--process [--own-commits]]
//                           [--threads N]
// Prints "READY <port>", then once a second "STATS stored=… batches=… largest=…".

#include "Clock.h"
#include "ConnectorCatalog.h"
#include "store/Database.h"
#include "webhooks/Inbox.h"
#include "webhooks/InboxProcessor.h"
#include "webhooks/WebhookListener.h"
#include "webhooks/WebhooksMigrations.h"

#include <cstdio>

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;

namespace {
class NoWork final : public EventProcessor {
public:
    Status process(const InboxEvent&) override { return Status::success(); }
};
} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: WebhookBenchServer DB_PATH [--port P] [--secret S] "
                             "[--process] [--threads N]\n");
        return 2;
    }
    const bool process = args.contains(u"--process"_s);
    const int ti = int(args.indexOf(u"--threads"_s));
    const int threads = ti > 0 && ti + 1 < args.size() ? args[ti + 1].toInt() : 2;
    const int pi = int(args.indexOf(u"--port"_s));
    const int port = pi > 0 && pi + 1 < args.size() ? args[pi + 1].toInt() : 0;
    const int si = int(args.indexOf(u"--secret"_s));
    const QByteArray secret =
        si > 0 && si + 1 < args.size() ? args[si + 1].toLatin1() : "bench-secret"_ba;

    StoreConfig config;
    config.kind = StoreConfig::Kind::Sqlite;
    config.sqlitePath = args[1];
    config.url = u"sqlite:"_s + config.sqlitePath;
    auto db = store::Database::open(config, {webhooksMigrations()});
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    auto clock = makeSystemClock();
    Inbox inbox(*db, clock, 7 * 86'400'000LL);
    NoWork work;
    ProcessorOptions po;
    if (!args.contains(u"--own-commits"_s)) // compare: the processor syncing on its own
        po.groupCommit = &inbox;
    InboxProcessor processor(*db, clock, &work, {}, po);
    if (process)
        inbox.setStoredListener([&processor](int) { processor.wake(); });
    auto catalog = ConnectorCatalog::load();
    if (!catalog)
        return 1;
    WebhookConfig wc;
    wc.maxConnections = 512;
    wc.listen.port = quint16(port);
    WebhookListener listener(wc, clock, &inbox);
    if (!listener.addConnector(u"shop"_s, catalog->definition(u"shopify"_s), {secret}) ||
        !inbox.start() || (process && !processor.start()) || !listener.start(threads)) {
        std::fprintf(stderr, "cannot start\n");
        return 1;
    }
    std::printf("READY %u\n", unsigned(listener.port()));
    std::fflush(stdout);
    QTimer stats;
    QObject::connect(&stats, &QTimer::timeout, &app, [&] {
        const InboxStats s = inbox.stats();
        std::printf(
            "STATS stored=%llu batches=%llu largest=%llu failed=%llu commit-avg-us=%llu "
            "commit-max-us=%llu checkpoints=%llu checkpoint-avg-us=%llu "
            "checkpoint-max-us=%llu\n",
            static_cast<unsigned long long>(s.stored), static_cast<unsigned long long>(s.batches),
            static_cast<unsigned long long>(s.largestBatch),
            static_cast<unsigned long long>(s.failed),
            static_cast<unsigned long long>(s.batches ? s.commitMicros / s.batches : 0),
            static_cast<unsigned long long>(s.slowestCommitMicros),
            static_cast<unsigned long long>(s.checkpoints),
            static_cast<unsigned long long>(s.checkpoints ? s.checkpointMicros / s.checkpoints : 0),
            static_cast<unsigned long long>(s.slowestCheckpointMicros));
        std::fflush(stdout);
    });
    stats.start(1000);
    return app.exec();
}
