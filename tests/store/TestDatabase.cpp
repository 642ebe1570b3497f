#include "store/Database.h"

#include <QCryptographicHash>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::store;

namespace {

MigrationSet widgetsV1() {
    return {u"widgets"_s,
            {{1, u"widgets"_s, {u"CREATE TABLE widgets (id {{pk}}, name {{text}} NOT NULL)"_s}}}};
}

MigrationSet widgetsV2() {
    MigrationSet s = widgetsV1();
    s.steps.push_back(
        {2,
         u"widget colour"_s,
         {u"ALTER TABLE widgets ADD COLUMN colour {{text}} NOT NULL DEFAULT 'blue'"_s}});
    return s;
}

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

} // namespace

class TestDatabase : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    StoreConfig sqlite(const QString& name) {
        StoreConfig c;
        c.kind = StoreConfig::Kind::Sqlite;
        c.sqlitePath = m_dir.filePath(name);
        c.url = u"sqlite:"_s + c.sqlitePath;
        return c;
    }

private Q_SLOTS:
    void freshStoreGetsEveryMigrationAndWal() {
        auto db = Database::open(sqlite(u"fresh.db"_s), {widgetsV1()});
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QCOMPARE(*(*db)->moduleVersion(u"core"_s), 1);
        QCOMPARE(*(*db)->moduleVersion(u"widgets"_s), 1);
        auto mode = (*db)->exec(u"PRAGMA journal_mode"_s);
        QVERIFY(mode.ok() && mode->next());
        QCOMPARE(mode->value(0).toString(), u"wal"_s);
        auto ins = (*db)->exec(u"INSERT INTO widgets (name) VALUES (?)"_s, {u"gear"_s});
        QVERIFY(ins.ok());
    }

    void upgradeKeepsData() {
        {
            auto db = Database::open(sqlite(u"upgrade.db"_s), {widgetsV1()});
            QVERIFY(db.ok());
            QVERIFY((*db)->exec(u"INSERT INTO widgets (name) VALUES ('cog')"_s).ok());
        }
        auto db = Database::open(sqlite(u"upgrade.db"_s), {widgetsV2()});
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QCOMPARE(*(*db)->moduleVersion(u"widgets"_s), 2);
        auto q = (*db)->exec(u"SELECT name, colour FROM widgets"_s);
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(0).toString(), u"cog"_s);
        QCOMPARE(q->value(1).toString(), u"blue"_s);
        // Opening again is a no-op.
        auto again = Database::open(sqlite(u"upgrade.db"_s), {widgetsV2()});
        QVERIFY(again.ok());
    }

    void newerStoreIsRefusedUntouched() {
        const StoreConfig cfg = sqlite(u"newer.db"_s);
        {
            auto db = Database::open(cfg, {widgetsV2()});
            QVERIFY(db.ok());
            QVERIFY((*db)->exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s).ok());
        }
        const QByteArray before = fileHash(cfg.sqlitePath);
        QVERIFY(!before.isEmpty());
        auto db = Database::open(cfg, {widgetsV1()});
        QVERIFY(!db.ok());
        QCOMPARE(db.error().category, ErrorCategory::Database);
        QVERIFY2(db.error().message.contains(u"newer Bridgekeeper"_s),
                 qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(u"\"widgets\" is at schema version 2"_s));
        QVERIFY(db.error().message.contains(cfg.sqlitePath));
        QCOMPARE(fileHash(cfg.sqlitePath), before);
    }

    void foreignSqliteFileIsRefused() {
        const StoreConfig cfg = sqlite(u"foreign.db"_s);
        {
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"raw"_s);
            raw.setDatabaseName(cfg.sqlitePath);
            QVERIFY(raw.open());
            QVERIFY(QSqlQuery(raw).exec(u"CREATE TABLE customers (id INTEGER)"_s));
            raw.close();
        }
        QSqlDatabase::removeDatabase(u"raw"_s);
        const QByteArray before = fileHash(cfg.sqlitePath);
        auto db = Database::open(cfg, {});
        QVERIFY(!db.ok());
        QVERIFY(db.error().message.contains(u"not a Bridgekeeper store"_s));
        QCOMPARE(fileHash(cfg.sqlitePath), before);
    }

    void unusableLocationIsReported() {
        StoreConfig cfg;
        cfg.sqlitePath = u"/dev/null/sub/x.db"_s;
        auto db = Database::open(cfg, {});
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.contains(u"/dev/null/sub"_s), qPrintable(db.error().message));
    }

    void connectionsArePerThreadAndWritesAreAtomic() {
        auto opened = Database::open(sqlite(u"threads.db"_s), {widgetsV1()});
        QVERIFY(opened.ok());
        auto db = *opened;
        QList<QFuture<void>> jobs;
        for (int t = 0; t < 4; ++t)
            jobs << QtConcurrent::run([db, t] {
                for (int i = 0; i < 50; ++i) {
                    Status st = db->write([&](QSqlDatabase& c) -> Status {
                        auto r = Database::run(c, u"INSERT INTO widgets (name) VALUES (?)"_s,
                                               {u"t%1-%2"_s.arg(t).arg(i)});
                        return r ? Status::success() : Status(r.error());
                    });
                    if (!st)
                        qFatal("write failed: %s", qPrintable(st.error().message));
                }
            });
        for (auto& j : jobs)
            j.waitForFinished();
        // A failing transaction leaves nothing behind.
        Status failed = db->write([&](QSqlDatabase& c) -> Status {
            (void)Database::run(c, u"INSERT INTO widgets (name) VALUES ('ghost')"_s);
            return Error::invalid(u"changed my mind"_s);
        });
        QVERIFY(!failed.ok());
        auto q = db->exec(u"SELECT count(*), sum(name = 'ghost') FROM widgets"_s);
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(0).toInt(), 200);
        QCOMPARE(q->value(1).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestDatabase)
#include "TestDatabase.moc"
