#include "mapping/Mapper.h"

#include "LogCategories.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace bk::mapping {

namespace {

bool isEmptyValue(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::Undefined:
    case QJsonValue::Null:
        return true;
    case QJsonValue::String:
        return v.toString().trimmed().isEmpty();
    case QJsonValue::Array:
        return v.toArray().isEmpty();
    case QJsonValue::Object:
        return v.toObject().isEmpty();
    default:
        return false;
    }
}

void applyEmpty(const FieldRule& rule, const QString& field, QJsonObject& out,
                QList<Violation>& violations) {
    switch (rule.empty) {
    case EmptyPolicy::Skip:
        break;
    case EmptyPolicy::Default:
        out.insert(rule.target, rule.defaultValue);
        break;
    case EmptyPolicy::Fail: {
        QString message =
            u"source \"%1\" is empty"_s.arg(rule.source ? rule.source->text() : QString());
        if (!rule.note.isEmpty())
            message += u" (" + rule.note + u')';
        violations.append({field, QString(), u"required"_s, message});
        break;
    }
    }
}

Status mapFields(const QList<FieldRule>& rules, const TransformContext& context,
                 const QString& prefix, QJsonObject& out, QList<Violation>& violations) {
    for (const FieldRule& rule : rules) {
        const QString field = prefix + rule.target;
        if (!rule.source) {
            out.insert(rule.target, rule.constant);
            continue;
        }
        const QJsonValue value = rule.source->resolve(context.current, context.root);
        if (isEmptyValue(value)) {
            applyEmpty(rule, field, out, violations);
            continue;
        }
        if (rule.isEach) {
            if (!value.isArray()) {
                violations.append({field, excerpt(value), u"type"_s,
                                   u"source \"%1\" is not an array"_s.arg(rule.source->text())});
                continue;
            }
            QJsonArray items;
            const QJsonArray elements = value.toArray();
            for (qsizetype i = 0; i < elements.size(); ++i) {
                TransformContext child = context;
                child.current = elements.at(i);
                QJsonObject item;
                if (auto st = mapFields(rule.each, child, u"%1[%2]."_s.arg(field).arg(i), item,
                                        violations);
                    !st)
                    return st;
                items.append(item);
            }
            out.insert(rule.target, items);
            continue;
        }
        QJsonValue v = value;
        bool failed = false;
        for (const Transform& t : rule.transforms) {
            auto r = t.apply(v, context);
            if (!r) {
                if (r.error().category != ErrorCategory::Invalid)
                    return Error{r.error().category, field + u": " + r.error().message};
                violations.append({field, excerpt(value), t.name(), r.error().message});
                failed = true;
                break;
            }
            v = *r;
        }
        if (failed)
            continue;
        if (isEmptyValue(v))
            applyEmpty(rule, field, out, violations);
        else
            out.insert(rule.target, v);
    }
    return {};
}

} // namespace

Mapper::Mapper(MappingDocument document, DestinationSchema schema)
    : m_document(std::move(document))
    , m_schema(std::move(schema)) {}

Result<Mapper> Mapper::create(MappingDocument document, const ConnectorCatalog& catalog) {
    auto schema = DestinationSchema::fromCatalog(catalog, document.destinationConnectorType(),
                                                 document.destinationResource());
    if (!schema)
        return Error::usage(document.name() + u": $.destination: " + schema.error().message);
    return Mapper(std::move(document), std::move(*schema));
}

Result<Mapper> Mapper::load(const QString& path, const ConnectorCatalog& catalog) {
    auto doc = MappingDocument::load(path);
    if (!doc)
        return doc.error();
    return create(std::move(*doc), catalog);
}

QStringList Mapper::targetFields() const {
    QStringList out;
    for (const FieldRule& r : m_document.fields())
        out.append(r.target);
    return out;
}

QStringList Mapper::matchFields() const {
    QStringList out;
    for (const MatchKeySpec& k : m_document.matchKeys()) {
        if (!k.field.isEmpty() && !out.contains(k.field))
            out.append(k.field);
    }
    return out;
}

Result<MappedRecord> Mapper::map(const QJsonObject& sourceRecord, const MapContext& context) const {
    TransformContext tc;
    tc.root = sourceRecord;
    tc.current = sourceRecord;
    tc.defaultRegion =
        context.defaultRegion.isEmpty() ? m_document.defaultRegion() : context.defaultRegion;
    tc.dates = m_document.dates();
    if (!context.timeZone.isEmpty())
        tc.dates.timeZone = context.timeZone;
    tc.resolver = context.resolver;

    MappedRecord record;
    if (auto st = mapFields(m_document.fields(), tc, QString(), record.payload, record.violations);
        !st)
        return st.error();

    if (context.validate) {
        // A field that already failed mapping is reported once, by its mapping violation.
        QSet<QString> reported;
        for (const Violation& v : record.violations)
            reported.insert(v.field);
        for (Violation& v : m_schema.validate(record.payload)) {
            if (!reported.contains(v.field))
                record.violations.append(std::move(v));
        }
    }

    for (const MatchKeySpec& spec : m_document.matchKeys()) {
        const QJsonValue value = spec.source ? spec.source->resolve(sourceRecord, sourceRecord)
                                             : record.payload.value(spec.field);
        if (auto key = matchkeys::make(spec.kind, value, tc.defaultRegion)) {
            key->field = spec.field;
            record.matchKeys.append(*key);
        }
    }
    if (!record.violations.isEmpty())
        qCDebug(lcMapping) << m_document.id() << "record has" << record.violations.size()
                           << "violation(s)";
    return record;
}

} // namespace bk::mapping
