#pragma once

#include "fleet/FleetMigrations.h"
#include "store/Database.h"
#include "support/TestPostgres.h"

#include <QRandomGenerator>
#include <QTemporaryDir>

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

} // namespace bk::fleet::test
