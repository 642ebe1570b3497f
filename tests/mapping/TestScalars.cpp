#include "mapping/MatchKeys.h"
#include "mapping/Scalars.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

class TestScalars : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void emails_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("output"); // empty: rejected
        QTest::newRow("domain lower-cased, local kept")
            << u"  Jan.Jansen@Example.NL "_s << u"Jan.Jansen@example.nl"_s;
        QTest::newRow("plus addressing") << u"jan+shop@example.com"_s << u"jan+shop@example.com"_s;
        QTest::newRow("internationalised domain") << u"jan@Bücher.de"_s << u"jan@bücher.de"_s;
        QTest::newRow("subdomain") << u"a@mail.example.co.uk"_s << u"a@mail.example.co.uk"_s;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("whitespace") << u" \t "_s << QString();
        QTest::newRow("no at") << u"jan.example.nl"_s << QString();
        QTest::newRow("two ats") << u"jan@@example.nl"_s << QString();
        QTest::newRow("no dot in domain") << u"jan@localhost"_s << QString();
        QTest::newRow("space inside") << u"ja n@example.nl"_s << QString();
        QTest::newRow("empty label") << u"jan@example..nl"_s << QString();
        QTest::newRow("cyrillic look-alike in latin label") << u"jan@exаmple.com"_s << QString();
        QTest::newRow("underscore in domain") << u"jan@ex_ample.com"_s << QString();
        QTest::newRow("local part too long")
            << QString(QString(65, u'a') + u"@example.nl") << QString();
    }
    void emails() {
        QFETCH(QString, input);
        QFETCH(QString, output);
        auto e = email::normalise(input);
        if (output.isEmpty()) {
            QVERIFY2(!e.ok(), qPrintable(e.ok() ? *e : QString()));
        } else {
            QVERIFY2(e.ok(), e.ok() ? "" : qPrintable(e.error().message));
            QCOMPARE(*e, output);
        }
    }

    void booleans_data() {
        QTest::addColumn<QJsonValue>("input");
        QTest::addColumn<int>("expected"); // 1 true, 0 false, -1 rejected
        QTest::newRow("json true") << QJsonValue(true) << 1;
        QTest::newRow("json false") << QJsonValue(false) << 0;
        QTest::newRow("number one") << QJsonValue(1) << 1;
        QTest::newRow("number zero") << QJsonValue(0) << 0;
        QTest::newRow("number two") << QJsonValue(2) << -1;
        QTest::newRow("yes") << QJsonValue(u"Yes"_s) << 1;
        QTest::newRow("dutch ja") << QJsonValue(u" ja "_s) << 1;
        QTest::newRow("dutch nee") << QJsonValue(u"NEE"_s) << 0;
        QTest::newRow("off") << QJsonValue(u"off"_s) << 0;
        QTest::newRow("maybe") << QJsonValue(u"maybe"_s) << -1;
        QTest::newRow("empty") << QJsonValue(u""_s) << -1;
        QTest::newRow("null") << QJsonValue(QJsonValue::Null) << -1;
    }
    void booleans() {
        QFETCH(QJsonValue, input);
        QFETCH(int, expected);
        auto b = boolean::parse(input);
        if (expected < 0) {
            QVERIFY(!b.ok());
        } else {
            QVERIFY(b.ok());
            QCOMPARE(int(*b), expected);
        }
    }

    void companyNumbers_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("country");
        QTest::addColumn<QString>("output"); // empty: rejected
        QTest::newRow("kvk plain") << u"12345678"_s << u"NL"_s << u"12345678"_s;
        QTest::newRow("kvk with label and spaces")
            << u"KvK 1234 5678"_s << u"NL"_s << u"12345678"_s;
        QTest::newRow("kvk-nr dotted") << u"KvK-nr. 12.34.56.78"_s << u"NL"_s << u"12345678"_s;
        QTest::newRow("kvk too short") << u"1234567"_s << u"NL"_s << QString();
        QTest::newRow("kvk with letters") << u"1234567A"_s << u"NL"_s << QString();
        QTest::newRow("belgian enterprise number")
            << u"BE 0123.456.789"_s << u"BE"_s << u"BE0123456789"_s;
        QTest::newRow("punctuation only") << u" .-. "_s << u"BE"_s << QString();
        QTest::newRow("fullwidth kvk") << u"１２３４５６７８"_s << u"NL"_s << u"12345678"_s;
    }
    void companyNumbers() {
        QFETCH(QString, input);
        QFETCH(QString, country);
        QFETCH(QString, output);
        auto n = company::normaliseNumber(input, country);
        if (output.isEmpty()) {
            QVERIFY2(!n.ok(), qPrintable(n.ok() ? *n : QString()));
        } else {
            QVERIFY2(n.ok(), n.ok() ? "" : qPrintable(n.error().message));
            QCOMPARE(*n, output);
        }
    }

    void companyNames_data() {
        QTest::addColumn<QString>("a");
        QTest::addColumn<QString>("b");
        QTest::newRow("legal form dotted") << u"Jansen & Zn. B.V."_s << u"jansen zn bv"_s;
        QTest::newRow("accents and case") << u"Café De Zwaan"_s << u"CAFE DE ZWAAN"_s;
        QTest::newRow("gmbh") << u"Müller GmbH"_s << u"Muller"_s;
        QTest::newRow("n.v. and spacing") << u"  Philips   N.V."_s << u"philips"_s;
    }
    void companyNames() {
        QFETCH(QString, a);
        QFETCH(QString, b);
        const auto ka = matchkeys::companyName(a);
        const auto kb = matchkeys::companyName(b);
        QVERIFY(ka && kb);
        QCOMPARE(ka->value, kb->value);
    }

    void matchKeys() {
        const auto e1 = matchkeys::email(u" Jan.Jansen@Example.NL");
        const auto e2 = matchkeys::email(u"jan.jansen@example.nl ");
        QVERIFY(e1 && e2);
        QCOMPARE(*e1, *e2);
        QCOMPARE(e1->toString(), u"email:jan.jansen@example.nl"_s);
        QVERIFY(!matchkeys::email(u"not-an-address"));
        const auto n = matchkeys::make(u"companyNumber", QJsonValue(12345678), u"NL");
        QVERIFY(n);
        QCOMPARE(n->value, u"12345678"_s);
        QVERIFY(!matchkeys::make(u"email", QJsonValue(), u"NL"));
        QVERIFY(!matchkeys::make(u"unknown", QJsonValue(u"x"_s), u"NL"));
    }
};

QTEST_GUILESS_MAIN(TestScalars)
#include "TestScalars.moc"
