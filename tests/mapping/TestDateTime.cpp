#include "mapping/DateTime.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

namespace {

DateParseOptions opts(const QString& orders, const QString& zone = {},
                      const QStringList& formats = {}) {
    DateParseOptions o;
    for (const QString& s : orders.split(u'|', Qt::SkipEmptyParts))
        o.orders.append(*dateOrderFromString(s));
    o.timeZone = zone;
    o.formats = formats;
    return o;
}

} // namespace

class TestDateTime : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void instants_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("orders");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("utc");
        const QString ams = u"Europe/Amsterdam"_s;
        QTest::newRow("shopify with shop offset") << u"2025-04-22T14:30:00-05:00"_s << QString()
                                                  << QString() << u"2025-04-22T19:30:00Z"_s;
        QTest::newRow("pipedrive v2 rfc3339 ms")
            << u"2024-01-01T00:00:00.000Z"_s << QString() << QString() << u"2024-01-01T00:00:00Z"_s;
        QTest::newRow("pipedrive v1 is utc")
            << u"2019-01-22 08:55:59"_s << QString() << u"UTC"_s << u"2019-01-22T08:55:59Z"_s;
        QTest::newRow("exact ms-json")
            << u"/Date(1700000000000)/"_s << QString() << QString() << u"2023-11-14T22:13:20Z"_s;
        QTest::newRow("exact escaped slashes") << u"\\/Date(1488281267907)\\/"_s << QString()
                                               << QString() << u"2017-02-28T11:27:47.907Z"_s;
        QTest::newRow("ms-json with offset suffix") << u"/Date(1700000000000+0100)/"_s << QString()
                                                    << QString() << u"2023-11-14T22:13:20Z"_s;
        QTest::newRow("ms-json before 1970")
            << u"/Date(-86400000)/"_s << QString() << QString() << u"1969-12-31T00:00:00Z"_s;
        QTest::newRow("nanoseconds cut to ms") << u"2023-03-29T18:00:27.877041743Z"_s << QString()
                                               << QString() << u"2023-03-29T18:00:27.877Z"_s;
        QTest::newRow("offset without colon")
            << u"2026-01-01T12:00:00+0530"_s << QString() << QString() << u"2026-01-01T06:30:00Z"_s;
        QTest::newRow("DMY summer time")
            << u"03/04/2026 10:00"_s << u"DMY"_s << ams << u"2026-04-03T08:00:00Z"_s;
        QTest::newRow("MDY winter time")
            << u"03/04/2026 10:00"_s << u"MDY"_s << ams << u"2026-03-04T09:00:00Z"_s;
        QTest::newRow("before spring gap")
            << u"2026-03-29 01:59"_s << QString() << ams << u"2026-03-29T00:59:00Z"_s;
        QTest::newRow("after spring gap")
            << u"2026-03-29 03:00"_s << QString() << ams << u"2026-03-29T01:00:00Z"_s;
        QTest::newRow("before autumn overlap")
            << u"2026-10-25T01:59:00"_s << QString() << ams << u"2026-10-24T23:59:00Z"_s;
        QTest::newRow("after autumn overlap")
            << u"2026-10-25T03:00:00"_s << QString() << ams << u"2026-10-25T02:00:00Z"_s;
        QTest::newRow("leap day") << u"2024-02-29T12:00:00Z"_s << QString() << QString()
                                  << u"2024-02-29T12:00:00Z"_s;
        QTest::newRow("date in a zone is local midnight")
            << u"2026-07-01"_s << QString() << ams << u"2026-06-30T22:00:00Z"_s;
        QTest::newRow("german dotted")
            << u"04.03.2026 23:15"_s << u"DMY"_s << u"UTC"_s << u"2026-03-04T23:15:00Z"_s;
    }
    void instants() {
        QFETCH(QString, text);
        QFETCH(QString, orders);
        QFETCH(QString, zone);
        QFETCH(QString, utc);
        auto t = datetime::parseInstant(QJsonValue(text), opts(orders, zone));
        QVERIFY2(t.ok(), t.ok() ? "" : qPrintable(t.error().message));
        QCOMPARE(datetime::toIsoInstant(*t), utc);
        // Round trips through every outgoing form.
        auto iso = datetime::parseInstant(QJsonValue(datetime::toIsoInstant(*t)), {});
        QVERIFY(iso.ok());
        QCOMPARE(*iso, *t);
        auto ms = datetime::parseInstant(QJsonValue(datetime::toMsJson(*t)), {});
        QVERIFY(ms.ok());
        QCOMPARE(*ms, *t);
        auto v1 =
            datetime::parseInstant(QJsonValue(datetime::toPipedriveV1(*t)), opts({}, u"UTC"_s));
        QVERIFY(v1.ok());
        QCOMPARE(v1->toSecsSinceEpoch(), t->toSecsSinceEpoch());
    }

    void instantRejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("orders");
        QTest::addColumn<QString>("zone");
        QTest::addColumn<QString>("fragment");
        const QString ams = u"Europe/Amsterdam"_s;
        QTest::newRow("empty") << QString() << QString() << QString() << u"empty"_s;
        QTest::newRow("whitespace") << u"   "_s << QString() << QString() << u"empty"_s;
        QTest::newRow("words") << u"yesterday"_s << QString() << QString() << u"not a recognised"_s;
        QTest::newRow("spring gap does not exist")
            << u"2026-03-29 02:30"_s << QString() << ams << u"gap"_s;
        QTest::newRow("autumn hour occurs twice")
            << u"2026-10-25 02:30"_s << QString() << ams << u"overlap"_s;
        QTest::newRow("local time without zone")
            << u"2019-01-22 08:55:59"_s << QString() << QString() << u"no time zone"_s;
        QTest::newRow("date is not an instant")
            << u"2026-01-01"_s << QString() << QString() << u"not an instant"_s;
        QTest::newRow("31 february")
            << u"31/02/2026 10:00"_s << u"DMY"_s << u"UTC"_s << u"not a date"_s;
        QTest::newRow("no leap day in 2023")
            << u"2023-02-29T00:00:00Z"_s << QString() << QString() << u"no such date"_s;
        QTest::newRow("ambiguous under two orders")
            << u"03/04/2026 10:00"_s << u"DMY|MDY"_s << u"UTC"_s << u"ambiguous"_s;
        QTest::newRow("two-digit year")
            << u"03/04/26"_s << u"DMY"_s << u"UTC"_s << u"two-digit year"_s;
        QTest::newRow("no declared order")
            << u"03/04/2026 10:00"_s << QString() << u"UTC"_s << u"declare the date order"_s;
        QTest::newRow("leap second")
            << u"2016-12-31T23:59:60Z"_s << QString() << QString() << u"leap second"_s;
        QTest::newRow("hour 25") << u"2026-01-01T25:00:00Z"_s << QString() << QString()
                                 << u"no such time"_s;
        QTest::newRow("mixed digit scripts")
            << u"２026-01-01T00:00:00Z"_s << QString() << QString() << u"mixed digit"_s;
        QTest::newRow("unknown zone")
            << u"2026-01-01 10:00"_s << QString() << u"Mars/Olympus"_s << u"unknown time zone"_s;
        QTest::newRow("offset out of range")
            << u"2026-01-01T10:00:00+19:00"_s << QString() << QString() << u"offset"_s;
    }
    void instantRejects() {
        QFETCH(QString, text);
        QFETCH(QString, orders);
        QFETCH(QString, zone);
        QFETCH(QString, fragment);
        auto t = datetime::parseInstant(QJsonValue(text), opts(orders, zone));
        QVERIFY2(!t.ok(), qPrintable(t.ok() ? datetime::toIsoInstant(*t) : QString()));
        QCOMPARE(t.error().category, bk::ErrorCategory::Invalid);
        QVERIFY2(t.error().message.contains(fragment), qPrintable(t.error().message));
    }

    void dates_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("orders");
        QTest::addColumn<QStringList>("formats");
        QTest::addColumn<QString>("iso"); // empty: rejected
        QTest::newRow("iso date") << u"2026-03-04"_s << QString() << QStringList()
                                  << u"2026-03-04"_s;
        QTest::newRow("DMY") << u"03/04/2026"_s << u"DMY"_s << QStringList() << u"2026-04-03"_s;
        QTest::newRow("MDY") << u"03/04/2026"_s << u"MDY"_s << QStringList() << u"2026-03-04"_s;
        QTest::newRow("YMD slashes")
            << u"2026/03/04"_s << u"DMY"_s << QStringList() << u"2026-03-04"_s;
        QTest::newRow("resolved by day 13")
            << u"13/04/2026"_s << u"DMY|MDY"_s << QStringList() << u"2026-04-13"_s;
        QTest::newRow("same under both orders")
            << u"04/04/2026"_s << u"DMY|MDY"_s << QStringList() << u"2026-04-04"_s;
        QTest::newRow("ambiguous under both orders")
            << u"03/04/2026"_s << u"DMY|MDY"_s << QStringList() << QString();
        QTest::newRow("leap day DMY")
            << u"29-02-2024"_s << u"DMY"_s << QStringList() << u"2024-02-29"_s;
        QTest::newRow("no leap day 2023")
            << u"29-02-2023"_s << u"DMY"_s << QStringList() << QString();
        QTest::newRow("31 february") << u"31/02/2026"_s << u"DMY"_s << QStringList() << QString();
        QTest::newRow("month 13") << u"01/13/2026"_s << u"DMY"_s << QStringList() << QString();
        QTest::newRow("shopify late evening keeps shop date")
            << u"2025-04-22T22:30:00-05:00"_s << QString() << QStringList() << u"2025-04-22"_s;
        QTest::newRow("exact midnight")
            << u"/Date(1488240000000)/"_s << QString() << QStringList() << u"2017-02-28"_s;
        QTest::newRow("declared format")
            << u"4 Mar 2026"_s << QString() << QStringList{u"d MMM yyyy"_s} << u"2026-03-04"_s;
        QTest::newRow("not the declared format")
            << u"4 Maart 2026"_s << QString() << QStringList{u"d MMM yyyy"_s} << QString();
        QTest::newRow("empty") << u""_s << u"DMY"_s << QStringList() << QString();
    }
    void dates() {
        QFETCH(QString, text);
        QFETCH(QString, orders);
        QFETCH(QStringList, formats);
        QFETCH(QString, iso);
        auto d = datetime::parseDate(QJsonValue(text), opts(orders, {}, formats));
        if (iso.isEmpty()) {
            QVERIFY2(!d.ok(), qPrintable(d.ok() ? d->toString(Qt::ISODate) : QString()));
            return;
        }
        QVERIFY2(d.ok(), d.ok() ? "" : qPrintable(d.error().message));
        QCOMPARE(datetime::toIsoDate(*d), iso);
    }

    void ambiguityNamesBothReadings() {
        auto d = datetime::parseDate(QJsonValue(u"03/04/2026"_s), opts(u"DMY|MDY"_s));
        QVERIFY(!d.ok());
        QVERIFY2(d.error().message.contains(u"2026-04-03"_s) &&
                     d.error().message.contains(u"2026-03-04"_s),
                 qPrintable(d.error().message));
    }

    void epochs() {
        DateParseOptions o;
        o.epoch = DateParseOptions::Epoch::Seconds;
        auto s = datetime::parseInstant(QJsonValue(1739827618), o);
        QVERIFY(s.ok());
        QCOMPARE(datetime::toIsoInstant(*s), u"2025-02-17T21:26:58Z"_s);
        o.epoch = DateParseOptions::Epoch::Milliseconds;
        auto ms = datetime::parseInstant(QJsonValue(u"1683879540000"_s), o);
        QVERIFY(ms.ok());
        QCOMPARE(datetime::toIsoInstant(*ms), u"2023-05-12T08:19:00Z"_s);
        // Without a declared epoch, bare numbers are refused rather than guessed.
        QVERIFY(!datetime::parseInstant(QJsonValue(1739827618), {}).ok());
    }

    void outgoingForms() {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(1700000000000, Qt::UTC);
        QCOMPARE(datetime::toMsJson(t), u"/Date(1700000000000)/"_s);
        QCOMPARE(datetime::toPipedriveV1(t), u"2023-11-14 22:13:20"_s);
        QCOMPARE(datetime::toIsoInstant(t), u"2023-11-14T22:13:20Z"_s);
    }
};

QTEST_GUILESS_MAIN(TestDateTime)
#include "TestDateTime.moc"
