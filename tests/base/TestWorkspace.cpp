#include "ConnectorCatalog.h"
#include "Workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;

// moc reads "//" inside raw strings as a comment, so URLs below are split as ":/)" R"(/".
class TestWorkspace : public QObject {
    Q_OBJECT

private:
    ConnectorCatalog catalog() const {
        auto c = ConnectorCatalog::load();
        if (!c)
            qFatal("catalog: %s", qPrintable(c.error().message));
        return *c;
    }

    QString write(const QByteArray& content, const QString& name = u"ws.json"_s) {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(path));
        f.write(content);
        return path;
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void shippedCatalogHasTheThreeVendors() {
        const auto c = catalog();
        QVERIFY(c.contains(u"exact-online"_s));
        QVERIFY(c.contains(u"pipedrive"_s));
        QVERIFY(c.contains(u"shopify"_s));
        QCOMPARE(c.definition(u"exact-online"_s)
                     .value(u"auth"_s)
                     .toObject()
                     .value(u"minRefreshInterval"_s)
                     .toString(),
                 u"570s"_s);
    }

    void sampleWorkspaceLoads() {
        WorkspaceLoader loader(catalog());
        auto ws = loader.load(QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json"),
                              m_dir.path());
        QVERIFY2(ws.ok(), ws.ok() ? "" : qPrintable(ws.error().message));
        QCOMPARE(ws->connectors.size(), 3);
        QCOMPARE(ws->flows.size(), 2);
        QCOMPARE(ws->store.kind, StoreConfig::Kind::Sqlite);
        QVERIFY(ws->store.sqlitePath.startsWith(m_dir.path()));
        QCOMPARE(ws->webhooks.listen.address, QHostAddress(QHostAddress::LocalHost));
        QCOMPARE(ws->webhooks.listen.port, quint16(8470));
        QCOMPARE(ws->connector(u"exact"_s)->division, u"123456"_s);
        QCOMPARE(ws->flow(u"persons-to-contacts"_s)->intervalMs, 5 * 60'000);
        QVERIFY(ws->flow(u"persons-to-contacts"_s)->mappingFile.startsWith(u":/mappings/"_s));
    }

    void badWorkspaces_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("jsonPath");
        QTest::addColumn<QString>("fragment");

        const QByteArray conn = R"({"id":"shop","type":"shopify"})";
        QTest::newRow("not json") << QByteArray("{\"version\": 1,\n  \"name\": }") << u"$"_s
                                  << u"line 2, column"_s;
        QTest::newRow("array at top") << QByteArray("[]") << u"$"_s << u"must be a JSON object"_s;
        QTest::newRow("no version") << QByteArray("{}") << u"$.version"_s << u"required"_s;
        QTest::newRow("future version") << QByteArray(R"({"version":7})") << u"$.version"_s
                                        << u"unsupported workspace version 7"_s;
        QTest::newRow("unknown field") << QByteArray(R"({"version":1,"conectors":[]})")
                                       << u"$.conectors"_s << u"unknown field"_s;
        QTest::newRow("bad store url") << QByteArray(R"({"version":1,"store":"mysql:/)"
                                                     R"(/x"})")
                                       << u"$.store"_s << u"not a store URL"_s;
        QTest::newRow("password in store url") << QByteArray(R"({"version":1,"store":"postgresql:/)"
                                                             R"(/u:pw@db/bk"})")
                                               << u"$.store"_s << u"kept in clear"_s;
        QTest::newRow("bad secret store")
            << QByteArray(R"({"version":1,"secrets":{"store":"plain"}})") << u"$.secrets.store"_s
            << u"not a secret store"_s;
        QTest::newRow("encrypted-db without key")
            << QByteArray(R"({"version":1,"secrets":{"store":"encrypted-db"}})") << u"$.secrets"_s
            << u"keyFile"_s;
        QTest::newRow("bad listen")
            << QByteArray(R"({"version":1,"webhooks":{"listen":"nowhere"}})")
            << u"$.webhooks.listen"_s << u"HOST:PORT"_s;
        QTest::newRow("bad port") << QByteArray(
                                         R"({"version":1,"webhooks":{"listen":"127.0.0.1:99999"}})")
                                  << u"$.webhooks.listen"_s << u"no valid port"_s;
        QTest::newRow("unknown type")
            << QByteArray(R"({"version":1,"connectors":[{"id":"x","type":"sap"}]})")
            << u"$.connectors[0].type"_s << u"unknown connector type \"sap\""_s;
        QTest::newRow("missing id")
            << QByteArray(R"({"version":1,"connectors":[{"type":"shopify"}]})")
            << u"$.connectors[0].id"_s << u"required field is missing"_s;
        QTest::newRow("bad id")
            << QByteArray(R"({"version":1,"connectors":[{"id":"My Shop","type":"shopify"}]})")
            << u"$.connectors[0].id"_s << u"not a valid id"_s;
        QTest::newRow("duplicate id")
            << (R"({"version":1,"connectors":[)" + conn + "," + conn + "]}")
            << u"$.connectors[1].id"_s << u"duplicate connector id"_s;
        QTest::newRow("secret in workspace")
            << QByteArray(
                   R"({"version":1,"connectors":[{"id":"s","type":"shopify","clientSecret":"x"}]})")
            << u"$.connectors[0].clientSecret"_s << u"unknown field"_s;
        QTest::newRow("bad base url")
            << QByteArray(
                   R"({"version":1,"connectors":[{"id":"s","type":"shopify","baseUrl":"ftp:/)"
                   R"(/x"}]})")
            << u"$.connectors[0].baseUrl"_s << u"not an http(s) URL"_s;
        QTest::newRow("flow to unknown connector")
            << (R"({"version":1,"connectors":[)" + conn +
                R"(],"flows":[{"id":"f","source":{"connector":"shop","resource":"orders"},"destination":{"connector":"exact","resource":"Contacts"},"mapping":"shopify-order-to-exact-invoice.json"}]})")
            << u"$.flows[0].destination.connector"_s << u"no connector with id \"exact\""_s;
        QTest::newRow("flow to unknown resource")
            << (R"({"version":1,"connectors":[)" + conn +
                R"(],"flows":[{"id":"f","source":{"connector":"shop","resource":"invoices"},"destination":{"connector":"shop","resource":"customers"},"mapping":"shopify-order-to-exact-invoice.json"}]})")
            << u"$.flows[0].source.resource"_s << u"has no resource \"invoices\""_s;
        QTest::newRow("missing mapping")
            << (R"({"version":1,"connectors":[)" + conn +
                R"(],"flows":[{"id":"f","source":{"connector":"shop","resource":"orders"},"destination":{"connector":"shop","resource":"customers"},"mapping":"nope.json"}]})")
            << u"$.flows[0].mapping"_s << u"not found"_s;
        QTest::newRow("bad schedule")
            << (R"({"version":1,"connectors":[)" + conn +
                R"(],"flows":[{"id":"f","source":{"connector":"shop","resource":"orders"},"destination":{"connector":"shop","resource":"customers"},"mapping":"shopify-order-to-exact-invoice.json","schedule":"often"}]})")
            << u"$.flows[0].schedule"_s << u"must be a duration"_s;
        QTest::newRow("alert without url")
            << QByteArray(R"({"version":1,"alerts":[{"id":"s","type":"slack"}]})")
            << u"$.alerts[0].url"_s << u"required"_s;
        QTest::newRow("email without recipients")
            << QByteArray(R"({"version":1,"alerts":[{"id":"m","type":"email","smtpUrl":"smtp:/)"
                          R"(/mx:587","from":"a@b.nl"}]})")
            << u"$.alerts[0].to"_s << u"at least one recipient"_s;
        QTest::newRow("unknown alert type")
            << QByteArray(R"({"version":1,"alerts":[{"id":"p","type":"pager"}]})")
            << u"$.alerts[0].type"_s << u"not an alert channel"_s;
    }

    void badWorkspaces() {
        QFETCH(QByteArray, json);
        QFETCH(QString, jsonPath);
        QFETCH(QString, fragment);
        const QString path = write(json);
        WorkspaceLoader loader(catalog());
        auto ws = loader.load(path, m_dir.path());
        QVERIFY(!ws.ok());
        QCOMPARE(ws.error().category, ErrorCategory::Usage);
        const QString line = ws.error().message;
        QVERIFY2(line.startsWith(path + u": "_s), qPrintable(line));
        bool found = false;
        for (const auto& issue : loader.issues())
            found = found || (issue.jsonPath == jsonPath && issue.message.contains(fragment));
        QVERIFY2(found, qPrintable(u"expected %1: …%2… in: %3"_s.arg(jsonPath, fragment, line)));
        QVERIFY(!line.contains(u'\n'));
    }

    void missingFileNamesTheFile() {
        WorkspaceLoader loader(catalog());
        const QString path = m_dir.filePath(u"absent.json"_s);
        auto ws = loader.load(path, m_dir.path());
        QVERIFY(!ws.ok());
        QVERIFY(ws.error().message.contains(path));
        QVERIFY(ws.error().message.contains(u"does not exist"_s));
    }

    void durationsAndListenParse() {
        auto l = WorkspaceLoader::parseListen(u"[::1]:8080"_s);
        QVERIFY(l.ok());
        QCOMPARE(l->address, QHostAddress(QHostAddress::LocalHostIPv6));
        QCOMPARE(l->port, quint16(8080));
        QVERIFY(!WorkspaceLoader::parseListen(u"example.com:80"_s).ok());
        auto pg =
            WorkspaceLoader::parseStoreUrl(u"postgresql://bk@db.internal:6543/ops"_s, m_dir.path());
        QVERIFY(pg.ok());
        QCOMPARE(pg->kind, StoreConfig::Kind::Postgres);
        QCOMPARE(pg->port, 6543);
        QCOMPARE(pg->database, u"ops"_s);
        QCOMPARE(pg->user, u"bk"_s);
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "TestWorkspace.moc"
