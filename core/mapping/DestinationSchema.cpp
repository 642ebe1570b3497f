#include "mapping/DestinationSchema.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bk::mapping {

namespace {

bool isEmptyValue(const QJsonValue& v) {
    return v.isUndefined() || v.isNull() || (v.isString() && v.toString().trimmed().isEmpty());
}

bool typeMatches(const QString& type, const QJsonValue& v) {
    if (type.isEmpty())
        return true;
    if (type == u"string")
        return v.isString();
    if (type == u"number")
        return v.isDouble();
    if (type == u"integer")
        return v.isDouble() && double(v.toInteger()) == v.toDouble();
    if (type == u"boolean")
        return v.isBool();
    if (type == u"array")
        return v.isArray();
    if (type == u"object")
        return v.isObject();
    return false;
}

} // namespace

Result<DestinationSchema> DestinationSchema::fromJson(const QJsonObject& schema,
                                                      const QString& name) {
    static const QStringList topKeys{u"required"_s, u"fields"_s};
    static const QStringList fieldKeys{u"type"_s,     u"enum"_s,  u"maxLength"_s, u"pattern"_s,
                                       u"minItems"_s, u"items"_s, u"note"_s};
    static const QStringList types{u"string"_s,  u"integer"_s, u"number"_s,
                                   u"boolean"_s, u"array"_s,   u"object"_s};
    auto bad = [&](const QString& where, const QString& what) {
        return Error::usage(u"schema %1: %2: %3"_s.arg(name, where, what));
    };
    for (auto it = schema.begin(); it != schema.end(); ++it) {
        if (!topKeys.contains(it.key()))
            return bad(it.key(), u"unknown key"_s);
    }
    DestinationSchema s;
    for (const QJsonValue& r : schema.value(u"required"_s).toArray())
        s.m_required.append(r.toString());
    const QJsonObject fields = schema.value(u"fields"_s).toObject();
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        const QString where = u"fields."_s + it.key();
        const QJsonObject f = it.value().toObject();
        for (auto k = f.begin(); k != f.end(); ++k) {
            if (!fieldKeys.contains(k.key()))
                return bad(where + u'.' + k.key(), u"unknown key"_s);
        }
        FieldSpec spec;
        spec.type = f.value(u"type"_s).toString();
        if (!spec.type.isEmpty() && !types.contains(spec.type))
            return bad(where + u".type"_s, u"unknown type \"%1\""_s.arg(spec.type));
        spec.enumValues = f.value(u"enum"_s).toArray();
        spec.maxLength = f.value(u"maxLength"_s).toInt(-1);
        spec.minItems = f.value(u"minItems"_s).toInt(-1);
        spec.patternText = f.value(u"pattern"_s).toString();
        if (!spec.patternText.isEmpty()) {
            spec.pattern = QRegularExpression(spec.patternText);
            if (!spec.pattern.isValid())
                return bad(where + u".pattern"_s, spec.pattern.errorString());
            spec.pattern.optimize();
        }
        if (f.contains(u"items"_s)) {
            auto items = fromJson(f.value(u"items"_s).toObject(), name + u'.' + it.key());
            if (!items)
                return items.error();
            spec.items = std::make_shared<DestinationSchema>(std::move(*items));
        }
        s.m_fields.insert(it.key(), spec);
        s.m_order.append(it.key());
    }
    return s;
}

Result<DestinationSchema> DestinationSchema::fromCatalog(const ConnectorCatalog& catalog,
                                                         const QString& connectorType,
                                                         const QString& resource) {
    if (!catalog.contains(connectorType))
        return Error::usage(u"unknown connector type \"%1\""_s.arg(connectorType));
    const QJsonObject resources =
        catalog.definition(connectorType).value(u"resources"_s).toObject();
    if (!resources.contains(resource))
        return Error::usage(
            u"connector type \"%1\" has no resource \"%2\""_s.arg(connectorType, resource));
    return fromJson(resources.value(resource).toObject().value(u"schema"_s).toObject(),
                    connectorType + u'/' + resource);
}

QList<Violation> DestinationSchema::validate(const QJsonObject& payload) const {
    QList<Violation> out;
    validateInto(payload, QString(), out);
    return out;
}

void DestinationSchema::validateInto(const QJsonObject& payload, const QString& prefix,
                                     QList<Violation>& out) const {
    for (const QString& name : m_required) {
        if (isEmptyValue(payload.value(name)))
            out.append({prefix + name, excerpt(payload.value(name)), u"required"_s,
                        u"the destination requires this field"_s});
    }
    for (const QString& name : m_order) {
        const QJsonValue v = payload.value(name);
        if (v.isUndefined() || v.isNull())
            continue;
        const FieldSpec& spec = m_fields[name];
        const QString field = prefix + name;
        if (!typeMatches(spec.type, v)) {
            out.append({field, excerpt(v), u"type"_s, u"must be of type %1"_s.arg(spec.type)});
            continue;
        }
        if (!spec.enumValues.isEmpty() && !spec.enumValues.contains(v)) {
            QStringList allowed;
            for (const QJsonValue& e : spec.enumValues)
                allowed.append(excerpt(e));
            out.append(
                {field, excerpt(v), u"enum"_s, u"must be one of: %1"_s.arg(allowed.join(u", "))});
        }
        if (v.isString()) {
            const QString s = v.toString();
            if (spec.maxLength >= 0) {
                const qsizetype length = s.toUcs4().size();
                if (length > spec.maxLength)
                    out.append(
                        {field, excerpt(v), u"maxLength"_s,
                         u"%1 characters, at most %2 allowed"_s.arg(length).arg(spec.maxLength)});
            }
            if (!spec.patternText.isEmpty() && !spec.pattern.match(s).hasMatch())
                out.append({field, excerpt(v), u"pattern"_s,
                            u"does not match %1"_s.arg(spec.patternText)});
        }
        if (v.isArray()) {
            const QJsonArray a = v.toArray();
            if (spec.minItems >= 0 && a.size() < spec.minItems)
                out.append({field, excerpt(v), u"minItems"_s,
                            u"%1 items, at least %2 required"_s.arg(a.size()).arg(spec.minItems)});
            if (spec.items) {
                for (qsizetype i = 0; i < a.size(); ++i) {
                    const QString itemPath = u"%1[%2]"_s.arg(field).arg(i);
                    if (!a.at(i).isObject()) {
                        out.append({itemPath, excerpt(a.at(i)), u"type"_s, u"must be an object"_s});
                        continue;
                    }
                    spec.items->validateInto(a.at(i).toObject(), itemPath + u'.', out);
                }
            }
        }
    }
}

} // namespace bk::mapping
