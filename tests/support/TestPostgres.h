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

/// Where a PostgreSQL server listens and who is its admin user.
struct PgAddress {
    QString host;
    int port = 0;
    QString user;
    bool valid() const { return !host.isEmpty() && port > 0; }

    /// The server of scripts/run-tests.sh (BK_TEST_PGHOST/PORT/USER); invalid without it.
    static PgAddress fromEnvironment() {
        return {qEnvironmentVariable("BK_TEST_PGHOST"),
                qEnvironmentVariableIntValue("BK_TEST_PGPORT"),
                qEnvironmentVariable("BK_TEST_PGUSER", QStringLiteral("postgres"))};
    }
};

/// Runs sql as server's admin user on database db; false on failure, with the reason in
/// *why when given, else as a warning.
inline bool pgAdminExec(const PgAddress& server, const QString& sql,
                        const QString& db = QStringLiteral("postgres"), QString* why = nullptr) {
    const QString name =
        QStringLiteral("bk-test-pg-admin-%1").arg(QRandomGenerator::global()->generate());
    bool ok = false;
    QString error;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        admin.setHostName(server.host);
        admin.setPort(server.port);
        admin.setUserName(server.user);
        admin.setDatabaseName(db);
        ok = admin.open();
        if (!ok) {
            error =
                QStringLiteral("PostgreSQL admin connection failed: ") + admin.lastError().text();
        } else {
            QSqlQuery q(admin);
            ok = q.exec(sql);
            if (!ok)
                error =
                    QStringLiteral("PostgreSQL admin statement failed: ") + q.lastError().text();
        }
        admin.close();
    }
    QSqlDatabase::removeDatabase(name);
    if (!ok) {
        if (why)
            *why = error;
        else
            qWarning().noquote() << error;
    }
    return ok;
}

/// The same on the server of scripts/run-tests.sh.
inline bool pgAdminExec(const QString& sql, const QString& db = QStringLiteral("postgres")) {
    return pgAdminExec(PgAddress::fromEnvironment(), sql, db);
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
