#pragma once

#include "fleet/FleetMigrations.h"
#include "store/Database.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

// Fresh fleet stores for the tests: a SQLite file in a temporary directory, or a new database
// on the PostgreSQL server that scripts/run-tests.sh started (BK_TEST_PGHOST/PORT/USER).
namespace bk::fleet::test {

inline bool hasPostgres() {
    return !qEnvironmentVariableIsEmpty("BK_TEST_PGHOST");
}

inline bool pgAdminExec(const QString& sql) {
    const QString name = QStringLiteral("fleet-pg-admin");
    bool ok = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        admin.setHostName(qEnvironmentVariable("BK_TEST_PGHOST"));
        admin.setPort(qEnvironmentVariableIntValue("BK_TEST_PGPORT"));
        admin.setUserName(qEnvironmentVariable("BK_TEST_PGUSER"));
        admin.setDatabaseName(QStringLiteral("postgres"));
        ok = admin.open();
        if (ok) {
            QSqlQuery q(admin);
            ok = q.exec(sql);
            if (!ok)
                qWarning() << q.lastError().text();
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

/// A store config for a brand-new database of the given backend ("sqlite" or "postgres").
inline StoreConfig freshStore(const QString& backend, const QTemporaryDir& dir) {
    StoreConfig config;
    const QString suffix = QString::number(QRandomGenerator::global()->generate());
    if (backend == QStringLiteral("postgres")) {
        const QString name = QStringLiteral("bk_fleet_") + suffix;
        if (!pgAdminExec(QStringLiteral("CREATE DATABASE ") + name))
            return config;
        config.kind = StoreConfig::Kind::Postgres;
        config.host = qEnvironmentVariable("BK_TEST_PGHOST");
        config.port = qEnvironmentVariableIntValue("BK_TEST_PGPORT");
        config.user = qEnvironmentVariable("BK_TEST_PGUSER");
        config.database = name;
    } else {
        config.kind = StoreConfig::Kind::Sqlite;
        config.sqlitePath = dir.filePath(QStringLiteral("fleet-") + suffix + QStringLiteral(".db"));
    }
    return config;
}

} // namespace bk::fleet::test
