// A separate process around one Pipeline, for tests and the quota benchmark that need
// several processes sharing one store, or a process killed with SIGKILL mid-retry.
//
//   bk_pipeline_worker quota   DB URL COUNT LIMIT WINDOW_MS [GUARD_MS]  send COUNT GETs through a
//   shared
//                                                              fixed-window quota; print totals
//   bk_pipeline_worker crash   DB URL                          send one op, print "waiting" once
//                                                              it waits for a retry; run on
//   bk_pipeline_worker recover DB URL                          resume the outbox; print totals
#include "deadletters/DeadLetterStore.h"
#include "http/HttpMigrations.h"
#include "http/Pipeline.h"

#include <cstdio>

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace bk;

namespace {

QByteArray definition(int limit, qint64 windowMs, qint64 guardMs, const QString& baseDelay) {
    const QString guard = guardMs >= 0 ? u", \"guard\": \"%1ms\""_s.arg(guardMs) : QString();
    return u"{\"retry\": {\"maxAttempts\": 5, \"maxSpan\": \"15m\", \"baseDelay\": \"%1\", "
           u"\"jitter\": 0.2}, \"rateLimits\": [{\"id\": \"shared\", \"kind\": \"fixed-window\", "
           u"\"limit\": %2, \"window\": \"%3ms\", \"scope\": \"client\"%4}]}"_s.arg(baseDelay)
               .arg(limit)
               .arg(windowMs)
               .arg(guard)
               .toUtf8();
}

void print(const QJsonObject& o) {
    std::printf("%s\n", QJsonDocument(o).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bk_pipeline_worker quota|crash|recover DB URL [...]\n");
        return 2;
    }
    const QString mode = args[0];
    StoreConfig store;
    store.sqlitePath = args[1];
    store.url = u"sqlite:"_s + store.sqlitePath;
    auto db = store::Database::open(store,
                                    {http::httpMigrations(), deadletters::deadlettersMigrations()});
    if (!db) {
        std::fprintf(stderr, "%s\n", qPrintable(db.error().message));
        return 1;
    }
    auto clock = makeSystemClock();
    const QUrl url(args[2]);
    const int count = args.value(3, u"1"_s).toInt();
    const int limit = args.value(4, u"1000"_s).toInt();
    const qint64 window = args.value(5, u"1000"_s).toLongLong();
    const qint64 guard = args.value(6, u"-1"_s).toLongLong(); // -1: the default guard

    ConnectorConfig c;
    c.id = u"shared"_s;
    c.type = u"loopback"_s;
    c.clientId = u"client"_s;
    http::Pipeline::Options o;
    o.clock = clock;
    o.db = *db;
    o.deadLetters = std::make_shared<deadletters::DeadLetterStore>(*db, clock);
    o.monitorStatusPage = false;
    auto pipeline = http::Pipeline::create(
        c,
        QJsonDocument::fromJson(
            definition(limit, window, guard, mode == u"crash"_s ? u"3s"_s : u"1s"_s))
            .object(),
        o);
    if (!pipeline) {
        std::fprintf(stderr, "%s\n", qPrintable(pipeline.error().message));
        return 1;
    }
    http::Pipeline& p = **pipeline;

    int finished = 0, ok = 0, failed = 0, total = 0;
    const qint64 start = clock->nowMs();
    auto onDone = [&](const http::Outcome& outcome) {
        ++finished;
        outcome.ok() ? ++ok : ++failed;
        if (finished == total) {
            print({{u"ok"_s, ok},
                   {u"failed"_s, failed},
                   {u"retries"_s, qint64(p.counters().retries)},
                   {u"r429"_s, qint64(p.counters().byClass.value(u"rate-limited"_s))},
                   {u"elapsedMs"_s, clock->nowMs() - start}});
            QCoreApplication::exit(0);
        }
    };
    if (mode == u"recover"_s) {
        auto n = p.recoverPending(true, &p, onDone);
        if (!n) {
            std::fprintf(stderr, "%s\n", qPrintable(n.error().message));
            return 1;
        }
        total = *n;
        if (total == 0) {
            print({{u"ok"_s, 0}, {u"failed"_s, 0}});
            return 0;
        }
    } else {
        total = mode == u"crash"_s ? 1 : count;
        for (int i = 0; i < total; ++i) {
            http::Request r;
            r.url = url;
            r.flowId = u"worker"_s;
            r.recordIds = {u"rec-%1"_s.arg(i)};
            if (auto id = p.send(r, &p, onDone); !id) {
                std::fprintf(stderr, "%s\n", qPrintable(id.error().message));
                return 1;
            }
        }
        if (mode == u"crash"_s) {
            auto* poll = new QTimer(&app);
            QObject::connect(poll, &QTimer::timeout, &app, [&p, poll] {
                if (p.counters().retries >= 1) {
                    std::printf("waiting\n");
                    std::fflush(stdout);
                    poll->stop();
                }
            });
            poll->start(10);
        }
    }
    return app.exec();
}
