#pragma once

#include "store/Migration.h"

namespace bk::webhooks {

/// The webhooks module's tables: webhooks_inbox (every accepted delivery and its processing
/// state), webhooks_seen (de-duplication keys within the retention window), webhooks_lag
/// (per-minute lag and backlog per connector for the console's chart).
store::MigrationSet webhooksMigrations();

} // namespace bk::webhooks
