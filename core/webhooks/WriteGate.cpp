#include "WriteGate.h"

#include "store/Database.h"

#include <memory>

#include <QHash>

namespace bk::webhooks {

std::mutex& writeGate(const store::Database* db) {
    // PostgreSQL has no single write lock, so its writers need no queue (the engines of a
    // fleet write side by side anyway), and a writer waiting out a lost server must not hold
    // up the inbox, whose senders are owed a quick 503.
    if (!db->dialect().isSqlite()) {
        thread_local std::mutex own; // never contended; nobody takes the gate twice
        return own;
    }
    static std::mutex registry;
    static QHash<const store::Database*, std::shared_ptr<std::mutex>> gates;
    std::lock_guard lock(registry);
    auto& gate = gates[db];
    if (!gate)
        gate = std::make_shared<std::mutex>();
    return *gate; // gates live for the process; a store is opened a handful of times
}

} // namespace bk::webhooks
