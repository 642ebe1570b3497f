#include "store/Database.h"
#include "store/PgServer.h"

#include <atomic>
#include <memory>

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::store;
using bk::test::PgServer;

namespace {

std::atomic<int> g_lostLogs{0};
std::atomic<int> g_backLogs{0};
QtMessageHandler g_previousHandler = nullptr;

// Counts the store's outage messages (they must come once per outage, not per thread).
void countStoreMessages(QtMsgType type, const QMessageLogContext& context, const QString& msg) {
    if (context.category && qstrcmp(context.category, "bridgekeeper.store") == 0) {
        if (msg.startsWith(u"lost the connection"_s))
            ++g_lostLogs;
        else if (msg.startsWith(u"reconnected"_s))
            ++g_backLogs;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, msg);
}

MigrationSet numbers() {
    return {u"numbers"_s,
            {{1,
              u"numbers"_s,
              {u"CREATE TABLE numbers (id {{pk}}, n {{bigint}} NOT NULL, who {{text}})"_s}}}};
}

Status insert(QSqlDatabase& db, qint64 n, const QString& who) {
    auto r = Database::run(db, u"INSERT INTO numbers (n, who) VALUES (?, ?)"_s, {n, who});
    return r ? Status::success() : Status(r.error());
}

} // namespace

/// A TCP relay between the store and PostgreSQL that can cut a connection exactly around a
/// COMMIT: before the server sees it, or after the server answered it (the answer is dropped).
class CutProxy : public QObject {
    Q_OBJECT
public:
    enum Mode { Pass, DropCommit, DropCommitAnswer, Refuse };
    std::atomic<int> mode{Pass};
    std::atomic<int> cuts{0};
    std::atomic<quint16> port{0};

    void start(const QString& host, quint16 target) {
        m_host = host;
        m_target = target;
        m_server = new QTcpServer(this);
        connect(m_server, &QTcpServer::newConnection, this, &CutProxy::accept);
        m_server->listen(QHostAddress::LocalHost);
        port = m_server->serverPort();
    }

private:
    void accept() {
        while (QTcpSocket* client = m_server->nextPendingConnection()) {
            if (mode == Refuse) {
                client->abort();
                client->deleteLater();
                continue;
            }
            auto* up = new QTcpSocket(client);
            auto cutOnAnswer = std::make_shared<bool>(false);
            const auto cut = [client, up] {
                up->abort();
                client->abort();
                client->deleteLater();
            };
            const auto toServer = [this, client, up, cutOnAnswer, cut] {
                if (up->state() != QAbstractSocket::ConnectedState)
                    return;
                const QByteArray data = client->readAll();
                const bool commit = data.contains("COMMIT");
                if (mode == Refuse || (commit && mode == DropCommit)) {
                    int drop = DropCommit;
                    mode.compare_exchange_strong(drop, Pass); // one cut; Refuse stays
                    ++cuts;
                    return cut();
                }
                if (commit && mode == DropCommitAnswer) {
                    mode = Pass;
                    *cutOnAnswer = true;
                }
                up->write(data);
            };
            connect(up, &QTcpSocket::connected, client, toServer);
            connect(client, &QTcpSocket::readyRead, up, toServer);
            connect(up, &QTcpSocket::readyRead, client, [this, client, up, cutOnAnswer, cut] {
                if (*cutOnAnswer || mode == Refuse) {
                    ++cuts;
                    return cut();
                }
                client->write(up->readAll());
            });
            connect(up, &QTcpSocket::disconnected, client, [client] {
                client->disconnectFromHost();
                client->deleteLater();
            });
            connect(client, &QTcpSocket::disconnected, up, [up] { up->disconnectFromHost(); });
            up->connectToHost(m_host, m_target);
        }
    }

    QTcpServer* m_server = nullptr;
    QString m_host;
    quint16 m_target = 0;
};

// The store against a real PostgreSQL server (scripts/run-tests.sh) whose connections are
// killed, cut around COMMIT, refused, and whose server is restarted while a writer writes.
class TestStoreReconnect : public QObject {
    Q_OBJECT

    StoreConfig m_config;
    QThread m_proxyThread;
    CutProxy* m_proxy = nullptr;

    StoreConfig viaProxy() const {
        StoreConfig c = m_config;
        c.host = u"127.0.0.1"_s;
        c.port = m_proxy->port;
        return c;
    }

    static qint64 count(Database& db, const QString& where = u"1=1"_s) {
        auto q = db.exec(u"SELECT count(*) FROM numbers WHERE "_s + where);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

    static qint64 backendPid(Database& db) {
        auto q = db.exec(u"SELECT pg_backend_pid()"_s);
        return q && q->next() ? q->value(0).toLongLong() : -1;
    }

private Q_SLOTS:
    void initTestCase() {
        if (!PgServer::available())
            QSKIP("no PostgreSQL server (run through scripts/run-tests.sh)");
        g_previousHandler = qInstallMessageHandler(countStoreMessages);
        m_config.kind = StoreConfig::Kind::Postgres;
        m_config.host = qEnvironmentVariable("BK_TEST_PGHOST");
        m_config.port = qEnvironmentVariableIntValue("BK_TEST_PGPORT");
        m_config.user = qEnvironmentVariable("BK_TEST_PGUSER");
        m_config.database = u"bk_reconnect_%1"_s.arg(QRandomGenerator::global()->generate());
        QVERIFY(PgServer::query(u"CREATE DATABASE "_s + m_config.database).isValid());
        m_proxy = new CutProxy;
        m_proxy->moveToThread(&m_proxyThread);
        connect(&m_proxyThread, &QThread::finished, m_proxy, &QObject::deleteLater);
        m_proxyThread.start();
        QMetaObject::invokeMethod(
            m_proxy, [this] { m_proxy->start(m_config.host, quint16(m_config.port)); });
        QTRY_VERIFY(m_proxy->port != 0);
    }

    void classifiesConnectionLossOnlyOnPostgres() {
        const Dialect pg(Dialect::Kind::Postgres), lite(Dialect::Kind::Sqlite);
        for (const QString& text :
             {u"server closed the connection unexpectedly"_s,
              u"FATAL:  terminating connection due to administrator command"_s,
              u"no connection to the server"_s, u"FATAL:  the database system is starting up"_s}) {
            QVERIFY2(pg.isConnectionLostMessage(text), qPrintable(text));
            QVERIFY(!lite.isConnectionLostMessage(text));
        }
        QVERIFY(!pg.isConnectionLostMessage(u"duplicate key value violates unique constraint"_s));
        QVERIFY(
            pg.isConnectionLost(QSqlError(u"x"_s, u"y"_s, QSqlError::StatementError, u"57P01"_s)));
        QVERIFY(
            pg.isConnectionLost(QSqlError(u"x"_s, u"y"_s, QSqlError::StatementError, u"08006"_s)));
        QVERIFY(
            !pg.isConnectionLost(QSqlError(u"x"_s, u"y"_s, QSqlError::StatementError, u"23505"_s)));
        QVERIFY(!lite.isConnectionLost(QSqlError(u"x"_s, u"y"_s, QSqlError::ConnectionError)));
    }

    void writeAfterTerminatedBackendReconnects() {
        auto opened = Database::open(m_config, {numbers()});
        QVERIFY2(opened, opened ? "" : qPrintable(opened.error().message));
        Database& db = **opened;
        const qint64 pid = backendPid(db);
        QVERIFY(pid > 0);
        const int logsBefore = g_lostLogs;
        QVERIFY(PgServer::terminate(pid));
        int runs = 0;
        const Status st = db.write([&](QSqlDatabase& c) {
            ++runs;
            return insert(c, 1, u"terminated"_s);
        });
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        QCOMPARE(runs, 1); // the loss showed at BEGIN, before fn ran
        QCOMPARE(count(db, u"who = 'terminated'"_s), 1);
        QVERIFY(backendPid(db) != pid);
        const StoreAvailability a = db.availability();
        QVERIFY(a.reachable);
        QCOMPARE(a.outages, 1u);
        QCOMPARE(a.reconnects, 1u);
        QCOMPARE(g_lostLogs - logsBefore, 1);
    }

    void readAfterTerminatedBackendReconnects() {
        auto db = Database::open(m_config, {numbers()});
        QVERIFY(db);
        QVERIFY(db->get()->write([](QSqlDatabase& c) { return insert(c, 2, u"read"_s); }));
        QVERIFY(PgServer::terminate(backendPid(**db)));
        QCOMPARE(count(**db, u"who = 'read'"_s), 1);
        QCOMPARE(db->get()->availability().reconnects, 1u);
    }

    void autocommitWriteIsNotRepeated() {
        // exec() cannot know whether a lost INSERT was applied, so it reports and reconnects.
        auto db = Database::open(m_config, {numbers()});
        QVERIFY(db);
        QVERIFY(PgServer::terminate(backendPid(**db)));
        auto lost = db->get()->exec(u"INSERT INTO numbers (n, who) VALUES (3, 'autocommit')"_s);
        QVERIFY(!lost);
        QVERIFY2(lost.error().message.contains(u"not repeated"_s),
                 qPrintable(lost.error().message));
        QCOMPARE(count(**db, u"who = 'autocommit'"_s), 0);
        QVERIFY(db->get()->exec(u"INSERT INTO numbers (n, who) VALUES (3, 'autocommit')"_s));
        QCOMPARE(count(**db, u"who = 'autocommit'"_s), 1);
    }

    void directConnectionUsersGetANewConnection() {
        // Modules that take connection() and run statements themselves fail once, then the
        // next connection() is a new one.
        auto db = Database::open(m_config, {numbers()});
        QVERIFY(db);
        QString before;
        {
            auto c = db->get()->connection();
            QVERIFY(c);
            before = c->connectionName();
            auto pid = Database::run(*c, u"SELECT pg_backend_pid()"_s);
            QVERIFY(pid && pid->next());
            QVERIFY(PgServer::terminate(pid->value(0).toLongLong()));
            QVERIFY(!Database::run(*c, u"SELECT 1"_s));
        }
        auto c = db->get()->connection();
        QVERIFY(c);
        QVERIFY(c->connectionName() != before);
        QVERIFY(Database::run(*c, u"SELECT 1"_s));
    }

    void lostCommitAnswerIsNotRepeated() {
        // The server committed, the answer never arrived: txid_status says so; fn is not rerun.
        auto db = Database::open(viaProxy(), {numbers()});
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        m_proxy->cuts = 0;
        m_proxy->mode = CutProxy::DropCommitAnswer;
        int runs = 0;
        const Status st = db->get()->write([&](QSqlDatabase& c) {
            ++runs;
            return insert(c, 4, u"answer-lost"_s);
        });
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        QCOMPARE(m_proxy->cuts.load(), 1);
        QCOMPARE(runs, 1);
        QCOMPARE(count(**db, u"who = 'answer-lost'"_s), 1);
    }

    void lostCommitIsRunAgain() {
        // The COMMIT never reached the server: the transaction was rolled back; fn runs again.
        auto db = Database::open(viaProxy(), {numbers()});
        QVERIFY(db);
        m_proxy->cuts = 0;
        m_proxy->mode = CutProxy::DropCommit;
        int runs = 0;
        const Status st = db->get()->write([&](QSqlDatabase& c) {
            ++runs;
            return insert(c, 5, u"commit-lost"_s);
        });
        QVERIFY2(st, st ? "" : qPrintable(st.error().message));
        QCOMPARE(m_proxy->cuts.load(), 1);
        QCOMPARE(runs, 2);
        QCOMPARE(count(**db, u"who = 'commit-lost'"_s), 1);
    }

    void givesUpAfterTheBudgetAndComesBack() {
        auto opened = Database::open(viaProxy(), {numbers()});
        QVERIFY(opened);
        Database& db = **opened;
        db.setReconnectPolicy({50, 200, 800});
        QList<bool> changes;
        db.setAvailabilityListener([&](bool up) { changes << up; });
        m_proxy->mode = CutProxy::Refuse;
        QElapsedTimer t;
        t.start();
        int runs = 0;
        const Status st = db.write([&](QSqlDatabase& c) {
            ++runs;
            return insert(c, 6, u"refused"_s);
        });
        const qint64 took = t.elapsed();
        QVERIFY(!st);
        QVERIFY2(st.error().message.contains(u"stayed unreachable"_s),
                 qPrintable(st.error().message));
        QVERIFY2(took >= 750 && took < 5000, qPrintable(QString::number(took)));
        QCOMPARE(runs, 0);
        QVERIFY(!db.availability().reachable);
        QCOMPARE(changes, QList<bool>{false});
        m_proxy->mode = CutProxy::Pass;
        QVERIFY(db.write([&](QSqlDatabase& c) { return insert(c, 6, u"refused"_s); }));
        QVERIFY(db.availability().reachable);
        QCOMPARE(changes, (QList<bool>{false, true}));
        QCOMPARE(count(db, u"who = 'refused'"_s), 1);
    }

    void reconnectTimeoutFromTheStoreUrl() {
        StoreConfig c = m_config;
        c.options = u"connect_timeout=5;bk_reconnect_timeout=7"_s;
        auto db = Database::open(c, {numbers()});
        QVERIFY2(db, db ? "" : qPrintable(db.error().message)); // libpq never saw our option
        QCOMPARE(db->get()->reconnectPolicy().giveUpAfterMs, 7000);
        QCOMPARE(db->get()->reconnectPolicy().maxDelayMs, 5000);
        QCOMPARE(db->get()->config().options, u"connect_timeout=5"_s);
    }

    void serverRestartLosesAndDoublesNothing() {
        if (!PgServer::restartable())
            QSKIP("the server cannot be restarted (BK_TEST_PGBIN/BK_TEST_PGDATA unset)");
        auto opened = Database::open(m_config, {numbers()});
        QVERIFY(opened);
        std::shared_ptr<Database> db = *opened;
        const quint64 outagesBefore = db->availability().outages;
        const int lostLogsBefore = g_lostLogs, backLogsBefore = g_backLogs;
        constexpr qint64 kRows = 400;
        std::atomic<qint64> written{0};
        std::atomic<int> failures{0}, readFailures{0}, reads{0};
        std::atomic<bool> stop{false};
        QString firstFailure;
        // A writer of numbered rows and a reader, each on its own connection.
        std::unique_ptr<QThread> writer(QThread::create([&] {
            for (qint64 n = 1; n <= kRows; ++n) {
                const Status st =
                    db->write([&](QSqlDatabase& c) { return insert(c, n, u"restart"_s); });
                if (st) {
                    written = n;
                } else if (failures++ == 0) {
                    firstFailure = st.error().message;
                }
                QThread::msleep(2);
            }
        }));
        std::unique_ptr<QThread> reader(QThread::create([&] {
            while (!stop) {
                auto q = db->exec(u"SELECT count(*) FROM numbers WHERE who = 'restart'"_s);
                if (q && q->next())
                    ++reads;
                else
                    ++readFailures;
                QThread::msleep(5);
            }
        }));
        writer->start();
        reader->start();
        QTRY_VERIFY_WITH_TIMEOUT(written >= 50, 20'000);
        QString output;
        const bool restarted = PgServer::restart(&output);
        const qint64 atRestart = written;
        QVERIFY(writer->wait(120'000));
        stop = true;
        QVERIFY(reader->wait(30'000));
        QVERIFY2(restarted, qPrintable(output));
        QVERIFY2(atRestart < kRows, "the writer finished before the restart; nothing was tested");
        QVERIFY2(failures == 0, qPrintable(firstFailure));
        QCOMPARE(written.load(), kRows);
        QCOMPARE(readFailures.load(), 0);
        // Every acknowledged row exactly once.
        QCOMPARE(count(*db, u"who = 'restart'"_s), kRows);
        auto q = db->exec(u"SELECT count(DISTINCT n), min(n), max(n) FROM numbers WHERE who = "
                          u"'restart'"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toLongLong(), kRows);
        QCOMPARE(q->value(1).toLongLong(), 1);
        QCOMPARE(q->value(2).toLongLong(), kRows);
        // One outage, reported once although every connection noticed it.
        QCOMPARE(db->availability().outages, outagesBefore + 1);
        QVERIFY(db->availability().reachable);
        QCOMPARE(g_lostLogs - lostLogsBefore, 1);
        QCOMPARE(g_backLogs - backLogsBefore, 1);
        qInfo("restart at row %lld of %lld; %d reads", atRestart, kRows, reads.load());
    }

    void cleanupTestCase() {
        m_proxyThread.quit();
        m_proxyThread.wait();
        if (!m_config.database.isEmpty()) {
            for (const QString& name : QSqlDatabase::connectionNames())
                QSqlDatabase::removeDatabase(name);
            QTRY_VERIFY_WITH_TIMEOUT(PgServer::up(), 30'000); // later tests need the server
            PgServer::query(u"DROP DATABASE IF EXISTS "_s + m_config.database + u" WITH (FORCE)"_s);
        }
        qInstallMessageHandler(g_previousHandler);
    }
};

QTEST_GUILESS_MAIN(TestStoreReconnect)
#include "TestStoreReconnect.moc"
