#pragma once

#include "Result.h"

#include <QString>

namespace bk::mapping {

/// A phone number in E.164 with its extension kept apart.
struct Phone {
    QString e164;      ///< "+31612345678"
    QString extension; ///< "12" or empty
    QString region;    ///< ISO 3166-1 alpha-2 region the number belongs to ("NL")

    bool operator==(const Phone&) const = default;
    /// "+31201234567" or, with an extension, "+31201234567;ext=12" (RFC 3966 notation),
    /// the form a phone takes inside a transform chain.
    QString toString() const;
};

namespace phone {

/// Parses text with libphonenumber. A number without a leading + or 00 is read in
/// defaultRegion (e.g. "NL"). Invalid numbers are errors whose message says why
/// (too short, too long, unknown country code, no such number range, …).
Result<Phone> normalise(QStringView text, QStringView defaultRegion);

/// True when region is a region libphonenumber knows ("NL", "BE", "US", …).
bool isSupportedRegion(QStringView region);

} // namespace phone
} // namespace bk::mapping
