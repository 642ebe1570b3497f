#pragma once

#include "SandboxState.h"

namespace bk::sandbox {

// Each vendor's handlers; called with SandboxState::mutex held. `sub` is the path below the
// vendor prefix, e.g. "/api/oauth2/token".
Response exactToken(SandboxState& s, const Request& request);
Response exactApi(SandboxState& s, const Request& request, const QString& sub, QString& clientId);
Response pipedriveToken(SandboxState& s, const Request& request);
Response pipedriveApi(SandboxState& s, const Request& request, const QString& sub,
                      QString& clientId);
Response shopifyToken(SandboxState& s, const Request& request);
Response shopifyApi(SandboxState& s, const Request& request, const QString& sub, QString& clientId);
/// POST /admin/api/{ver}/graphql.json for an authenticated app (see ShopifyGraphQl.cpp).
Response shopifyGraphQl(SandboxState& s, const Request& request, const QString& clientId);
Response statusPage(SandboxState& s, Vendor vendor, const QString& sub);
Response adminApi(SandboxState& s, const Request& request, const QString& sub);

/// The refusal a vendor sends when its rate limit trips (also used by 429 storms).
Response exactRateLimited(SandboxState& s, bool daily);
Response pipedriveRateLimited();
Response shopifyRateLimited(SandboxState& s);

QString faultKindName(Fault::Kind kind);

/// Generates every vendor's seeded data set.
void generateData(SandboxState& s);

/// Writes a record's vendor-visible time fields (and Exact Timestamp) from its times.
void stampRecord(SandboxState& s, Vendor vendor, Record& record);

/// Renders dates the way each vendor does.
QString exactDate(qint64 ms);   ///< "/Date(1767225600000)/"
QString rfc3339(qint64 ms);     ///< "2026-01-01T00:00:00Z"
QString shopifyDate(qint64 ms); ///< "2026-01-01T01:00:00+01:00"

} // namespace bk::sandbox
