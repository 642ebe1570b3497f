#pragma once

#include "Workspace.h"

#include <QString>
#include <QStringList>

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

private:
    Kind m_kind;
};

} // namespace bk::store
