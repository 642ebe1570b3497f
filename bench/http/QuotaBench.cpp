// Quota benchmark: K processes (1, 2, 4) push one bulk job through one shared fixed-window
// quota (one SQLite store) against a loopback server that enforces the quota by arrival time.
// Prints, per K, the fraction of the quota used and the number of 429s received.
//
//   bench_http_quota [--limit 100] [--window-ms 2000] [--ops 800]
#include "deadletters/DeadLetterStore.h"
#include "http/HttpMigrations.h"
#include "httpserver/HttpServer.h"

#include <cstdio>

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMap>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace bk;

namespace {

struct Enforcer {
    int limit = 50;
    qint64 windowMs = 1000;
    QMutex mutex;
    QMap<qint64, int> served; // window → requests served
    int refused = 0;

    httpserver::Response handle() {
        QMutexLocker lock(&mutex);
        const qint64 w = QDateTime::currentMSecsSinceEpoch() / windowMs;
        int& n = served[w];
        if (n >= limit) {
            ++refused;
            return httpserver::Response::json(429, R"({"error":"over limit"})");
        }
        ++n;
        return httpserver::Response::json(200, "{}");
    }
};

bool waitAll(QList<QProcess*>& ps) {
    for (QProcess* p : ps)
        if (!p->waitForFinished(600'000) || p->exitCode() != 0) {
            std::fprintf(stderr, "worker failed: %s\n", p->readAllStandardError().constData());
            return false;
        }
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    auto opt = [&](const QString& name, int fallback) {
        const int i = args.indexOf(name);
        return i > 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
    };
    const int limit = opt(u"--limit"_s, 100);
    const int windowMs = opt(u"--window-ms"_s, 2000);
    const int ops = opt(u"--ops"_s, 800);

    std::printf("quota: %d requests per %d ms window (fixed, by arrival at the server); "
                "bulk job of %d requests\n",
                limit, windowMs, ops);
    std::printf("%-3s %10s %12s %14s %14s %8s\n", "K", "served", "windows", "used(steady)",
                "used(all)", "429s");
    for (int k : {1, 2, 4}) {
        Enforcer e;
        e.limit = limit;
        e.windowMs = windowMs;
        httpserver::HttpServer server;
        httpserver::ServerOptions so;
        so.threads = 2;
        if (Status st = server.start(
                so, [&e](const httpserver::Request&,
                         std::shared_ptr<httpserver::Responder> r) { r->respond(e.handle()); });
            !st) {
            std::fprintf(stderr, "%s\n", qPrintable(st.error().message));
            return 1;
        }
        QTemporaryDir dir;
        const QString db = dir.filePath(u"bench.db"_s);
        {
            // Create the store once: the workers then only open it.
            StoreConfig sc;
            sc.sqlitePath = db;
            sc.url = u"sqlite:"_s + db;
            auto opened = store::Database::open(
                sc, {http::httpMigrations(), deadletters::deadlettersMigrations()});
            if (!opened) {
                std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
                return 1;
            }
        }
        const QString url = u"http://127.0.0.1:%1/bulk"_s.arg(server.port());
        QList<QProcess*> workers;
        for (int i = 0; i < k; ++i) {
            auto* p = new QProcess(&app);
            const int share = ops / k + (i < ops % k ? 1 : 0);
            p->start(QStringLiteral(BK_WORKER_PATH),
                     {u"quota"_s, db, url, QString::number(share), QString::number(limit),
                      QString::number(windowMs)});
            workers.append(p);
        }
        if (!waitAll(workers))
            return 1;
        server.stop();
        // Windows from the first to the last one that served anything.
        int served = 0;
        for (int n : std::as_const(e.served))
            served += n;
        const qint64 first = e.served.firstKey(), last = e.served.lastKey();
        const qint64 windows = last - first + 1;
        // Steady state: without the first window (the workers start at some point inside it)
        // and the last (the job runs out of work there).
        const int edges = e.served.value(first) + (last > first ? e.served.value(last) : 0);
        const double usedFull =
            windows > 2 ? double(served - edges) / double(limit * (windows - 2)) : 1.0;
        const double usedAll = double(served) / double(limit * windows);
        std::printf("%-3d %10d %12lld %13.1f%% %13.1f%% %8d\n", k, served, windows,
                    usedFull * 100.0, usedAll * 100.0, e.refused);
        QStringList perWindow;
        for (qint64 w = first; w <= last; ++w)
            perWindow << QString::number(e.served.value(w));
        std::printf("    per window: %s\n", qPrintable(perWindow.join(u' ')));
        std::fflush(stdout);
    }
    return 0;
}
