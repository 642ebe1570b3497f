#include "WriteGate.h"

#include <memory>

#include <QHash>

namespace bk::webhooks {

std::mutex& writeGate(const store::Database* db) {
    static std::mutex registry;
    static QHash<const store::Database*, std::shared_ptr<std::mutex>> gates;
    std::lock_guard lock(registry);
    auto& gate = gates[db];
    if (!gate)
        gate = std::make_shared<std::mutex>();
    return *gate; // gates live for the process; a store is opened a handful of times
}

} // namespace bk::webhooks
