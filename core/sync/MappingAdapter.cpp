#include "MappingAdapter.h"

using namespace Qt::StringLiterals;

namespace bk::sync {

MappingAdapter::MappingAdapter(mapping::Mapper mapper, QString defaultRegion)
    : m_mapper(std::move(mapper))
    , m_region(std::move(defaultRegion)) {}

Result<std::shared_ptr<MappingAdapter>> MappingAdapter::load(const QString& path,
                                                             const ConnectorCatalog& catalog,
                                                             const QString& defaultRegion) {
    auto mapper = mapping::Mapper::load(path, catalog);
    if (!mapper)
        return mapper.error();
    return std::make_shared<MappingAdapter>(std::move(*mapper), defaultRegion);
}

MappedRecord MappingAdapter::map(const QJsonObject& source) const {
    mapping::MapContext ctx;
    ctx.defaultRegion = m_region;
    ctx.resolver = m_resolver.get();
    MappedRecord out;
    auto mapped = m_mapper.map(source, ctx);
    if (!mapped) {
        out.violations << u"mapping could not run: "_s + mapped.error().message;
        return out;
    }
    out.payload = mapped->payload;
    for (const auto& v : mapped->violations)
        out.violations << v.toString();
    for (const QString& f : matchFields()) {
        const QString value = out.payload.value(f).toVariant().toString();
        if (!value.isEmpty())
            out.matchKeys.insert(f, value);
    }
    return out;
}

QStringList MappingAdapter::mappedFields() const {
    QStringList out;
    for (const auto& rule : m_mapper.document().fields())
        out << rule.target;
    return out;
}

QStringList MappingAdapter::matchFields() const {
    QStringList out;
    for (const auto& spec : m_mapper.document().matchKeys())
        if (!spec.field.isEmpty())
            out << spec.field;
    return out;
}

} // namespace bk::sync
