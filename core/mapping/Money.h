#pragma once

#include "Result.h"

#include <QJsonValue>
#include <QString>

namespace bk::mapping {

/// An amount as integer minor units of an ISO 4217 currency: EUR 12.50 is {1250, "EUR"},
/// JPY 1250 is {1250, "JPY"}, KWD 1.250 is {1250, "KWD"}. No floating point is involved.
struct Money {
    qint64 minor = 0;
    QString currency;

    bool operator==(const Money&) const = default;
    /// {"minor": 1250, "currency": "EUR"}: the form a Money takes inside a transform chain.
    QJsonValue toJson() const;
    /// The inverse of toJson(); an error when v is not that shape or the currency is unknown.
    static Result<Money> fromJson(const QJsonValue& v);
};

/// Which character separates the fraction in a source's amounts.
enum class DecimalMark {
    Auto,  ///< decide per value; "1.234" and "1,234" (one separator, three digits) are ambiguous
    Point, ///< "1,234.56", "1234.56", Shopify decimal strings
    Comma, ///< "1.234,56", "€ 12,50"
};

struct MoneyParseOptions {
    QString currency; ///< ISO 4217 code; empty = take it from the text ("EUR 12", "€ 12")
    DecimalMark mark = DecimalMark::Auto;
    bool minorUnits = false; ///< the source already carries integer minor units (1250 = 12.50)
};

/// Parses an amount from text ("€ 1.234,56", "-12.5", "(12.50)", "1 234,56 EUR") or a JSON
/// number. Overflow, unknown currencies, a currency in the text that contradicts the declared
/// one, more decimals than the currency allows (unless they are zeros), mixed digit scripts
/// and ambiguous separators are errors. JSON numbers with a fraction are read through their
/// shortest decimal form, which is the text the sender wrote for up to 15 significant digits.
Result<Money> parseMoney(const QJsonValue& value, const MoneyParseOptions& options);
Result<Money> parseMoneyText(QStringView text, const MoneyParseOptions& options);

/// The plain decimal string with exactly the currency's exponent: "1234.56", "-0.05", "1250"
/// for JPY, "1.250" for KWD. This is Shopify's money format.
QString formatDecimal(const Money& money);

/// A JSON number for destinations whose wire format is a number (Exact's Edm.Double). The
/// conversion to double happens only here, and only when the amount has at most 15
/// significant digits, so the serialised JSON text equals formatDecimal() numerically.
Result<QJsonValue> toJsonNumber(const Money& money);

} // namespace bk::mapping
