// Three real `bridgekeeper-engine run` processes on one PostgreSQL database against the
// in-process API sandbox: webhooks posted round-robin to the three listeners are stored and
// processed exactly once; rotating Exact Online refresh tokens are spent exactly once per
// expiry across the three; three engines syncing at once into one Exact quota never go past
// it and write no duplicates; an engine SIGKILLed mid-sync has its flow finished by another
// once its lease expires, still without duplicates. Needs the PostgreSQL server of
// scripts/run-tests.sh (BK_TEST_PGHOST/PORT/USER); skipped without it.
#include "fleet/FleetHarness.h"
#include "fleet/FleetWorkspace.h"
#include "sandbox/Sandbox.h"

#include <atomic>

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSet>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::fleettest;
using sandbox::Vendor;

namespace {

// Wall-clock time that the test can move forward in one jump (the sandbox's clock): Exact's
// "no refresh within 570 s" rule is then met without waiting ten minutes.
class JumpClock final : public Clock {
public:
    qint64 nowMs() const override { return QDateTime::currentMSecsSinceEpoch() + m_offset; }
    void callAt(qint64 atMs, QObject* context, std::function<void()> fn) override {
        const int delay = int(std::clamp<qint64>(atMs - nowMs(), 0, 1'000'000'000));
        QMetaObject::invokeMethod(
            context,
            [context, delay, fn = std::move(fn)]() mutable {
                QTimer::singleShot(delay, Qt::PreciseTimer, context, std::move(fn));
            },
            Qt::QueuedConnection);
    }
    void jump(qint64 ms) { m_offset += ms; }

private:
    std::atomic<qint64> m_offset{0};
};

const QByteArray kShopifySecret = "fleet-shopify-webhook-secret";

} // namespace

class TestFleetProcesses : public QObject {
    Q_OBJECT

    PgServer m_pg = PgServer::fromEnvironment();
    std::shared_ptr<JumpClock> m_clock = std::make_shared<JumpClock>();
    sandbox::Sandbox m_sandbox;
    std::unique_ptr<FleetHarness> m_fleet;
    QList<EngineProcess*> m_engines;
    qint64 m_importedMs = 0;

    QJsonObject connector(const QString& id, Vendor vendor) const {
        QJsonObject c{{u"id"_s, id},
                      {u"type"_s, sandbox::vendorSlug(vendor)},
                      {u"baseUrl"_s, m_sandbox.baseUrl(vendor)},
                      {u"authBaseUrl"_s, m_sandbox.baseUrl(vendor)},
                      {u"statusPageUrl"_s, m_sandbox.statusPageUrl(vendor)},
                      {u"clientId"_s, sandbox::Sandbox::clientId(vendor)}};
        if (vendor == Vendor::Exact) {
            c.insert(u"division"_s, 123456);
            // The engine's own copy of Exact's 570-s rule would hold the refresh of a token
            // imported seconds ago for ten minutes; the sandbox still enforces the rule on
            // its clock (moved forward below).
            c.insert(u"overrides"_s,
                     QJsonObject{{u"auth"_s, QJsonObject{{u"minRefreshInterval"_s, u"1s"_s}}}});
        }
        if (vendor == Vendor::Shopify)
            c.insert(u"shop"_s, u"demo-shop"_s);
        return c;
    }

    // Posts one signed Shopify webhook; the reply is owned by nam.
    QNetworkReply* postShopify(QNetworkAccessManager& nam, const EngineProcess* engine, int n) {
        const QByteArray body =
            QJsonDocument(QJsonObject{{u"id"_s, 7'000'000 + n},
                                      {u"email"_s, u"fleet%1@example.nl"_s.arg(n)},
                                      {u"updated_at"_s, u"2026-11-30T12:00:00+01:00"_s}})
                .toJson(QJsonDocument::Compact);
        QNetworkRequest r = bk::test::shopifyRequest(
            bk::test::shopifyHookUrl(engine->webhookPort, u"shopify"_s), body, kShopifySecret,
            QByteArray::number(900'000 + n), "customers/update");
        r.setRawHeader("X-Shopify-Shop-Domain", "demo-shop.myshopify.com");
        r.setRawHeader("X-Shopify-Webhook-Id", QByteArray::number(n) + '-' + engine->id.toUtf8());
        r.setRawHeader("X-Shopify-Triggered-At", "2026-11-30T11:00:00Z");
        return nam.post(r, body);
    }

    // A second fleet for the sync cases: its own sandbox (wall-clock time, `records` persons),
    // database and three engines; workspaceFor(i) gives engine i's flows.
    struct FlowFleet {
        sandbox::Sandbox sandbox;
        std::unique_ptr<FleetHarness> fleet;
        QList<EngineProcess*> engines;
        QSet<QString> seededContacts;
    };

    bool startFlowFleet(FlowFleet& f, int records, int exactPerMinute, int leaseSeconds,
                        const std::function<QJsonArray(int engine)>& flowsFor, QString* why) {
        sandbox::SandboxOptions so;
        so.recordsPerVendor = records;
        liftLimits(so, exactPerMinute);
        if (auto port = f.sandbox.start(so); !port) {
            *why = port.error().message;
            return false;
        }
        f.fleet = std::make_unique<FleetHarness>(QStringLiteral(BK_ENGINE_EXE), m_pg);
        if (!f.fleet->createDatabase()) {
            *why = f.fleet->why();
            return false;
        }
        auto workspace = [&](int engine) {
            return f.fleet->writeWorkspace(
                u"sync-%1.json"_s.arg(engine),
                QJsonObject{{u"name"_s, u"fleet sync"_s},
                            {u"fleet"_s, QJsonObject{{u"leaseSeconds"_s, leaseSeconds}}},
                            {u"connectors"_s,
                             QJsonArray{sandboxConnector(f.sandbox, u"exact"_s, Vendor::Exact,
                                                         exactPerMinute),
                                        sandboxConnector(f.sandbox, u"pipedrive"_s,
                                                         Vendor::Pipedrive, exactPerMinute)}},
                            {u"flows"_s, flowsFor(engine)}});
        };
        const QString first = workspace(0);
        for (auto [id, vendor] :
             {std::pair{u"exact"_s, Vendor::Exact}, std::pair{u"pipedrive"_s, Vendor::Pipedrive}})
            if (!f.fleet->setSecret(first, id, u"client_secret"_s,
                                    sandbox::Sandbox::clientSecret(vendor).toUtf8()) ||
                !f.fleet->importTokens(first, id, f.sandbox.issueTokensForTest(vendor))) {
                *why = f.fleet->why();
                return false;
            }
        const QStringList seeded = f.sandbox.recordIds(Vendor::Exact, u"Contacts"_s);
        f.seededContacts = QSet<QString>(seeded.begin(), seeded.end());
        f.sandbox.clearLog();
        for (int i = 0; i < 3; ++i)
            f.engines << f.fleet->startEngine(i == 0 ? first : workspace(i),
                                              u"sync-engine-%1"_s.arg(i + 1));
        for (EngineProcess* e : std::as_const(f.engines))
            if (!e || !f.fleet->waitReady(e, false, false)) {
                *why = f.fleet->why();
                return false;
            }
        return true;
    }

    // Source records of flowId settled (linked, or failed and dead-lettered); a create still on
    // the wire (id map state "creating") is not settled yet.
    static int settled(FleetHarness& fleet, const QString& flowId) {
        return fleet
            .scalar(u"SELECT count(*) FROM (SELECT source_id FROM sync_idmap WHERE flow_id = ? "
                    "AND state <> 'creating' UNION SELECT source_id FROM sync_failures WHERE "
                    "flow_id = ?) s"_s,
                    {flowId, flowId})
            .toInt();
    }

    // No duplicates: per flow each linked person has one contact of its own, and every contact
    // created in Exact is linked by some flow (an orphan would be a record written twice, e.g. by a
    // dead engine whose id-map entry never reached the store).
    static void verifyNoDuplicates(FlowFleet& f, const QStringList& flows,
                                   int* orphansOut = nullptr) {
        QSet<QString> linked;
        for (const QString& flow : flows) {
            int links = 0;
            QSqlQuery q(f.fleet->db());
            q.prepare(u"SELECT source_id, dest_id FROM sync_idmap WHERE flow_id = ? AND "
                      "state = 'ok'"_s);
            q.addBindValue(flow);
            QVERIFY(q.exec());
            QSet<QString> sources, dests;
            while (q.next()) {
                sources.insert(q.value(0).toString());
                dests.insert(q.value(1).toString());
                ++links;
            }
            QVERIFY2(!dests.isEmpty(), qPrintable(flow));
            QCOMPARE(sources.size(), dests.size()); // within a flow, one contact per person
            QCOMPARE(int(dests.size()), links);
            // Across flows a person's contact may be shared: a later flow finds the one an
            // earlier flow created through the e-mail match index and links it.
            linked.unite(dests);
        }
        QStringList orphans;
        for (const QString& id : f.sandbox.recordIds(Vendor::Exact, u"Contacts"_s))
            if (!f.seededContacts.contains(id) && !linked.contains(id))
                orphans << id;
        if (orphansOut) {
            *orphansOut = int(orphans.size()); // the caller judges them
            return;
        }
        QVERIFY2(orphans.isEmpty(),
                 qPrintable(u"contacts that belong to no person: "_s + orphans.join(u", "_s)));
    }

private Q_SLOTS:
    void initTestCase() {
        if (!m_pg.valid())
            QSKIP("no PostgreSQL server: BK_TEST_PGHOST/PORT are not set (run through "
                  "scripts/run-tests.sh)");
        sandbox::SandboxOptions so;
        so.clock = m_clock;
        so.recordsPerVendor = 50;
        auto port = m_sandbox.start(so);
        QVERIFY2(port.ok(), port.ok() ? "" : qPrintable(port.error().message));

        m_fleet = std::make_unique<FleetHarness>(QStringLiteral(BK_ENGINE_EXE), m_pg);
        QVERIFY2(m_fleet->createDatabase(), qPrintable(m_fleet->why()));
        const QString ws = m_fleet->writeWorkspace(
            u"fleet.json"_s,
            QJsonObject{{u"name"_s, u"fleet"_s},
                        {u"webhooks"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:0"_s}}},
                        {u"metrics"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:0"_s}}},
                        {u"connectors"_s, QJsonArray{connector(u"exact-a"_s, Vendor::Exact),
                                                     connector(u"exact-b"_s, Vendor::Exact),
                                                     connector(u"shopify"_s, Vendor::Shopify)}}});
        QVERIFY(!ws.isEmpty());
        for (const QString& id : {u"exact-a"_s, u"exact-b"_s})
            QVERIFY2(m_fleet->setSecret(ws, id, u"client_secret"_s,
                                        sandbox::Sandbox::clientSecret(Vendor::Exact).toUtf8()),
                     qPrintable(m_fleet->why()));
        QVERIFY2(m_fleet->setSecret(ws, u"shopify"_s, u"webhook-secret"_s, kShopifySecret),
                 qPrintable(m_fleet->why()));

        // Two rotating Exact connections whose access tokens run out 20 s and 30 s from now
        // (as far as the engines know); the sandbox issued them 560 s "ago", so a refresh
        // in the last 30 s of their life is legal there and any second one is not.
        const QJsonObject a = m_sandbox.issueTokensForTest(Vendor::Exact);
        const QJsonObject b = m_sandbox.issueTokensForTest(Vendor::Exact);
        m_clock->jump(560'000);
        m_sandbox.clearLog();
        m_importedMs = QDateTime::currentMSecsSinceEpoch();
        auto tokens = [](QJsonObject t, int expiresIn) {
            t.insert(u"expires_in"_s, expiresIn);
            return t;
        };
        QVERIFY2(m_fleet->importTokens(ws, u"exact-a"_s, tokens(a, 20)),
                 qPrintable(m_fleet->why()));
        QVERIFY2(m_fleet->importTokens(ws, u"exact-b"_s, tokens(b, 30)),
                 qPrintable(m_fleet->why()));

        for (const QString& id : {u"engine-1"_s, u"engine-2"_s, u"engine-3"_s}) {
            EngineProcess* e = m_fleet->startEngine(ws, id);
            QVERIFY(e);
            m_engines << e;
        }
        for (EngineProcess* e : std::as_const(m_engines))
            QVERIFY2(m_fleet->waitReady(e, true, true), qPrintable(m_fleet->why()));
        QCOMPARE(QSet<quint16>({m_engines[0]->webhookPort, m_engines[1]->webhookPort,
                                m_engines[2]->webhookPort})
                     .size(),
                 3);
    }

    // (a) Every event goes to one listener and, at the same moment, its duplicate to the next
    // one. Whatever each listener answers (200 stored, 200 duplicate, or 503 when the two
    // commits collided — the sender then retries, as vendors do), the inbox ends with each
    // event once, and each is processed once: done, with no failed attempt.
    void webhooksRoundRobinStoredAndProcessedOnce() {
        constexpr int kEvents = 90;
        // Besides, two events per listener go to that listener alone: each must store them,
        // whichever engine wins the races of the duplicated ones on a busy machine.
        constexpr int kSolo = 6;
        QNetworkAccessManager nam;
        struct Post {
            int event;
            int engine;
            QNetworkReply* reply;
        };
        QList<Post> inFlight;
        for (int n = 0; n < kEvents; ++n)
            for (int copy = 0; copy < 2; ++copy) {
                const int engine = (n + copy) % 3;
                inFlight.append({n, engine, postShopify(nam, m_engines[engine], n)});
            }
        for (int n = kEvents; n < kEvents + kSolo; ++n)
            inFlight.append({n, n % 3, postShopify(nam, m_engines[n % 3], n)});
        int stored = 0, duplicates = 0, retried = 0;
        QList<int> storedBy(3, 0);
        for (int round = 0; round < 5 && !inFlight.isEmpty(); ++round) {
            QVERIFY(QTest::qWaitFor(
                [&] {
                    for (const Post& p : std::as_const(inFlight))
                        if (!p.reply->isFinished())
                            return false;
                    return true;
                },
                60'000));
            QList<Post> again;
            for (const Post& p : std::as_const(inFlight)) {
                const int status =
                    p.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                const QJsonObject answer = QJsonDocument::fromJson(p.reply->readAll()).object();
                if (status == 200 && answer.value(u"duplicate"_s).toBool()) {
                    ++duplicates;
                } else if (status == 200 && answer.value(u"ok"_s).toBool()) {
                    ++stored;
                    ++storedBy[p.engine];
                } else {
                    QVERIFY2(status == 503, qPrintable(u"event %1 to %2: HTTP %3"_s.arg(p.event)
                                                           .arg(m_engines[p.engine]->id)
                                                           .arg(status)));
                    ++retried;
                    again.append(
                        {p.event, p.engine, postShopify(nam, m_engines[p.engine], p.event)});
                }
                p.reply->deleteLater();
            }
            inFlight = again;
        }
        QVERIFY(inFlight.isEmpty());
        qInfo("webhooks: %d stored (per listener %d/%d/%d), %d duplicates, %d retried after 503",
              stored, storedBy[0], storedBy[1], storedBy[2], duplicates, retried);
        QCOMPARE(stored, kEvents + kSolo);
        QCOMPARE(duplicates, kEvents);
        for (int i = 0; i < 3; ++i)
            QVERIFY2(storedBy[i] >= kSolo / 3, "every listener stored its own events");

        // Stored once each, processed once each (done, never retried, nothing dead).
        QCOMPARE(m_fleet
                     ->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE connector_id = "
                              "'shopify'"_s)
                     .toInt(),
                 kEvents + kSolo);
        QCOMPARE(m_fleet->scalar(u"SELECT count(DISTINCT event_id) FROM webhooks_inbox"_s).toInt(),
                 kEvents + kSolo);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fleet->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE state = 2"_s).toInt(),
            kEvents + kSolo, 60'000);
        QCOMPARE(m_fleet
                     ->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE attempts > 0 OR "
                              "state <> 2"_s)
                     .toInt(),
                 0);
        QCOMPARE(
            m_fleet->scalar(u"SELECT coalesce(sum(duplicates), 0) FROM webhooks_seen"_s).toInt(),
            kEvents);
    }

    // (b) Each of the two rotating connections is refreshed by exactly one engine when its
    // token expires; the other two take the stored rotated token. The sandbox refuses a reused
    // (rotated-away) refresh token with 401 and a second refresh within 570 s with 400.
    void rotatingTokensRefreshedOncePerExpiry() {
        auto secondsLeft = [](EngineProcess* e, const char* connector) {
            const QByteArray text = httpGet(u"http://127.0.0.1:%1/metrics"_s.arg(e->metricsPort));
            return metricValue(text, "bridgekeeper_token_seconds_to_expiry",
                               {"connector=\""_ba + connector + '"', "token=\"access\""_ba})
                .value_or(-1);
        };
        // Before the expiry every engine holds the imported token (under 30 s left); on a
        // slow machine the refresh may already be behind us.
        if (QDateTime::currentMSecsSinceEpoch() - m_importedMs < 20'000)
            for (EngineProcess* e : std::as_const(m_engines))
                QVERIFY2(secondsLeft(e, "exact-b") < 31, qPrintable(e->id));
        // After it, every engine holds a token with ten minutes to live.
        for (EngineProcess* e : std::as_const(m_engines)) {
            QTRY_VERIFY2_WITH_TIMEOUT(secondsLeft(e, "exact-a") > 500, qPrintable(e->id), 60'000);
            QTRY_VERIFY2_WITH_TIMEOUT(secondsLeft(e, "exact-b") > 500, qPrintable(e->id), 60'000);
        }
        QTest::qWait(3000); // a late second refresh would show now
        QList<sandbox::TokenEvent> refreshes;
        for (const auto& t : m_sandbox.tokenEvents())
            if (t.vendor == Vendor::Exact && t.grantType == u"refresh_token"_s)
                refreshes << t;
        for (const auto& t : refreshes)
            qInfo("token endpoint: %s status %d %s", t.issued ? "issued" : "refused", t.status,
                  qPrintable(t.error));
        QCOMPARE(refreshes.size(), 2);
        QVERIFY(refreshes[0].issued && refreshes[1].issued);
        QCOMPARE(m_sandbox.countRequests(Vendor::Exact, u"oauth2/token"_s), 2);
        // One rotation each, recorded once in the shared store.
        for (const QString& id : {u"exact-a"_s, u"exact-b"_s})
            QCOMPARE(
                m_fleet
                    ->scalar(u"SELECT generation FROM auth_connections WHERE connector = ?"_s, {id})
                    .toInt(),
                2);
        const qint64 elapsed = QDateTime::currentMSecsSinceEpoch() - m_importedMs;
        qInfo("two expiries, two token calls across three engines, %lld ms after the import",
              elapsed);
    }

    // (c) Three engines, one flow each (their workspaces enable different flows over the same
    // connectors), write into one Exact division at once while its minutely quota binds: the
    // store's rate ledger is their only coordination. Every flow finishes, no 429 comes back,
    // no clock minute sees more calls than the quota, and nothing is written twice.
    void bulkSyncSharesTheQuotaWithoutDuplicates() {
        constexpr int kRecords = 100, kQuota = 200;
        const QStringList flows{u"persons-1"_s, u"persons-2"_s, u"persons-3"_s};
        FlowFleet f;
        QString why;
        QVERIFY2(startFlowFleet(
                     f, kRecords, kQuota, 5,
                     [&](int engine) {
                         QJsonArray a;
                         for (int i = 0; i < flows.size(); ++i)
                             a.append(personsFlow(flows[i], i == engine));
                         return a;
                     },
                     &why),
                 qPrintable(why));
        QElapsedTimer t;
        t.start();
        for (const QString& flow : flows)
            QTRY_VERIFY2_WITH_TIMEOUT(settled(*f.fleet, flow) == kRecords, qPrintable(flow),
                                      150'000);
        QHash<qint64, int> perMinute;
        int refused = 0, calls = 0;
        for (const auto& r : f.sandbox.requests()) {
            if (r.vendor != Vendor::Exact || r.endpoint.contains(u"oauth2"_s))
                continue;
            if (r.status == 429) {
                ++refused;
                qInfo("429 at %lld ms into its clock minute: %s %s", r.atMs % 60'000,
                      qPrintable(r.method), qPrintable(r.endpoint));
            } else
                ++perMinute[r.atMs / 60'000];
            ++calls;
        }
        int busiest = 0;
        for (int n : std::as_const(perMinute))
            busiest = std::max(busiest, n);
        qInfo("bulk sync: %d Exact calls in %lld ms over %d clock minutes, busiest minute %d of "
              "%d, %d refused with 429",
              calls, t.elapsed(), int(perMinute.size()), busiest, kQuota, refused);
        QVERIFY2(calls > kQuota, "the quota must bind for this case to mean anything");
        verifyNoDuplicates(f, flows);
        QVERIFY(busiest <= kQuota);
        // The ledger serialises reservations per scope key (an advisory lock on PostgreSQL):
        // the three engines together never send more than the quota.
        QCOMPARE(refused, 0);
    }

    // (d) All three engines run the same workspace: one claims the flow's lease and syncs.
    // SIGKILLed mid-sync, it renews nothing more; once its lease (fleet.leaseSeconds 3) has
    // expired another engine claims the flow, resumes from the durable cursor and finishes,
    // and the id map keeps the records the dead engine wrote from being written again.
    void killedEnginesFlowIsTakenOverAfterItsLease() {
        constexpr int kRecords = 600, kLeaseSeconds = 3, kNoQuota = 1'000'000;
        const QString flow = u"persons-1"_s;
        FlowFleet f;
        QString why;
        QVERIFY2(startFlowFleet(
                     f, kRecords, kNoQuota, kLeaseSeconds,
                     [&](int) { return QJsonArray{personsFlow(flow)}; }, &why),
                 qPrintable(why));
        auto holder = [&] {
            return f.fleet
                ->scalar(u"SELECT holder FROM fleet_leases WHERE resource = ?"_s,
                         {QString(u"flow:"_s + flow)})
                .toString();
        };
        QTRY_VERIFY_WITH_TIMEOUT(settled(*f.fleet, flow) >= kRecords / 4, 60'000);
        const QString victim = holder();
        QVERIFY(!victim.isEmpty());
        const int before = settled(*f.fleet, flow);
        QVERIFY2(before < kRecords, "the sync must still be running when the engine dies");
        EngineProcess* dying = nullptr;
        for (EngineProcess* e : std::as_const(f.engines))
            if (e->id == victim)
                dying = e;
        QVERIFY(dying);
        f.fleet->kill(dying);
        QElapsedTimer sinceKill;
        sinceKill.start();
        QTRY_VERIFY_WITH_TIMEOUT(!holder().isEmpty() && holder() != victim, 30'000);
        const qint64 takeoverMs = sinceKill.elapsed();
        const QString heir = holder();
        // The lease was renewed every second (a third of it): at least two thirds of it were
        // left when the engine died, and nobody may take a lease that is still valid.
        QVERIFY2(takeoverMs >= kLeaseSeconds * 1000 / 2,
                 qPrintable(u"taken over after %1 ms"_s.arg(takeoverMs)));
        QTRY_VERIFY_WITH_TIMEOUT(settled(*f.fleet, flow) == kRecords, 120'000);
        qInfo("SIGKILL of %s at %d of %d records; %s took the flow over %lld ms later",
              qPrintable(victim), before, kRecords, qPrintable(heir), takeoverMs);
        int orphans = 0;
        verifyNoDuplicates(f, {flow}, &orphans);
        if (QTest::currentTestFailed())
            return;
        const int leftInOutbox =
            f.fleet->scalar(u"SELECT count(*) FROM http_outbox WHERE owner = ?"_s, {victim})
                .toInt();
        qInfo("%d contact(s) written twice; %d request(s) of the dead engine left in the outbox",
              orphans, leftInOutbox);
        QCOMPARE(f.sandbox.countRequests(Vendor::Exact, {}, 429), 0);
        // The create the dead engine had on the wire is linked by the heir (it re-reads the
        // destination for the creates in doubt), not written again.
        QCOMPARE(orphans, 0);
        for (EngineProcess* e : std::as_const(f.engines))
            if (e != dying)
                QVERIFY2(f.fleet->terminate(e), qPrintable(e->id));
        QCOMPARE(f.fleet->scalar(u"SELECT count(*) FROM fleet_leases WHERE holder <> ?"_s, {victim})
                     .toInt(),
                 0);
    }

    // Graceful stop of the whole fleet: exit 0, no inbox claim left behind.
    void cleanupTestCase() {
        if (!m_fleet)
            return;
        for (EngineProcess* e : std::as_const(m_engines))
            QVERIFY2(m_fleet->terminate(e), qPrintable(e->id + u" did not stop cleanly"_s));
        QCOMPARE(m_fleet->scalar(u"SELECT count(*) FROM webhooks_inbox WHERE state = 1"_s).toInt(),
                 0);
        m_fleet.reset();
        m_sandbox.stop();
    }
};

QTEST_GUILESS_MAIN(TestFleetProcesses)
#include "TestFleetProcesses.moc"
