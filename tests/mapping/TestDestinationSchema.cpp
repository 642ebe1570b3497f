#include "ConnectorCatalog.h"
#include "mapping/DestinationSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

namespace {

QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(text).object();
}

DestinationSchema exactContacts() {
    auto catalog = bk::ConnectorCatalog::load();
    if (!catalog)
        qFatal("catalog: %s", qPrintable(catalog.error().message));
    auto s = DestinationSchema::fromCatalog(*catalog, u"exact-online"_s, u"Contacts"_s);
    if (!s)
        qFatal("schema: %s", qPrintable(s.error().message));
    return *s;
}

} // namespace

class TestDestinationSchema : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void violations_data() {
        QTest::addColumn<QJsonObject>("payload");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("rule");
        QTest::newRow("missing required")
            << json(R"({"FirstName":"Jan"})") << u"LastName"_s << u"required"_s;
        QTest::newRow("blank required")
            << json(R"({"LastName":"   "})") << u"LastName"_s << u"required"_s;
        QTest::newRow("wrong type") << json(R"({"LastName":42})") << u"LastName"_s << u"type"_s;
        QTest::newRow("too long")
            << json(R"({"LastName":"Jansen-van-der-Berg-tot-Zuylen-en-nog-veel-meer-namen"})")
            << u"LastName"_s << u"maxLength"_s;
        QTest::newRow("phone not e164")
            << json(R"({"LastName":"J","Phone":"06-12345678"})") << u"Phone"_s << u"pattern"_s;
        QTest::newRow("bad e-mail")
            << json(R"({"LastName":"J","Email":"jan at example"})") << u"Email"_s << u"pattern"_s;
        QTest::newRow("account not a guid")
            << json(R"({"LastName":"J","Account":"ACME"})") << u"Account"_s << u"pattern"_s;
    }
    void violations() {
        QFETCH(QJsonObject, payload);
        QFETCH(QString, field);
        QFETCH(QString, rule);
        const auto list = exactContacts().validate(payload);
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.front().field, field);
        QCOMPARE(list.front().rule, rule);
        QVERIFY(!list.front().message.isEmpty());
    }

    void validPayloadPasses() {
        const auto list = exactContacts().validate(json(
            R"({"FirstName":"Jan","LastName":"Jansen","Email":"jan@example.nl","Phone":"+31201234567",)"
            R"("PhoneExtension":"12","Mobile":"+31612345678","Unmapped":"extra fields pass"})"));
        QVERIFY2(list.isEmpty(), qPrintable(list.value(0).toString()));
    }

    void maxLengthCountsCharactersNotBytes() {
        // 50 characters with accents and one emoji (2 UTF-16 units) are 50, not more.
        const QString name = QString(48, u'é') + u"😀x";
        QCOMPARE(name.toUcs4().size(), 50);
        const auto ok = exactContacts().validate(QJsonObject{{u"LastName"_s, name}});
        QVERIFY(ok.isEmpty());
        const auto tooLong =
            exactContacts().validate(QJsonObject{{u"LastName"_s, QString(name + u'y')}});
        QCOMPARE(tooLong.size(), 1);
        QCOMPARE(tooLong.front().rule, u"maxLength"_s);
        QVERIFY2(tooLong.front().message.startsWith(u"51 characters"_s),
                 qPrintable(tooLong.front().message));
    }

    void excerptsAreShortAndWhole() {
        const QString longText = QString(58, u'a') + u"😀😀";
        const QString e = excerpt(QJsonValue(longText));
        QCOMPARE(e.size(), 59); // 58 + "…": the emoji is not split in half
        QVERIFY(e.endsWith(u'…'));
        QCOMPARE(excerpt(QJsonValue(12)), u"12"_s);
        QCOMPARE(excerpt(QJsonValue()), QString());
    }

    void everyViolationIsListed() {
        const auto list = exactContacts().validate(
            json(R"({"FirstName":7,"Phone":"0612","Mobile":"+31 6","Email":"x"})"));
        QStringList fields;
        for (const auto& v : list)
            fields.append(v.field + u':' + v.rule);
        // Required fields first, then the rest in field-name order (stable reports).
        QCOMPARE(fields,
                 (QStringList{u"LastName:required"_s, u"Email:pattern"_s, u"FirstName:type"_s,
                              u"Mobile:pattern"_s, u"Phone:pattern"_s}));
    }

    void nestedItemsAndEnums() {
        auto s = DestinationSchema::fromJson(
            json(R"({"required":["Lines"],"fields":{"Status":{"type":"string","enum":["C","P"]},)"
                 R"("Lines":{"type":"array","minItems":1,"items":{"required":["Item"],)"
                 R"("fields":{"Qty":{"type":"integer"}}}}}})"),
            u"test"_s);
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        auto list = s->validate(json(R"({"Status":"X","Lines":[]})"));
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).rule, u"minItems"_s);
        QCOMPARE(list.at(1).rule, u"enum"_s);
        list = s->validate(json(R"({"Lines":[{"Item":"a","Qty":1},{"Qty":1.5},"x"]})"));
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).field, u"Lines[1].Item"_s);
        QCOMPARE(list.at(1).field, u"Lines[1].Qty"_s);
        QCOMPARE(list.at(1).rule, u"type"_s);
        QCOMPARE(list.at(2).field, u"Lines[2]"_s);
    }

    void badSchemasAreRefused_data() {
        QTest::addColumn<QJsonObject>("schema");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("unknown type")
            << json(R"({"fields":{"a":{"type":"text"}}})") << u"unknown type"_s;
        QTest::newRow("bad pattern")
            << json("{\"fields\":{\"a\":{\"pattern\":\"([\"}}}") << u"fields.a.pattern"_s;
        QTest::newRow("typo in key")
            << json(R"({"fields":{"a":{"maxLenght":3}}})") << u"unknown key"_s;
        QTest::newRow("typo at top") << json(R"({"require":["a"]})") << u"unknown key"_s;
    }
    void badSchemasAreRefused() {
        QFETCH(QJsonObject, schema);
        QFETCH(QString, fragment);
        auto s = DestinationSchema::fromJson(schema, u"test"_s);
        QVERIFY(!s.ok());
        QVERIFY2(s.error().message.contains(fragment), qPrintable(s.error().message));
    }

    void everyShippedSchemaCompiles() {
        auto catalog = bk::ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        int schemas = 0;
        for (const QString& type : catalog->types()) {
            const QJsonObject resources =
                catalog->definition(type).value(u"resources"_s).toObject();
            for (auto it = resources.begin(); it != resources.end(); ++it) {
                auto s = DestinationSchema::fromCatalog(*catalog, type, it.key());
                QVERIFY2(s.ok(), qPrintable(s.ok() ? QString() : s.error().message));
                schemas += s->isEmpty() ? 0 : 1;
            }
        }
        QVERIFY(schemas >= 6);
        QVERIFY(!DestinationSchema::fromCatalog(*catalog, u"exact-online"_s, u"Nope"_s).ok());
    }
};

QTEST_GUILESS_MAIN(TestDestinationSchema)
#include "TestDestinationSchema.moc"
