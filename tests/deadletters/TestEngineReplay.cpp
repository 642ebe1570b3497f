// The dead-letter commands through a real bk::Engine: its connector runtimes (a thread and a
// pipeline per connector), the SQLite store with every module's schema, a loopback API that
// enforces its quota, and the EngineSignals answers. A dry run answers with the violations
// and sends nothing; a replay to another connector lands there; a bulk replay job left
// unfinished when the engine is destroyed is finished by a new engine on the same store,
// every letter sent exactly once and never a 429.
#include "../http/LoopbackApi.h"
#include "auth/SecretStore.h"
#include "deadletters/DeadLetterStore.h"
#include "deadletters/ReplayJobs.h"
#include "engine/AllMigrations.h"
#include "engine/Engine.h"
#include "support/MemorySecrets.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::testing;

namespace {

constexpr qint64 kWindowMs = 10'000;

/// Secrets in memory (this test reads none; the engine needs a store).
using testing::MemorySecrets;

/// `limit` calls per aligned 10 s window of the engine's clock, else 429.
struct QuotaServer {
    std::shared_ptr<ManualClock> clock;
    int limit = 0;
    QMutex mutex;
    QHash<qint64, int> perWindow;
    int refused = 0;
    QList<QByteArray> bodies;

    LoopbackApi::Handler handler() {
        return [this](const httpserver::Request& r) {
            QMutexLocker lock(&mutex);
            if (++perWindow[clock->nowMs() / kWindowMs] > limit) {
                ++refused;
                return answer(429, R"({"error":"quota"})");
            }
            bodies.append(r.body);
            return answer(201, R"({"id":"x"})");
        };
    }
};

const char* kDefinition = R"({
  "id": "test-api", "name": "Test API", "baseUrl": "http:/)"
                          R"(/127.0.0.1:9", "apiPath": "/v1",
  "retry": {"maxAttempts": 5, "maxSpan": "15m", "baseDelay": "1s", "maxDelay": "1m", "jitter": 0.2},
  "breaker": {"failureThreshold": 3, "cooldown": "60s"},
  "rateLimits": [{"id": "window", "kind": "fixed-window", "limit": 5, "window": "10s",
                  "scope": "client"}],
  "resources": {"Accounts": {"listPath": "/accounts", "idField": "id",
                             "updatedField": "updated_at", "writePath": "/accounts", "updatePath": "/accounts/{id}",
                             "schema": {"required": ["Name"],
                                        "fields": {"Name": {"type": "string", "maxLength": 10}}}}}
})";

} // namespace

class TestEngineReplay : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<deadletters::DeadLetterStore> m_letters;
    ConnectorCatalog m_catalog;
    std::unique_ptr<QuotaServer> m_quota;
    std::unique_ptr<LoopbackApi> m_api;
    std::unique_ptr<LoopbackApi> m_api2;
    Workspace m_ws;

    std::unique_ptr<Engine> makeEngine(const QString& id) {
        EngineOptions o;
        o.workspace = m_ws;
        o.catalog = m_catalog;
        o.db = m_db;
        o.clock = m_clock;
        o.secrets = std::make_shared<MemorySecrets>();
        o.engineId = id;
        o.runFlows = false;
        o.serveMetrics = false;
        auto e = std::make_unique<Engine>(o);
        const Status st = e->start();
        if (!st)
            qWarning("%s", qPrintable(st.error().message));
        return st ? std::move(e) : nullptr;
    }
    qint64 letter(const QString& connector, const QString& key, const QByteArray& body) {
        http::Request r;
        r.method = "POST";
        r.url = QUrl(m_api->url(u"/v1/accounts"_s));
        r.headers = {{"Content-Type", "application/json"}};
        r.body = body;
        r.connectorId = connector;
        http::Outcome o;
        o.cls = http::OutcomeClass::Transient;
        o.status = 503;
        o.reason = u"gave up after 5 attempts"_s;
        return *m_letters->deadLetter(r, o, key);
    }
    /// Lets the connector threads work, moving the clock on only when they are idle.
    bool drive(const std::function<bool()>& done, int maxSteps = 2000) {
        for (int i = 0; i < maxSteps; ++i) {
            QTest::qWait(5);
            if (done())
                return true;
            const qint64 due = m_clock->nextDueMs();
            if (due > m_clock->nowMs())
                m_clock->advance(std::min<qint64>(due - m_clock->nowMs(), 1000));
            else if (due < 0)
                m_clock->advance(100);
        }
        return done();
    }

private Q_SLOTS:
    void initTestCase() {
        QLoggingCategory::setFilterRules(u"bridgekeeper.*.info=false"_s);
        QVERIFY(m_dir.isValid());
        QDir(m_dir.path()).mkdir(u"connectors"_s);
        QFile def(m_dir.filePath(u"connectors/test-api.json"_s));
        QVERIFY(def.open(QIODevice::WriteOnly));
        def.write(kDefinition);
        def.close();
        auto cat = ConnectorCatalog::load({m_dir.filePath(u"connectors"_s)});
        QVERIFY(cat.ok());
        m_catalog = *cat;
        m_quota = std::make_unique<QuotaServer>();
        m_quota->clock = m_clock;
        m_quota->limit = 5;
        m_api = std::make_unique<LoopbackApi>(m_quota->handler());
        QVERIFY(m_api->start());
        m_api2 = std::make_unique<LoopbackApi>();
        QVERIFY(m_api2->start());
        const QJsonObject json{
            {u"version"_s, 1},
            {u"store"_s, QString(u"sqlite:"_s + m_dir.filePath(u"engine.db"_s))},
            {u"connectors"_s, QJsonArray{QJsonObject{{u"id"_s, u"api"_s},
                                                     {u"type"_s, u"test-api"_s},
                                                     {u"baseUrl"_s, m_api->url({}).toString()}},
                                         QJsonObject{{u"id"_s, u"api2"_s},
                                                     {u"type"_s, u"test-api"_s},
                                                     {u"baseUrl"_s, m_api2->url({}).toString()}}}}};
        WorkspaceLoader loader(m_catalog);
        auto ws = loader.loadFromJson(QJsonDocument(json).toJson(), m_dir.filePath(u"ws.json"_s),
                                      m_dir.path());
        QVERIFY2(ws.ok(), ws ? "" : qPrintable(ws.error().message));
        m_ws = *ws;
        auto db = store::Database::open(m_ws.store, allMigrations());
        QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().message));
        m_db = *db;
        m_letters = std::make_shared<deadletters::DeadLetterStore>(m_db, m_clock);
    }

    void dryRunAnswersWithPathsAndSendsNothing() {
        const qint64 id = letter(u"api"_s, u"dry:1"_s, R"({"Name":"far too long a name"})");
        auto engine = makeEngine(u"engine-dry"_s);
        QVERIFY(engine);
        QSignalSpy answers(engine->engineSignals(), &EngineSignals::dryRunFinished);
        // As the console receives it: queued from the engine's pool to this (GUI) thread.
        QList<DryRunResult> received;
        connect(engine->engineSignals(), &EngineSignals::dryRunFinished, this,
                [&](const DryRunResult& r) {
                    QCOMPARE(QThread::currentThread(), thread());
                    received.append(r);
                });
        engine->dryRunDeadLetter(id, {}, {});
        QTRY_COMPARE(answers.size(), 1);
        QTRY_COMPARE(received.size(), 1);
        QCOMPARE(received.first().violations.size(), 1);
        auto r = answers.first().first().value<DryRunResult>();
        QCOMPARE(r.deadLetterId, id);
        QCOMPARE(r.schemaName, u"test-api/Accounts"_s);
        QCOMPARE(r.violations.size(), 1);
        QCOMPARE(r.violations.first().path, u"$.Name"_s);
        QCOMPARE(r.violations.first().rule, u"maxLength"_s);
        // The edited payload fixes it; still nothing is sent.
        engine->dryRunDeadLetter(id, R"({"Name":"Acme"})", {});
        QTRY_COMPARE(answers.size(), 2);
        r = answers.last().first().value<DryRunResult>();
        QVERIFY(r.ok());
        QCOMPARE(r.body, QByteArray(R"({"Name":"Acme"})"));
        QCOMPARE(r.url, m_api->url(u"/v1/accounts"_s).toString());
        QCOMPARE(m_api->hits(), 0);
        QCOMPARE(m_letters->get(id)->state, deadletters::State::New);

        // Targets: the other connector of the same type.
        QSignalSpy targets(engine->engineSignals(), &EngineSignals::replayTargetsListed);
        engine->listReplayTargets(id);
        QTRY_COMPARE(targets.size(), 1);
        const auto options = targets.first().at(1).value<QList<ReplayTargetOption>>();
        QCOMPARE(options.size(), 1);
        QCOMPARE(options.first().target.id, u"api2"_s);

        // A refused payload is not sent: the replay ends at once with the reason.
        QSignalSpy finished(engine->engineSignals(), &EngineSignals::replayFinished);
        engine->replayDeadLetterTo(id, {}, options.first().target, u"ann"_s);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QVERIFY2(finished.first().at(2).toString().contains(u"$.Name"_s),
                 qPrintable(finished.first().at(2).toString()));
        QCOMPARE(m_api2->hits(), 0);

        // Fixed, it goes to the other connector and resolves the letter there.
        engine->replayDeadLetterTo(id, R"({"Name":"Acme"})", options.first().target, u"ann"_s);
        QVERIFY(drive([&] { return finished.size() == 2; }));
        QCOMPARE(finished.last().at(1).toBool(), true);
        QCOMPARE(m_api2->hits(), 1);
        QCOMPARE(m_api2->requests().first().path, u"/v1/accounts"_s);
        QCOMPARE(m_api->hits(), 0);
        QTRY_COMPARE(m_letters->get(id)->state, deadletters::State::Resolved);
        QCOMPARE(m_letters->get(id)->stateReason, u"to connector api2: replayed: HTTP 200"_s);
        engine.reset();
    }

    void jobResumesInANewEngineSendingEachLetterOnce() {
        QList<qint64> ids;
        for (int i = 0; i < 12; ++i)
            ids << letter(u"api"_s, u"job:%1"_s.arg(i), u"{\"Name\":\"n%1\"}"_s.arg(i).toUtf8());
        auto jobs = std::make_shared<deadletters::ReplayJobStore>(m_db, m_clock);
        qint64 jobId = 0;
        {
            auto engine = makeEngine(u"engine-1"_s);
            QVERIFY(engine);
            QSignalSpy progress(engine->engineSignals(), &EngineSignals::replayJobChanged);
            QList<ReplayJobProgress> queued; // as the console gets them
            connect(engine->engineSignals(), &EngineSignals::replayJobChanged, this,
                    [&](const ReplayJobProgress& p) { queued.append(p); });
            engine->startReplayJob(ids, u"ann"_s);
            QTRY_VERIFY(!progress.isEmpty());
            jobId = progress.first().first().value<ReplayJobProgress>().jobId;
            QVERIFY(jobId > 0);
            QVERIFY(drive([&] {
                const auto j = jobs->job(jobId);
                return j->resolved >= 4 && j->sent == 0;
            }));
            const auto last = progress.last().first().value<ReplayJobProgress>();
            QCOMPARE(last.jobId, jobId);
            QVERIFY(last.open());
            QTRY_VERIFY(!queued.isEmpty() && queued.last().resolved >= 4);
            // The engine goes away with the job half done.
        }
        const auto interrupted = *jobs->job(jobId);
        QVERIFY(interrupted.pending > 0);
        QCOMPARE(interrupted.state, deadletters::JobState::Running);
        const int sentBefore = m_api->hits();

        auto engine = makeEngine(u"engine-2"_s);
        QVERIFY(engine);
        QSignalSpy progress(engine->engineSignals(), &EngineSignals::replayJobChanged);
        QVERIFY(drive([&] { return jobs->job(jobId)->state == deadletters::JobState::Finished; }));
        QCOMPARE(jobs->job(jobId)->resolved, 12);
        QCOMPARE(m_api->hits() - sentBefore, 12 - interrupted.resolved);
        QCOMPARE(m_quota->refused, 0);
        QSet<QByteArray> bodies;
        for (const QByteArray& b : std::as_const(m_quota->bodies))
            if (b.startsWith("{\"Name\":\"n"))
                bodies.insert(b);
        QCOMPARE(bodies.size(), 12);
        int jobBodies = 0;
        for (const QByteArray& b : std::as_const(m_quota->bodies))
            jobBodies += b.startsWith("{\"Name\":\"n") ? 1 : 0;
        QCOMPARE(jobBodies, 12); // none twice
        for (qint64 id : ids) {
            QCOMPARE(m_letters->get(id)->state, deadletters::State::Resolved);
            QCOMPARE(m_letters->get(id)->replays, 1);
        }
        QTRY_VERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().first().value<ReplayJobProgress>().state, u"finished"_s);
        engine.reset();
    }
};

QTEST_MAIN(TestEngineReplay)
#include "TestEngineReplay.moc"
