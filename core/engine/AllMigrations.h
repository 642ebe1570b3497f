#pragma once

#include "store/Migration.h"

#include <QList>

namespace bk {

/// Every module's migration set, bottom-up: what a store must hold for this build.
QList<store::MigrationSet> allMigrations();

} // namespace bk
