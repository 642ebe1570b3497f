#pragma once

#include "Result.h"

#include <QJsonValue>
#include <QList>
#include <QString>

namespace bk::mapping {

/// A path into a source record, compiled once when a mapping document loads:
///   "customer.email"           nested fields
///   "line_items[0].sku"        an array element by index
///   "phones[primary].value"    the element whose "primary" is true (else the first element,
///                              as Pipedrive treats the first entry as primary)
///   "phones[label=work].value" the first element whose "label" equals "work"
///   "$.currency"               from the root record even inside an "each" block
/// A missing step yields an undefined value, which mapping treats as empty.
class SourcePath {
public:
    static Result<SourcePath> parse(const QString& text);

    /// Resolves against current (the record, or the array element inside "each") and root.
    QJsonValue resolve(const QJsonValue& current, const QJsonValue& root) const;
    const QString& text() const { return m_text; }
    bool isEmpty() const { return m_steps.isEmpty(); }

private:
    struct Step {
        enum class Kind { Field, Index, Primary, Filter } kind = Kind::Field;
        QString key;   ///< Field: name; Filter: the element field compared
        QString value; ///< Filter: the wanted value
        int index = 0;
    };
    QString m_text;
    bool m_fromRoot = false;
    QList<Step> m_steps;
};

} // namespace bk::mapping
