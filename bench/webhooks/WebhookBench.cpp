// Webhook load benchmark against the real engine: for each connection count it writes a fresh
// workspace (SQLite store: WAL, synchronous=FULL; encrypted-db secret store), provisions the
// Shopify webhook secret with `bridgekeeper-engine secrets set`, starts `bridgekeeper-engine
// run --no-flows`, drives /hooks/shop with wrk (signed-webhooks.lua: pre-signed bodies, a new
// X-Shopify-Webhook-Id per request) for a bounded time on loopback, stops the engine and
// checks that every request answered 200 is in the inbox.
// Usage: WebhookBench [--seconds N] [--connections 4,16,64] [--kill] [--engine PATH]
//                     [--component] [--keep DIR]
//   --kill       SIGKILL the engine instead of SIGTERM (the inbox must hold every 200 anyway)
//   --component  WebhookBenchServer (listener + inbox, no engine, no processor) instead

#include "store/Database.h"
#include "webhooks/WebhooksMigrations.h"

#include <csignal>
#include <cstdio>

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;

namespace {

const QByteArray secret = "bench-webhook-secret-0123456789"_ba;

struct Options {
    int seconds = 10;
    QList<int> connections{4, 16, 64};
    bool kill = false;
    bool component = false;
    QString engine = QStringLiteral(BK_ENGINE_PATH);
    QString keep;
};

struct Run {
    qint64 requests = 0;
    qint64 non2xx = 0;
    double rps = 0;
    double p50 = 0, p90 = 0, p99 = 0, max = 0;
    QString socketErrors = u"none"_s;
    qint64 inbox = -1;
    QString note;
};

double toMs(const QString& value, const QString& unit) {
    const double v = value.toDouble();
    if (unit == u"us"_s)
        return v / 1000.0;
    if (unit == u"s"_s)
        return v * 1000.0;
    return v;
}

quint16 freePort() {
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

bool writeFile(const QString& path, const QByteArray& data) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

/// 1,000 different orders (so 1,000 record keys), each with its Shopify signature.
QByteArray signedRequests() {
    QByteArray out;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray body =
            R"({"id":)" + QByteArray::number(820982911946154508LL + i) +
            R"(,"email":"jon@example.com","updated_at":"2026-11-30T09:00:00+01:00",)"
            R"("total_price":"409.94","currency":"EUR","line_items":[{"id":866550311766439020,)"
            R"("quantity":1,"price":"199.00","sku":"IPOD2008PINK"}]})";
        out +=
            QMessageAuthenticationCode::hash(body, secret, QCryptographicHash::Sha256).toBase64() +
            '\t' + body + '\n';
    }
    return out;
}

bool waitForPort(quint16 port, QProcess& server, int timeoutMs) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs && server.state() == QProcess::Running) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (s.waitForConnected(200))
            return true;
        QThread::msleep(100);
    }
    return false;
}

/// Fresh workspace with the webhook secret in its encrypted store; returns the store path.
QString prepareWorkspace(const Options& o, const QString& dir, quint16 port, QString* why) {
    const QByteArray key = QByteArray::number(QRandomGenerator::system()->generate64()) +
                           QByteArray::number(QRandomGenerator::system()->generate64());
    const QByteArray master =
        QCryptographicHash::hash(key, QCryptographicHash::Sha256).toBase64(); // 32 bytes
    const QByteArray ws =
        R"({"version": 1, "name": "webhook benchmark", "store": "sqlite:bench.db",
  "secrets": {"store": "encrypted-db", "keyFile": "master.key"},
  "webhooks": {"listen": "127.0.0.1:)" +
        QByteArray::number(port) + R"(", "maxConnections": 512},
  "connectors": [{"id": "shop", "type": "shopify", "shop": "bench",
                  "baseUrl": "http://127.0.0.1:9/shopify", "clientId": "bench"}]}
)";
    if (!writeFile(dir + u"/master.key"_s, master) || !writeFile(dir + u"/workspace.json"_s, ws)) {
        *why = u"cannot write the workspace"_s;
        return {};
    }
    QProcess set;
    set.start(o.engine, {u"secrets"_s, u"set"_s, u"--workspace"_s, dir + u"/workspace.json"_s,
                         u"--data-dir"_s, dir + u"/data"_s, u"--connector"_s, u"shop"_s,
                         u"--name"_s, u"webhook-secret"_s});
    set.write(secret);
    set.closeWriteChannel();
    if (!set.waitForFinished(30'000) || set.exitCode() != 0) {
        *why = u"secrets set failed: "_s + QString::fromUtf8(set.readAllStandardError());
        return {};
    }
    return dir + u"/bench.db"_s;
}

bool runOnce(const Options& o, const QString& dir, const QString& lua, int connections, Run* out) {
    QDir().mkpath(dir);
    const quint16 port = freePort();
    QString dbPath;
    QProcess server;
    server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    if (o.component) {
        dbPath = dir + u"/bench.db"_s;
        server.start(QCoreApplication::applicationDirPath() + u"/WebhookBenchServer"_s,
                     {dbPath, u"--port"_s, QString::number(port), u"--secret"_s,
                      QString::fromLatin1(secret)});
    } else {
        dbPath = prepareWorkspace(o, dir, port, &out->note);
        if (dbPath.isEmpty())
            return false;
        server.start(o.engine,
                     {u"run"_s, u"--workspace"_s, dir + u"/workspace.json"_s, u"--data-dir"_s,
                      dir + u"/data"_s, u"--no-flows"_s, u"--log-level"_s, u"warning"_s});
    }
    if (!server.waitForStarted(5000) || !waitForPort(port, server, 30'000)) {
        out->note = u"the server did not start listening"_s;
        server.kill();
        server.waitForFinished(5000);
        return false;
    }
    const QString requests = dir + u"/requests.tsv"_s;
    if (!writeFile(requests, signedRequests()))
        return false;

    QProcess wrk;
    const int threads = qMin(2, connections);
    wrk.start(u"wrk"_s, {u"-t%1"_s.arg(threads), u"-c%1"_s.arg(connections),
                         u"-d%1s"_s.arg(o.seconds), u"--timeout"_s, u"5s"_s, u"--latency"_s,
                         u"-s"_s, lua, u"http://127.0.0.1:%1/hooks/shop"_s.arg(port), u"--"_s,
                         requests, u"c%1"_s.arg(connections)});
    const bool finished = wrk.waitForFinished((o.seconds + 30) * 1000);
    const QString text = QString::fromUtf8(wrk.readAllStandardOutput());
    // Stop the server: SIGTERM lets the engine shut down gracefully; SIGKILL proves that a
    // 200 never depends on a clean exit.
    if (o.kill)
        server.kill();
    else
        ::kill(pid_t(server.processId()), SIGTERM);
    if (!server.waitForFinished(90'000)) {
        server.kill();
        server.waitForFinished(5000);
    }
    if (!finished) {
        out->note = u"wrk did not finish"_s;
        return false;
    }
    const auto req = QRegularExpression(u"(\\d+) requests in"_s).match(text);
    out->requests = req.captured(1).toLongLong();
    const auto non = QRegularExpression(u"Non-2xx or 3xx responses: (\\d+)"_s).match(text);
    out->non2xx = non.hasMatch() ? non.captured(1).toLongLong() : 0;
    out->rps =
        QRegularExpression(u"Requests/sec:\\s+([\\d.]+)"_s).match(text).captured(1).toDouble();
    auto pct = [&](const QString& label) {
        const auto m =
            QRegularExpression(u"\\s"_s + label + u"\\s+([\\d.]+)(us|ms|s)"_s).match(text);
        return toMs(m.captured(1), m.captured(2));
    };
    out->p50 = pct(u"50%"_s);
    out->p90 = pct(u"90%"_s);
    out->p99 = pct(u"99%"_s);
    const auto mx =
        QRegularExpression(u"Latency\\s+\\S+\\s+\\S+\\s+([\\d.]+)(us|ms|s)"_s).match(text);
    out->max = toMs(mx.captured(1), mx.captured(2));
    const auto se = QRegularExpression(u"Socket errors: ([^\\n]+)"_s).match(text);
    if (se.hasMatch())
        out->socketErrors = se.captured(1);
    if (out->requests == 0) {
        out->note =
            u"wrk made no requests: "_s + text + QString::fromUtf8(wrk.readAllStandardError());
        return false;
    }

    StoreConfig c;
    c.kind = StoreConfig::Kind::Sqlite;
    c.sqlitePath = dbPath;
    c.url = u"sqlite:"_s + dbPath;
    auto db = store::Database::open(c, {webhooks::webhooksMigrations()});
    if (!db) {
        out->note = db.error().message;
        return false;
    }
    auto q = (*db)->exec(u"SELECT COUNT(*) FROM webhooks_inbox"_s);
    out->inbox = q && q->next() ? q->value(0).toLongLong() : -1;
    return true;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    Options o;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--seconds"_s && i + 1 < args.size())
            o.seconds = qBound(1, args[++i].toInt(), 120);
        else if (args[i] == u"--connections"_s && i + 1 < args.size()) {
            o.connections.clear();
            for (const QString& c : args[++i].split(u','))
                o.connections.push_back(qBound(1, c.toInt(), 256));
        } else if (args[i] == u"--kill"_s)
            o.kill = true;
        else if (args[i] == u"--component"_s)
            o.component = true;
        else if (args[i] == u"--engine"_s && i + 1 < args.size())
            o.engine = args[++i];
        else if (args[i] == u"--keep"_s && i + 1 < args.size())
            o.keep = args[++i];
        else {
            std::fprintf(stderr, "usage: WebhookBench [--seconds N] [--connections 4,64] [--kill] "
                                 "[--engine PATH] [--component] [--keep DIR]\n");
            return 2;
        }
    }
    const QString lua = QStringLiteral(BK_BENCH_LUA);
    QTemporaryDir tmp;
    const QString root = o.keep.isEmpty() ? tmp.path() : o.keep;
    std::printf("webhook ingestion: %s, signed Shopify-style deliveries, SQLite WAL "
                "synchronous=FULL, %d s per run, stop by %s\n",
                o.component ? "WebhookBenchServer (listener + inbox only)"
                            : "bridgekeeper-engine run --no-flows (processor running)",
                o.seconds, o.kill ? "SIGKILL" : "SIGTERM");
    std::printf("%-6s %9s %8s %8s %8s %8s %9s %9s %8s\n", "conns", "req/s", "p50 ms", "p90 ms",
                "p99 ms", "max ms", "200s", "inbox", "durable");
    int failures = 0;
    for (int c : o.connections) {
        Run r;
        if (!runOnce(o, root + u"/c%1"_s.arg(c), lua, c, &r)) {
            std::printf("%-6d run failed: %s\n", c, qPrintable(r.note));
            ++failures;
            continue;
        }
        const qint64 ok = r.requests - r.non2xx;
        // wrk stops with up to one request per connection in flight: the engine may have
        // stored those without wrk counting the answer. Fewer rows than 200s is a loss.
        const bool durable = r.inbox >= ok && r.inbox - ok <= c;
        failures += durable && r.non2xx == 0 ? 0 : 1;
        std::printf("%-6d %9.0f %8.2f %8.2f %8.2f %8.1f %9lld %9lld %8s  non-2xx %lld, socket "
                    "errors: %s\n",
                    c, r.rps, r.p50, r.p90, r.p99, r.max, static_cast<long long>(ok),
                    static_cast<long long>(r.inbox), durable ? "yes" : "NO",
                    static_cast<long long>(r.non2xx), qPrintable(r.socketErrors));
        std::fflush(stdout);
    }
    return failures == 0 ? 0 : 1;
}
