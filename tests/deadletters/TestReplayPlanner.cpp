// Dry runs and replays to a different target, on real parts: the real connector catalog and
// mapping document, a workspace with two Exact divisions on two loopback servers, a real
// pipeline per connector and the SQLite dead-letter store with its audit log.
#include "../http/PipelineFixture.h"
#include "engine/ReplayPlanner.h"

#include <QJsonArray>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::deadletters;
using namespace bk::testing;

namespace {

const QString kMapping =
    QStringLiteral(BK_SOURCE_DIR "/resources/mappings/pipedrive-person-to-exact-contact.json");

QString base(const LoopbackApi& api) {
    return api.url({}).toString();
}

QByteArray person(const QString& last, const QString& email, const QString& phone) {
    return QJsonDocument(
               QJsonObject{{u"first_name"_s, u"Jan"_s},
                           {u"last_name"_s, last},
                           {u"emails"_s,
                            QJsonArray{QJsonObject{{u"value"_s, email}, {u"primary"_s, true}}}},
                           {u"phones"_s,
                            QJsonArray{QJsonObject{{u"value"_s, phone}, {u"label"_s, u"work"_s}}}}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestReplayPlanner : public QObject {
    Q_OBJECT

    PipelineFixture f;
    LoopbackApi exact{sequence({answer(201, R"({"d":{"ID":"1"}})")})};
    LoopbackApi exact2{sequence({answer(201, R"({"d":{"ID":"2"}})")})};
    ConnectorCatalog catalog;
    Workspace ws;
    std::unique_ptr<ReplayPlanner> planner;

    qint64 sourceRecordLetter(const QByteArray& body, const QString& key) {
        // What the sync engine stores for a record that failed mapping: no URL, the source.
        http::Request r;
        r.method = "POST";
        r.body = body;
        r.connectorId = u"exact"_s;
        r.flowId = u"f1"_s;
        r.recordIds = {key};
        http::Outcome o;
        o.cls = http::OutcomeClass::Invalid;
        o.reason = u"LastName: required"_s;
        return *f.deadLetters->deadLetter(r, o, u"sync|f1|"_s + key);
    }
    qint64 requestLetter(const QByteArray& body, const QString& key) {
        http::Request r;
        r.method = "POST";
        r.url = QUrl(base(exact) + u"/api/v1/7/crm/Contacts"_s);
        r.headers = {{"Content-Type", "application/json"}};
        r.body = body;
        r.connectorId = u"exact"_s;
        r.flowId = u"f1"_s;
        http::Outcome o;
        o.cls = http::OutcomeClass::Transient;
        o.status = 503;
        o.reason = u"gave up after 5 attempts"_s;
        return *f.deadLetters->deadLetter(r, o, u"outbox:exact:"_s + key);
    }
    std::unique_ptr<http::Pipeline> pipelineFor(const QString& connector) {
        http::Pipeline::Options o;
        o.clock = f.clock;
        o.db = f.db;
        o.deadLetters = f.deadLetters;
        o.monitorStatusPage = false;
        o.seed = 7;
        auto p = http::Pipeline::create(*ws.connector(connector), QJsonObject{}, o);
        return p ? std::move(*p) : nullptr;
    }
    QList<AuditEntry> audit() {
        auto e = f.deadLetters->audit().entries();
        return e ? e.value() : QList<AuditEntry>{};
    }

private Q_SLOTS:
    void initTestCase() {
        QLoggingCategory::setFilterRules(u"bridgekeeper.deadletters.info=false"_s);
        QVERIFY(f.open());
        QVERIFY(exact.start());
        QVERIFY(exact2.start());
        auto cat = ConnectorCatalog::load();
        QVERIFY(cat.ok());
        catalog = *cat;
        const QJsonObject json{
            {u"version"_s, 1},
            {u"store"_s, QString(u"sqlite:"_s + f.dir.filePath(u"ws.db"_s))},
            {u"connectors"_s, QJsonArray{QJsonObject{{u"id"_s, u"exact"_s},
                                                     {u"type"_s, u"exact-online"_s},
                                                     {u"baseUrl"_s, base(exact)},
                                                     {u"division"_s, 7}},
                                         QJsonObject{{u"id"_s, u"exact2"_s},
                                                     {u"type"_s, u"exact-online"_s},
                                                     {u"baseUrl"_s, base(exact2)},
                                                     {u"division"_s, 8}},
                                         QJsonObject{{u"id"_s, u"pipedrive"_s},
                                                     {u"type"_s, u"pipedrive"_s},
                                                     {u"company"_s, u"acme"_s}}}},
            {u"flows"_s,
             QJsonArray{QJsonObject{{u"id"_s, u"f1"_s},
                                    {u"source"_s, QJsonObject{{u"connector"_s, u"pipedrive"_s},
                                                              {u"resource"_s, u"persons"_s}}},
                                    {u"destination"_s, QJsonObject{{u"connector"_s, u"exact"_s},
                                                                   {u"resource"_s, u"Contacts"_s}}},
                                    {u"mapping"_s, kMapping}},
                        QJsonObject{{u"id"_s, u"f2"_s},
                                    {u"source"_s, QJsonObject{{u"connector"_s, u"pipedrive"_s},
                                                              {u"resource"_s, u"persons"_s}}},
                                    {u"destination"_s, QJsonObject{{u"connector"_s, u"exact2"_s},
                                                                   {u"resource"_s, u"Contacts"_s}}},
                                    {u"mapping"_s, kMapping}}}}};
        WorkspaceLoader loader(catalog);
        auto loaded = loader.loadFromJson(QJsonDocument(json).toJson(),
                                          f.dir.filePath(u"ws.json"_s), f.dir.path());
        QVERIFY2(loaded.ok(), loaded ? "" : qPrintable(loaded.error().message));
        ws = *loaded;
        planner = std::make_unique<ReplayPlanner>(ws, catalog);
    }

    void dryRunMapsASourceRecordThroughItsFlow() {
        const qint64 id = sourceRecordLetter(person(u""_s, u"jan@"_s, u"020 123 4567"_s), u"p1"_s);
        const auto d = *f.deadLetters->get(id);
        QVERIFY(d.isSourceRecord());
        DryRunResult r = planner->dryRun(d, {}, {});
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.connectorId, u"exact"_s);
        QCOMPARE(r.method, u"POST"_s);
        QCOMPARE(r.url, base(exact) + u"/api/v1/7/crm/Contacts"_s);
        QCOMPARE(r.schemaName, u"exact-online/Contacts"_s);
        QStringList paths;
        for (const auto& v : r.violations)
            paths << v.path;
        QVERIFY2(paths.contains(u"$.LastName"_s), qPrintable(paths.join(u", "_s)));
        QVERIFY2(paths.contains(u"$.Email"_s), qPrintable(paths.join(u", "_s)));
        QVERIFY(!r.ok());

        // The operator's fix: the mapped body is what would be sent, phone in E.164.
        r = planner->dryRun(d, person(u"Jansen"_s, u"jan@example.nl"_s, u"020 123 4567"_s), {});
        QVERIFY2(r.ok(), r.violations.isEmpty() ? qPrintable(r.error)
                                                : qPrintable(r.violations.first().message));
        const QJsonObject body = QJsonDocument::fromJson(r.body).object();
        QCOMPARE(body.value(u"LastName"_s).toString(), u"Jansen"_s);
        QCOMPARE(body.value(u"Email"_s).toString(), u"jan@example.nl"_s);
        QCOMPARE(body.value(u"Phone"_s).toString(), u"+31201234567"_s);
        // A dry run changes nothing and sends nothing.
        QCOMPARE(f.deadLetters->get(id)->state, State::New);
        QCOMPARE(f.deadLetters->get(id)->request.body, d.request.body);
        QCOMPARE(exact.hits() + exact2.hits(), 0);
    }

    void dryRunValidatesARequestAgainstTheDestinationSchema() {
        const qint64 id = requestLetter(R"({"FirstName":"Jan","Phone":"0612"})", u"r1"_s);
        const auto d = *f.deadLetters->get(id);
        const DryRunResult r = planner->dryRun(d, {}, {});
        QVERIFY(r.error.isEmpty());
        QCOMPARE(r.url, d.request.url.toString());
        QCOMPARE(r.body, d.request.body);
        QStringList found;
        for (const auto& v : r.violations)
            found << v.path + u':' + v.rule;
        QCOMPARE(found, (QStringList{u"$.LastName:required"_s, u"$.Phone:pattern"_s}));
        const DryRunResult broken = planner->dryRun(d, "{\"LastName\": ", {});
        QCOMPARE(broken.violations.size(), 1);
        QCOMPARE(broken.violations.first().path, u"$"_s);
    }

    void offersTargetsThatFitTheLetter() {
        const auto record =
            *f.deadLetters->get(sourceRecordLetter(person(u"A"_s, u"a@b.c"_s, {}), u"p2"_s));
        const auto request = *f.deadLetters->get(requestLetter(R"({"LastName":"A"})", u"r2"_s));
        auto forRecord = planner->targetsFor(record);
        QCOMPARE(forRecord.size(), 1);
        QCOMPARE(forRecord[0].target, (ReplayTarget{ReplayTarget::Kind::Flow, u"f2"_s}));
        auto forRequest = planner->targetsFor(request);
        QCOMPARE(forRequest.size(), 1);
        QCOMPARE(forRequest[0].target, (ReplayTarget{ReplayTarget::Kind::Connector, u"exact2"_s}));
        QVERIFY2(forRequest[0].description.contains(base(exact2) + u"/api/v1/8/crm/Contacts"_s),
                 qPrintable(forRequest[0].description));
        // Targets that do not fit are refused with a reason.
        QVERIFY(!planner->plan(request, {}, {ReplayTarget::Kind::Flow, u"f2"_s}).ok());
        QVERIFY(!planner->plan(record, {}, {ReplayTarget::Kind::Connector, u"exact2"_s}).ok());
        QVERIFY(!planner->plan(request, {}, {ReplayTarget::Kind::Connector, u"pipedrive"_s}).ok());
    }

    void replaysToAnotherConnectorAndAuditsBothTargets() {
        const qint64 id = requestLetter(R"({"LastName":"Moved"})", u"r3"_s);
        const auto d = *f.deadLetters->get(id);
        auto plan = planner->plan(d, {}, {ReplayTarget::Kind::Connector, u"exact2"_s});
        QVERIFY(plan.ok());
        QVERIFY(plan->violations.isEmpty());
        auto request = f.deadLetters->beginReplay(id, u"ann"_s, plan->redirect);
        QVERIFY(request.ok());
        auto p = pipelineFor(u"exact2"_s);
        QVERIFY(p);
        bool done = false;
        QVERIFY(p->send(*request, this, [&](const http::Outcome&) { done = true; }).ok());
        QVERIFY(f.driveUntil(*p, [&] { return done; }));
        QCOMPARE(exact.hits(), 0);
        QCOMPARE(exact2.hits(), 1);
        QCOMPARE(exact2.requests().first().path, u"/api/v1/8/crm/Contacts"_s);
        QCOMPARE(exact2.requests().first().body, QByteArray(R"({"LastName":"Moved"})"));
        const auto after = *f.deadLetters->get(id);
        QCOMPARE(after.state, State::Resolved);
        QCOMPARE(after.stateReason, u"to connector exact2: replayed: HTTP 201"_s);
        const auto entries = audit();
        const AuditEntry* replayTo = nullptr;
        for (const auto& e : entries)
            if (e.action == u"replay-to"_s && e.target == u"dead-letter %1"_s.arg(id))
                replayTo = &e;
        QVERIFY(replayTo);
        QCOMPARE(replayTo->user, u"ann"_s);
        QCOMPARE(replayTo->before.value(u"target"_s).toObject().value(u"url"_s).toString(),
                 d.request.url.toString());
        QCOMPARE(replayTo->before.value(u"target"_s).toObject().value(u"connector"_s).toString(),
                 u"exact"_s);
        QCOMPARE(replayTo->after.value(u"target"_s).toObject().value(u"connector"_s).toString(),
                 u"exact2"_s);
        QCOMPARE(entries.last().action, u"replay-resolved"_s);
        QVERIFY(f.deadLetters->audit().verify().ok());
    }

    void replaysASourceRecordThroughAnotherFlow() {
        const qint64 id = sourceRecordLetter(person(u""_s, u"piet@example.nl"_s, {}), u"p3"_s);
        const auto d = *f.deadLetters->get(id);
        const QByteArray fixed = person(u"Pietersen"_s, u"piet@example.nl"_s, {});
        // Unfixed, the target flow's mapping refuses it.
        QVERIFY(!planner->plan(d, {}, {ReplayTarget::Kind::Flow, u"f2"_s})->violations.isEmpty());
        auto plan = planner->plan(d, fixed, {ReplayTarget::Kind::Flow, u"f2"_s});
        QVERIFY(plan.ok());
        QVERIFY(plan->violations.isEmpty());
        QVERIFY(f.deadLetters->editBody(id, fixed, u"ann"_s).ok());
        auto request = f.deadLetters->beginReplay(id, u"ann"_s, plan->redirect);
        QVERIFY(request.ok());
        QCOMPARE(request->connectorId, u"exact2"_s);
        QCOMPARE(request->flowId, u"f2"_s);
        auto p = pipelineFor(u"exact2"_s);
        bool done = false;
        const int before = exact2.hits();
        QVERIFY(p->send(*request, this, [&](const http::Outcome&) { done = true; }).ok());
        QVERIFY(f.driveUntil(*p, [&] { return done; }));
        QCOMPARE(exact2.hits(), before + 1);
        const QJsonObject sent = QJsonDocument::fromJson(exact2.requests().last().body).object();
        QCOMPARE(sent, (QJsonObject{{u"FirstName"_s, u"Jan"_s},
                                    {u"LastName"_s, u"Pietersen"_s},
                                    {u"Email"_s, u"piet@example.nl"_s}}));
        const auto after = *f.deadLetters->get(id);
        QCOMPARE(after.state, State::Resolved);
        QCOMPARE(after.replayTarget, u"flow f2"_s);
        QVERIFY(after.stateReason.startsWith(u"to flow f2: replayed"_s));
        // The stored letter keeps the source record the operator fixed (audited as an edit).
        QCOMPARE(after.request.body, fixed);
    }
};

QTEST_MAIN(TestReplayPlanner)
#include "TestReplayPlanner.moc"
