#include "mapping/Address.h"
#include "mapping/Country.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

class TestAddress : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void lines_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("street");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<QString>("postcode");
        QTest::addColumn<QString>("city");
        QTest::addColumn<QString>("country");
        QTest::newRow("dutch with numeric suffix")
            << u"Keizersgracht 123-2, 1015 CJ Amsterdam"_s << u"Keizersgracht"_s << u"123"_s
            << u"2"_s << u"1015 CJ"_s << u"Amsterdam"_s << u"NL"_s;
        QTest::newRow("dutch without commas")
            << u"Hoofdstraat 12a 1234AB Utrecht"_s << u"Hoofdstraat"_s << u"12"_s << u"A"_s
            << u"1234 AB"_s << u"Utrecht"_s << u"NL"_s;
        QTest::newRow("dutch bis and country name")
            << u"Hoofdstraat 12 bis, 1234 ab Utrecht, Nederland"_s << u"Hoofdstraat"_s << u"12"_s
            << u"bis"_s << u"1234 AB"_s << u"Utrecht"_s << u"NL"_s;
        QTest::newRow("street name with a year")
            << u"Straat van 1813 12, 2500 AA Den Haag"_s << u"Straat van 1813"_s << u"12"_s
            << QString() << u"2500 AA"_s << u"Den Haag"_s << u"NL"_s;
        QTest::newRow("country appended to city")
            << u"Laan 1, 1234 AB Den Haag The Netherlands"_s << u"Laan"_s << u"1"_s << QString()
            << u"1234 AB"_s << u"Den Haag"_s << u"NL"_s;
        QTest::newRow("german") << u"Friedrichstraße 43, 10117 Berlin, Deutschland"_s
                                << u"Friedrichstraße"_s << u"43"_s << QString() << u"10117"_s
                                << u"Berlin"_s << u"DE"_s;
        QTest::newRow("belgian in dutch")
            << u"Wetstraat 16, 1000 Brussel, België"_s << u"Wetstraat"_s << u"16"_s << QString()
            << u"1000"_s << u"Brussel"_s << u"BE"_s;
        QTest::newRow("french number first")
            << u"10 Rue de Rivoli, 75001 Paris, France"_s << u"Rue de Rivoli"_s << u"10"_s
            << QString() << u"75001"_s << u"Paris"_s << u"FR"_s;
        QTest::newRow("luxembourg prefix")
            << u"Grand-Rue 5, L-1660 Luxembourg, LU"_s << u"Grand-Rue"_s << u"5"_s << QString()
            << u"L-1660"_s << u"Luxembourg"_s << u"LU"_s;
        QTest::newRow("extra whitespace")
            << u"  Damrak   1 ,  1012 LG   Amsterdam  "_s << u"Damrak"_s << u"1"_s << QString()
            << u"1012 LG"_s << u"Amsterdam"_s << u"NL"_s;
    }
    void lines() {
        QFETCH(QString, line);
        auto a = address::parseLine(line, u"NL");
        QVERIFY2(a.ok(), a.ok() ? "" : qPrintable(a.error().message));
        QTEST(a->street, "street");
        QTEST(a->houseNumber, "number");
        QTEST(a->houseNumberSuffix, "suffix");
        QTEST(a->postcode, "postcode");
        QTEST(a->city, "city");
        QTEST(a->country, "country");
        // Round trip: the structured form written as one line parses to the same address.
        const QString again =
            a->streetLine() + u", " + a->postcode + u' ' + a->city + u", " + a->country;
        auto b = address::parseLine(again, u"NL");
        QVERIFY2(b.ok(), qPrintable(again));
        QCOMPARE(*b, *a);
        QCOMPARE(Address::fromJson(a->toJson()), *a);
    }

    void lineRejects_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("empty") << QString() << u"empty"_s;
        QTest::newRow("whitespace") << u"   "_s << u"empty"_s;
        QTest::newRow("city only") << u"Amsterdam"_s << u"no postcode"_s;
        QTest::newRow("no house number")
            << u"Keizersgracht, 1015 CJ Amsterdam"_s << u"no street and house number"_s;
        QTest::newRow("german postcode for NL")
            << u"Keizersgracht 1, 10155 Amsterdam"_s << u"does not fit NL"_s;
        QTest::newRow("mixed digit scripts")
            << u"Damrak １2, 1012 LG Amsterdam"_s << u"mixed digit"_s;
        QTest::newRow("unknown country")
            << u"Damrak 1, 1012 LG Amsterdam, Atlantis"_s << u"cannot split"_s;
    }
    void lineRejects() {
        QFETCH(QString, line);
        QFETCH(QString, fragment);
        auto a = address::parseLine(line, u"NL");
        QVERIFY2(!a.ok(), qPrintable(a.ok() ? a->streetLine() : QString()));
        QVERIFY2(a.error().message.contains(fragment), qPrintable(a.error().message));
    }

    void structuredSources() {
        // Shopify billing address with the addition in address2.
        auto s = address::fromObject(QJsonObject{{u"address1"_s, u"Keizersgracht 123"_s},
                                                 {u"address2"_s, u"2"_s},
                                                 {u"city"_s, u"Amsterdam"_s},
                                                 {u"zip"_s, u"1015cj"_s},
                                                 {u"country"_s, u"Netherlands"_s},
                                                 {u"country_code"_s, u"NL"_s}},
                                     u"");
        QVERIFY2(s.ok(), s.ok() ? "" : qPrintable(s.error().message));
        QCOMPARE(s->street, u"Keizersgracht"_s);
        QCOMPARE(s->houseNumber, u"123"_s);
        QCOMPARE(s->houseNumberSuffix, u"2"_s);
        QCOMPARE(s->postcode, u"1015 CJ"_s);
        QCOMPARE(s->country, u"NL"_s);
        QCOMPARE(s->streetLine(), u"Keizersgracht 123-2"_s);

        // Pipedrive postal_address subfields.
        auto p = address::fromObject(QJsonObject{{u"route"_s, u"Damrak"_s},
                                                 {u"street_number"_s, u"1"_s},
                                                 {u"postal_code"_s, u"1012 LG"_s},
                                                 {u"locality"_s, u"Amsterdam"_s},
                                                 {u"country"_s, u"Nederland"_s}},
                                     u"");
        QVERIFY(p.ok());
        QCOMPARE(p->toJson().value(u"houseNumber"_s).toString(), u"1"_s);
        QCOMPARE(p->country, u"NL"_s);

        // A long second line would be lost: refused, not dropped.
        auto lost = address::fromObject(QJsonObject{{u"address1"_s, u"Damrak 1"_s},
                                                    {u"address2"_s, u"c/o Jansen, 3e verdieping"_s},
                                                    {u"zip"_s, u"1012 LG"_s},
                                                    {u"city"_s, u"Amsterdam"_s}},
                                        u"NL");
        QVERIFY(!lost.ok());
        QVERIFY(!address::fromObject(QJsonObject{}, u"NL").ok());
    }

    void countries_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("code"); // empty: rejected
        QTest::newRow("alpha-2") << u"NL"_s << u"NL"_s;
        QTest::newRow("alpha-2 lower") << u"nl"_s << u"NL"_s;
        QTest::newRow("alpha-3") << u"NLD"_s << u"NL"_s;
        QTest::newRow("english") << u"Netherlands"_s << u"NL"_s;
        QTest::newRow("english with article") << u"The Netherlands"_s << u"NL"_s;
        QTest::newRow("dutch") << u"Nederland"_s << u"NL"_s;
        QTest::newRow("holland") << u"holland"_s << u"NL"_s;
        QTest::newRow("dutch germany") << u"Duitsland"_s << u"DE"_s;
        QTest::newRow("german germany") << u"Deutschland"_s << u"DE"_s;
        QTest::newRow("dutch belgium with accent") << u"België"_s << u"BE"_s;
        QTest::newRow("dutch belgium without accent") << u"Belgie"_s << u"BE"_s;
        QTest::newRow("dutch uk") << u"Verenigd Koninkrijk"_s << u"GB"_s;
        QTest::newRow("english uk") << u"United Kingdom"_s << u"GB"_s;
        QTest::newRow("uk abbreviation") << u"UK"_s << u"GB"_s;
        QTest::newRow("curly apostrophe") << u"Côte d’Ivoire"_s << u"CI"_s;
        QTest::newRow("dutch ivory coast") << u"Ivoorkust"_s << u"CI"_s;
        QTest::newRow("dutch usa") << u"Verenigde Staten"_s << u"US"_s;
        QTest::newRow("padded") << u"  Frankrijk "_s << u"FR"_s;
        QTest::newRow("atlantis") << u"Atlantis"_s << QString();
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("unassigned code") << u"XX"_s << QString();
    }
    void countries() {
        QFETCH(QString, input);
        QFETCH(QString, code);
        auto c = country::toAlpha2(input);
        if (code.isEmpty()) {
            QVERIFY2(!c.ok(), qPrintable(c.ok() ? *c : QString()));
        } else {
            QVERIFY2(c.ok(), c.ok() ? "" : qPrintable(c.error().message));
            QCOMPARE(*c, code);
        }
    }

    void countryNames() {
        QCOMPARE(country::name(u"DE", u"nl"), u"Duitsland"_s);
        QCOMPARE(country::name(u"DE", u"en"), u"Germany"_s);
    }
};

QTEST_GUILESS_MAIN(TestAddress)
#include "TestAddress.moc"
