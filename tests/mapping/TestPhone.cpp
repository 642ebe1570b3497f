#include "mapping/MatchKeys.h"
#include "mapping/Phone.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

class TestPhone : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void normalises_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("e164");
        QTest::addColumn<QString>("extension");
        QTest::newRow("already e164")
            << u"+31612345678"_s << u"NL"_s << u"+31612345678"_s << QString();
        QTest::newRow("dutch mobile with hyphen")
            << u"06-12345678"_s << u"NL"_s << u"+31612345678"_s << QString();
        QTest::newRow("dutch mobile in brackets")
            << u"(06) 1234 5678"_s << u"NL"_s << u"+31612345678"_s << QString();
        QTest::newRow("international 00 prefix")
            << u"0031 6 12345678"_s << u"NL"_s << u"+31612345678"_s << QString();
        QTest::newRow("trunk zero in brackets")
            << u"+31 (0)6 1234 5678"_s << u"NL"_s << u"+31612345678"_s << QString();
        QTest::newRow("amsterdam landline with ext")
            << u"020-1234567 ext. 12"_s << u"NL"_s << u"+31201234567"_s << u"12"_s;
        QTest::newRow("extension rfc3966 notation")
            << u"+31201234567;ext=12"_s << u"NL"_s << u"+31201234567"_s << u"12"_s;
        QTest::newRow("belgian mobile")
            << u"0470 12 34 56"_s << u"BE"_s << u"+32470123456"_s << QString();
        QTest::newRow("foreign number ignores region")
            << u"+49 30 901820"_s << u"NL"_s << u"+4930901820"_s << QString();
        QTest::newRow("us number")
            << u"+1 650-253-0000"_s << u"NL"_s << u"+16502530000"_s << QString();
        QTest::newRow("fullwidth digits")
            << u"＋３１６１２３４５６７８"_s << u"NL"_s << u"+31612345678"_s << QString();
        QTest::newRow("surrounding whitespace")
            << u"  \t06 12 34 56 78 \n"_s << u"NL"_s << u"+31612345678"_s << QString();
    }
    void normalises() {
        QFETCH(QString, text);
        QFETCH(QString, region);
        QFETCH(QString, e164);
        QFETCH(QString, extension);
        auto p = phone::normalise(text, region);
        QVERIFY2(p.ok(), p.ok() ? "" : qPrintable(p.error().message));
        QCOMPARE(p->e164, e164);
        QCOMPARE(p->extension, extension);
        // Round trip: the canonical form parses back to itself in any region.
        auto again = phone::normalise(p->toString(), u"US");
        QVERIFY(again.ok());
        QCOMPARE(again->toString(), p->toString());
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("region");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QString() << u"NL"_s << u"empty"_s;
        QTest::newRow("whitespace") << u"   "_s << u"NL"_s << u"empty"_s;
        QTest::newRow("words") << u"call me"_s << u"NL"_s << u"not a phone number"_s;
        QTest::newRow("too short") << u"0612"_s << u"NL"_s << u"too short"_s;
        QTest::newRow("too long") << u"06123456789012345678"_s << u"NL"_s << u"too long"_s;
        QTest::newRow("unknown country code") << u"+999 1234567"_s << u"NL"_s << u"country"_s;
        QTest::newRow("national number without region")
            << u"0612345678"_s << QString() << u"country"_s;
        QTest::newRow("dutch mobile one digit short") << u"06-1234567"_s << u"NL"_s << u"NL"_s;
        QTest::newRow("pipedrive us fiction number") << u"555-555-0172"_s << u"NL"_s << u"NL"_s;
    }
    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, region);
        QFETCH(QString, reason);
        auto p = phone::normalise(text, region);
        QVERIFY2(!p.ok(), qPrintable(p.ok() ? p->e164 : QString()));
        QCOMPARE(p.error().category, bk::ErrorCategory::Invalid);
        QVERIFY2(p.error().message.contains(reason), qPrintable(p.error().message));
    }

    void regions() {
        QVERIFY(phone::isSupportedRegion(u"NL"));
        QVERIFY(phone::isSupportedRegion(u"BE"));
        QVERIFY(!phone::isSupportedRegion(u"XX"));
        QVERIFY(!phone::isSupportedRegion(u""));
    }

    void matchKeyIgnoresFormattingAndExtension() {
        const auto a = matchkeys::phone(u"(06) 1234 5678", u"NL");
        const auto b = matchkeys::phone(u"+31 6 12345678", u"BE");
        const auto c = matchkeys::phone(u"+31612345678;ext=9", u"NL");
        QVERIFY(a && b && c);
        QCOMPARE(a->value, u"+31612345678"_s);
        QCOMPARE(*a, *b);
        QCOMPARE(c->value, a->value);
        QVERIFY(!matchkeys::phone(u"0612", u"NL"));
    }
};

QTEST_GUILESS_MAIN(TestPhone)
#include "TestPhone.moc"
