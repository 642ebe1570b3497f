#pragma once

#include "store/Database.h"
#include "support/TestPostgres.h"
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
        if (!bk::test::hasPostgres()) {
            *skip = QString::fromLatin1(bk::test::noPostgresReason());
            return {};
        }
        auto pg = bk::test::freshPostgresStore(u"bk_wh_"_s);
        if (!pg) {
            *skip = u"cannot create a PostgreSQL database"_s;
            return {};
        }
        c = *pg;
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
