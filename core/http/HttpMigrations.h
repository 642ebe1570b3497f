#pragma once

#include "store/Migration.h"

namespace bk::http {

/// Tables of the request pipeline: the shared rate-limit ledger and the outbox of
/// operations not yet finished (so a crash never loses one).
store::MigrationSet httpMigrations();

} // namespace bk::http
