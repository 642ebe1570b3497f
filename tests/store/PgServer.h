#pragma once

// The PostgreSQL server started by scripts/run-tests.sh, for tests that disturb it: an admin
// connection (terminate a backend, look at pg_stat_activity) and pg_ctl stop/start/restart.
// A test that uses them must be RUN_SERIAL and leave the server running.

#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>
#include <QtGlobal>

namespace bk::test {

struct PgServer {
    static bool available() { return !qEnvironmentVariableIsEmpty("BK_TEST_PGHOST"); }
    static bool restartable() {
        return available() && !qEnvironmentVariableIsEmpty("BK_TEST_PGBIN") &&
               !qEnvironmentVariableIsEmpty("BK_TEST_PGDATA") &&
               !qEnvironmentVariableIsEmpty("BK_TEST_PGOPTS");
    }

    /// Runs sql on a fresh admin connection to database db; the first column of the first
    /// row, or an invalid QVariant (and a warning) on failure.
    static QVariant query(const QString& sql, const QString& db = QStringLiteral("postgres")) {
        const QString name = QStringLiteral("pg-admin");
        QVariant out;
        {
            QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
            admin.setHostName(qEnvironmentVariable("BK_TEST_PGHOST"));
            admin.setPort(qEnvironmentVariableIntValue("BK_TEST_PGPORT"));
            admin.setUserName(qEnvironmentVariable("BK_TEST_PGUSER"));
            admin.setDatabaseName(db);
            if (admin.open()) {
                QSqlQuery q(admin);
                if (!q.exec(sql))
                    qWarning("admin query failed: %s", qPrintable(q.lastError().text()));
                else if (q.next())
                    out = q.value(0);
                else
                    out = QVariant(true);
            } else {
                qWarning("admin connection failed: %s", qPrintable(admin.lastError().text()));
            }
            admin.close();
        }
        QSqlDatabase::removeDatabase(name);
        return out;
    }

    /// Terminates backend pid and waits until it is gone.
    static bool terminate(qint64 pid) {
        if (!query(QStringLiteral("SELECT pg_terminate_backend(%1)").arg(pid)).toBool())
            return false;
        for (int i = 0; i < 500; ++i) {
            if (query(
                    QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = %1").arg(pid))
                    .toInt() == 0)
                return true;
            QThread::msleep(10);
        }
        return false;
    }

    /// pg_ctl restart -m fast -w (as BK_TEST_PGRUNAS when set); the server keeps its options.
    static bool restart(QString* output = nullptr) {
        return pgCtl({QStringLiteral("restart"), QStringLiteral("-m"), QStringLiteral("fast")},
                     output);
    }
    /// pg_ctl stop -m fast -w: every connection is terminated, new ones are refused.
    static bool stop(QString* output = nullptr) {
        return pgCtl({QStringLiteral("stop"), QStringLiteral("-m"), QStringLiteral("fast")},
                     output);
    }
    /// pg_ctl start -w with the options run-tests.sh started it with (BK_TEST_PGOPTS).
    static bool start(QString* output = nullptr) {
        return pgCtl(
            {QStringLiteral("start"), QStringLiteral("-o"), qEnvironmentVariable("BK_TEST_PGOPTS")},
            output);
    }

    static bool pgCtl(QStringList args, QString* output) {
        const QString pgCtl = qEnvironmentVariable("BK_TEST_PGBIN") + QStringLiteral("/pg_ctl");
        args << QStringLiteral("-w") << QStringLiteral("-D")
             << qEnvironmentVariable("BK_TEST_PGDATA");
        if (!qEnvironmentVariableIsEmpty("BK_TEST_PGLOG") && args.first() != QStringLiteral("stop"))
            args << QStringLiteral("-l") << qEnvironmentVariable("BK_TEST_PGLOG");
        QProcess p;
        p.setWorkingDirectory(QDir::tempPath()); // readable by the server's user
        p.setProcessChannelMode(QProcess::MergedChannels);
        if (const QString user = qEnvironmentVariable("BK_TEST_PGRUNAS"); !user.isEmpty())
            p.start(QStringLiteral("runuser"),
                    QStringList{QStringLiteral("-u"), user, QStringLiteral("--"), pgCtl} + args);
        else
            p.start(pgCtl, args);
        const bool ok = p.waitForFinished(60'000) && p.exitStatus() == QProcess::NormalExit &&
                        p.exitCode() == 0;
        if (output)
            *output = QString::fromLocal8Bit(p.readAll());
        return ok;
    }

    /// Whether the server answers (for the tests that run after a restart).
    static bool up() { return query(QStringLiteral("SELECT 1")).toInt() == 1; }
};

} // namespace bk::test
