#include "store/Database.h"
#include "support/TestPostgres.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::store;

// The same store, schema and migrations against a real PostgreSQL server started by
// scripts/run-tests.sh (BK_TEST_PGHOST/PORT/USER). Skipped when no server was provided.
class TestDatabasePostgres : public QObject {
    Q_OBJECT

    StoreConfig m_config;

    static MigrationSet widgets(int upTo) {
        MigrationSet s{u"widgets"_s,
                       {{1,
                         u"widgets"_s,
                         {u"CREATE TABLE widgets (id {{pk}}, name {{text}} NOT NULL, "
                          u"data {{blob}}, n {{bigint}})"_s}}}};
        if (upTo >= 2)
            s.steps.push_back(
                {2,
                 u"colour"_s,
                 {u"ALTER TABLE widgets ADD COLUMN colour {{text}} NOT NULL DEFAULT 'blue'"_s}});
        return s;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!bk::test::hasPostgres())
            QSKIP(bk::test::noPostgresReason());
        const auto pg = bk::test::freshPostgresStore(u"bk_test_"_s);
        QVERIFY(pg.has_value());
        m_config = *pg;
    }

    void migratesFreshAndUpgrades() {
        {
            auto db = Database::open(m_config, {widgets(1)});
            QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
            QCOMPARE(*(*db)->moduleVersion(u"core"_s), 1);
            QVERIFY((*db)
                        ->exec(u"INSERT INTO widgets (name, data, n) VALUES (?, ?, ?)"_s,
                               {u"cog"_s, QByteArray("\x00\x01\xff", 3), qint64(1) << 40})
                        .ok());
        }
        auto db = Database::open(m_config, {widgets(2)});
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        QCOMPARE(*(*db)->moduleVersion(u"widgets"_s), 2);
        auto q = (*db)->exec(u"SELECT name, data, n, colour FROM widgets"_s);
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(1).toByteArray(), QByteArray("\x00\x01\xff", 3));
        QCOMPARE(q->value(2).toLongLong(), qint64(1) << 40);
        QCOMPARE(q->value(3).toString(), u"blue"_s);
    }

    void refusesNewerSchema() {
        auto db = Database::open(m_config, {widgets(1)});
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.contains(u"newer Bridgekeeper"_s),
                 qPrintable(db.error().message));
        QVERIFY(db.error().message.contains(u"PostgreSQL database"_s));
    }

    void concurrentWritersCommitAtomically() {
        auto opened = Database::open(m_config, {widgets(2)});
        QVERIFY(opened.ok());
        auto db = *opened;
        QList<QFuture<void>> jobs;
        for (int t = 0; t < 4; ++t)
            jobs << QtConcurrent::run([db] {
                for (int i = 0; i < 25; ++i) {
                    Status st = db->write([&](QSqlDatabase& c) -> Status {
                        auto r = Database::run(c, u"INSERT INTO widgets (name) VALUES ('w')"_s);
                        return r ? Status::success() : Status(r.error());
                    });
                    if (!st)
                        qFatal("write failed: %s", qPrintable(st.error().message));
                }
            });
        for (auto& j : jobs)
            j.waitForFinished();
        auto q = db->exec(u"SELECT count(*) FROM widgets WHERE name = 'w'"_s);
        QVERIFY(q.ok() && q->next());
        QCOMPARE(q->value(0).toInt(), 100);
    }

    void unreachableServerIsReported() {
        StoreConfig bad = m_config;
        bad.port = 1; // nothing listens there
        auto db = Database::open(bad, {});
        QVERIFY(!db.ok());
        QVERIFY2(db.error().message.contains(u"cannot open PostgreSQL database"_s),
                 qPrintable(db.error().message));
    }

    void cleanupTestCase() {
        if (!m_config.database.isEmpty()) {
            // Connections of this process must be gone before the database can be dropped.
            for (const QString& name : QSqlDatabase::connectionNames())
                QSqlDatabase::removeDatabase(name);
            bk::test::pgAdminExec(u"DROP DATABASE IF EXISTS "_s + m_config.database +
                                  u" WITH (FORCE)"_s);
        }
    }
};

QTEST_GUILESS_MAIN(TestDatabasePostgres)
#include "TestDatabasePostgres.moc"
