#include "engine/AllMigrations.h"

#include "alerts/AlertsMigrations.h"
#include "auth/AuthMigrations.h"
#include "deadletters/DeadLetterStore.h"
#include "engine/SnapshotStore.h"
#include "fleet/FleetMigrations.h"
#include "http/HttpMigrations.h"
#include "sync/SyncStore.h"
#include "webhooks/WebhooksMigrations.h"

namespace bk {

QList<store::MigrationSet> allMigrations() {
    return {http::httpMigrations(),         auth::authMigrations(),
            alerts::alertsMigrations(),     deadletters::deadlettersMigrations(),
            webhooks::webhooksMigrations(), sync::syncMigrations(),
            SnapshotStore::migrations(),    fleet::fleetMigrations()};
}

} // namespace bk
