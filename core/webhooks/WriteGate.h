#pragma once

#include <mutex>

namespace bk::store {
class Database;
}

namespace bk::webhooks {

/// One mutex per store, shared by the webhooks writers of this process (inbox writer,
/// processor). SQLite lets one writer in at a time; two connections of one process that
/// collide fall into SQLite's busy handler, which sleeps up to 100 ms — a queue on a mutex
/// hands the lock over at once instead. Other processes still meet at SQLite's lock.
/// On PostgreSQL every thread gets a mutex of its own (no gate).
std::mutex& writeGate(const store::Database* db);

} // namespace bk::webhooks
