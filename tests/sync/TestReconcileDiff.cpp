// Reconciliation detail for the console: which records differ and in which fields (both
// sides' values), kept bounded in the store; "resync this record" through the flow's normal
// write path, the entry updated after, and gone from the next reconciliation.
#include "SyncFixture.h"
#include "support/TestPostgres.h"
#include "sync/RecordResyncer.h"
#include "sync/SyncScheduler.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QSqlQuery>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::sync;
using namespace bk::synctest;

namespace {

QString key(const ReconcileItem& it) {
    return it.kind + u":"_s + (it.sourceId.isEmpty() ? it.destId : it.sourceId);
}

QHash<QString, FieldDiff> byPath(const QList<FieldDiff>& fields) {
    QHash<QString, FieldDiff> out;
    for (const FieldDiff& f : fields)
        out.insert(f.path, f);
    return out;
}

// A fresh sync store on SQLite or on the PostgreSQL server of scripts/run-tests.sh.
std::shared_ptr<store::Database> openStore(const QString& backend, const QTemporaryDir& dir,
                                           QString* skip) {
    StoreConfig c;
    if (backend == u"sqlite"_s) {
        c.kind = StoreConfig::Kind::Sqlite;
        c.sqlitePath = dir.filePath(u"r-%1.db"_s.arg(QRandomGenerator::global()->generate()));
        c.url = u"sqlite:"_s + c.sqlitePath;
    } else {
        if (!bk::test::hasPostgres()) {
            *skip = QString::fromLatin1(bk::test::noPostgresReason());
            return {};
        }
        auto pg = bk::test::freshPostgresStore(u"bk_rc_"_s);
        if (!pg) {
            *skip = u"cannot create a PostgreSQL database"_s;
            return {};
        }
        c = *pg;
    }
    auto db = store::Database::open(c, {syncMigrations()});
    if (!db) {
        *skip = u"FAIL: "_s + db.error().message;
        return {};
    }
    return *db;
}

ReconcileReport report(const QString& flow, bool ok, int items, int fieldsPerItem) {
    ReconcileReport r;
    r.flowId = flow;
    r.ok = ok;
    r.startedMs = 1000;
    r.finishedMs = 2000;
    r.message = ok ? u"done"_s : u"source unreachable"_s;
    for (int i = 0; i < items; ++i) {
        QList<FieldDiff> fields;
        for (int k = 0; k < fieldsPerItem; ++k)
            fields.push_back({u"F%1"_s.arg(k), QJsonValue(u"s%1"_s.arg(k)),
                              QJsonValue(u"d%1"_s.arg(k)), k == 0});
        r.items.push_back(
            reconcileItem(u"differing"_s, u"S%1"_s.arg(i), u"D%1"_s.arg(i), u"F0"_s, fields));
        ++r.differing;
    }
    return r;
}

} // namespace

class TestReconcileDiff : public QObject {
    Q_OBJECT

    Result<ResyncOutcome> resync(SyncFixture& f, const RecordMapper& mapper, const QString& id) {
        auto src = f.transport();
        auto dst = f.transport();
        RecordResyncer r(f.spec(u"p2c"_s), mapper, *src, *dst, *f.store, *f.store, f.engineClock);
        std::optional<ResyncOutcome> out;
        r.resync({id}, [&](const ResyncOutcome& o) { out = o; });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20'000))
            return Error::internal(u"resync did not finish"_s);
        return *out;
    }

private Q_SLOTS:
    void storesWhichRecordsAndFieldsDifferAndResyncFixesOne() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        auto mapper = personToContact();
        QStringList p;
        for (int i = 0; i < 10; ++i) {
            f.sourceTime->advance(1000);
            p << f.api.add(u"pipedrive/persons"_s, {{u"name"_s, u"P%1"_s.arg(i)},
                                                    {u"email"_s, u"p%1@x.nl"_s.arg(i)},
                                                    {u"phone"_s, u"+3161234560%1"_s.arg(i)}});
        }
        QVERIFY(f.runOnce(u"p2c"_s, *mapper).ok());
        auto destOf = [&](const QString& sourceId) {
            return (*f.store->idMapEntry(u"p2c"_s, sourceId))->destId;
        };
        auto destRecord = [&](const QString& destId) {
            for (const auto& r : f.api.records(u"exact-online/Contacts"_s))
                if (r.id == destId)
                    return r.fields;
            return QJsonObject();
        };
        // Known differences: a source edit not yet synced, two destination edits (one field,
        // two fields), a destination record deleted, a source record deleted.
        f.api.update(u"pipedrive/persons"_s, p[1], {{u"name"_s, u"P1 renamed"_s}});
        f.api.update(u"exact-online/Contacts"_s, destOf(p[2]), {{u"LastName"_s, u"Edited"_s}});
        f.api.update(u"exact-online/Contacts"_s, destOf(p[4]),
                     {{u"Email"_s, u"other@x.nl"_s}, {u"Phone"_s, u"+3100"_s}});
        f.api.remove(u"exact-online/Contacts"_s, destOf(p[6]));
        const QString goneDest = destOf(p[8]);
        f.api.remove(u"pipedrive/persons"_s, p[8]);

        auto rec = f.reconcile(u"p2c"_s, *mapper, false);
        QVERIFY2(rec.ok(), rec.ok() ? "" : qPrintable(rec.error().message));
        auto stored = f.store->latestReconcileDetail(u"p2c"_s);
        QVERIFY(stored.ok() && stored->has_value());
        const ReconcileReport& r = **stored;
        QCOMPARE(r.id, rec->id);
        QCOMPARE(r.kept, 5);
        QHash<QString, ReconcileItem> items;
        for (const ReconcileItem& it : r.items) {
            QCOMPARE(it.state, u"open"_s);
            items.insert(key(it), it);
        }
        QStringList keys = items.keys();
        keys.sort();
        QStringList expected{u"differing:"_s + p[1], u"differing:"_s + p[2], u"differing:"_s + p[4],
                             u"missing:"_s + p[6], u"extra:"_s + p[8]};
        expected.sort();
        QCOMPARE(keys, expected);

        // Field by field, both sides, the differing ones marked.
        auto fields = [&](const QString& k) {
            auto fl = f.store->reconcileFields(items.value(k).id);
            if (!fl)
                qFatal("%s", qPrintable(fl.error().message));
            return byPath(*fl);
        };
        auto f1 = fields(u"differing:"_s + p[1]);
        QCOMPARE(f1.size(), 3);
        QVERIFY(f1[u"LastName"_s].differs);
        QCOMPARE(f1[u"LastName"_s].source.toString(), u"P1 renamed"_s);
        QCOMPARE(f1[u"LastName"_s].destination.toString(), u"P1"_s);
        QVERIFY(!f1[u"Email"_s].differs);
        QVERIFY(!f1[u"Phone"_s].differs);
        QCOMPARE(items.value(u"differing:"_s + p[1]).detail, u"LastName"_s);
        auto f2 = fields(u"differing:"_s + p[2]);
        QCOMPARE(f2[u"LastName"_s].destination.toString(), u"Edited"_s);
        QCOMPARE(differingPaths(f2.values()), QStringList{u"LastName"_s});
        auto f4 = fields(u"differing:"_s + p[4]);
        QVERIFY(!f4[u"LastName"_s].differs);
        QVERIFY(f4[u"Email"_s].differs);
        QCOMPARE(f4[u"Email"_s].source.toString(), u"p4@x.nl"_s);
        QCOMPARE(f4[u"Email"_s].destination.toString(), u"other@x.nl"_s);
        QVERIFY(f4[u"Phone"_s].differs);
        QCOMPARE(f4[u"Phone"_s].destination.toString(), u"+3100"_s);
        auto f6 = fields(u"missing:"_s + p[6]);
        QCOMPARE(f6[u"Email"_s].source.toString(), u"p6@x.nl"_s);
        QVERIFY(f6[u"Email"_s].destination.isUndefined());
        auto f8 = fields(u"extra:"_s + p[8]);
        QCOMPARE(items.value(u"extra:"_s + p[8]).destId, goneDest);
        QCOMPARE(f8[u"LastName"_s].destination.toString(), u"P8"_s);
        QVERIFY(f8[u"LastName"_s].source.isUndefined());

        // Resync the two-field difference: the destination matches the source again.
        const QString dest4 = destOf(p[4]);
        auto o4 = resync(f, *mapper, p[4]);
        QVERIFY2(o4.ok() && o4->ok, o4.ok() ? qPrintable(o4->message) : "");
        QCOMPARE(o4->state, u"resolved"_s);
        QCOMPARE(o4->destId, dest4);
        QCOMPARE(destRecord(dest4).value(u"Email"_s).toString(), u"p4@x.nl"_s);
        QCOMPARE(destRecord(dest4).value(u"Phone"_s).toString(), u"+31612345604"_s);
        auto item4 = f.store->reconcileItem(items.value(u"differing:"_s + p[4]).id);
        QVERIFY(item4.ok() && item4->has_value());
        QCOMPARE((*item4)->state, u"resolved"_s);
        QVERIFY((*item4)->stateMs > 0);
        QVERIFY(differingPaths(*f.store->reconcileFields((*item4)->id)).isEmpty());

        // The missing record is created anew; the vanished source cannot be resynced.
        const int before = f.api.count(u"exact-online/Contacts"_s);
        auto o6 = resync(f, *mapper, p[6]);
        QVERIFY(o6.ok() && o6->ok);
        QCOMPARE(f.api.count(u"exact-online/Contacts"_s), before + 1);
        QCOMPARE(destRecord(o6->destId).value(u"LastName"_s).toString(), u"P6"_s);
        auto o8 = resync(f, *mapper, p[8]);
        QVERIFY(o8.ok());
        QVERIFY(!o8->ok);
        QCOMPARE(o8->state, u"failed"_s);
        QVERIFY2(o8->message.contains(u"no longer exists"_s), qPrintable(o8->message));
        auto item8 = f.store->reconcileItem(items.value(u"extra:"_s + p[8]).id);
        QCOMPARE((*item8)->state, u"failed"_s);

        // The next reconciliation lists only what is still different.
        auto again = f.reconcile(u"p2c"_s, *mapper, false);
        QVERIFY(again.ok());
        QStringList left;
        for (const ReconcileItem& it : again->items)
            left << key(it);
        left.sort();
        QStringList stillExpected{u"differing:"_s + p[1], u"differing:"_s + p[2],
                                  u"extra:"_s + p[8]};
        stillExpected.sort();
        QCOMPARE(left, stillExpected);
        // The older run keeps only its counts.
        auto old = f.store->reconcileItem(items.value(u"differing:"_s + p[1]).id);
        QVERIFY(old.ok());
        QVERIFY(!old->has_value());
    }

    void schedulerResyncsOnTheFlowThreadAndReports() {
        SyncFixture f;
        QVERIFY(f.init({flow(u"p2c"_s, u"pipedrive"_s, u"persons"_s, u"exact"_s, u"Contacts"_s)}));
        f.workspace.flows[0].intervalMs = 3'600'000 * 100;
        f.workspace.flows[0].reconcileIntervalMs = 3'600'000 * 100;
        QStringList p;
        for (int i = 0; i < 5; ++i) {
            f.sourceTime->advance(1000);
            p << f.api.add(u"pipedrive/persons"_s,
                           {{u"name"_s, u"P%1"_s.arg(i)}, {u"email"_s, u"p%1@x.nl"_s.arg(i)}});
        }
        auto policy = f.fastRetry();
        auto clock = f.engineClock;
        SyncScheduler s(f.store, f.store, f.engineClock, [policy, clock](const ConnectorDef&) {
            return std::unique_ptr<Transport>(new NetworkTransport(clock, policy));
        });
        s.addFlow({f.spec(u"p2c"_s), personToContact()});
        QSignalSpy finished(&s, &SyncScheduler::runFinished);
        QSignalSpy reconciled(&s, &SyncScheduler::reconciled);
        QSignalSpy resynced(&s, &SyncScheduler::recordResynced);
        s.start(true);
        QVERIFY(finished.wait(20'000));
        const QString dest = (*f.store->idMapEntry(u"p2c"_s, p[3]))->destId;
        f.api.update(u"exact-online/Contacts"_s, dest, {{u"LastName"_s, u"Wrong"_s}});
        s.reconcileNow(u"p2c"_s);
        QVERIFY(reconciled.wait(20'000));
        QCOMPARE(f.store->latestReconcileDetail(u"p2c"_s)->value().differing, 1);

        s.resyncRecords(u"p2c"_s, {p[3], u"999999"_s});
        QTRY_COMPARE_WITH_TIMEOUT(resynced.size(), 2, 20'000);
        QCOMPARE(resynced.at(0).at(1).toString(), p[3]);
        QVERIFY(resynced.at(0).at(2).toBool());
        QCOMPARE(resynced.at(0).at(3).toString(), u"resolved"_s);
        QCOMPARE(resynced.at(1).at(1).toString(), u"999999"_s);
        QVERIFY(!resynced.at(1).at(2).toBool());
        for (const auto& r : f.api.records(u"exact-online/Contacts"_s))
            if (r.id == dest)
                QCOMPARE(r.fields.value(u"LastName"_s).toString(), u"P3"_s);
        s.resyncRecords(u"nope"_s, {p[0]});
        QTRY_COMPARE_WITH_TIMEOUT(resynced.size(), 3, 5'000);
        QVERIFY(!resynced.at(2).at(2).toBool());
        QVERIFY(s.shutdown(20'000));
    }

    void storedDetailIsBounded_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgres") << u"postgres"_s;
    }
    void storedDetailIsBounded() {
        QFETCH(QString, backend);
        QTemporaryDir dir;
        QString skip;
        auto db = openStore(backend, dir, &skip);
        if (!db) {
            if (skip.startsWith(u"FAIL"_s))
                QFAIL(qPrintable(skip));
            QSKIP(qPrintable(skip));
        }
        SyncStore store(db);
        auto first = store.saveReconcile(report(u"f"_s, true, 3, 2));
        QVERIFY(first.ok());
        auto firstItems = store.latestReconcileDetail(u"f"_s);
        QCOMPARE((*firstItems)->items.size(), 3);
        const qint64 firstItem = (*firstItems)->items.first().id;
        QCOMPARE(store.reconcileFields(firstItem)->size(), 2);

        // A failed run does not wipe the detail of the last good one.
        QVERIFY(store.saveReconcile(report(u"f"_s, false, 0, 0)).ok());
        QCOMPARE((*store.latestReconcile(u"f"_s, false))->ok, false);
        QCOMPARE((*store.latestReconcileDetail(u"f"_s))->id, *first);

        // A big run: the items and fields are capped, values cut; the older run is summarised.
        ReconcileReport big = report(u"f"_s, true, kMaxStoredItems + 7, 1);
        big.items[0].fields.clear();
        for (int k = 0; k < kMaxStoredFields + 20; ++k)
            big.items[0].fields.push_back({u"G%1"_s.arg(k),
                                           QJsonValue(QString(kMaxValueChars + 50, u'x')),
                                           QJsonValue(k), true});
        QElapsedTimer took;
        took.start();
        auto second = store.saveReconcile(big);
        QVERIFY(second.ok());
        const qint64 saveMs = took.restart();
        auto detail = store.latestReconcileDetail(u"f"_s);
        qInfo("%s: saved %d listed records in %lld ms, read the list back in %lld ms",
              qPrintable(backend), kMaxStoredItems, saveMs, took.elapsed());
        QVERIFY(detail.ok() && detail->has_value());
        QCOMPARE((*detail)->id, *second);
        QCOMPARE((*detail)->kept, kMaxStoredItems);
        QCOMPARE((*detail)->differing, kMaxStoredItems + 7);
        QCOMPARE((*detail)->items.size(), kMaxStoredItems);
        const ReconcileItem s0 = [&] {
            for (const auto& it : (*detail)->items)
                if (it.sourceId == u"S0"_s)
                    return it;
            return ReconcileItem();
        }();
        auto capped = store.reconcileFields(s0.id);
        QCOMPARE(capped->size(), kMaxStoredFields);
        QCOMPARE(capped->first().source.toString().size(), kMaxValueChars);
        QCOMPARE(capped->at(5).destination.toInt(), 5);
        QVERIFY(!store.reconcileItem(firstItem)->has_value());
        QVERIFY(store.reconcileFields(firstItem)->isEmpty());
        auto q = db->exec(u"SELECT kept FROM sync_reconcile_runs WHERE id = ?"_s, {*first});
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(0).toInt(), 0);

        // A resync outcome updates the entry of the detailed run.
        ReconcileItem now;
        now.state = u"differing"_s;
        now.stateMessage = u"still differs"_s;
        now.stateMs = 5000;
        now.detail = u"G1"_s;
        now.fields = {{u"G1"_s, QJsonValue(1), QJsonValue(2), true}};
        auto updated = store.updateReconcileItem(u"f"_s, u"S0"_s, now, true);
        QVERIFY(updated.ok());
        QCOMPARE(*updated, s0.id);
        auto after = store.reconcileItem(s0.id);
        QCOMPARE((*after)->state, u"differing"_s);
        QCOMPARE((*after)->stateMessage, u"still differs"_s);
        QCOMPARE((*after)->destId, u"D0"_s); // no new destination id: kept
        QCOMPARE((*after)->detail, u"G1"_s);
        QCOMPARE(store.reconcileFields(s0.id)->size(), 1);
        QCOMPARE(*store.updateReconcileItem(u"f"_s, u"unknown"_s, now, true), 0);
    }

    void fieldDiffWalksNestedValues() {
        const QJsonObject mapped{
            {u"Name"_s, u"A"_s},
            {u"Empty"_s, QJsonValue::Null},
            {u"Address"_s, QJsonObject{{u"City"_s, u"Utrecht"_s}, {u"Zip"_s, u"3511"_s}}},
            {u"Lines"_s, QJsonArray{QJsonObject{{u"Qty"_s, 2}}, QJsonObject{{u"Qty"_s, 3}}}}};
        const QJsonObject dest{
            {u"Name"_s, u"A"_s},
            {u"Unmapped"_s, u"x"_s},
            {u"Address"_s,
             QJsonObject{{u"City"_s, u"Amsterdam"_s}, {u"Zip"_s, u"3511"_s}, {u"Extra"_s, 1}}},
            {u"Lines"_s, QJsonArray{QJsonObject{{u"Qty"_s, 2}}, QJsonObject{{u"Qty"_s, 4}},
                                    QJsonObject{{u"Qty"_s, 9}}}}};
        const auto diffs = compareFields(mapped, dest);
        QCOMPARE(differingPaths(diffs),
                 (QStringList{u"Address.City"_s, u"Lines[1].Qty"_s, u"Lines[2]"_s}));
        QCOMPARE(diffs.size(), 6); // Name, City, Zip, Lines[0].Qty, Lines[1].Qty, Lines[2]
        QCOMPARE(jsonText(QJsonValue(u"a\"b"_s)), u"\"a\\\"b\""_s);
        QCOMPARE(fromJsonText(jsonText(QJsonValue(12.5))).toDouble(), 12.5);
        QVERIFY(fromJsonText(QString()).isUndefined());
        QVERIFY(fromJsonText(u"null"_s).isNull());
    }
};

QTEST_GUILESS_MAIN(TestReconcileDiff)
#include "TestReconcileDiff.moc"
