// `bridgekeeper-engine deadletters replay` of a source-record letter (a sync record that failed
// mapping), run as the real executable against a loopback destination: the record is mapped
// through its flow as the console's Replay maps it, refused with the violation's JSON path
// while it does not fit (exit 1, nothing sent), sent with an edited body once it does (exit
// 0), and the created destination record joins the flow's id map. Wrong targets exit 2.
#include "../http/LoopbackApi.h"
#include "deadletters/DeadLetterStore.h"
#include "sync/SyncStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::testing;

namespace {

// The destination: no auth, one writable resource with a schema.
const char* kDestination = R"({
  "id": "cli-dest", "name": "CLI destination", "baseUrl": "http:/)"
                           R"(/127.0.0.1:9", "apiPath": "/v1",
  "retry": {"maxAttempts": 2, "maxSpan": "1m", "baseDelay": "1s", "maxDelay": "2s", "jitter": 0.2},
  "resources": {"Contacts": {"listPath": "/contacts", "idField": "id", "updatedField": "updated",
                             "writePath": "/contacts", "updatePath": "/contacts/{id}",
                             "createMethod": "POST", "updateMethod": "PUT",
                             "schema": {"required": ["LastName"],
                                        "fields": {"LastName": {"type": "string"},
                                                   "Email": {"type": "string"}}}}}
})";

const char* kSource = R"({
  "id": "cli-source", "name": "CLI source", "baseUrl": "http:/)"
                      R"(/127.0.0.1:9", "apiPath": "/v1",
  "resources": {"people": {"listPath": "/people", "idField": "id", "updatedField": "updated"}}
})";

const char* kMapping = R"({
  "format": 1, "id": "people-to-contacts",
  "source": {"connectorType": "cli-source", "resource": "people"},
  "destination": {"connectorType": "cli-dest", "resource": "Contacts"},
  "fields": [
    {"target": "LastName", "source": "last_name", "transforms": ["squash"], "empty": "fail"},
    {"target": "Email", "source": "email", "transforms": ["email"], "empty": "skip"}
  ]
})";

} // namespace

class TestEngineCliReplay : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    LoopbackApi m_api{[](const httpserver::Request&) {
        return answer(201, R"({"id":"c-41","LastName":"Visser"})");
    }};
    QString m_ws;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<deadletters::DeadLetterStore> m_letters;

    struct Run {
        int code;
        QString out;
        QString err;
    };

    Run run(QStringList args) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_dir.path());
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"xdg"_s));
        p.setProcessEnvironment(env);
        args << u"--workspace"_s << m_ws << u"--data-dir"_s << m_dir.filePath(u"data"_s);
        p.start(QStringLiteral(BK_ENGINE_EXE), args);
        if (!p.waitForStarted())
            qFatal("cannot start engine");
        p.closeWriteChannel();
        if (!p.waitForFinished(60'000))
            qFatal("engine did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString write(const QString& name, const QByteArray& content) {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("write");
        f.write(content);
        return f.fileName();
    }

    /// A letter as the sync engine stores a record that failed mapping (no URL).
    qint64 sourceRecordLetter(const QString& recordId, const QJsonObject& record) {
        http::Request r;
        r.method = "POST";
        r.body = QJsonDocument(record).toJson(QJsonDocument::Compact);
        r.connectorId = u"dest"_s;
        r.flowId = u"people"_s;
        r.recordIds = {recordId};
        http::Outcome o;
        o.cls = http::OutcomeClass::Invalid;
        o.reason = u"LastName: required, the source has none"_s;
        return *m_letters->deadLetter(r, o, u"sync|people|%1|invalid"_s.arg(recordId));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_api.start());
        QVERIFY(QDir(m_dir.path()).mkpath(u"connectors"_s));
        write(u"connectors/cli-dest.json"_s, kDestination);
        write(u"connectors/cli-source.json"_s, kSource);
        const QString mapping = write(u"people.json"_s, kMapping);
        const QJsonObject ws{
            {u"version"_s, 1},
            {u"store"_s, QString(u"sqlite:"_s + m_dir.filePath(u"cli.db"_s))},
            {u"connectorDirs"_s, QJsonArray{m_dir.filePath(u"connectors"_s)}},
            {u"connectors"_s, QJsonArray{QJsonObject{{u"id"_s, u"src"_s},
                                                     {u"type"_s, u"cli-source"_s},
                                                     {u"baseUrl"_s, m_api.url({}).toString()}},
                                         QJsonObject{{u"id"_s, u"dest"_s},
                                                     {u"type"_s, u"cli-dest"_s},
                                                     {u"baseUrl"_s, m_api.url({}).toString()}}}},
            {u"flows"_s,
             QJsonArray{QJsonObject{{u"id"_s, u"people"_s},
                                    {u"source"_s, QJsonObject{{u"connector"_s, u"src"_s},
                                                              {u"resource"_s, u"people"_s}}},
                                    {u"destination"_s, QJsonObject{{u"connector"_s, u"dest"_s},
                                                                   {u"resource"_s, u"Contacts"_s}}},
                                    {u"mapping"_s, mapping}}}}};
        m_ws = write(u"ws.json"_s, QJsonDocument(ws).toJson());
        // The store as the engine leaves it (every module's tables), then opened here too.
        const auto status = run({u"status"_s});
        QVERIFY2(status.code == 0, qPrintable(status.err));
        StoreConfig config;
        config.url = u"sqlite:"_s + m_dir.filePath(u"cli.db"_s);
        config.sqlitePath = m_dir.filePath(u"cli.db"_s);
        auto db = store::Database::open(
            config, {deadletters::deadlettersMigrations(), sync::syncMigrations()});
        QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().message));
        m_db = *db;
        m_letters = std::make_shared<deadletters::DeadLetterStore>(m_db, makeSystemClock());
    }

    void sourceRecordIsMappedThroughItsFlowAndJoinsTheIdMap() {
        const qint64 id =
            sourceRecordLetter(u"p-7"_s, {{u"id"_s, u"p-7"_s}, {u"email"_s, u"Noor@Example.NL"_s}});

        // Still without a last name: refused with the path, nothing sent, still new.
        auto r = run({u"deadletters"_s, u"replay"_s, QString::number(id)});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"$.LastName"_s), qPrintable(r.err));
        QCOMPARE(m_api.hits(), 0);
        QCOMPARE(m_letters->get(id)->state, deadletters::State::New);

        // The operator's fix: mapped through the flow, written to its destination.
        const QString fixed = write(
            u"fixed.json"_s, R"({"id":"p-7","email":"Noor@Example.NL","last_name":"  Visser "})");
        r = run({u"deadletters"_s, u"replay"_s, QString::number(id), u"--body-file"_s, fixed,
                 u"--user"_s, u"ann"_s});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"HTTP 201, resolved"_s), qPrintable(r.out));
        QCOMPARE(m_api.hits(), 1);
        const auto sent = m_api.requests().first();
        QCOMPARE(sent.method, QByteArray("POST"));
        QCOMPARE(sent.path, u"/v1/contacts"_s);
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(u"LastName"_s).toString(), u"Visser"_s);
        QCOMPARE(body.value(u"Email"_s).toString(), u"Noor@example.nl"_s);
        const auto letter = m_letters->get(id);
        QCOMPARE(letter->state, deadletters::State::Resolved);
        QCOMPARE(letter->stateReason, u"to flow people: replayed: HTTP 201"_s);
        // The edit and the replay are audited under the operator's name.
        auto audit = m_letters->audit().entries();
        QVERIFY(audit.ok());
        QStringList actions;
        for (const auto& e : *audit)
            if (e.user == u"ann"_s)
                actions << e.action;
        QVERIFY2(actions.contains(u"edit"_s) && actions.contains(u"replay-to"_s),
                 qPrintable(actions.join(u',')));
        // The flow now knows the contact: its next run updates c-41 instead of creating.
        sync::SyncStore idMap(m_db);
        auto entry = idMap.idMapEntry(u"people"_s, u"p-7"_s);
        QVERIFY(entry.ok() && entry->has_value());
        QCOMPARE((*entry)->destId, u"c-41"_s);
        QCOMPARE((*entry)->state, u"ok"_s);

        // Resolved: nothing more to replay (exit 1), nothing sent.
        r = run({u"deadletters"_s, u"replay"_s, QString::number(id)});
        QCOMPARE(r.code, 1);
        QCOMPARE(m_api.hits(), 1);
    }

    void wrongTargetsExit2() {
        const qint64 id =
            sourceRecordLetter(u"p-8"_s, {{u"id"_s, u"p-8"_s}, {u"last_name"_s, u"Bos"_s}});
        auto r =
            run({u"deadletters"_s, u"replay"_s, QString::number(id), u"--connector"_s, u"dest"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"--flow"_s), qPrintable(r.err));
        r = run({u"deadletters"_s, u"replay"_s, QString::number(id), u"--flow"_s, u"nope"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"\"nope\""_s), qPrintable(r.err));
        QCOMPARE(m_api.hits(), 1); // from the test above only
        QCOMPARE(m_letters->get(id)->state, deadletters::State::New);
    }
};

QTEST_GUILESS_MAIN(TestEngineCliReplay)
#include "TestEngineCliReplay.moc"
