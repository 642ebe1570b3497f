#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace bk::store {

/// One numbered step of a module's schema. Statements are portable SQL with dialect
/// tokens (see Dialect::translate): {{pk}}, {{bigint}}, {{blob}}, {{text}}, {{real}}.
struct Migration {
    int version = 0;
    QString name;
    QStringList statements;
};

/// The ordered migrations of one module ("core", "deadletters", "webhooks", …). Each module
/// owns its tables and its version counter, so modules evolve their schema independently.
struct MigrationSet {
    QString module;
    QList<Migration> steps;
    int latestVersion() const { return steps.isEmpty() ? 0 : steps.last().version; }
};

/// The store's own tables: schema bookkeeping, settings, the engine event log.
MigrationSet coreMigrations();

} // namespace bk::store
