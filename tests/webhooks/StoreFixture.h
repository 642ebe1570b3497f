#pragma once

#include "store/Database.h"
#include "webhooks/WebhooksMigrations.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

/// Opens a fresh webhooks store on SQLite (a file in dir) or on the PostgreSQL server that
/// scripts/run-tests.sh provides (a new database). postgres without a server: null + skip.
inline std::shared_ptr<bk::store::Database>
openWebhooksStore(const QString& backend, const QTemporaryDir& dir, QString* skip) {
    using namespace Qt::StringLiterals;
    bk::StoreConfig c;
    if (backend == u"sqlite"_s) {
        c.kind = bk::StoreConfig::Kind::Sqlite;
        c.sqlitePath = dir.filePath(u"wh-%1.db"_s.arg(QRandomGenerator::global()->generate()));
        c.url = u"sqlite:"_s + c.sqlitePath;
    } else {
        if (qEnvironmentVariableIsEmpty("BK_TEST_PGHOST")) {
            *skip = u"no PostgreSQL server (run through scripts/run-tests.sh)"_s;
            return {};
        }
        c.kind = bk::StoreConfig::Kind::Postgres;
        c.host = qEnvironmentVariable("BK_TEST_PGHOST");
        c.port = qEnvironmentVariableIntValue("BK_TEST_PGPORT");
        c.user = qEnvironmentVariable("BK_TEST_PGUSER");
        c.database = u"bk_wh_%1"_s.arg(QRandomGenerator::global()->generate());
        {
            QSqlDatabase admin = QSqlDatabase::addDatabase(u"QPSQL"_s, u"wh-pg-admin"_s);
            admin.setHostName(c.host);
            admin.setPort(c.port);
            admin.setUserName(c.user);
            admin.setDatabaseName(u"postgres"_s);
            const bool ok =
                admin.open() && QSqlQuery(admin).exec(u"CREATE DATABASE "_s + c.database);
            admin.close();
            admin = QSqlDatabase();
            QSqlDatabase::removeDatabase(u"wh-pg-admin"_s);
            if (!ok) {
                *skip = u"cannot create a PostgreSQL database"_s;
                return {};
            }
        }
    }
    auto db = bk::store::Database::open(c, {bk::webhooks::webhooksMigrations()});
    if (!db) {
        *skip = u"FAIL: "_s + db.error().message;
        return {};
    }
    return *db;
}

#define OPEN_STORE(backend, dir, var)                                                              \
    QString var##Skip;                                                                             \
    auto var = openWebhooksStore(backend, dir, &var##Skip);                                        \
    if (!var) {                                                                                    \
        if (var##Skip.startsWith(u"FAIL"_s))                                                       \
            QFAIL(qPrintable(var##Skip));                                                          \
        QSKIP(qPrintable(var##Skip));                                                              \
    }
