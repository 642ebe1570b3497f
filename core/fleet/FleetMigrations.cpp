#include "FleetMigrations.h"

using namespace Qt::StringLiterals;

namespace bk::fleet {

store::MigrationSet fleetMigrations() {
    store::MigrationSet set;
    set.module = u"fleet"_s;
    set.steps.push_back(
        {1,
         u"engine registry and leases"_s,
         {
             u"CREATE TABLE fleet_engines (engine_id {{text}} PRIMARY KEY, host {{text}} NOT NULL "
             u"DEFAULT '', pid {{bigint}} NOT NULL DEFAULT 0, version {{text}} NOT NULL DEFAULT "
             u"'', started_ms {{bigint}} NOT NULL DEFAULT 0, heartbeat_ms {{bigint}} NOT NULL "
             u"DEFAULT 0, stopped_ms {{bigint}} NOT NULL DEFAULT 0, listen {{text}} NOT NULL "
             u"DEFAULT '')"_s,
             u"CREATE TABLE fleet_leases (resource {{text}} PRIMARY KEY, kind {{text}} NOT NULL "
             u"DEFAULT '', holder {{text}} NOT NULL, acquired_ms {{bigint}} NOT NULL DEFAULT 0, "
             u"expires_ms {{bigint}} NOT NULL DEFAULT 0)"_s,
             u"CREATE INDEX fleet_leases_holder ON fleet_leases (holder)"_s,
         }});
    return set;
}

} // namespace bk::fleet
