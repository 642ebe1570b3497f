#pragma once

#include "SandboxState.h"

namespace bk::sandbox {

using Headers = QList<QPair<QByteArray, QByteArray>>;

/// Counts one Exact call for (client, division); a refusal when a limit is spent, else the
/// six X-RateLimit headers in `headers`.
std::optional<Response> exactAdmit(SandboxState& s, const QString& key, Headers& headers);
/// The 10-errors-per-hour rule: a refusal while the key is blocked.
std::optional<Response> exactBlocked(SandboxState& s, const QString& errorKey);
void exactCountError(SandboxState& s, const QString& errorKey, int status);

/// Pipedrive's rolling 2-s burst per token and daily token budget per company.
std::optional<Response> pipedriveAdmit(SandboxState& s, const QString& token, int cost,
                                       Headers& headers);

/// Shopify's leaky bucket per shop.
std::optional<Response> shopifyAdmit(SandboxState& s, Headers& headers);

} // namespace bk::sandbox
