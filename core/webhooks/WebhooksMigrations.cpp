#include "WebhooksMigrations.h"

using namespace Qt::StringLiterals;

namespace bk::webhooks {

store::MigrationSet webhooksMigrations() {
    return {u"webhooks"_s,
            {{1,
              u"inbox, seen keys, lag series"_s,
              {u"CREATE TABLE webhooks_inbox ("
               "id {{pk}}, connector_id {{text}} NOT NULL, dedup_key {{text}} NOT NULL, "
               "event_id {{text}}, payload_hash {{text}} NOT NULL, topic {{text}}, "
               "record_key {{text}} NOT NULL, headers {{text}}, body {{blob}} NOT NULL, "
               "occurred_ms {{bigint}}, received_ms {{bigint}} NOT NULL, "
               "state INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0, "
               "next_attempt_ms {{bigint}} NOT NULL DEFAULT 0, claim_owner {{text}}, "
               "claim_until_ms {{bigint}}, processed_ms {{bigint}}, last_error {{text}})"_s,
               u"CREATE INDEX webhooks_inbox_state ON webhooks_inbox (state, id)"_s,
               u"CREATE INDEX webhooks_inbox_key ON webhooks_inbox (record_key, state, id)"_s,
               u"CREATE INDEX webhooks_inbox_processed ON webhooks_inbox (connector_id, "
               "processed_ms)"_s,
               u"CREATE TABLE webhooks_seen (dedup_key {{text}} PRIMARY KEY, "
               "connector_id {{text}} NOT NULL, first_seen_ms {{bigint}} NOT NULL, "
               "duplicates INTEGER NOT NULL DEFAULT 0)"_s,
               u"CREATE INDEX webhooks_seen_time ON webhooks_seen (first_seen_ms)"_s,
               u"CREATE TABLE webhooks_lag (connector_id {{text}} NOT NULL, "
               "minute_ms {{bigint}} NOT NULL, p50_ms {{real}} NOT NULL, "
               "p95_ms {{real}} NOT NULL, backlog INTEGER NOT NULL, "
               "PRIMARY KEY (connector_id, minute_ms))"_s}}}};
}

} // namespace bk::webhooks
