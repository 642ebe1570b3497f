#include "AuthMigrations.h"

using namespace Qt::StringLiterals;

namespace bk::auth {

store::MigrationSet authMigrations() {
    store::MigrationSet set;
    set.module = u"auth"_s;
    set.steps.push_back(
        {1,
         u"secrets, connection token state, token-endpoint calls"_s,
         {
             u"CREATE TABLE auth_secrets (name {{text}} PRIMARY KEY, nonce {{blob}} NOT NULL, "
             u"ciphertext {{blob}} NOT NULL, updated_ms {{bigint}} NOT NULL)"_s,
             u"CREATE TABLE auth_connections (connector {{text}} PRIMARY KEY, "
             u"generation {{bigint}} NOT NULL DEFAULT 0, state {{text}} NOT NULL DEFAULT 'none', "
             u"state_reason {{text}}, access_expires_ms {{bigint}} NOT NULL DEFAULT 0, "
             u"refresh_expires_ms {{bigint}} NOT NULL DEFAULT 0, "
             u"obtained_ms {{bigint}} NOT NULL DEFAULT 0, "
             u"last_refresh_ms {{bigint}} NOT NULL DEFAULT 0, "
             u"last_refresh_ok INTEGER NOT NULL DEFAULT 1, last_refresh_message {{text}}, "
             u"in_flight {{text}}, in_flight_ms {{bigint}} NOT NULL DEFAULT 0, "
             u"lease_holder {{text}}, lease_expires_ms {{bigint}} NOT NULL DEFAULT 0)"_s,
             u"CREATE TABLE auth_token_calls (id {{pk}}, connector {{text}} NOT NULL, "
             u"time_ms {{bigint}} NOT NULL, ok INTEGER NOT NULL)"_s,
             u"CREATE INDEX auth_token_calls_connector ON auth_token_calls (connector, time_ms)"_s,
         }});
    return set;
}

} // namespace bk::auth
