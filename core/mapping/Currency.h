#pragma once

#include <QString>
#include <QStringList>

namespace bk::mapping {

/// ISO 4217: the active currency codes and their minor-unit exponents (EUR 2, JPY 0,
/// KWD 3, CLF 4). Codes without a minor unit (XAU, XDR, XXX …) are not currencies here.
namespace currency {

/// The exponent of code (upper-case, three letters), or -1 when code is not an active
/// ISO 4217 currency.
int exponent(QStringView code);

/// True when code is an active ISO 4217 currency code (exact upper-case match).
inline bool isKnown(QStringView code) {
    return exponent(code) >= 0;
}

/// Every active code, sorted.
QStringList codes();

} // namespace currency
} // namespace bk::mapping
