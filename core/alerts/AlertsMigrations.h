#pragma once

#include "store/Migration.h"

namespace bk::alerts {

/// Tables of the alerts module: open incidents (for de-duplication across restarts) and
/// the history of every message sent.
store::MigrationSet alertsMigrations();

} // namespace bk::alerts
