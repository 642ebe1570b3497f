#pragma once

// Internal to the mapping module: how transform names map to factories.

#include "mapping/Transform.h"

#include <map>

namespace bk::mapping::detail {

/// "name:a,b=c" → positional {a}, named {b: c}; raw is everything after the first colon.
struct TransformArgs {
    QStringList positional;
    QHash<QString, QString> named;
    QString raw;

    /// An error naming the first named argument not in allowed, or too many positionals.
    Status check(const QStringList& allowed, int maxPositional) const;
};

using Factory = std::function<Result<Transform::Fn>(const TransformArgs&, const EnumTables&)>;
using Registry = std::map<QString, Factory>;

void registerText(Registry& r);
void registerCanonical(Registry& r);
void registerDestination(Registry& r);

/// Text of a scalar (string as is, integer numbers without exponent, booleans as words).
Result<QString> scalarText(const QJsonValue& v);

} // namespace bk::mapping::detail
