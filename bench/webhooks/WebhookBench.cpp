// Webhook load benchmark: starts WebhookBenchServer on a fresh SQLite file, drives it with
// wrk (signed Shopify-style deliveries, a new X-Shopify-Event-Id per request) for a bounded
// time on loopback at 4 and 64 connections, then SIGKILLs the server and checks that every
// request answered 200 is in the inbox.
// Usage: WebhookBench [--seconds N] [--connections 4,64] [--process]

#include "store/Database.h"
#include "webhooks/WebhooksMigrations.h"

#include <cstdio>

#include <QCoreApplication>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace bk;

namespace {

QString luaScript(const QList<QPair<QByteArray, QByteArray>>& bodies) {
    // Bodies (64 different orders) and their signatures are computed once here; the event id
    // header (not signed by Shopify) is new on every request.
    QString table;
    for (const auto& [body, sig] : bodies)
        table += u"  {'%1', '%2'},\n"_s.arg(QString::fromUtf8(body), QString::fromLatin1(sig));
    return uR"(local counter = 0
local tid = 0
local n = 0
local bodies = {
%1}
function setup(thread)
  n = n + 1
  thread:set("tid", n)
end
function init(args)
  tid = wrk.thread:get("tid")
end
wrk.method = "POST"
wrk.path = "/hooks/shop"
function request()
  counter = counter + 1
  local b = bodies[(counter % #bodies) + 1]
  return wrk.format(nil, nil, {
    ["Content-Type"] = "application/json",
    ["X-Shopify-Topic"] = "orders/updated",
    ["X-Shopify-Hmac-Sha256"] = b[2],
    ["X-Shopify-Event-Id"] = "bench-" .. tid .. "-" .. counter,
  }, b[1])
end
)"_s.arg(table);
}

double toMs(const QString& value, const QString& unit) {
    const double v = value.toDouble();
    if (unit == u"us"_s)
        return v / 1000.0;
    if (unit == u"s"_s)
        return v * 1000.0;
    return v;
}

struct Run {
    int connections = 0;
    qint64 requests = 0;
    qint64 non2xx = 0;
    double rps = 0;
    double p50 = 0, p99 = 0;
    QString socketErrors;
    qint64 inbox = 0;
    QString serverStats;
};

bool runOnce(const QString& serverPath, const QString& dir, int connections, int seconds,
             bool process, Run* out) {
    const QString dbPath = dir + u"/bench-c%1.db"_s.arg(connections);
    QProcess server;
    QStringList sargs{dbPath};
    if (process)
        sargs << u"--process"_s;
    server.start(serverPath, sargs);
    if (!server.waitForStarted(5000) || !server.waitForReadyRead(10'000))
        return false;
    const QByteArray ready = server.readLine().trimmed();
    if (!ready.startsWith("READY "))
        return false;
    const QString port = QString::fromLatin1(ready.mid(6));

    QList<QPair<QByteArray, QByteArray>> bodies;
    for (int i = 0; i < 64; ++i) {
        const QByteArray body =
            R"({"id":)" + QByteArray::number(820982911946154508LL + i) +
            R"(,"email":"jon@example.com","total_price":"409.94","line_items":[{"id":866550311766439020,"quantity":1,"price":"199.00","sku":"IPOD2008PINK"}]})";
        bodies.push_back({body, QMessageAuthenticationCode::hash(body, "bench-secret"_ba,
                                                                 QCryptographicHash::Sha256)
                                    .toBase64()});
    }
    const QString script = dir + u"/sign.lua"_s;
    QFile f(script);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(luaScript(bodies).toUtf8());
    f.close();

    QProcess wrk;
    const int threads = qMin(2, connections);
    wrk.start(u"wrk"_s, {u"-t%1"_s.arg(threads), u"-c%1"_s.arg(connections),
                         u"-d%1s"_s.arg(seconds), u"--timeout"_s, u"5s"_s, u"--latency"_s, u"-s"_s,
                         script, u"http://127.0.0.1:"_s + port + u"/hooks/shop"_s});
    if (!wrk.waitForFinished((seconds + 30) * 1000))
        return false;
    const QString text = QString::fromUtf8(wrk.readAllStandardOutput());
    server.kill(); // SIGKILL: what was answered 200 must already be on disk
    server.waitForFinished(5000);
    const QList<QByteArray> lines = server.readAllStandardOutput().split('\n');
    for (auto it = lines.crbegin(); it != lines.crend(); ++it)
        if (it->startsWith("STATS")) {
            out->serverStats = QString::fromLatin1(it->mid(6));
            break;
        }

    out->connections = connections;
    const auto req = QRegularExpression(u"(\\d+) requests in"_s).match(text);
    out->requests = req.captured(1).toLongLong();
    const auto non = QRegularExpression(u"Non-2xx or 3xx responses: (\\d+)"_s).match(text);
    out->non2xx = non.hasMatch() ? non.captured(1).toLongLong() : 0;
    out->rps =
        QRegularExpression(u"Requests/sec:\\s+([\\d.]+)"_s).match(text).captured(1).toDouble();
    const auto p50 = QRegularExpression(u"50%\\s+([\\d.]+)(us|ms|s)"_s).match(text);
    const auto p99 = QRegularExpression(u"99%\\s+([\\d.]+)(us|ms|s)"_s).match(text);
    out->p50 = toMs(p50.captured(1), p50.captured(2));
    out->p99 = toMs(p99.captured(1), p99.captured(2));
    const auto se = QRegularExpression(u"Socket errors: ([^\\n]+)"_s).match(text);
    out->socketErrors = se.hasMatch() ? se.captured(1) : u"none"_s;
    if (out->requests == 0) {
        std::fprintf(stderr, "%s\n", qPrintable(text));
        return false;
    }

    StoreConfig c;
    c.kind = StoreConfig::Kind::Sqlite;
    c.sqlitePath = dbPath;
    c.url = u"sqlite:"_s + dbPath;
    auto db = store::Database::open(c, {webhooks::webhooksMigrations()});
    if (!db)
        return false;
    auto q = (*db)->exec(u"SELECT COUNT(*) FROM webhooks_inbox"_s);
    out->inbox = q && q->next() ? q->value(0).toLongLong() : -1;
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    int seconds = 10;
    QList<int> connections{4, 64};
    bool process = false;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--seconds"_s && i + 1 < args.size())
            seconds = qBound(1, args[++i].toInt(), 120);
        else if (args[i] == u"--connections"_s && i + 1 < args.size()) {
            connections.clear();
            for (const QString& c : args[++i].split(u','))
                connections.push_back(qBound(1, c.toInt(), 256));
        } else if (args[i] == u"--process"_s)
            process = true;
    }
    const QString serverPath = QCoreApplication::applicationDirPath() + u"/WebhookBenchServer"_s;
    QTemporaryDir dir;
    std::printf("webhook ingestion, signed Shopify-style deliveries, SQLite WAL synchronous=FULL, "
                "group commit, %d s per run%s\n",
                seconds, process ? ", processor running" : "");
    std::printf("%-6s %10s %10s %10s %10s %10s %10s  %s\n", "conns", "req/s", "p50 ms", "p99 ms",
                "200s", "inbox", "durable", "server");
    int failures = 0;
    for (int c : connections) {
        Run r;
        if (!runOnce(serverPath, dir.path(), c, seconds, process, &r)) {
            std::printf("%-6d run failed\n", c);
            ++failures;
            continue;
        }
        const qint64 ok = r.requests - r.non2xx;
        // wrk stops with up to `c` requests in flight: those may be stored but not counted.
        const bool durable = r.inbox >= ok && r.inbox - ok <= c;
        failures += durable ? 0 : 1;
        std::printf("%-6d %10.0f %10.2f %10.2f %10lld %10lld %10s  %s (socket errors: %s)\n", c,
                    r.rps, r.p50, r.p99, static_cast<long long>(ok),
                    static_cast<long long>(r.inbox), durable ? "yes" : "NO",
                    qPrintable(r.serverStats), qPrintable(r.socketErrors));
    }
    return failures == 0 ? 0 : 1;
}
