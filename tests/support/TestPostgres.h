#pragma once

// The PostgreSQL server scripts/run-tests.sh starts for the tests (BK_TEST_PGHOST, _PGPORT,
// _PGUSER): whether it is there, admin statements, and brand-new databases on it.

#include "Workspace.h"

#include <optional>

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QString>
#include <QtDebug>

namespace bk::test {

inline bool hasPostgres() {
    return !qEnvironmentVariableIsEmpty("BK_TEST_PGHOST");
}

/// The reason a test gives when it skips its PostgreSQL cases.
inline const char* noPostgresReason() {
    return "no PostgreSQL server (run through scripts/run-tests.sh)";
}

/// Runs sql as the server's admin user on database db; false (and a warning) on failure.
inline bool pgAdminExec(const QString& sql, const QString& db = QStringLiteral("postgres")) {
    const QString name = QStringLiteral("bk-test-pg-admin");
    bool ok = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        admin.setHostName(qEnvironmentVariable("BK_TEST_PGHOST"));
        admin.setPort(qEnvironmentVariableIntValue("BK_TEST_PGPORT"));
        admin.setUserName(qEnvironmentVariable("BK_TEST_PGUSER"));
        admin.setDatabaseName(db);
        ok = admin.open();
        if (!ok) {
            qWarning() << "PostgreSQL admin connection failed:" << admin.lastError().text();
        } else {
            QSqlQuery q(admin);
            ok = q.exec(sql);
            if (!ok)
                qWarning() << "PostgreSQL admin statement failed:" << q.lastError().text();
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

/// A new, empty database named prefix + a random number on the test server; nullopt when
/// there is no server or it cannot be created (a warning says why).
inline std::optional<StoreConfig> freshPostgresStore(const QString& prefix) {
    if (!hasPostgres())
        return std::nullopt;
    StoreConfig c;
    c.kind = StoreConfig::Kind::Postgres;
    c.host = qEnvironmentVariable("BK_TEST_PGHOST");
    c.port = qEnvironmentVariableIntValue("BK_TEST_PGPORT");
    c.user = qEnvironmentVariable("BK_TEST_PGUSER");
    c.database = prefix + QString::number(QRandomGenerator::global()->generate());
    if (!pgAdminExec(QStringLiteral("CREATE DATABASE ") + c.database))
        return std::nullopt;
    return c;
}

} // namespace bk::test
