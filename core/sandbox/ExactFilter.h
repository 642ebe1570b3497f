#pragma once

#include "SandboxState.h"

namespace bk::sandbox {

/// The subset of OData v2 `$filter` that Exact integrations use: `Field op literal`
/// clauses (eq ne gt ge lt le) joined by `and` / `or` (and binds tighter), with the
/// literals datetime'…', guid'…', 123L, numbers and 'strings'.
class ExactFilter {
public:
    static std::optional<ExactFilter> parse(const QString& text);
    bool matches(const Record& record) const;
    bool isEmpty() const { return m_any.isEmpty(); }

private:
    struct Clause {
        QString field;
        QString op;
        QVariant value; ///< qint64 for datetime (ms), Timestamp and numbers; QString otherwise
        bool isTime = false;
    };
    QList<QList<Clause>> m_any; ///< OR of AND-chains
    static bool test(const Clause& clause, const Record& record);
};

} // namespace bk::sandbox
