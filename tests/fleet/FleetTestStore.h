#pragma once

#include "fleet/FleetMigrations.h"
#include "store/Database.h"
#include "support/TestPostgres.h"

#include <memory>

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

// Fresh fleet stores for the tests: a SQLite file in a temporary directory, or a new database
// on the PostgreSQL server that scripts/run-tests.sh started (BK_TEST_PGHOST/PORT/USER).
namespace bk::fleet::test {

using bk::test::hasPostgres;
using bk::test::pgAdminExec;

/// A store config for a brand-new database of the given backend ("sqlite" or "postgres").
inline StoreConfig freshStore(const QString& backend, const QTemporaryDir& dir) {
    StoreConfig config;
    const QString suffix = QString::number(QRandomGenerator::global()->generate());
    if (backend == QStringLiteral("postgres")) {
        if (auto pg = bk::test::freshPostgresStore(QStringLiteral("bk_fleet_")))
            config = *pg;
    } else {
        config.kind = StoreConfig::Kind::Sqlite;
        config.sqlitePath = dir.filePath(QStringLiteral("fleet-") + suffix + QStringLiteral(".db"));
    }
    return config;
}

/// The "backend" column of a data-driven case: every case runs on SQLite and on PostgreSQL.
inline void addBackendRows() {
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgres") << QStringLiteral("postgres");
}

/// A fresh fleet store for the current row's backend; nullptr when it cannot be opened (or
/// the row is PostgreSQL and no server was provided).
inline std::shared_ptr<store::Database> openFresh(const QTemporaryDir& dir) {
    QFETCH(QString, backend);
    if (backend == QStringLiteral("postgres") && !hasPostgres())
        return nullptr;
    auto db = store::Database::open(freshStore(backend, dir), {fleetMigrations()});
    if (!db) {
        qWarning() << db.error().message;
        return nullptr;
    }
    return *db;
}

} // namespace bk::fleet::test

/// Declares var as a fresh fleet store of the current row, or skips (PostgreSQL row without a
/// server) or fails the case.
#define OPEN_FLEET_STORE(var, dir)                                                                 \
    auto var = bk::fleet::test::openFresh(dir);                                                    \
    if (!var) {                                                                                    \
        QFETCH(QString, backend);                                                                  \
        if (backend == QStringLiteral("postgres") && !bk::fleet::test::hasPostgres())              \
            QSKIP("no PostgreSQL server (run through scripts/run-tests.sh)");                      \
        QFAIL("cannot open the store");                                                            \
    }
