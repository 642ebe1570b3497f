#pragma once

#include "Result.h"

#include <QJsonValue>
#include <QString>

namespace bk::mapping {

namespace email {
/// Trims, lower-cases the domain (the local part keeps its case: it is the mailbox owner's),
/// and validates: one @, a non-empty local part without spaces, at most 64 + 254 characters,
/// a domain of at least two labels that converts to ASCII (IDNA) and whose labels do not mix
/// scripts (Latin "exаmple" with a Cyrillic а is refused as a look-alike).
Result<QString> normalise(QStringView text);
} // namespace email

namespace boolean {
/// true/false JSON values, 1/0, and the words true/false, yes/no, y/n, on/off,
/// ja/nee, j/n, waar/onwaar (any case). Anything else is an error.
Result<bool> parse(const QJsonValue& value);
} // namespace boolean

namespace company {
/// A company registration number for matching: a Dutch Chamber-of-Commerce (KvK) number is
/// 8 digits ("KvK 1234 5678" → "12345678"); other inputs keep letters and digits only,
/// upper-cased ("BE 0123.456.789" → "BE0123456789"). Empty or punctuation-only is an error.
Result<QString> normaliseNumber(QStringView text, QStringView country = u"NL");
/// A company name for matching: folded (case, accents, punctuation) with legal forms removed
/// ("Jansen & Zn. B.V." → "jansen zn").
QString matchName(QStringView name);
} // namespace company

} // namespace bk::mapping
