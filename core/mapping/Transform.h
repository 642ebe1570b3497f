#pragma once

#include "Result.h"
#include "mapping/DateTime.h"

#include <functional>

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace bk::mapping {

class LookupResolver;

/// What a transform step can see while it runs.
struct TransformContext {
    QJsonValue root;        ///< the whole source record
    QJsonValue current;     ///< the record, or the array element inside "each"
    QString defaultRegion;  ///< phone/address default region (flow > document)
    DateParseOptions dates; ///< the source's declared date order, formats and zone
    LookupResolver* resolver = nullptr;
};

/// Tables an "enum:NAME" step can use: NAME → (source value, case-insensitive → output).
/// A "*" entry is the output for values not in the table.
using EnumTables = QHash<QString, QHash<QString, QJsonValue>>;

/// One compiled step of a transform chain ("trim", "phone:BE", "money:currency=$.currency").
/// A step returns the new value or an Error: category Invalid means the record's data is
/// wrong (it becomes a Violation with rule = name()); any other category means the step could
/// not run (a lookup resolver failed) and mapping stops.
class Transform {
public:
    using Fn = std::function<Result<QJsonValue>(const QJsonValue&, const TransformContext&)>;

    Transform(QString spec, QString name, Fn fn)
        : m_spec(std::move(spec))
        , m_name(std::move(name))
        , m_fn(std::move(fn)) {}

    /// Parses and checks spec; the error message says what is wrong with it.
    static Result<Transform> compile(const QString& spec, const EnumTables& enums);
    /// Every transform name, for documentation and error messages.
    static QStringList names();

    Result<QJsonValue> apply(const QJsonValue& v, const TransformContext& c) const {
        return m_fn(v, c);
    }
    const QString& spec() const { return m_spec; }
    const QString& name() const { return m_name; }

private:
    QString m_spec;
    QString m_name;
    Fn m_fn;
};

} // namespace bk::mapping
