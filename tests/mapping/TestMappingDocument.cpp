#include "mapping/MappingDocument.h"
#include "mapping/SourcePath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

namespace {

/// A valid document with one field rule replaced by `field` (JSON text).
QByteArray withField(const QByteArray& field, const QByteArray& extra = {}) {
    const QByteArray head =
        R"({"id":"t","source":{"connectorType":"pipedrive","resource":"persons"},)"
        R"("destination":{"connectorType":"exact-online","resource":"Contacts"},)";
    const QByteArray open = R"("fields":[)";
    const QByteArray close = R"(]})";
    return head + extra + open + field + close;
}

} // namespace

// moc mis-reads raw strings with unbalanced brackets: such JSON below uses escaped literals.
class TestMappingDocument : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shippedDocumentsLoad_data() {
        QTest::addColumn<QString>("path");
        QTest::newRow("shopify from resources")
            << u":/mappings/shopify-order-to-exact-invoice.json"_s;
        QTest::newRow("pipedrive from resources")
            << u":/mappings/pipedrive-person-to-exact-contact.json"_s;
        QTest::newRow("shopify from source tree") << QStringLiteral(
            BK_SOURCE_DIR "/resources/mappings/shopify-order-to-exact-invoice.json");
    }
    void shippedDocumentsLoad() {
        QFETCH(QString, path);
        QList<MappingIssue> issues;
        auto doc = MappingDocument::load(path, &issues);
        QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error().message));
        QVERIFY(issues.isEmpty());
        QCOMPARE(doc->destinationConnectorType(), u"exact-online"_s);
        QCOMPARE(doc->defaultRegion(), u"NL"_s);
        QVERIFY(!doc->fields().isEmpty());
        QVERIFY(!doc->matchKeys().isEmpty());
    }

    void loadErrors_data() {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("jsonPath");
        QTest::addColumn<QString>("fragment");
        const QByteArray ok = R"({"target":"LastName","source":"last_name"})";
        QTest::newRow("not json") << QByteArray("{\"id\": \n ]") << u"$"_s << u"line 2"_s;
        QTest::newRow("array at top") << QByteArray("[]") << u"$"_s << u"JSON object"_s;
        QTest::newRow("no id") << QByteArray(R"({"fields":[]})") << u"$.id"_s << u"required"_s;
        QTest::newRow("misspelt top field")
            << withField(ok, R"("feilds":[],)") << u"$.feilds"_s << u"unknown field"_s;
        QTest::newRow("future format")
            << withField(ok, R"("format":2,)") << u"$.format"_s << u"unsupported"_s;
        QTest::newRow("no fields") << withField({}) << u"$.fields"_s << u"non-empty array"_s;
        QTest::newRow("no target")
            << withField(R"({"source":"a"})") << u"$.fields[0].target"_s << u"required"_s;
        QTest::newRow("target is a path") << withField(R"({"target":"a.b","source":"a"})")
                                          << u"$.fields[0].target"_s << u"not a path"_s;
        QTest::newRow("source and value") << withField(R"({"target":"a","source":"a","value":1})")
                                          << u"$.fields[0]"_s << u"exactly one"_s;
        QTest::newRow("neither source nor value")
            << withField(R"({"target":"a"})") << u"$.fields[0]"_s << u"exactly one"_s;
        QTest::newRow("unknown transform")
            << withField(R"({"target":"a","source":"a","transforms":["trim","phoen"]})")
            << u"$.fields[0].transforms[1]"_s << u"unknown transform \"phoen\""_s;
        QTest::newRow("transform not a string")
            << withField(R"({"target":"a","source":"a","transforms":[7]})")
            << u"$.fields[0].transforms[0]"_s << u"must be a string"_s;
        QTest::newRow("truncate without length")
            << withField(R"({"target":"a","source":"a","transforms":["truncate:abc"]})")
            << u"$.fields[0].transforms[0]"_s << u"positive length"_s;
        QTest::newRow("unknown phone region")
            << withField(R"({"target":"a","source":"a","transforms":["phone:XX"]})")
            << u"$.fields[0].transforms[0]"_s << u"unknown phone region"_s;
        QTest::newRow("unknown money argument")
            << withField(R"({"target":"a","source":"a","transforms":["money:decimals=point"]})")
            << u"$.fields[0].transforms[0]"_s << u"unknown argument \"decimals\""_s;
        QTest::newRow("bad decimal mark")
            << withField(R"({"target":"a","source":"a","transforms":["money:decimal=dot"]})")
            << u"$.fields[0].transforms[0]"_s << u"point, comma or auto"_s;
        QTest::newRow("bad date order")
            << withField(R"({"target":"a","source":"a","transforms":["date:order=DYM"]})")
            << u"$.fields[0].transforms[0]"_s << u"DMY, MDY or YMD"_s;
        QTest::newRow("bad date zone")
            << withField(R"({"target":"a","source":"a","transforms":["datetime:tz=Mars/Olympus"]})")
            << u"$.fields[0].transforms[0]"_s << u"unknown time zone"_s;
        QTest::newRow("malformed lookup")
            << withField(R"({"target":"a","source":"a","transforms":["lookup:Accounts"]})")
            << u"$.fields[0].transforms[0]"_s << u"Resource.KeyField->ResultField"_s;
        QTest::newRow("enum without table")
            << withField(R"({"target":"a","source":"a","transforms":["enum:status"]})")
            << u"$.fields[0].transforms[0]"_s << u"no enum table \"status\""_s;
        QTest::newRow("bad selector") << withField(R"({"target":"a","source":"phones[label=]"})")
                                      << u"$.fields[0].source"_s << u"field=value"_s;
        QTest::newRow("unclosed selector")
            << withField("{\"target\":\"a\",\"source\":\"phones[0\"}") << u"$.fields[0].source"_s
            << u"missing ]"_s;
        QTest::newRow("bad empty policy")
            << withField(R"({"target":"a","source":"a","empty":"never"})") << u"$.fields[0].empty"_s
            << u"skip"_s;
        QTest::newRow("default policy without default")
            << withField(R"({"target":"a","source":"a","empty":"default"})")
            << u"$.fields[0].default"_s << u"required"_s;
        QTest::newRow("default without default policy")
            << withField(R"({"target":"a","source":"a","default":"x"})") << u"$.fields[0].default"_s
            << u"only used"_s;
        QTest::newRow("duplicate target")
            << withField(R"({"target":"a","source":"a"},{"target":"a","source":"b"})")
            << u"$.fields[1].target"_s << u"mapped twice"_s;
        QTest::newRow("each with transforms")
            << withField(
                   R"({"target":"L","source":"l","transforms":["trim"],"each":[{"target":"x","source":"x"}]})")
            << u"$.fields[0].transforms"_s << u"each"_s;
        QTest::newRow("error inside each")
            << withField(
                   R"({"target":"L","source":"l","each":[{"target":"x","source":"x"},{"target":"y","source":"y","transforms":["nope"]}]})")
            << u"$.fields[0].each[1].transforms[0]"_s << u"unknown transform"_s;
        QTest::newRow("empty each") << withField(R"({"target":"L","source":"l","each":[]})")
                                    << u"$.fields[0].each"_s << u"non-empty"_s;
        QTest::newRow("bad date order in source")
            << QByteArray(
                   R"({"id":"t","source":{"connectorType":"x","resource":"y","dateOrder":"DYM"},)"
                   R"("destination":{"connectorType":"x","resource":"y"},"fields":[{"target":"a","source":"a"}]})")
            << u"$.source.dateOrder"_s << u"DYM"_s;
        QTest::newRow("bad zone in source")
            << QByteArray(
                   R"({"id":"t","source":{"connectorType":"x","resource":"y","timeZone":"Europe/Atlantis"},)"
                   R"("destination":{"connectorType":"x","resource":"y"},"fields":[{"target":"a","source":"a"}]})")
            << u"$.source.timeZone"_s << u"unknown time zone"_s;
        QTest::newRow("bad region in source")
            << QByteArray(
                   R"({"id":"t","source":{"connectorType":"x","resource":"y","defaultRegion":"QQ"},)"
                   R"("destination":{"connectorType":"x","resource":"y"},"fields":[{"target":"a","source":"a"}]})")
            << u"$.source.defaultRegion"_s << u"QQ"_s;
        QTest::newRow("no destination")
            << QByteArray(
                   R"({"id":"t","source":{"connectorType":"x","resource":"y"},"fields":[{"target":"a","source":"a"}]})")
            << u"$.destination"_s << u"required"_s;
        QTest::newRow("match key on unmapped field")
            << withField(ok, R"("matchKeys":[{"kind":"email","field":"Email"}],)")
            << u"$.matchKeys[0].field"_s << u"not a target"_s;
        QTest::newRow("match key of unknown kind")
            << withField(ok, R"("matchKeys":[{"kind":"iban","field":"LastName"}],)")
            << u"$.matchKeys[0].kind"_s << u"one of"_s;
        QTest::newRow("old string match keys") << withField(ok, R"("matchKeys":["LastName"],)")
                                               << u"$.matchKeys[0]"_s << u"must be an object"_s;
        QTest::newRow("enum table not an object") << withField(ok, R"("enums":{"status":["a"]},)")
                                                  << u"$.enums.status"_s << u"non-empty object"_s;
    }
    void loadErrors() {
        QFETCH(QByteArray, json);
        QFETCH(QString, jsonPath);
        QFETCH(QString, fragment);
        QList<MappingIssue> issues;
        auto doc = MappingDocument::fromJson(json, u"flow.json"_s, &issues);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().category, bk::ErrorCategory::Usage);
        bool found = false;
        for (const MappingIssue& i : issues) {
            QCOMPARE(i.document, u"flow.json"_s);
            found = found || (i.jsonPath == jsonPath && i.message.contains(fragment));
        }
        QStringList all;
        for (const MappingIssue& i : issues)
            all.append(i.toString());
        QVERIFY2(found, qPrintable(all.join(u'\n')));
        QVERIFY(doc.error().message.contains(u"flow.json: "_s + jsonPath));
    }

    void everyIssueIsReported() {
        QList<MappingIssue> issues;
        auto doc = MappingDocument::fromJson(
            withField(R"({"target":"a","source":"a","transforms":["nope"]},)"
                      R"({"target":"b","source":"b","empty":"sometimes"},)"
                      "{\"target\":\"c\",\"source\":\"c[x\"}"),
            u"three.json"_s, &issues);
        QVERIFY(!doc.ok());
        QCOMPARE(issues.size(), 3);
        QCOMPARE(doc.error().message.count(u'\n'), 2);
    }

    void missingFileNamesThePath() {
        QList<MappingIssue> issues;
        auto doc = MappingDocument::load(u"/nonexistent/flow.json"_s, &issues);
        QVERIFY(!doc.ok());
        QCOMPARE(doc.error().category, bk::ErrorCategory::Io);
        QVERIFY(doc.error().message.contains(u"/nonexistent/flow.json"_s));
        QCOMPARE(issues.size(), 1);
    }

    void sourcePaths_data() {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QJsonValue>("expected");
        QTest::newRow("top level") << u"name"_s << QJsonValue(u"Jan"_s);
        QTest::newRow("nested") << u"org.address.city"_s << QJsonValue(u"Delft"_s);
        QTest::newRow("index") << u"phones[1].value"_s << QJsonValue(u"06-2"_s);
        QTest::newRow("primary") << u"phones[primary].value"_s << QJsonValue(u"06-2"_s);
        QTest::newRow("first when none primary")
            << u"emails[primary].value"_s << QJsonValue(u"a@x.nl"_s);
        QTest::newRow("label filter") << u"phones[label=home].value"_s << QJsonValue(u"015-3"_s);
        QTest::newRow("numeric filter") << u"phones[id=7].label"_s << QJsonValue(u"home"_s);
        QTest::newRow("no match") << u"phones[label=fax].value"_s
                                  << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("index out of range")
            << u"phones[9].value"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("through a scalar") << u"name.first"_s << QJsonValue(QJsonValue::Undefined);
        QTest::newRow("root prefix") << u"$.org.address.city"_s << QJsonValue(u"Delft"_s);
    }
    void sourcePaths() {
        QFETCH(QString, path);
        QFETCH(QJsonValue, expected);
        const QJsonObject record =
            QJsonDocument::fromJson(
                R"({"name":"Jan","org":{"address":{"city":"Delft"}},)"
                R"("emails":[{"value":"a@x.nl"},{"value":"b@x.nl"}],)"
                R"("phones":[{"value":"06-1","label":"work"},{"value":"06-2","label":"mobile","primary":true},)"
                R"({"value":"015-3","label":"home","id":7}]})")
                .object();
        auto p = SourcePath::parse(path);
        QVERIFY2(p.ok(), p.ok() ? "" : qPrintable(p.error().message));
        QCOMPARE(p->resolve(record, record), expected);
    }

    void transformCatalogue() {
        const QStringList names = Transform::names();
        for (const char16_t* n :
             {u"trim", u"phone", u"email", u"date", u"datetime", u"money", u"address", u"country",
              u"currency", u"bool", u"enum", u"lookup", u"exact-date", u"exact-money",
              u"shopify-money", u"pipedrive-phones", u"pipedrive-datetime"})
            QVERIFY2(names.contains(QString::fromUtf16(n)), qPrintable(QString::fromUtf16(n)));
    }
};

QTEST_GUILESS_MAIN(TestMappingDocument)
#include "TestMappingDocument.moc"
