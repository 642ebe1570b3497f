#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>

namespace bk::mapping {

/// One reason a record cannot be sent: which destination field, an excerpt of the value,
/// the rule it broke and a sentence for the operator. The sync engine turns a record with
/// violations into a dead letter of class "invalid" (not retried automatically).
struct Violation {
    QString field;        ///< destination path: "Email", "SalesInvoiceLines[1].NetPrice"
    QString valueExcerpt; ///< at most 60 characters of the offending value, "" when absent
    QString rule;         ///< "required", "maxLength", "pattern", "phone", "money", "lookup", …
    QString message;      ///< "too short for NL", "longer than 50 characters", …

    bool operator==(const Violation&) const = default;
    /// "Email: pattern ^[^@\\s]+@… — \"jan@\" (does not match)".
    QString toString() const;
};

/// The first 60 characters of a value as text (JSON for arrays/objects), with "…" when cut.
QString excerpt(const QJsonValue& value);

} // namespace bk::mapping
