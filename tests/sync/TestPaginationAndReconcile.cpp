// Each pagination style of the shipped definitions against the loopback fakes, and
// reconciliation finding (and repairing) injected differences.
#include "SyncFixture.h"

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::sync;
using namespace bk::synctest;

class TestPaginationAndReconcile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void odataNextFollowsSkipTokenWithTimestampFilter() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"a2p"_s, u"exact"_s, u"Accounts"_s, u"pipedrive"_s, u"persons"_s)}));
        FieldMapper mapper({{u"Name"_s, u"name"_s}, {u"Email"_s, u"email"_s}}, {u"name"_s}, {});
        for (int i = 0; i < 130; ++i)
            f.api.add(u"exact-online/Accounts"_s, {{u"Name"_s, u"Account %1"_s.arg(i)}});
        auto r = f.runOnce(u"a2p"_s, mapper);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QCOMPARE(r->pages, 3); // fake Exact pages hold 50
        QCOMPARE(r->writes.created, 130);
        QCOMPARE(f.api.count(u"pipedrive/persons"_s), 130);
        const QStringList gets =
            f.api.log().filter(u"GET /exact-online/api/v1/7/sync/CRM/Accounts"_s);
        QCOMPARE(gets.size(), 3);
        QVERIFY2(gets[0].contains(u"$filter=Timestamp gt 0L"_s), qPrintable(gets[0]));
        QVERIFY(gets[1].contains(u"$skiptoken="_s));
        // The cursor is the Exact Timestamp of the last record; the next run filters on it.
        const Cursor c = *f.store->cursor(u"a2p"_s);
        const auto accounts = f.api.records(u"exact-online/Accounts"_s);
        QCOMPARE(c.position, accounts.last().ts);
        f.api.update(u"exact-online/Accounts"_s, accounts[7].id, {{u"Name"_s, u"Renamed"_s}});
        f.api.clearLog();
        auto d = f.runOnce(u"a2p"_s, mapper);
        QVERIFY(d.ok());
        QCOMPARE(d->writes.updated, 1);
        QVERIFY2(f.api.log().first().contains(u"Timestamp gt %1L"_s.arg(c.position - 1)),
                 qPrintable(f.api.log().first()));
        QCOMPARE(f.api.requestCount(u"/pipedrive/api/v2/persons/"_s, "PATCH"), 1);
    }

    void linkHeaderDropsFiltersOnFollowUpPages() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"s2c"_s, u"shopify"_s, u"customers"_s, u"exact"_s, u"Contacts"_s)}));
        // Shopify pages of 40 through the workspace override.
        f.workspace.connectors[2].overrides.insert(u"pagination"_s,
                                                   QJsonObject{{u"pageSize"_s, 40}});
        FieldMapper mapper({{u"last_name"_s, u"LastName"_s}, {u"email"_s, u"Email"_s}},
                           {u"LastName"_s}, {u"Email"_s});
        for (int i = 0; i < 100; ++i) {
            f.sourceTime->advance(1000);
            f.api.add(u"shopify/customers"_s,
                      {{u"last_name"_s, u"C%1"_s.arg(i)}, {u"email"_s, u"c%1@shop.test"_s.arg(i)}});
        }
        auto r = f.runOnce(u"s2c"_s, mapper);
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QCOMPARE(r->pages, 3);
        QCOMPARE(r->writes.created, 100);
        // A second cycle after a change: the first page carries the filter, later pages don't
        // (the fake answers 400 if they did, as Shopify does).
        f.sourceTime->advance(3'600'000);
        const auto customers = f.api.records(u"shopify/customers"_s);
        for (int i = 0; i < 45; ++i)
            f.api.update(u"shopify/customers"_s, customers[i].id,
                         {{u"last_name"_s, u"N%1"_s.arg(i)}});
        f.api.clearLog();
        auto d = f.runOnce(u"s2c"_s, mapper);
        QVERIFY2(d.ok(), d.ok() ? "" : qPrintable(d.error().message));
        // 45 changes plus the 60 s overlap (records 39..99 of the first run, 39..44 of them
        // changed): 100 read, 3 pages.
        const QStringList gets = f.api.log().filter(u"GET /shopify"_s);
        QCOMPARE(gets.size(), 3);
        QVERIFY2(gets[0].contains(u"updated_at_min="_s), qPrintable(gets[0]));
        QVERIFY(gets[0].contains(u"limit=40"_s));
        for (int i : {1, 2}) {
            QVERIFY2(!gets[i].contains(u"updated_at_min"_s), qPrintable(gets[i]));
            QVERIFY(gets[i].contains(u"page_info="_s));
            QVERIFY(gets[i].contains(u"limit=40"_s));
        }
        QCOMPARE(d->read, 45 + 55);
        QCOMPARE(d->writes.updated, 45);
        QCOMPARE(d->writes.unchanged, 55);
        // Shop times carry a -04:00 offset; the cursor is the UTC instant.
        QCOMPARE(f.store->cursor(u"s2c"_s)->position, f.sourceTime->nowMs());
    }

    void reconciliationFindsAndRepairsInjectedDifferences() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        QStringList persons;
        for (int i = 0; i < 40; ++i) {
            f.sourceTime->advance(1000);
            persons << f.api.add(u"pipedrive/persons"_s, {{u"name"_s, u"P%1"_s.arg(i)},
                                                          {u"email"_s, u"p%1@x.nl"_s.arg(i)}});
        }
        QVERIFY(f.runOnce(u"p2c"_s, *mapper).ok());
        auto clean = f.reconcile(u"p2c"_s, *mapper, false);
        QVERIFY2(clean.ok(), clean.ok() ? "" : qPrintable(clean.error().message));
        QCOMPARE(clean->missing + clean->differing + clean->extra, 0);
        QCOMPARE(clean->sourceCount, 40);

        auto destOf = [&](const QString& sourceId) {
            return (*f.store->idMapEntry(u"p2c"_s, sourceId))->destId;
        };
        // Someone edits a contact in Exact, deletes another, adds a duplicate of a third, and
        // a person is deleted in Pipedrive.
        f.api.update(u"exact-online/Contacts"_s, destOf(persons[5]),
                     {{u"LastName"_s, u"Edited"_s}});
        f.api.remove(u"exact-online/Contacts"_s, destOf(persons[9]));
        const QString dup = f.api.add(u"exact-online/Contacts"_s,
                                      {{u"LastName"_s, u"P12"_s}, {u"Email"_s, u"P12@x.nl"_s}});
        const QString goneDest = destOf(persons[20]);
        f.api.remove(u"pipedrive/persons"_s, persons[20]);

        auto report = f.reconcile(u"p2c"_s, *mapper, false);
        QVERIFY(report.ok());
        QCOMPARE(report->missing, 1);
        QCOMPARE(report->differing, 1);
        QCOMPARE(report->extra, 2);
        QHash<QString, ReconcileItem> byKind;
        for (const auto& it : report->items)
            byKind.insert(it.kind + u":"_s + (it.sourceId.isEmpty() ? it.destId : it.sourceId), it);
        QVERIFY(byKind.contains(u"missing:"_s + persons[9]));
        QVERIFY(byKind.contains(u"differing:"_s + persons[5]));
        QCOMPARE(byKind.value(u"differing:"_s + persons[5]).detail, u"LastName"_s);
        QVERIFY(byKind.contains(u"extra:"_s + persons[20]));
        QCOMPARE(byKind.value(u"extra:"_s + persons[20]).destId, goneDest);
        QVERIFY(byKind.contains(u"extra:"_s + dup));
        QVERIFY(byKind.value(u"extra:"_s + dup).detail.contains(destOf(persons[12])));

        // Stored for the console, items included.
        auto stored = f.store->latestReconcile(u"p2c"_s, true);
        QVERIFY(stored.ok() && stored->has_value());
        QCOMPARE((*stored)->id, report->id);
        QCOMPARE((*stored)->items.size(), 4);

        auto repaired = f.reconcile(u"p2c"_s, *mapper, true);
        QVERIFY(repaired.ok());
        QCOMPARE(repaired->repaired, 2);
        auto after = f.reconcile(u"p2c"_s, *mapper, false);
        QVERIFY(after.ok());
        QCOMPARE(after->missing, 0);
        QCOMPARE(after->differing, 0);
        QCOMPARE(after->extra, 2); // extras are reported, never deleted
    }
};

QTEST_GUILESS_MAIN(TestPaginationAndReconcile)
#include "TestPaginationAndReconcile.moc"
