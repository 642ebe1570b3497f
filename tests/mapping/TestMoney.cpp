#include "mapping/Currency.h"
#include "mapping/Money.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

Q_DECLARE_METATYPE(bk::mapping::DecimalMark)

class TestMoney : public QObject {
    Q_OBJECT

    static constexpr qint64 kRejected = std::numeric_limits<qint64>::min();

private Q_SLOTS:
    void exponents_data() {
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("exponent");
        QTest::newRow("euro") << u"EUR"_s << 2;
        QTest::newRow("yen") << u"JPY"_s << 0;
        QTest::newRow("kuwaiti dinar") << u"KWD"_s << 3;
        QTest::newRow("bahraini dinar") << u"BHD"_s << 3;
        QTest::newRow("chilean unit of account") << u"CLF"_s << 4;
        QTest::newRow("won") << u"KRW"_s << 0;
        QTest::newRow("caribbean guilder") << u"XCG"_s << 2;
        QTest::newRow("lower case is not a code") << u"eur"_s << -1;
        QTest::newRow("gold is not a currency") << u"XAU"_s << -1;
        QTest::newRow("withdrawn kuna") << u"HRK"_s << -1;
        QTest::newRow("made up") << u"ABC"_s << -1;
        QTest::newRow("too long") << u"EURO"_s << -1;
    }
    void exponents() {
        QFETCH(QString, code);
        QFETCH(int, exponent);
        QCOMPARE(currency::exponent(code), exponent);
    }

    void tableIsComplete() {
        const QStringList codes = currency::codes();
        QVERIFY2(codes.size() >= 150, qPrintable(QString::number(codes.size())));
        for (const QString& c : codes)
            QVERIFY2(currency::isKnown(c), qPrintable(c));
    }

    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("declared");
        QTest::addColumn<DecimalMark>("mark");
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        const auto A = DecimalMark::Auto, P = DecimalMark::Point, C = DecimalMark::Comma;
        QTest::newRow("dutch grouping") << u"1.234,56"_s << u"EUR"_s << A << 123456LL << u"EUR"_s;
        QTest::newRow("english grouping") << u"1,234.56"_s << u"EUR"_s << A << 123456LL << u"EUR"_s;
        QTest::newRow("euro sign, comma") << u"€ 12,50"_s << QString() << A << 1250LL << u"EUR"_s;
        QTest::newRow("euro sign after") << u"12,50 €"_s << u"EUR"_s << A << 1250LL << u"EUR"_s;
        QTest::newRow("one decimal") << u"12.5"_s << u"EUR"_s << A << 1250LL << u"EUR"_s;
        QTest::newRow("shopify decimal string")
            << u"29.99"_s << u"EUR"_s << P << 2999LL << u"EUR"_s;
        QTest::newRow("shopify zero") << u"0.00"_s << u"EUR"_s << P << 0LL << u"EUR"_s;
        QTest::newRow("whole number") << u"1234"_s << u"EUR"_s << A << 123400LL << u"EUR"_s;
        QTest::newRow("negative") << u"-12,50"_s << u"EUR"_s << A << -1250LL << u"EUR"_s;
        QTest::newRow("unicode minus") << u"−3.10"_s << u"EUR"_s << A << -310LL << u"EUR"_s;
        QTest::newRow("accounting negative")
            << u"(12.50)"_s << u"EUR"_s << A << -1250LL << u"EUR"_s;
        QTest::newRow("code after, space grouping")
            << u"1 234,56 EUR"_s << QString() << A << 123456LL << u"EUR"_s;
        QTest::newRow("code before") << u"USD 1,000.00"_s << QString() << A << 100000LL << u"USD"_s;
        QTest::newRow("no-break space grouping")
            << u"1\u00a0234,56"_s << u"EUR"_s << A << 123456LL << u"EUR"_s;
        QTest::newRow("narrow no-break space")
            << u"1\u202f234,56"_s << u"EUR"_s << A << 123456LL << u"EUR"_s;
        QTest::newRow("swiss apostrophe") << u"1'234.50"_s << u"CHF"_s << A << 123450LL << u"CHF"_s;
        QTest::newRow("yen has no decimals") << u"¥1,250"_s << QString() << P << 1250LL << u"JPY"_s;
        QTest::newRow("dinar has three") << u"1.250"_s << u"KWD"_s << P << 1250LL << u"KWD"_s;
        QTest::newRow("declared comma") << u"1.234"_s << u"EUR"_s << C << 123400LL << u"EUR"_s;
        QTest::newRow("declared point") << u"1.234"_s << u"KWD"_s << P << 1234LL << u"KWD"_s;
        QTest::newRow("trailing zeros allowed")
            << u"25.000"_s << u"EUR"_s << P << 2500LL << u"EUR"_s;
        QTest::newRow("leading zero is no grouping")
            << u"0.125"_s << u"KWD"_s << A << 125LL << u"KWD"_s;
        QTest::newRow("several groups")
            << u"1.234.567"_s << u"EUR"_s << A << 123456700LL << u"EUR"_s;
        QTest::newRow("fullwidth digits") << u"１２,５０"_s << u"EUR"_s << A << 1250LL << u"EUR"_s;
        QTest::newRow("arabic-indic digits") << u"١٢"_s << u"EUR"_s << A << 1200LL << u"EUR"_s;
        QTest::newRow("surrounding whitespace")
            << u"  \t7,05\n"_s << u"EUR"_s << A << 705LL << u"EUR"_s;
        QTest::newRow("largest amount") << u"92233720368547758.07"_s << u"EUR"_s << P
                                        << std::numeric_limits<qint64>::max() << u"EUR"_s;
        QTest::newRow("dollar sign with declared currency")
            << u"$12.50"_s << u"USD"_s << A << 1250LL << u"USD"_s;
        QTest::newRow("lower-case code in text")
            << u"12.50 eur"_s << QString() << A << 1250LL << u"EUR"_s;
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(QString, declared);
        QFETCH(DecimalMark, mark);
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        auto m = parseMoneyText(text, {declared, mark, false});
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
        QCOMPARE(m->minor, minor);
        QCOMPARE(m->currency, currency);
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("declared");
        QTest::addColumn<DecimalMark>("mark");
        QTest::addColumn<QString>("fragment");
        const auto A = DecimalMark::Auto, P = DecimalMark::Point;
        QTest::newRow("empty") << QString() << u"EUR"_s << A << u"empty"_s;
        QTest::newRow("whitespace") << u"  \u00a0 "_s << u"EUR"_s << A << u"empty"_s;
        QTest::newRow("words") << u"twelve"_s << u"EUR"_s << A << u"unexpected character"_s;
        QTest::newRow("ambiguous thousand") << u"1.234"_s << u"EUR"_s << A << u"ambiguous"_s;
        QTest::newRow("ambiguous comma") << u"1,500"_s << u"EUR"_s << A << u"ambiguous"_s;
        QTest::newRow("too many decimals") << u"12.345"_s << u"EUR"_s << P << u"more decimals"_s;
        QTest::newRow("decimals on yen") << u"12.5"_s << u"JPY"_s << P << u"more decimals"_s;
        QTest::newRow("overflow by one cent")
            << u"92233720368547758.08"_s << u"EUR"_s << P << u"overflows"_s;
        QTest::newRow("overflow huge")
            << u"99999999999999999999999"_s << u"EUR"_s << P << u"overflows"_s;
        QTest::newRow("currency mismatch") << u"12,50 USD"_s << u"EUR"_s << A << u"expected EUR"_s;
        QTest::newRow("symbol mismatch") << u"£12"_s << u"EUR"_s << A << u"expected EUR"_s;
        QTest::newRow("unknown code in text")
            << u"12 XYZ"_s << QString() << A << u"unknown currency"_s;
        QTest::newRow("unknown declared currency")
            << u"12"_s << u"ABC"_s << A << u"unknown currency"_s;
        QTest::newRow("dollar guesses nothing") << u"$12"_s << QString() << A << u"$"_s;
        QTest::newRow("dollar sign for euros")
            << u"$12"_s << u"EUR"_s << A << u"not written for EUR"_s;
        QTest::newRow("no currency at all") << u"12"_s << QString() << A << u"no currency"_s;
        QTest::newRow("mixed digit scripts") << u"１2,50"_s << u"EUR"_s << A << u"mixed digit"_s;
        QTest::newRow("indian grouping") << u"12,34,567.00"_s << u"INR"_s << A << u"grouping"_s;
        QTest::newRow("two decimal marks") << u"1,2,3.4.5"_s << u"EUR"_s << P << u"more than one"_s;
        QTest::newRow("double minus") << u"--5"_s << u"EUR"_s << A << u"unexpected character"_s;
        QTest::newRow("cyrillic letter")
            << u"12,5о"_s << u"EUR"_s << A << u"unexpected character"_s;
    }
    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, declared);
        QFETCH(DecimalMark, mark);
        QFETCH(QString, fragment);
        auto m = parseMoneyText(text, {declared, mark, false});
        QVERIFY2(!m.ok(), qPrintable(u"parsed as %1"_s.arg(m.ok() ? m->minor : 0)));
        QCOMPARE(m.error().category, bk::ErrorCategory::Invalid);
        QVERIFY2(m.error().message.contains(fragment), qPrintable(m.error().message));
    }

    void jsonNumbers_data() {
        QTest::addColumn<double>("number");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<qint64>("minor"); // kRejected: refused
        QTest::newRow("exact unit price") << 25.00 << u"EUR"_s << 2500LL;
        QTest::newRow("two decimals") << 19.99 << u"EUR"_s << 1999LL;
        QTest::newRow("binary noise is refused") << 0.1 + 0.2 << u"EUR"_s << kRejected;
        QTest::newRow("beyond 2^53") << 1e17 << u"EUR"_s << kRejected;
        QTest::newRow("negative") << -4.5 << u"EUR"_s << -450LL;
        QTest::newRow("yen") << 1250.0 << u"JPY"_s << 1250LL;
    }
    void jsonNumbers() {
        QFETCH(double, number);
        QFETCH(QString, currency);
        QFETCH(qint64, minor);
        auto m = parseMoney(QJsonValue(number), {currency, DecimalMark::Auto, false});
        if (minor == kRejected) {
            QVERIFY(!m.ok());
        } else {
            QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
            QCOMPARE(m->minor, minor);
        }
    }

    void minorUnits() {
        auto m = parseMoney(QJsonValue(123456), {u"EUR"_s, DecimalMark::Auto, true});
        QVERIFY(m.ok());
        QCOMPARE(m->minor, 123456);
        auto s = parseMoney(QJsonValue(u"123456"_s), {u"EUR"_s, DecimalMark::Auto, true});
        QVERIFY(s.ok());
        QCOMPARE(s->minor, 123456);
        QVERIFY(!parseMoney(QJsonValue(u"12.5"_s), {u"EUR"_s, DecimalMark::Point, true}).ok());
    }

    void format_data() {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("text");
        QTest::newRow("euro") << 123456LL << u"EUR"_s << u"1234.56"_s;
        QTest::newRow("cents") << 5LL << u"EUR"_s << u"0.05"_s;
        QTest::newRow("negative cents") << -5LL << u"EUR"_s << u"-0.05"_s;
        QTest::newRow("yen") << 1250LL << u"JPY"_s << u"1250"_s;
        QTest::newRow("dinar") << 1250LL << u"KWD"_s << u"1.250"_s;
        QTest::newRow("clf") << 1LL << u"CLF"_s << u"0.0001"_s;
        QTest::newRow("int64 min")
            << std::numeric_limits<qint64>::min() << u"EUR"_s << u"-92233720368547758.08"_s;
    }
    void format() {
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, text);
        QCOMPARE(formatDecimal({minor, currency}), text);
    }

    void roundTrip_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("currency");
        QTest::newRow("dutch") << u"€ 1.234,56"_s << u"EUR"_s;
        QTest::newRow("shopify") << u"29.99"_s << u"EUR"_s;
        QTest::newRow("yen") << u"¥ 1.250.000"_s << u"JPY"_s;
        QTest::newRow("dinar") << u"KWD 1234.567"_s << u"KWD"_s;
        QTest::newRow("negative") << u"-0,01"_s << u"EUR"_s;
        QTest::newRow("maximum") << u"92233720368547758.07"_s << u"EUR"_s;
    }
    void roundTrip() {
        // normalise → denormalise (decimal string) → normalise gives the same integer.
        QFETCH(QString, source);
        QFETCH(QString, currency);
        auto m = parseMoneyText(source, {currency, DecimalMark::Auto, false});
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
        const QString wire = formatDecimal(*m);
        auto back = parseMoneyText(wire, {currency, DecimalMark::Point, false});
        QVERIFY(back.ok());
        QCOMPARE(*back, *m);
        auto fromJson = Money::fromJson(m->toJson());
        QVERIFY(fromJson.ok());
        QCOMPARE(*fromJson, *m);
    }

    void jsonNumberOutput() {
        // Exact wants numbers: the serialised text must be the exact decimal.
        auto v = toJsonNumber({123456, u"EUR"_s});
        QVERIFY(v.ok());
        const QByteArray text =
            QJsonDocument(QJsonObject{{u"p"_s, *v}}).toJson(QJsonDocument::Compact);
        QCOMPARE(text, QByteArray(R"({"p":1234.56})"));
        auto big = toJsonNumber({999'999'999'999'999LL, u"EUR"_s});
        QVERIFY(big.ok());
        QCOMPARE(QJsonDocument(QJsonObject{{u"p"_s, *big}}).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"p":9999999999999.99})"));
        QVERIFY(!toJsonNumber({1'000'000'000'000'000LL, u"EUR"_s}).ok());
        auto yen = toJsonNumber({1250, u"JPY"_s});
        QVERIFY(yen.ok());
        QCOMPARE(yen->toInteger(), 1250);
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "TestMoney.moc"
