// Dead letters of the sync flows through a real bk::Engine against the API sandbox (Pipedrive
// persons → Exact contacts, Shopify orders → Exact sales invoices, real mapping documents,
// real pipelines with their token vaults):
// - a flow's write that the destination refuses for good is a dead letter of that flow, with
//   the record's id (the console's flow filter finds it);
// - replaying it — as a request, or a source record mapped through its flow — records the
//   created destination record in the flow's id map, so the next run updates that record
//   instead of creating a second one;
// - "resync this record" works for a Shopify order (single-order GET).
#include "auth/OAuthSettings.h"
#include "auth/SecretStore.h"
#include "auth/TokenRecord.h"
#include "auth/TokenStateStore.h"
#include "deadletters/DeadLetterStore.h"
#include "engine/AllMigrations.h"
#include "engine/Engine.h"
#include "sandbox/Sandbox.h"
#include "support/MemorySecrets.h"
#include "sync/SyncStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using sandbox::Vendor;

namespace {

constexpr int kWaitMs = 60'000;

using testing::MemorySecrets;

struct VendorConnector {
    QString id;
    QString type;
    Vendor vendor;
};

const QList<VendorConnector>& connectors() {
    static const QList<VendorConnector> c{{u"exact"_s, u"exact-online"_s, Vendor::Exact},
                                          {u"pipedrive"_s, u"pipedrive"_s, Vendor::Pipedrive},
                                          {u"shopify"_s, u"shopify"_s, Vendor::Shopify}};
    return c;
}

} // namespace

class TestEngineSyncReplay : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<ScaledClock> m_clock =
        std::make_shared<ScaledClock>(1'767'254'400'000 /* 2026-01-01T08:00Z */, 10.0);
    sandbox::Sandbox m_sandbox;
    ConnectorCatalog m_catalog;
    Workspace m_ws;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<MemorySecrets> m_secrets = std::make_shared<MemorySecrets>();
    std::unique_ptr<Engine> m_engine;
    QHash<QString, FlowProgress> m_progress;

    int exactWrites(const QByteArray& method, const QString& pathPart) const {
        int n = 0;
        for (const auto& r : m_sandbox.requests())
            if (r.vendor == Vendor::Exact && r.method == QString::fromLatin1(method) &&
                r.path.contains(pathPart) && r.status >= 200 && r.status < 300)
                ++n;
        return n;
    }
    /// Runs flowId now and waits for the run to end; its message on failure.
    bool runFlow(const QString& flowId) {
        const qint64 before = m_progress.value(flowId).lastRunMs;
        m_engine->runFlowNow(flowId);
        const bool done = QTest::qWaitFor(
            [&] {
                const FlowProgress p = m_progress.value(flowId);
                return !p.running && p.lastRunMs > before;
            },
            kWaitMs);
        if (done && !m_progress.value(flowId).lastRunOk)
            qWarning("%s", qPrintable(m_progress.value(flowId).lastRunMessage));
        return done && m_progress.value(flowId).lastRunOk;
    }
    std::optional<sync::IdMapEntry> idMap(const QString& flowId, const QString& sourceId) {
        auto e = m_engine->syncStore()->idMapEntry(flowId, sourceId);
        return e ? *e : std::nullopt;
    }
    QList<deadletters::DeadLetter> lettersOf(const QString& flowId) {
        deadletters::Filter f;
        f.flowId = flowId;
        auto rows = m_engine->deadLetters()->list(f, 0, 100);
        return rows ? *rows : QList<deadletters::DeadLetter>();
    }
    QString newPerson(const QString& first, const QString& last, const QString& email) {
        QJsonObject fields{
            {u"name"_s, QString(first + u' ' + last).trimmed()},
            {u"first_name"_s, first},
            {u"owner_id"_s, 1},
            {u"emails"_s, QJsonArray{QJsonObject{
                              {u"label"_s, u"work"_s}, {u"value"_s, email}, {u"primary"_s, true}}}},
            {u"phones"_s, QJsonArray()}};
        if (!last.isEmpty())
            fields.insert(u"last_name"_s, last);
        return m_sandbox.createRecord(Vendor::Pipedrive, u"persons"_s, fields);
    }
    QStringList exactContactIds() const {
        QStringList ids = m_sandbox.recordIds(Vendor::Exact, u"Contacts"_s);
        for (QString& id : ids)
            id = id.toLower();
        return ids;
    }

private Q_SLOTS:
    void initTestCase() {
        QLoggingCategory::setFilterRules(u"bridgekeeper.*.info=false"_s);
        QVERIFY(m_dir.isValid());
        sandbox::SandboxOptions so;
        so.clock = m_clock;
        so.recordsPerVendor = 4;
        auto port = m_sandbox.start(so);
        QVERIFY2(port.ok(), port ? "" : qPrintable(port.error().message));

        QJsonArray cs;
        for (const auto& c : connectors()) {
            QJsonObject o{{u"id"_s, c.id},
                          {u"type"_s, c.type},
                          {u"baseUrl"_s, m_sandbox.baseUrl(c.vendor)},
                          {u"authBaseUrl"_s, m_sandbox.baseUrl(c.vendor)},
                          {u"statusPageUrl"_s, m_sandbox.statusPageUrl(c.vendor)},
                          {u"clientId"_s, sandbox::Sandbox::clientId(c.vendor)},
                          {u"defaultRegion"_s, u"NL"_s}};
            if (c.vendor == Vendor::Exact)
                o.insert(u"division"_s, 123456);
            if (c.vendor == Vendor::Pipedrive)
                o.insert(u"company"_s, u"demo-bv"_s);
            if (c.vendor == Vendor::Shopify)
                o.insert(u"shop"_s, u"demo-shop"_s);
            cs.append(o);
        }
        const QJsonArray flows{
            QJsonObject{{u"id"_s, u"p2c"_s},
                        {u"source"_s, QJsonObject{{u"connector"_s, u"pipedrive"_s},
                                                  {u"resource"_s, u"persons"_s}}},
                        {u"destination"_s,
                         QJsonObject{{u"connector"_s, u"exact"_s}, {u"resource"_s, u"Contacts"_s}}},
                        {u"mapping"_s, u"pipedrive-person-to-exact-contact.json"_s},
                        {u"schedule"_s, u"24h"_s}},
            QJsonObject{{u"id"_s, u"o2i"_s},
                        {u"source"_s,
                         QJsonObject{{u"connector"_s, u"shopify"_s}, {u"resource"_s, u"orders"_s}}},
                        {u"destination"_s, QJsonObject{{u"connector"_s, u"exact"_s},
                                                       {u"resource"_s, u"SalesInvoices"_s}}},
                        {u"mapping"_s, u"shopify-order-to-exact-invoice.json"_s},
                        {u"schedule"_s, u"24h"_s}}};
        const QJsonObject ws{{u"version"_s, 1},
                             {u"store"_s, QString(u"sqlite:"_s + m_dir.filePath(u"e.db"_s))},
                             {u"connectors"_s, cs},
                             {u"flows"_s, flows}};
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        m_catalog = *catalog;
        WorkspaceLoader loader(m_catalog);
        auto loaded = loader.loadFromJson(QJsonDocument(ws).toJson(), m_dir.filePath(u"ws.json"_s),
                                          m_dir.path());
        QVERIFY2(loaded.ok(), loaded ? "" : qPrintable(loaded.error().message));
        m_ws = *loaded;
        auto db = store::Database::open(m_ws.store, allMigrations());
        QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().message));
        m_db = *db;

        // What an admin does once per connection: client secret and first tokens.
        for (const auto& c : connectors()) {
            auto settings = auth::OAuthSettings::fromDefinition(m_catalog.definition(c.type),
                                                                *m_ws.connector(c.id));
            QVERIFY(settings.ok());
            auto record = auth::TokenRecord::fromResponse(m_sandbox.issueTokensForTest(c.vendor),
                                                          m_clock->nowMs(), *settings, nullptr);
            QVERIFY(record.ok());
            record->generation = 1;
            QVERIFY(auth::TokenStateStore(m_db, c.id)
                        .commitTokens(*record, QString(), m_clock->nowMs(), u"test"_s)
                        .ok());
            m_secrets->put(auth::connectorSecretKey(c.id, u"client_secret"_s),
                           sandbox::Sandbox::clientSecret(c.vendor).toUtf8());
            m_secrets->put(auth::connectorSecretKey(c.id, u"tokens"_s), record->toJson());
        }

        EngineOptions o;
        o.workspace = m_ws;
        o.catalog = m_catalog;
        o.db = m_db;
        o.clock = m_clock;
        o.secrets = m_secrets;
        o.engineId = u"engine-sync-replay"_s;
        o.serveMetrics = false;
        m_engine = std::make_unique<Engine>(o);
        connect(m_engine->engineSignals(), &EngineSignals::flowProgressChanged, this,
                [this](const FlowProgress& p) { m_progress[p.flowId] = p; });
        const Status st = m_engine->start();
        QVERIFY2(st.ok(), st ? "" : qPrintable(st.error().message));
        // The first runs (initial syncs) of both flows.
        QVERIFY(QTest::qWaitFor(
            [&] {
                for (const QString& f : {u"p2c"_s, u"o2i"_s}) {
                    const FlowProgress p = m_progress.value(f);
                    if (p.running || p.lastRunMs == 0)
                        return false;
                }
                return true;
            },
            kWaitMs));
        QVERIFY2(m_progress.value(u"p2c"_s).lastRunOk,
                 qPrintable(m_progress.value(u"p2c"_s).lastRunMessage));
    }

    void cleanupTestCase() {
        if (m_engine)
            m_engine->shutdown();
        m_engine.reset();
    }

    void refusedWriteIsALetterOfItsFlowAndItsReplayJoinsTheIdMap() {
        // Exact refuses every contact write for now.
        sandbox::Fault refuse;
        refuse.kind = sandbox::Fault::Kind::ErrorRate;
        refuse.vendor = Vendor::Exact;
        refuse.pathContains = u"/crm/Contacts"_s;
        refuse.status = 400;
        m_sandbox.injectFault(refuse);
        const QString person = newPerson(u"Greta"_s, u"Refused"_s, u"greta.refused@example.nl"_s);
        QVERIFY(runFlow(u"p2c"_s));
        m_sandbox.clearFaults();

        // A letter of flow p2c for this person (the pipeline's own, holding the request).
        const auto letters = lettersOf(u"p2c"_s);
        std::optional<deadletters::DeadLetter> letter;
        for (const auto& d : letters)
            if (d.recordIds == QStringList{person})
                letter = d;
        QVERIFY2(letter, "no dead letter of flow p2c for the refused person");
        QCOMPARE(letter->flowId, u"p2c"_s);
        QCOMPARE(letter->connectorId, u"exact"_s);
        QCOMPARE(letter->status, 400);
        QCOMPARE(letter->cls, http::OutcomeClass::Permanent);
        QVERIFY(!letter->isSourceRecord());
        QVERIFY2(letter->request.url.path().endsWith(u"/crm/Contacts"_s),
                 qPrintable(letter->request.url.toString()));
        QVERIFY(!idMap(u"p2c"_s, person) || idMap(u"p2c"_s, person)->destId.isEmpty());

        // Replayed as the console replays a request letter: the contact is created...
        const QStringList contactsBefore = exactContactIds();
        m_engine->replayDeadLetter(letter->id, {}, u"ann"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->deadLetters()->get(letter->id)->state,
                                  deadletters::State::Resolved, kWaitMs);
        QStringList created = exactContactIds();
        for (const QString& id : contactsBefore)
            created.removeOne(id);
        QCOMPARE(created.size(), 1);
        // ...and is the flow's destination record of that person.
        auto entry = idMap(u"p2c"_s, person);
        QVERIFY(entry);
        QCOMPARE(entry->state, u"ok"_s);
        QCOMPARE(entry->destId.toLower(), created.first());

        // The person changes at the source: the next run updates that contact, creates none.
        const int posts = exactWrites("POST", u"/crm/Contacts"_s);
        const int puts = exactWrites("PUT", u"/crm/Contacts"_s);
        QVERIFY(m_sandbox.updateRecord(Vendor::Pipedrive, u"persons"_s, person,
                                       {{u"job_title"_s, u"Head of Returns"_s}}));
        QVERIFY(runFlow(u"p2c"_s));
        QCOMPARE(exactWrites("POST", u"/crm/Contacts"_s), posts);
        QCOMPARE(exactWrites("PUT", u"/crm/Contacts"_s), puts + 1);
        QCOMPARE(exactContactIds().size(), contactsBefore.size() + 1);
        QCOMPARE(m_sandbox.record(Vendor::Exact, u"Contacts"_s, created.first())
                     .value(u"JobTitleDescription"_s)
                     .toString(),
                 u"Head of Returns"_s);
    }

    void sourceRecordReplayedThroughItsFlowJoinsTheIdMap() {
        // No last name: the mapping refuses it, the letter holds the source record.
        const QString person = newPerson(u"Noor"_s, QString(), u"noor@example.nl"_s);
        QVERIFY(runFlow(u"p2c"_s));
        std::optional<deadletters::DeadLetter> letter;
        for (const auto& d : lettersOf(u"p2c"_s))
            if (d.recordIds == QStringList{person})
                letter = d;
        QVERIFY(letter);
        QVERIFY(letter->isSourceRecord());
        QCOMPARE(letter->cls, http::OutcomeClass::Invalid);

        // The operator adds the last name and replays it through the flow.
        QJsonObject fixed = QJsonDocument::fromJson(letter->request.body).object();
        fixed.insert(u"last_name"_s, u"Visser"_s);
        const QStringList contactsBefore = exactContactIds();
        QSignalSpy finished(m_engine->engineSignals(), &EngineSignals::replayFinished);
        m_engine->replayDeadLetterTo(letter->id, QJsonDocument(fixed).toJson(), ReplayTarget{},
                                     u"ann"_s);
        QVERIFY(finished.wait(kWaitMs));
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        QTRY_COMPARE_WITH_TIMEOUT(m_engine->deadLetters()->get(letter->id)->state,
                                  deadletters::State::Resolved, kWaitMs);
        QStringList created = exactContactIds();
        for (const QString& id : contactsBefore)
            created.removeOne(id);
        QCOMPARE(created.size(), 1);
        auto entry = idMap(u"p2c"_s, person);
        QVERIFY(entry);
        QCOMPARE(entry->state, u"ok"_s);
        QCOMPARE(entry->destId.toLower(), created.first());

        // Fixed at the source too: the next run updates the replayed contact.
        const int posts = exactWrites("POST", u"/crm/Contacts"_s);
        QVERIFY(m_sandbox.updateRecord(Vendor::Pipedrive, u"persons"_s, person,
                                       {{u"last_name"_s, u"Visser"_s},
                                        {u"name"_s, u"Noor Visser"_s},
                                        {u"job_title"_s, u"Buyer"_s}}));
        QVERIFY(runFlow(u"p2c"_s));
        QCOMPARE(exactWrites("POST", u"/crm/Contacts"_s), posts);
        QCOMPARE(exactContactIds().size(), contactsBefore.size() + 1);
        QCOMPARE(m_sandbox.record(Vendor::Exact, u"Contacts"_s, created.first())
                     .value(u"JobTitleDescription"_s)
                     .toString(),
                 u"Buyer"_s);
    }

    void shopifyOrderIsResyncedThroughTheEngine() {
        // An order the initial sync wrote to Exact.
        QString order;
        QString invoice;
        for (const QString& id : m_sandbox.recordIds(Vendor::Shopify, u"orders"_s)) {
            auto e = idMap(u"o2i"_s, id);
            if (e && e->state == u"ok"_s && !e->destId.isEmpty()) {
                order = id;
                invoice = e->destId;
                break;
            }
        }
        QVERIFY2(!order.isEmpty(), "the initial sync wrote no order");
        // The order changes at the source (no run picks it up: schedules are a day apart).
        QVERIFY(m_sandbox.updateRecord(Vendor::Shopify, u"orders"_s, order,
                                       {{u"note"_s, u"Leave it at the back door"_s}}));
        m_sandbox.clearLog();
        QSignalSpy resynced(m_engine->engineSignals(), &EngineSignals::recordResynced);
        m_engine->resyncRecord(u"o2i"_s, order);
        QVERIFY(resynced.wait(kWaitMs));
        const QList<QVariant> r = resynced.first();
        QCOMPARE(r.at(0).toString(), u"o2i"_s);
        QCOMPARE(r.at(1).toString(), order);
        QVERIFY2(r.at(2).toBool(), qPrintable(r.at(4).toString()));
        QCOMPARE(r.at(3).toString(), u"resolved"_s);
        // Read with the single-order GET, written to the invoice the id map names.
        QVERIFY(m_sandbox.countRequests(Vendor::Shopify, u"/orders/{id}.json"_s, 200) >= 1);
        QCOMPARE(m_sandbox.record(Vendor::Exact, u"SalesInvoices"_s, invoice)
                     .value(u"Description"_s)
                     .toString(),
                 u"Leave it at the back door"_s);
    }
};

QTEST_MAIN(TestEngineSyncReplay)
#include "TestEngineSyncReplay.moc"
