#pragma once

#include "Workspace.h"

#include <QString>
#include <QStringList>

class QSqlError;

namespace bk::store {

/// Everything that differs between SQLite and PostgreSQL lives here and nowhere else.
class Dialect {
public:
    enum class Kind { Sqlite, Postgres };
    explicit Dialect(Kind kind = Kind::Sqlite)
        : m_kind(kind) {}

    Kind kind() const { return m_kind; }
    bool isSqlite() const { return m_kind == Kind::Sqlite; }
    QString driverName() const;

    /// Replaces the portable tokens in sql with this dialect's types:
    /// {{pk}} auto-increment integer primary key, {{bigint}}, {{blob}}, {{text}}, {{real}}.
    QString translate(const QString& sql) const;

    /// Statements run on every new connection (SQLite pragmas; PostgreSQL settings).
    QStringList sessionSetup() const;
    /// Statement that opens a write transaction that will not deadlock on upgrade.
    QString beginWrite() const;
    /// Error text fragments that mean "busy, try again" rather than failure.
    bool isBusyError(const QString& nativeMessage) const;
    /// The connection to the server is gone (server restarted, backend terminated, network
    /// lost): the session and any open transaction are lost with it, so the connection must be
    /// reopened. Always false on SQLite, which has no server.
    bool isConnectionLost(const QSqlError& error) const;
    /// The same test on an error message that kept only the driver's text.
    bool isConnectionLostMessage(const QString& message) const;
    /// Statement that returns the current transaction's id, or NULL when it has written
    /// nothing (PostgreSQL only; asked right before COMMIT).
    QString transactionId() const;
    /// Statement with one bind (a transaction id) answering 'committed', 'aborted' or
    /// 'in progress' (PostgreSQL only; resolves a COMMIT whose answer was lost).
    QString transactionStatus() const;

private:
    Kind m_kind;
};

} // namespace bk::store
