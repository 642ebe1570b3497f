#pragma once

#include "store/Migration.h"

namespace bk::auth {

/// Schema of the auth module: encrypted secrets (encrypted-db store), per-connection token
/// metadata with the refresh lease and the write-ahead "refresh in flight" marker, and the
/// token-endpoint call log used for vendor quotas. Never holds a secret in clear.
store::MigrationSet authMigrations();

} // namespace bk::auth
