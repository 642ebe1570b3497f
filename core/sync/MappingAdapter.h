#pragma once

#include "SyncTypes.h"
#include "mapping/LookupResolver.h"
#include "mapping/Mapper.h"

namespace bk::sync {

/// A RecordMapper over core/mapping: maps with the flow's mapping document, validates against
/// the destination schema, and takes the document's match-key fields ("matchKeys") from the
/// mapped payload. A mapping that cannot run (a lookup resolver failed) is reported as a
/// violation too, so the record is dead-lettered with the reason rather than lost.
class MappingAdapter final : public RecordMapper {
public:
    MappingAdapter(mapping::Mapper mapper, QString defaultRegion);

    /// Loads the document at path against catalog (destination schema from the catalog).
    static Result<std::shared_ptr<MappingAdapter>>
    load(const QString& path, const ConnectorCatalog& catalog, const QString& defaultRegion);

    MappedRecord map(const QJsonObject& source) const override;
    QStringList mappedFields() const override;
    QStringList matchFields() const override;

    /// Answers the document's "lookup:" steps (the engine supplies one over the destination).
    void setLookupResolver(std::shared_ptr<mapping::LookupResolver> resolver) {
        m_resolver = std::move(resolver);
    }

private:
    mapping::Mapper m_mapper;
    QString m_region;
    std::shared_ptr<mapping::LookupResolver> m_resolver;
};

} // namespace bk::sync
