#include "engine/AllMigrations.h"

#include "engine/SnapshotStore.h"

namespace bk {

QList<store::MigrationSet> allMigrations() {
    return {SnapshotStore::migrations()};
}

} // namespace bk
