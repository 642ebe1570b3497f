#pragma once

#include "store/Migration.h"

namespace bk::fleet {

/// The fleet module's tables: fleet_engines (who shares the store) and fleet_leases.
store::MigrationSet fleetMigrations();

} // namespace bk::fleet
