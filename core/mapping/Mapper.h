#pragma once

#include "ConnectorCatalog.h"
#include "Result.h"
#include "mapping/DestinationSchema.h"
#include "mapping/MappingDocument.h"
#include "mapping/MatchKeys.h"
#include "mapping/Violation.h"

#include <QJsonObject>
#include <QList>

namespace bk::mapping {

class LookupResolver;

/// Per-call settings the sync engine supplies.
struct MapContext {
    LookupResolver* resolver = nullptr; ///< needed by documents that use "lookup:" steps
    QString defaultRegion; ///< the flow's or connector's region; overrides the document's
    QString timeZone;      ///< overrides the document's source time zone when set
    bool validate = true;  ///< run the destination schema after mapping
};

/// The outcome of mapping one source record.
struct MappedRecord {
    QJsonObject payload;         ///< the destination body (partial when there are violations)
    QList<Violation> violations; ///< empty = safe to send; otherwise a dead letter "invalid"
    QList<MatchKey> matchKeys;   ///< for de-duplication across systems
    bool ok() const { return violations.isEmpty(); }
};

/// Applies one mapping document to source records, then validates the result against the
/// destination's schema. Immutable after construction: one Mapper may serve several threads.
class Mapper {
public:
    explicit Mapper(MappingDocument document, DestinationSchema schema = {});

    /// Uses the schema of the document's destination connector type and resource.
    static Result<Mapper> create(MappingDocument document, const ConnectorCatalog& catalog);
    /// MappingDocument::load() + create().
    static Result<Mapper> load(const QString& path, const ConnectorCatalog& catalog);

    /// Maps sourceRecord. Data problems (an invalid phone, 31/02, an empty required field, a
    /// lookup with no match, a schema rule) are Violations in the result, all of them, not
    /// just the first. An Error is returned only when mapping could not run (a lookup resolver
    /// failed, or a lookup step has no resolver): the record is then not invalid, retry later.
    Result<MappedRecord> map(const QJsonObject& sourceRecord, const MapContext& context = {}) const;

    /// The top-level destination fields this document writes (reconciliation compares these).
    QStringList targetFields() const;
    /// The destination fields named by the document's matchKeys ("field" entries).
    QStringList matchFields() const;

    const MappingDocument& document() const { return m_document; }
    const DestinationSchema& schema() const { return m_schema; }

private:
    MappingDocument m_document;
    DestinationSchema m_schema;
};

} // namespace bk::mapping
