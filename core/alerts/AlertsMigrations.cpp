#include "AlertsMigrations.h"

using namespace Qt::StringLiterals;

namespace bk::alerts {

store::MigrationSet alertsMigrations() {
    store::MigrationSet set;
    set.module = u"alerts"_s;
    set.steps.push_back(
        {1,
         u"incidents and history"_s,
         {
             u"CREATE TABLE alerts_incidents (incident {{text}} PRIMARY KEY, connector {{text}}, "
             u"severity {{text}} NOT NULL, title {{text}} NOT NULL, message {{text}} NOT NULL, "
             u"first_ms {{bigint}} NOT NULL, last_sent_ms {{bigint}} NOT NULL, "
             u"repeats INTEGER NOT NULL DEFAULT 0)"_s,
             u"CREATE TABLE alerts_history (id {{pk}}, time_ms {{bigint}} NOT NULL, "
             u"incident {{text}} NOT NULL, connector {{text}}, severity {{text}} NOT NULL, "
             u"kind {{text}} NOT NULL, title {{text}} NOT NULL, message {{text}} NOT NULL)"_s,
             u"CREATE INDEX alerts_history_time ON alerts_history (time_ms)"_s,
         }});
    return set;
}

} // namespace bk::alerts
