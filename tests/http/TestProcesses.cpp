// Process-level behaviour: three processes share one fixed-window quota through one SQLite
// store against a real loopback server that enforces it (zero 429s), and a process killed
// with SIGKILL while waiting to retry leaves its operation in the outbox, which a restart
// then delivers.
#include "LoopbackApi.h"
#include "http/HttpMigrations.h"
#include "http/Outbox.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::testing;

namespace {

/// A fixed window on the wall clock, by arrival time: over the limit → 429.
struct FixedWindowServer {
    int limit;
    qint64 windowMs;
    QMutex mutex;
    qint64 window = -1;
    int used = 0;
    int refused = 0;
    int served = 0;
    int maxUsed = 0;

    httpserver::Response handle() {
        QMutexLocker lock(&mutex);
        const qint64 w = QDateTime::currentMSecsSinceEpoch() / windowMs;
        if (w != window) {
            window = w;
            used = 0;
        }
        if (used >= limit) {
            ++refused;
            return answer(429, R"({"error":"over limit"})");
        }
        ++used;
        ++served;
        maxUsed = std::max(maxUsed, used);
        return answer(200);
    }
};

QJsonObject lastJsonLine(const QByteArray& out) {
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.last()).object();
}

} // namespace

class TestProcesses : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void threeProcessesShareOneQuotaWithoutA429() {
        FixedWindowServer server{20, 500};
        LoopbackApi api([&](const httpserver::Request&) { return server.handle(); });
        QVERIFY(api.start());
        const QString dbPath = m_dir.filePath(u"shared.db"_s);
        {
            // Created once here; three processes creating a fresh store at the same moment
            // race in the store's first migration, which is not what this test is about.
            StoreConfig sc;
            sc.sqlitePath = dbPath;
            sc.url = u"sqlite:"_s + dbPath;
            QVERIFY(store::Database::open(sc, {http::httpMigrations()}).ok());
        }
        QList<QProcess*> workers;
        for (int i = 0; i < 3; ++i) {
            auto* w = new QProcess(this);
            w->start(
                QStringLiteral(BK_WORKER_PATH),
                {u"quota"_s, dbPath, api.url(u"/bulk"_s).toString(), u"30"_s, u"20"_s, u"500"_s});
            workers.append(w);
        }
        int ok = 0;
        for (QProcess* w : workers) {
            QVERIFY(QTest::qWaitFor([w] { return w->state() == QProcess::NotRunning; }, 60'000));
            QCOMPARE(w->exitCode(), 0);
            const QJsonObject r = lastJsonLine(w->readAllStandardOutput());
            ok += r.value(u"ok"_s).toInt();
            QCOMPARE(r.value(u"r429"_s).toInt(), 0);
        }
        QCOMPARE(ok, 90);
        QCOMPARE(server.refused, 0); // a request is never sent to be refused
        QCOMPARE(server.served, 90);
        QCOMPARE(server.maxUsed, 20); // and the quota was used to the full
    }

    void killMinusNineMidRetryLeavesTheOperationPending() {
        auto up = std::make_shared<std::atomic<bool>>(false);
        LoopbackApi api([up](const httpserver::Request&) {
            return up->load() ? answer(201) : answer(503, "busy");
        });
        QVERIFY(api.start());
        const QString dbPath = m_dir.filePath(u"crash.db"_s);
        QProcess crash;
        crash.start(QStringLiteral(BK_WORKER_PATH),
                    {u"crash"_s, dbPath, api.url(u"/orders"_s).toString()});
        QVERIFY(QTest::qWaitFor([&] { return crash.readAllStandardOutput().contains("waiting"); },
                                30'000));
        crash.kill(); // SIGKILL: no clean-up runs
        QVERIFY(crash.waitForFinished(10'000));
        QCOMPARE(api.hits(), 1);

        StoreConfig store;
        store.sqlitePath = dbPath;
        store.url = u"sqlite:"_s + dbPath;
        {
            auto db = store::Database::open(store, {http::httpMigrations()});
            QVERIFY(db.ok());
            QCOMPARE(*http::Outbox(*db, u"inspector"_s).count(u"shared"_s), 1); // pending, not gone
            auto q = (*db)->exec(u"SELECT attempts FROM http_outbox"_s);
            QVERIFY(q.ok() && q->next());
            QCOMPARE(QJsonDocument::fromJson(q->value(0).toString().toUtf8()).array().size(), 1);
        }

        up->store(true);
        QProcess recover;
        recover.start(QStringLiteral(BK_WORKER_PATH),
                      {u"recover"_s, dbPath, api.url(u"/orders"_s).toString()});
        QVERIFY(QTest::qWaitFor([&] { return recover.state() == QProcess::NotRunning; }, 120'000));
        QCOMPARE(recover.exitCode(), 0);
        const QJsonObject r = lastJsonLine(recover.readAllStandardOutput());
        QCOMPARE(r.value(u"ok"_s).toInt(), 1);
        QCOMPARE(api.hits(), 2);
        auto db = store::Database::open(store, {http::httpMigrations()});
        QCOMPARE(*http::Outbox(*db, u"inspector"_s).count(u"shared"_s), 0);
    }
};

QTEST_GUILESS_MAIN(TestProcesses)
#include "TestProcesses.moc"
