#pragma once

#include "Result.h"
#include "mapping/DateTime.h"
#include "mapping/SourcePath.h"
#include "mapping/Transform.h"

#include <optional>

#include <QJsonValue>
#include <QList>
#include <QString>

namespace bk::mapping {

/// What to do when a field's source is missing, null, blank, an empty array, or its chain
/// produced one of those.
enum class EmptyPolicy {
    Skip,    ///< leave the destination field out
    Default, ///< send the rule's "default" value as is
    Fail,    ///< a "required" violation: the record cannot be sent
};

/// One destination field: where its value comes from and how it is converted.
struct FieldRule {
    QString target;                   ///< destination field name
    QString jsonPath;                 ///< where the rule sits in its document, "$.fields[3]"
    std::optional<SourcePath> source; ///< absent when the rule has a constant "value"
    QJsonValue constant;              ///< "value": sent as is (no transforms)
    QList<Transform> transforms;
    EmptyPolicy empty = EmptyPolicy::Skip;
    QJsonValue defaultValue;
    QString note;
    bool isEach = false;   ///< "each": source is an array, mapped element by element
    QList<FieldRule> each; ///< the rules for one element
};

/// A matching key for cross-system de-duplication, computed from a mapped destination field
/// ("field") or straight from a source path ("source").
struct MatchKeySpec {
    QString kind; ///< email, phone, companyNumber, companyName
    QString field;
    std::optional<SourcePath> source;
    QString jsonPath;
};

/// One thing wrong with a mapping document: which document, which JSON path, what.
struct MappingIssue {
    QString document;
    QString jsonPath;
    QString message;
    QString toString() const; ///< "orders.json: $.fields[2].transforms[0]: unknown transform …"
};

/// A flow's mapping document (JSON), validated when loaded. See docs/mapping.md.
class MappingDocument {
public:
    /// Reads path (a file or ":/mappings/…"). On failure the error message lists every issue,
    /// one per line; issues (if given) receives them as values.
    static Result<MappingDocument> load(const QString& path, QList<MappingIssue>* issues = nullptr);
    /// name is used in issues (a file name or "workspace flow orders-to-invoices").
    static Result<MappingDocument> fromJson(const QByteArray& json, const QString& name,
                                            QList<MappingIssue>* issues = nullptr);

    const QString& name() const { return m_name; }
    const QString& id() const { return m_id; }
    const QString& description() const { return m_description; }
    const QString& sourceConnectorType() const { return m_sourceType; }
    const QString& sourceResource() const { return m_sourceResource; }
    const QString& destinationConnectorType() const { return m_destinationType; }
    const QString& destinationResource() const { return m_destinationResource; }
    /// Phone/address default region declared for the source ("NL"); may be empty.
    const QString& defaultRegion() const { return m_defaultRegion; }
    /// The source's declared date order, formats and time zone.
    const DateParseOptions& dates() const { return m_dates; }
    const QList<FieldRule>& fields() const { return m_fields; }
    const QList<MatchKeySpec>& matchKeys() const { return m_matchKeys; }

private:
    friend class DocumentParser;
    QString m_name;
    QString m_id;
    QString m_description;
    QString m_sourceType;
    QString m_sourceResource;
    QString m_destinationType;
    QString m_destinationResource;
    QString m_defaultRegion;
    DateParseOptions m_dates;
    QList<FieldRule> m_fields;
    QList<MatchKeySpec> m_matchKeys;
};

} // namespace bk::mapping
