// Pure parts of the sync engine: definitions, request building, times, hashes, progress.
#include "sync/PageReader.h"
#include "sync/ProgressMeter.h"
#include "sync/SyncDefinition.h"
#include "sync/SyncTypes.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::sync;

namespace {

ConnectorConfig config(const QString& type) {
    ConnectorConfig c;
    c.id = type + u"-1"_s;
    c.type = type;
    c.division = u"123"_s;
    c.shop = u"demo"_s;
    c.company = u"acme"_s;
    return c;
}

ConnectorDef shipped(const QString& type, ConnectorConfig c = {}) {
    auto catalog = ConnectorCatalog::load();
    if (!catalog)
        qFatal("catalog: %s", qPrintable(catalog.error().message));
    if (c.type.isEmpty())
        c = config(type);
    auto def = parseConnectorDef(catalog->definition(type), c);
    if (!def)
        qFatal("%s", qPrintable(def.error().message));
    return *def;
}

} // namespace

class TestSyncUnits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void shippedDefinitionsParse() {
        const ConnectorDef exact = shipped(u"exact-online"_s);
        QCOMPARE(exact.apiBase.toString(), u"https://start.exactonline.nl/api/v1/123"_s);
        QCOMPARE(exact.pagination.style, PaginationStyle::ODataNext);
        const ResourceDef* accounts = exact.resource(u"Accounts"_s);
        QVERIFY(accounts);
        QCOMPARE(accounts->readPath(), u"/sync/CRM/Accounts"_s);
        QCOMPARE(accounts->delta.style, DeltaStyle::ODataTimestamp);
        QVERIFY(accounts->delta.ordered);
        QCOMPARE(exact.pageSize(*accounts), 1000);
        QCOMPARE(exact.resource(u"SalesInvoices"_s)->delta.style, DeltaStyle::ODataModified);
        QCOMPARE(exact.recordPath, u"d"_s);

        const ConnectorDef pd = shipped(u"pipedrive"_s);
        QCOMPARE(pd.apiBase.toString(), u"https://acme.pipedrive.com/api/v2"_s);
        QCOMPARE(pd.pagination.style, PaginationStyle::Cursor);
        QCOMPARE(pd.resource(u"persons"_s)->updateMethod, u"PATCH"_s);

        const ConnectorDef shop = shipped(u"shopify"_s);
        QCOMPARE(shop.apiBase.toString(), u"https://demo.myshopify.com/admin/api/2026-07"_s);
        QCOMPARE(shop.pagination.style, PaginationStyle::LinkHeader);
        QCOMPARE(shop.resource(u"customers"_s)->bodyWrapper, u"customer"_s);
    }

    void workspaceBaseUrlAndMissingPlaceholder() {
        ConnectorConfig c = config(u"exact-online"_s);
        c.baseUrl = QUrl(u"http://127.0.0.1:9/exact-online/"_s);
        QCOMPARE(shipped(u"exact-online"_s, c).url(u"/crm/Accounts(guid'x')"_s).toString(),
                 u"http://127.0.0.1:9/exact-online/api/v1/123/crm/Accounts(guid'x')"_s);
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        c.division.clear();
        auto def = parseConnectorDef(catalog->definition(u"exact-online"_s), c);
        QVERIFY(!def.ok());
        QVERIFY2(def.error().message.contains(u"{division}"_s), qPrintable(def.error().message));
    }

    void firstRequestPerDeltaStyle_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("resource");
        QTest::addColumn<qint64>("since");
        QTest::addColumn<QString>("expectedQuery");
        const qint64 t = 1'767'225'600'000 + 61'000; // 2026-01-01T00:01:01Z
        QTest::newRow("exact timestamp")
            << u"exact-online"_s << u"Accounts"_s << qint64(42) << u"$filter=Timestamp gt 41L"_s;
        QTest::newRow("exact timestamp, no cursor")
            << u"exact-online"_s << u"Accounts"_s << qint64(-1) << u"$filter=Timestamp gt 0L"_s;
        QTest::newRow("exact modified") << u"exact-online"_s << u"SalesInvoices"_s << t
                                        << u"$filter=Modified ge datetime'2026-01-01T00:01:01'"_s;
        QTest::newRow("pipedrive") << u"pipedrive"_s << u"persons"_s << t
                                   << u"updated_since=2026-01-01T00:01:01Z&sort_by=update_time&"
                                      u"sort_direction=asc&limit=100"_s;
        QTest::newRow("shopify") << u"shopify"_s << u"customers"_s << t
                                 << u"updated_at_min=2026-01-01T00:01:01Z&limit=250"_s;
        QTest::newRow("shopify, no cursor")
            << u"shopify"_s << u"customers"_s << qint64(-1) << u"limit=250"_s;
    }

    void firstRequestPerDeltaStyle() {
        QFETCH(QString, type);
        QFETCH(QString, resource);
        QFETCH(qint64, since);
        QFETCH(QString, expectedQuery);
        const ConnectorDef def = shipped(type);
        PageReader reader(def, *def.resource(resource));
        const ApiRequest r = reader.firstRequest(since);
        QCOMPARE(QUrlQuery(r.url).toString(QUrl::FullyDecoded), expectedQuery);
        QCOMPARE(r.method, QByteArray("GET"));
    }

    void linkHeaderNext() {
        const QByteArray h = "<https://demo.myshopify.com/admin/api/2026-07/customers.json?limit=2&"
                             "page_info=abc>; rel=\"previous\", <https://demo.myshopify.com/admin/"
                             "api/2026-07/customers.json?limit=2&page_info=def>; rel=\"next\"";
        QVERIFY(linkNext(h).endsWith(u"page_info=def"_s));
        QVERIFY(linkNext("<https://x/y?page_info=abc>; rel=\"previous\"").isEmpty());
    }

    void recordTimes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("format");
        QTest::addColumn<qint64>("ms");
        QTest::newRow("ms-json") << u"/Date(1488281267907)/"_s << int(DateFormat::MsJson)
                                 << qint64(1488281267907);
        QTest::newRow("rfc3339") << u"2024-01-01T00:00:00Z"_s << int(DateFormat::Rfc3339)
                                 << qint64(1704067200000);
        QTest::newRow("iso offset")
            << u"2025-04-22T14:30:00-05:00"_s << int(DateFormat::Iso8601) << qint64(1745350200000);
        QTest::newRow("pipedrive v1")
            << u"2019-01-22 08:55:59"_s << int(DateFormat::Rfc3339) << qint64(1548147359000);
        QTest::newRow("garbage") << u"soon"_s << int(DateFormat::Rfc3339) << qint64(-1);
    }

    void recordTimes() {
        QFETCH(QString, text);
        QFETCH(int, format);
        QFETCH(qint64, ms);
        QCOMPARE(parseRecordTime(text, DateFormat(format)), ms);
    }

    void cursorOrderAndHashes() {
        QVERIFY(Cursor::before(1, u"b"_s, 2, u"a"_s));
        QVERIFY(Cursor::before(2, u"a"_s, 2, u"b"_s));
        QVERIFY(!Cursor::before(2, u"b"_s, 2, u"b"_s));
        QJsonObject a{{u"b"_s, 1}, {u"a"_s, u"x"_s}};
        QJsonObject b{{u"a"_s, u"x"_s}, {u"b"_s, 1}, {u"extra"_s, true}};
        QVERIFY(contentHash(a) != contentHash(b));
        QCOMPARE(contentHash(a), contentHash(b, {u"a"_s, u"b"_s}));
        QCOMPARE(canonicalMatchValue(u" Jan@Example.NL "_s), u"jan@example.nl"_s);
        QCOMPARE(canonicalMatchValue(u"+31 6 1234-5678"_s), u"+31612345678"_s);
        QCOMPARE(canonicalMatchValue(u"Jansen BV"_s), u"jansen bv"_s);
    }

    void etaOnlyWhenTrustworthy() {
        ProgressMeter m(10'000);
        m.start(0, 0, 1000);
        QCOMPARE(m.etaMs(), -1);
        m.update(1000, 10); // 10/s, 1 % done
        QCOMPARE(m.etaMs(), -1);
        m.update(2000, 20);
        QCOMPARE(m.etaMs(), -1); // two samples are not enough
        m.update(3000, 30);
        QCOMPARE(m.etaMs(), 97'000);
        m.update(4000, 40);
        QVERIFY(m.ratePerSecond() > 9.9 && m.ratePerSecond() < 10.1);
        QCOMPARE(m.etaMs(), 96'000);
        m.update(5000, 100); // a burst: the latest rate strays from the average
        QCOMPARE(m.etaMs(), -1);
        ProgressMeter unknown;
        unknown.start(0, 0, -1);
        for (int i = 1; i < 10; ++i)
            unknown.update(i * 1000, i * 10);
        QCOMPARE(unknown.etaMs(), -1);
        QVERIFY(unknown.ratePerSecond() > 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncUnits)
#include "TestSyncUnits.moc"
