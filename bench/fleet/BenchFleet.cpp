// Bulk-sync throughput of a fleet of 1, 2 and 4 `bridgekeeper-engine run` processes on one
// PostgreSQL store against the in-process API sandbox, and the quota use of one run where
// Exact Online's minutely quota binds. Prints its figures; not a test.
//
//   bench_fleet [--records N] [--flows F] [--engines 1,2,4] [--quota Q] [--quota-records N]
//               [--lease-seconds S] [--pg-port P]
//
// PostgreSQL: BK_TEST_PGHOST/PORT/USER when set (scripts/run-tests.sh exports them), else a
// throwaway cluster started here on --pg-port (default 55591; needs postgresql-15).
#include "fleet/FleetHarness.h"
#include "fleet/FleetWorkspace.h"
#include "sandbox/Sandbox.h"

#include <cstdio>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QMap>
#include <QSet>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::fleettest;
using sandbox::Vendor;

namespace {

struct Options {
    int records = 1000;
    int flows = 4;
    QList<int> engines{1, 2, 4};
    int quota = 300;        ///< Exact calls per minute in the binding run
    int quotaRecords = 500; ///< records per flow in the binding run
    int leaseSeconds = 10;
    int pgPort = 55591;
};

struct Figures {
    int engines = 0;
    int written = 0;        ///< destination records created
    double seconds = 0;     ///< engines started → every flow's records written
    double postSeconds = 0; ///< first → last create at the sandbox
    int exact429 = 0;
    int maxPerMinute = 0;       ///< admitted Exact calls in the busiest sandbox clock minute
    int orphans = 0;            ///< contacts created but linked to no person (written twice)
    QMap<QString, int> flowsBy; ///< engine id → flows it ran (lease holders seen)
    QString error;
};

// One fleet of `engines` processes syncing `flows` flows of `records` Pipedrive persons into
// Exact contacts, with Exact allowing `quota` calls a minute (sandbox and workspace alike).
// Shared: every engine runs the same workspace and the flows go to whoever claims their
// lease. Spread: engine i's workspace enables only the flows f with f % engines == i.
Figures runFleet(const PgServer& pg, const Options& o, int engines, int records, int quota,
                 bool spread) {
    Figures f;
    f.engines = engines;
    sandbox::Sandbox sb;
    sandbox::SandboxOptions so;
    so.recordsPerVendor = records;
    so.serverThreads = 4;
    liftLimits(so, quota);
    if (auto port = sb.start(so); !port) {
        f.error = port.error().message;
        return f;
    }
    FleetHarness fleet(QStringLiteral(BK_ENGINE_EXE), pg);
    if (!fleet.createDatabase()) {
        f.error = fleet.why();
        return f;
    }
    auto workspace = [&](const QString& name, int engine) {
        QJsonArray flows;
        for (int i = 0; i < o.flows; ++i)
            flows.append(personsFlow(u"persons-%1"_s.arg(i + 1), !spread || i % engines == engine));
        return fleet.writeWorkspace(
            name, QJsonObject{
                      {u"name"_s, u"fleet bench"_s},
                      {u"fleet"_s, QJsonObject{{u"leaseSeconds"_s, o.leaseSeconds}}},
                      {u"connectors"_s,
                       QJsonArray{sandboxConnector(sb, u"exact"_s, Vendor::Exact, quota),
                                  sandboxConnector(sb, u"pipedrive"_s, Vendor::Pipedrive, quota)}},
                      {u"flows"_s, flows}});
    };
    const QString ws = workspace(u"bench.json"_s, -1);
    for (auto [id, vendor] :
         {std::pair{u"exact"_s, Vendor::Exact}, std::pair{u"pipedrive"_s, Vendor::Pipedrive}}) {
        if (!fleet.setSecret(ws, id, u"client_secret"_s,
                             sandbox::Sandbox::clientSecret(vendor).toUtf8()) ||
            !fleet.importTokens(ws, id, sb.issueTokensForTest(vendor))) {
            f.error = fleet.why();
            return f;
        }
    }
    const QStringList seededIds = sb.recordIds(Vendor::Exact, u"Contacts"_s);
    const QSet<QString> seededSet(seededIds.begin(), seededIds.end());
    const int seeded = int(seededIds.size());
    sb.clearLog();

    QElapsedTimer clock;
    clock.start();
    QList<EngineProcess*> procs;
    for (int i = 0; i < engines; ++i)
        procs << fleet.startEngine(spread ? workspace(u"bench-%1.json"_s.arg(i), i) : ws,
                                   u"engine-%1"_s.arg(i + 1));
    for (EngineProcess* e : procs)
        if (!e || !fleet.waitReady(e, false, false, 60'000)) {
            f.error = fleet.why();
            return f;
        }
    // Done when every flow has settled every source record (linked or failed); a create still
    // on the wire (id map state "creating") is not settled yet.
    auto settled = [&] {
        int done = 0;
        for (int i = 0; i < o.flows; ++i)
            done += fleet
                        .scalar(u"SELECT count(*) FROM (SELECT source_id FROM sync_idmap WHERE "
                                "flow_id = ? AND state <> 'creating' UNION SELECT source_id FROM "
                                "sync_failures WHERE flow_id = ?) s"_s,
                                {u"persons-%1"_s.arg(i + 1), u"persons-%1"_s.arg(i + 1)})
                        .toInt();
        return done;
    };
    QSet<QString> holders;
    const int target = records * o.flows;
    QElapsedTimer poll;
    poll.start();
    int last = -1;
    qint64 lastChangeMs = 0;
    while (true) {
        QTest::qWait(250);
        QSqlQuery q(fleet.db());
        if (q.exec(u"SELECT resource, holder FROM fleet_leases"_s))
            while (q.next())
                holders.insert(q.value(0).toString() + u'@' + q.value(1).toString());
        const int done = settled();
        if (done >= target)
            break;
        if (done != last) {
            last = done;
            lastChangeMs = poll.elapsed();
        } else if (poll.elapsed() - lastChangeMs > 180'000) {
            f.error = u"no progress for 3 minutes at %1 of %2 records"_s.arg(done).arg(target);
            break;
        }
    }
    f.seconds = clock.elapsed() / 1000.0;
    f.written = sb.recordCount(Vendor::Exact, u"Contacts"_s) - seeded;
    QSet<QString> linked;
    QSqlQuery links(fleet.db());
    if (links.exec(u"SELECT dest_id FROM sync_idmap WHERE state = 'ok'"_s))
        while (links.next())
            linked.insert(links.value(0).toString());
    for (const QString& id : sb.recordIds(Vendor::Exact, u"Contacts"_s))
        if (!seededSet.contains(id) && !linked.contains(id))
            ++f.orphans;
    for (const QString& h : std::as_const(holders))
        ++f.flowsBy[h.section(u'@', 1)];

    qint64 first = 0, lastPost = 0;
    QHash<qint64, int> perMinute;
    for (const auto& r : sb.requests()) {
        if (r.vendor != Vendor::Exact || r.endpoint.contains(u"oauth2"_s))
            continue;
        if (r.status == 429) {
            ++f.exact429;
            continue;
        }
        ++perMinute[r.atMs / 60'000];
        if (r.method == u"POST"_s) {
            first = first ? std::min(first, r.atMs) : r.atMs;
            lastPost = std::max(lastPost, r.atMs);
        }
    }
    for (int n : std::as_const(perMinute))
        f.maxPerMinute = std::max(f.maxPerMinute, n);
    f.postSeconds = (lastPost - first) / 1000.0;
    for (EngineProcess* e : procs)
        fleet.terminate(e);
    return f;
}

void print(const char* what, const Figures& f, int quota) {
    if (!f.error.isEmpty())
        std::printf("%s, %d engine(s): FAILED: %s\n", what, f.engines, qPrintable(f.error));
    QStringList by;
    for (auto it = f.flowsBy.begin(); it != f.flowsBy.end(); ++it)
        by << u"%1 ran %2"_s.arg(it.key()).arg(it.value());
    std::printf(
        "%s, %d engine(s): %d records in %.1f s = %.1f records/s (creates %.1f s apart "
        "= %.1f/s); written twice: %d; Exact 429s: %d; busiest minute %d calls of %d allowed; "
        "flows: %s\n",
        what, f.engines, f.written, f.seconds, f.written / std::max(f.seconds, 0.001),
        f.postSeconds, f.written / std::max(f.postSeconds, 0.001), f.orphans, f.exact429,
        f.maxPerMinute, quota, qPrintable(by.join(u", "_s)));
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Options o;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const QString& k = args[i];
        const QString& v = args[i + 1];
        if (k == u"--records"_s)
            o.records = v.toInt();
        else if (k == u"--flows"_s)
            o.flows = v.toInt();
        else if (k == u"--quota"_s)
            o.quota = v.toInt();
        else if (k == u"--quota-records"_s)
            o.quotaRecords = v.toInt();
        else if (k == u"--lease-seconds"_s)
            o.leaseSeconds = v.toInt();
        else if (k == u"--pg-port"_s)
            o.pgPort = v.toInt();
        else if (k == u"--engines"_s) {
            o.engines.clear();
            for (const QString& n : v.split(u','))
                o.engines << n.toInt();
        } else {
            std::fprintf(stderr, "unknown option %s\n", qPrintable(k));
            return 2;
        }
    }
    PgServer pg = PgServer::fromEnvironment();
    ScratchPostgres scratch;
    if (!pg.valid()) {
        if (QString why = scratch.start(o.pgPort); !why.isEmpty()) {
            std::fprintf(stderr, "bench_fleet: %s\n", qPrintable(why));
            return 1;
        }
        pg = scratch.server();
    }
    std::printf("bench_fleet: %d flows x %d Pipedrive persons -> Exact contacts, PostgreSQL "
                "%s:%d, fleet.leaseSeconds %d\n",
                o.flows, o.records, qPrintable(pg.host), pg.port, o.leaseSeconds);
    std::fflush(stdout);
    constexpr int kFree = 1'000'000;
    for (int k : std::as_const(o.engines))
        print("quota free, shared workspace", runFleet(pg, o, k, o.records, kFree, false), kFree);
    for (int k : std::as_const(o.engines))
        if (k > 1)
            print("quota free, flows spread", runFleet(pg, o, k, o.records, kFree, true), kFree);
    const int k = o.engines.isEmpty() ? 4 : o.engines.last();
    print("quota binds, flows spread", runFleet(pg, o, k, o.quotaRecords, o.quota, true), o.quota);
    return 0;
}
