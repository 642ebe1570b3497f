#include "HttpMigrations.h"

using namespace Qt::StringLiterals;

namespace bk::http {

store::MigrationSet httpMigrations() {
    store::MigrationSet set;
    set.module = u"http"_s;
    set.steps.push_back(
        {1,
         u"rate-limit ledger and outbox"_s,
         {
             u"CREATE TABLE http_ledger (scope_key {{text}} PRIMARY KEY, kind {{text}} NOT NULL, "
             u"window_start {{bigint}} NOT NULL DEFAULT 0, used {{real}} NOT NULL DEFAULT 0, "
             u"updated_ms {{bigint}} NOT NULL DEFAULT 0, blocked_until {{bigint}} NOT NULL "
             u"DEFAULT 0, server_reset_ms {{bigint}} NOT NULL DEFAULT 0, from_server {{bigint}} "
             u"NOT NULL DEFAULT 0)"_s,
             u"CREATE TABLE http_ledger_events (id {{pk}}, scope_key {{text}} NOT NULL, "
             u"time_ms {{bigint}} NOT NULL, amount {{real}} NOT NULL)"_s,
             u"CREATE INDEX http_ledger_events_key ON http_ledger_events (scope_key, time_ms)"_s,
             u"CREATE TABLE http_outbox (id {{pk}}, connector {{text}} NOT NULL, "
             u"request {{text}} NOT NULL, attempts {{text}} NOT NULL, first_attempt_ms {{bigint}} "
             u"NOT NULL DEFAULT 0, next_attempt_ms {{bigint}} NOT NULL DEFAULT 0, "
             u"owner {{text}} NOT NULL, lease_until {{bigint}} NOT NULL DEFAULT 0, "
             u"created_ms {{bigint}} NOT NULL)"_s,
             u"CREATE INDEX http_outbox_connector ON http_outbox (connector, id)"_s,
         }});
    set.steps.push_back(
        {2,
         u"outbox takeover index"_s,
         {
             // Running engines look for entries whose owner's lease ended, every sweep.
             u"CREATE INDEX http_outbox_lease ON http_outbox (connector, lease_until)"_s,
         }});
    return set;
}

} // namespace bk::http
