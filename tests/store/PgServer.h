#pragma once

// The PostgreSQL server started by scripts/run-tests.sh, for tests that disturb it: an admin
// connection (terminate a backend, look at pg_stat_activity) and a restart through pg_ctl.

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
               !qEnvironmentVariableIsEmpty("BK_TEST_PGDATA");
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
        const QString pgCtl = qEnvironmentVariable("BK_TEST_PGBIN") + QStringLiteral("/pg_ctl");
        QStringList args{QStringLiteral("restart"), QStringLiteral("-m"),
                         QStringLiteral("fast"),    QStringLiteral("-w"),
                         QStringLiteral("-D"),      qEnvironmentVariable("BK_TEST_PGDATA")};
        if (!qEnvironmentVariableIsEmpty("BK_TEST_PGLOG"))
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
