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
    set.steps.push_back(
        {2,
         u"command channel: connector controls and flow commands"_s,
         {
             u"CREATE TABLE fleet_controls (connector_id {{text}} PRIMARY KEY, paused {{bigint}} "
             u"NOT NULL DEFAULT 0, breaker_override {{text}} NOT NULL DEFAULT '', updated_ms "
             u"{{bigint}} NOT NULL DEFAULT 0, updated_by {{text}} NOT NULL DEFAULT '')"_s,
             u"CREATE TABLE fleet_commands (id {{pk}}, kind {{text}} NOT NULL, flow_id {{text}} "
             u"NOT NULL DEFAULT '', source_id {{text}} NOT NULL DEFAULT '', issued_by {{text}} "
             u"NOT NULL DEFAULT '', issued_ms {{bigint}} NOT NULL DEFAULT 0, claimed_by {{text}} "
             u"NOT NULL DEFAULT '', claimed_ms {{bigint}} NOT NULL DEFAULT 0, finished_ms "
             u"{{bigint}} NOT NULL DEFAULT 0, outcome {{text}} NOT NULL DEFAULT '', detail "
             u"{{text}} NOT NULL DEFAULT '', message {{text}} NOT NULL DEFAULT '')"_s,
             u"CREATE INDEX fleet_commands_open ON fleet_commands (finished_ms, claimed_by)"_s,
         }});
    set.steps.push_back(
        {3,
         u"last run of each flow across the fleet"_s,
         {
             u"CREATE TABLE fleet_flow_runs (flow_id {{text}} PRIMARY KEY, engine_id {{text}} "
             u"NOT NULL DEFAULT '', started_ms {{bigint}} NOT NULL DEFAULT 0, finished_ms "
             u"{{bigint}} NOT NULL DEFAULT 0, ok {{bigint}} NOT NULL DEFAULT 1)"_s,
         }});
    return set;
}

} // namespace bk::fleet
