#pragma once

#include "Result.h"

#include <QString>

namespace bk::mapping::country {

/// ISO 3166-1 alpha-2 code for a country code or name: "NL", "nl", "NLD", "Netherlands",
/// "The Netherlands", "Nederland", "Holland", "Duitsland", "Germany", "Deutschland", "België".
/// English and Dutch names come from ICU's locale data; case, accents and punctuation are
/// ignored. Unknown names are errors.
Result<QString> toAlpha2(QStringView nameOrCode);

/// True for an assigned ISO 3166-1 alpha-2 code (upper-case).
bool isAlpha2(QStringView code);

/// The country's name in English ("en") or Dutch ("nl").
QString name(QStringView alpha2, QStringView language = u"en");

/// Lower-case, accents removed, punctuation turned into single spaces, trimmed:
/// "Côte d'Ivoire" → "cote d ivoire". Shared by name lookups and matching keys.
QString foldName(QStringView text);

} // namespace bk::mapping::country
