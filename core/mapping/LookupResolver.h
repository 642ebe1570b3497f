#pragma once

#include "Result.h"

#include <optional>

#include <QJsonValue>
#include <QString>

namespace bk::mapping {

/// A "lookup:Accounts.Email->ID" step: find the destination's Accounts record whose Email
/// equals key and return its ID.
struct LookupRequest {
    QString resource;    ///< destination resource, "Accounts"
    QString keyField;    ///< field compared with key, "Email"
    QJsonValue key;      ///< the value produced by the transforms before the lookup
    QString resultField; ///< field returned, "ID"
};

/// Resolves lookups against the destination. The mapping module does not talk to APIs: the
/// sync engine injects an implementation (typically a cache over the destination's records,
/// filled before a batch is mapped). Called synchronously on the mapping thread; an
/// implementation must not block on the network while holding the caller's thread for long.
class LookupResolver {
public:
    virtual ~LookupResolver() = default;
    /// The result field's value; std::nullopt when no record matches (the record then gets a
    /// "lookup" violation); an Error when the lookup itself failed (network, store): mapping
    /// stops with that error and the record is retried later, it is not invalid.
    virtual Result<std::optional<QJsonValue>> resolve(const LookupRequest& request) = 0;
};

} // namespace bk::mapping
