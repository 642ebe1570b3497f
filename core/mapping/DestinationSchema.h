#pragma once

#include "ConnectorCatalog.h"
#include "Result.h"
#include "mapping/Violation.h"

#include <memory>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStringList>

namespace bk::mapping {

/// A destination resource's "schema" block from its connector definition, compiled:
///   {"required": ["Name"], "fields": {"Name": {"type": "string", "maxLength": 50,
///    "pattern": "^…$", "enum": […], "minItems": 1, "items": { nested schema }}}}
/// validate() runs after mapping and before the request is sent.
class DestinationSchema {
public:
    DestinationSchema() = default;

    /// name is used in error messages ("exact-online/Contacts"). Unknown keys, unknown types
    /// and patterns that do not compile are errors.
    static Result<DestinationSchema> fromJson(const QJsonObject& schema, const QString& name);
    /// The schema of resource in the catalog's connector type; an empty schema (which accepts
    /// everything) when the resource declares none. Unknown type or resource is an error.
    static Result<DestinationSchema> fromCatalog(const ConnectorCatalog& catalog,
                                                 const QString& connectorType,
                                                 const QString& resource);

    /// Every violation in payload (field, value excerpt, rule): required, type, enum,
    /// maxLength (in characters, not bytes), pattern, minItems, and the same rules for
    /// array elements that have an "items" schema. Fields the schema does not name pass.
    QList<Violation> validate(const QJsonObject& payload) const;
    bool isEmpty() const { return m_required.isEmpty() && m_fields.isEmpty(); }

private:
    struct FieldSpec {
        QString type; ///< string, integer, number, boolean, array, object; empty = any
        QJsonArray enumValues;
        int maxLength = -1;
        int minItems = -1;
        QRegularExpression pattern;
        QString patternText;
        std::shared_ptr<DestinationSchema> items;
    };
    void validateInto(const QJsonObject& payload, const QString& prefix,
                      QList<Violation>& out) const;

    QStringList m_required;
    QHash<QString, FieldSpec> m_fields;
    QStringList m_order; ///< field names sorted (QJsonObject order), for stable reports
};

} // namespace bk::mapping
