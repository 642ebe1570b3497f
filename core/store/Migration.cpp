#include "Migration.h"

using namespace Qt::StringLiterals;

namespace bk::store {

MigrationSet coreMigrations() {
    MigrationSet set;
    set.module = u"core"_s;
    set.steps.push_back(
        {1,
         u"settings and event log"_s,
         {
             u"CREATE TABLE bk_settings (key {{text}} PRIMARY KEY, value {{text}} NOT NULL)"_s,
             u"CREATE TABLE bk_events (id {{pk}}, time_ms {{bigint}} NOT NULL, "
             u"connector {{text}}, kind {{text}} NOT NULL, severity {{text}} NOT NULL, "
             u"message {{text}} NOT NULL, data {{text}})"_s,
             u"CREATE INDEX bk_events_time ON bk_events (time_ms)"_s,
             u"CREATE INDEX bk_events_connector ON bk_events (connector, time_ms)"_s,
         }});
    return set;
}

} // namespace bk::store
