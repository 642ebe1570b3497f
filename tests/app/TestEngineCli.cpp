#include <QFile>
#include <QHostAddress>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// Runs the real bridgekeeper-engine executable and checks exit codes and messages.
class TestEngineCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run {
        int code;
        QString out;
        QString err;
    };

    Run run(QStringList args, const QByteArray& stdinData = {}) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_dir.path());
        env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"xdg"_s));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BK_ENGINE_EXE), args);
        if (!p.waitForStarted())
            qFatal("cannot start engine");
        if (!stdinData.isEmpty())
            p.write(stdinData);
        p.closeWriteChannel();
        if (!p.waitForFinished(60'000))
            qFatal("engine did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString write(const QString& name, const QByteArray& content) {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("write");
        f.write(content);
        return f.fileName();
    }

    QString sample() const {
        return QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json");
    }

private Q_SLOTS:
    void versionAndHelp() {
        auto r = run({u"--version"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.startsWith(u"bridgekeeper-engine 0."_s));
        r = run({u"--help"_s});
        QCOMPARE(r.code, 0);
        for (const char* cmd : {"run", "sync", "status", "deadletters", "auth import", "sandbox"})
            QVERIFY2(r.out.contains(QString::fromLatin1(cmd)), cmd);
        r = run({u"status"_s, u"--help"_s});
        QCOMPARE(r.code, 0);
        QVERIFY(r.out.contains(u"--workspace"_s));
    }

    void badArgumentsExit2_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("fragment");
        QTest::newRow("no command") << QStringList{} << u"Usage"_s;
        QTest::newRow("unknown command") << QStringList{u"frobnicate"_s} << u"unknown command"_s;
        QTest::newRow("unknown option") << QStringList{u"status"_s, u"--bogus"_s} << u"bogus"_s;
        QTest::newRow("missing workspace")
            << QStringList{u"status"_s} << u"--workspace FILE is required"_s;
        QTest::newRow("sync without flow")
            << QStringList{u"sync"_s, u"--workspace"_s, u"x.json"_s} << u"--flow is required"_s;
        QTest::newRow("bad deadletters action")
            << QStringList{u"deadletters"_s, u"purge"_s} << u"list, show, replay, discard"_s;
        QTest::newRow("bad listen")
            << QStringList{u"sandbox"_s, u"--listen"_s, u"anywhere"_s} << u"--listen"_s;
        QTest::newRow("bad log level")
            << QStringList{u"status"_s, u"--log-level"_s, u"loud"_s} << u"--log-level"_s;
    }

    void badArgumentsExit2() {
        QFETCH(QStringList, args);
        QFETCH(QString, fragment);
        auto r = run(args);
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(fragment), qPrintable(r.err));
    }

    void badWorkspaceExit2WithOneLine() {
        const QString path =
            write(u"bad.json"_s, R"({"version":1,"connectors":[{"id":"x","type":"sap"}]})");
        auto r =
            run({u"status"_s, u"--workspace"_s, path, u"--data-dir"_s, m_dir.filePath(u"data"_s)});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err.trimmed().count(u'\n'), 0);
        QVERIFY2(r.err.contains(path + u": $.connectors[0].type: unknown connector type \"sap\""_s),
                 qPrintable(r.err));
        r = run({u"status"_s, u"--workspace"_s, m_dir.filePath(u"missing.json"_s)});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"does not exist"_s));
    }

    void unknownFlowExit2() {
        auto r = run({u"sync"_s, u"--workspace"_s, sample(), u"--flow"_s, u"nope"_s, u"--once"_s,
                      u"--data-dir"_s, m_dir.filePath(u"data"_s)});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains(u"no flow with id \"nope\""_s));
    }

    void statusJsonOnSample() {
        auto r = run({u"status"_s, u"--workspace"_s, sample(), u"--json"_s, u"--data-dir"_s,
                      m_dir.filePath(u"data"_s)});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"\"connectors\""_s), qPrintable(r.err));
        QVERIFY(r.out.contains(u"\"persons-to-contacts\""_s));
        QVERIFY(QFile::exists(m_dir.filePath(u"data/sample.db"_s)));
        QVERIFY(QFile::exists(m_dir.filePath(u"data/logs/engine.log"_s)));
    }

    void unwritableDataDirIsReported() {
        auto r =
            run({u"status"_s, u"--workspace"_s, sample(), u"--data-dir"_s, u"/dev/null/data"_s});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains(u"/dev/null/data"_s), qPrintable(r.err));
    }

    void runStopsGracefullyOnSigterm() {
        const QString ws = write(
            u"run.json"_s, QByteArray("{\"version\":1,\"metrics\":{\"listen\":\"127.0.0.1:0\"},"
                                      "\"secrets\":{\"store\":\"encrypted-db\",\"keyEnv\":"
                                      "\"BK_TEST_MASTER_KEY\"}}"));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_dir.path());
        env.insert(u"BK_TEST_MASTER_KEY"_s, QString::fromLatin1(QByteArray(32, 'k').toBase64()));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BK_ENGINE_EXE),
                {u"run"_s, u"--workspace"_s, ws, u"--data-dir"_s, m_dir.filePath(u"run-data"_s)});
        QVERIFY(p.waitForStarted());
        // Running: the log says so once the engine is up.
        QTRY_VERIFY_WITH_TIMEOUT(QFile(m_dir.filePath(u"run-data/logs/engine.log"_s)).size() > 0,
                                 20'000);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                QFile f(m_dir.filePath(u"run-data/logs/engine.log"_s));
                return f.open(QIODevice::ReadOnly) && f.readAll().contains("engine running on");
            }(),
            20'000);
        QCOMPARE(p.state(), QProcess::Running);
        p.terminate(); // SIGTERM
        QVERIFY(p.waitForFinished(30'000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QFile f(m_dir.filePath(u"run-data/logs/engine.log"_s));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("engine stopped cleanly"));
    }

    void runExitsWhenTheListenerCannotStart() {
        // Another program holds the port: the engine must not run on, unreachable.
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        const QByteArray listen = "127.0.0.1:" + QByteArray::number(squatter.serverPort());
        const QString ws =
            write(u"busy.json"_s, "{\"version\":1,\"webhooks\":{\"listen\":\"" + listen +
                                      "\"},\"secrets\":{\"store\":\"encrypted-db\",\"keyEnv\":"
                                      "\"BK_TEST_MASTER_KEY\"}}");
        qputenv("BK_TEST_MASTER_KEY", QByteArray(32, 'k').toBase64());
        const auto r =
            run({u"run"_s, u"--workspace"_s, ws, u"--data-dir"_s, m_dir.filePath(u"busy-data"_s)});
        qunsetenv("BK_TEST_MASTER_KEY");
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"webhook listener did not start"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(QString::fromLatin1(listen)), qPrintable(r.err));
    }

    void newerStoreExit3() {
        const QString db = m_dir.filePath(u"newer.db"_s);
        const QString ws =
            write(u"newer.json"_s, QByteArray(R"({"version":1,"store":"sqlite:newer.db"})"));
        QCOMPARE(
            run({u"status"_s, u"--workspace"_s, ws, u"--data-dir"_s, m_dir.filePath(u"data"_s)})
                .code,
            0);
        {
            // Raise the stored core schema version as a future build would.
            QSqlDatabase raw = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"bump"_s);
            raw.setDatabaseName(db);
            QVERIFY(raw.open());
            QVERIFY(
                QSqlQuery(raw).exec(u"UPDATE bk_schema SET version = 99 WHERE module = 'core'"_s));
            raw.close();
        }
        QSqlDatabase::removeDatabase(u"bump"_s);
        auto r =
            run({u"status"_s, u"--workspace"_s, ws, u"--data-dir"_s, m_dir.filePath(u"data"_s)});
        QCOMPARE(r.code, 3);
        QVERIFY2(r.err.contains(u"newer Bridgekeeper"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestEngineCli)
#include "TestEngineCli.moc"
