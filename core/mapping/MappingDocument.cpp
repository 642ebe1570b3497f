#include "mapping/MappingDocument.h"

#include "mapping/Phone.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace bk::mapping {

QString MappingIssue::toString() const {
    return document + u": " + jsonPath + u": " + message;
}

/// Walks the JSON once, collecting every issue instead of stopping at the first.
class DocumentParser {
public:
    DocumentParser(QString name)
        : m_name(std::move(name)) {}

    Result<MappingDocument> parse(const QByteArray& json, QList<MappingIssue>* out) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
        if (err.error != QJsonParseError::NoError) {
            const auto before = json.left(err.offset);
            const int line = int(before.count('\n')) + 1;
            const int column = int(err.offset - before.lastIndexOf('\n'));
            issue(u"$"_s, u"not JSON: %1 at line %2, column %3"_s.arg(err.errorString())
                              .arg(line)
                              .arg(column));
        } else if (!doc.isObject()) {
            issue(u"$"_s, u"must be a JSON object"_s);
        } else {
            document(doc.object());
        }
        if (out)
            *out = m_issues;
        if (!m_issues.isEmpty()) {
            QStringList lines;
            for (const auto& i : m_issues)
                lines.append(i.toString());
            return Error::usage(lines.join(u'\n'));
        }
        return m_doc;
    }

private:
    void issue(const QString& path, const QString& message) {
        m_issues.append({m_name, path, message});
    }

    void unknownKeys(const QJsonObject& o, const QString& path, const QStringList& known) {
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!known.contains(it.key()))
                issue(path + u'.' + it.key(),
                      u"unknown field (expected one of: %1)"_s.arg(known.join(u", ")));
        }
    }

    QString string(const QJsonObject& o, const QString& key, const QString& path, bool required) {
        const QJsonValue v = o.value(key);
        if (v.isUndefined()) {
            if (required)
                issue(path + u'.' + key, u"required"_s);
            return {};
        }
        if (!v.isString() || (required && v.toString().trimmed().isEmpty())) {
            issue(path + u'.' + key, u"must be a non-empty string"_s);
            return {};
        }
        return v.toString();
    }

    void document(const QJsonObject& o) {
        unknownKeys(o, u"$"_s,
                    {u"format"_s, u"id"_s, u"description"_s, u"source"_s, u"destination"_s,
                     u"enums"_s, u"fields"_s, u"matchKeys"_s});
        if (o.contains(u"format"_s) && o.value(u"format"_s).toInt(-1) != 1)
            issue(u"$.format"_s, u"unsupported mapping format (this build reads format 1)"_s);
        m_doc.m_name = m_name;
        m_doc.m_id = string(o, u"id"_s, u"$"_s, true);
        m_doc.m_description = string(o, u"description"_s, u"$"_s, false);
        source(o.value(u"source"_s), u"$.source"_s);
        destination(o.value(u"destination"_s), u"$.destination"_s);
        enums(o.value(u"enums"_s), u"$.enums"_s);
        const QJsonValue fields = o.value(u"fields"_s);
        if (!fields.isArray() || fields.toArray().isEmpty())
            issue(u"$.fields"_s, u"required: a non-empty array of field rules"_s);
        else
            m_doc.m_fields = fieldList(fields.toArray(), u"$.fields"_s);
        matchKeys(o.value(u"matchKeys"_s), u"$.matchKeys"_s);
    }

    void source(const QJsonValue& v, const QString& path) {
        if (!v.isObject()) {
            issue(path, u"required: an object with connectorType and resource"_s);
            return;
        }
        const QJsonObject o = v.toObject();
        unknownKeys(o, path,
                    {u"connectorType"_s, u"resource"_s, u"defaultRegion"_s, u"dateOrder"_s,
                     u"dateFormats"_s, u"timeZone"_s});
        m_doc.m_sourceType = string(o, u"connectorType"_s, path, true);
        m_doc.m_sourceResource = string(o, u"resource"_s, path, true);
        m_doc.m_defaultRegion = string(o, u"defaultRegion"_s, path, false);
        if (!m_doc.m_defaultRegion.isEmpty() && !phone::isSupportedRegion(m_doc.m_defaultRegion))
            issue(path + u".defaultRegion"_s,
                  u"\"%1\" is not a known region"_s.arg(m_doc.m_defaultRegion));
        const QJsonValue order = o.value(u"dateOrder"_s);
        QStringList orders;
        if (order.isString())
            orders = order.toString().split(u'|');
        else if (order.isArray())
            for (const QJsonValue& e : order.toArray())
                orders.append(e.toString());
        else if (!order.isUndefined())
            issue(path + u".dateOrder"_s, u"must be \"DMY\", \"MDY\", \"YMD\" or a list of them"_s);
        for (const QString& s : orders) {
            if (auto d = dateOrderFromString(s))
                m_doc.m_dates.orders.append(*d);
            else
                issue(path + u".dateOrder"_s, u"\"%1\" is not DMY, MDY or YMD"_s.arg(s));
        }
        const QJsonValue formats = o.value(u"dateFormats"_s);
        for (const QJsonValue& f : formats.toArray())
            m_doc.m_dates.formats.append(f.toString());
        if (!formats.isUndefined() && !formats.isArray())
            issue(path + u".dateFormats"_s, u"must be an array of Qt date formats"_s);
        const QString zone = string(o, u"timeZone"_s, path, false);
        if (!zone.isEmpty() && zone != u"UTC" && !QTimeZone::isTimeZoneIdAvailable(zone.toUtf8()))
            issue(path + u".timeZone"_s, u"unknown time zone \"%1\""_s.arg(zone));
        m_doc.m_dates.timeZone = zone;
    }

    void destination(const QJsonValue& v, const QString& path) {
        if (!v.isObject()) {
            issue(path, u"required: an object with connectorType and resource"_s);
            return;
        }
        const QJsonObject o = v.toObject();
        unknownKeys(o, path, {u"connectorType"_s, u"resource"_s});
        m_doc.m_destinationType = string(o, u"connectorType"_s, path, true);
        m_doc.m_destinationResource = string(o, u"resource"_s, path, true);
    }

    void enums(const QJsonValue& v, const QString& path) {
        if (v.isUndefined())
            return;
        if (!v.isObject()) {
            issue(path, u"must be an object of tables"_s);
            return;
        }
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!it.value().isObject() || it.value().toObject().isEmpty()) {
                issue(path + u'.' + it.key(),
                      u"must be a non-empty object of source → destination"_s);
                continue;
            }
            QHash<QString, QJsonValue> table;
            const QJsonObject t = it.value().toObject();
            for (auto e = t.begin(); e != t.end(); ++e) {
                const QString key = e.key().trimmed().toLower();
                if (table.contains(key))
                    issue(path + u'.' + it.key() + u'.' + e.key(),
                          u"duplicate entry (keys ignore case)"_s);
                table.insert(key, e.value());
            }
            m_enums.insert(it.key(), table);
        }
    }

    QList<FieldRule> fieldList(const QJsonArray& a, const QString& path) {
        QList<FieldRule> out;
        QSet<QString> targets;
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            if (!a.at(i).isObject()) {
                issue(p, u"must be an object"_s);
                continue;
            }
            FieldRule rule = field(a.at(i).toObject(), p);
            if (!rule.target.isEmpty()) {
                if (targets.contains(rule.target))
                    issue(p + u".target"_s, u"\"%1\" is mapped twice"_s.arg(rule.target));
                targets.insert(rule.target);
            }
            out.append(std::move(rule));
        }
        return out;
    }

    FieldRule field(const QJsonObject& o, const QString& path) {
        unknownKeys(o, path,
                    {u"target"_s, u"source"_s, u"value"_s, u"transforms"_s, u"empty"_s,
                     u"default"_s, u"note"_s, u"each"_s});
        FieldRule r;
        r.jsonPath = path;
        r.target = string(o, u"target"_s, path, true);
        if (r.target.contains(u'.') || r.target.contains(u'['))
            issue(path + u".target"_s, u"a destination field name, not a path"_s);
        r.note = string(o, u"note"_s, path, false);
        const bool hasSource = o.contains(u"source"_s), hasValue = o.contains(u"value"_s);
        if (hasSource == hasValue)
            issue(path, u"needs exactly one of \"source\" or \"value\""_s);
        if (hasSource) {
            const QString s = string(o, u"source"_s, path, true);
            if (!s.isEmpty()) {
                auto sp = SourcePath::parse(s);
                if (sp)
                    r.source = *sp;
                else
                    issue(path + u".source"_s, sp.error().message);
            }
        }
        r.constant = o.value(u"value"_s);
        const QString empty = o.value(u"empty"_s).toString(u"skip"_s);
        if (empty == u"skip")
            r.empty = EmptyPolicy::Skip;
        else if (empty == u"default")
            r.empty = EmptyPolicy::Default;
        else if (empty == u"fail")
            r.empty = EmptyPolicy::Fail;
        else
            issue(path + u".empty"_s, u"must be \"skip\", \"default\" or \"fail\""_s);
        r.defaultValue = o.value(u"default"_s);
        if (r.empty == EmptyPolicy::Default && r.defaultValue.isUndefined())
            issue(path + u".default"_s, u"required when \"empty\" is \"default\""_s);
        if (r.empty != EmptyPolicy::Default && !r.defaultValue.isUndefined())
            issue(path + u".default"_s, u"only used when \"empty\" is \"default\""_s);

        const QJsonValue transforms = o.value(u"transforms"_s);
        if (!transforms.isUndefined() && !transforms.isArray())
            issue(path + u".transforms"_s, u"must be an array of strings"_s);
        const QJsonArray ta = transforms.toArray();
        for (qsizetype i = 0; i < ta.size(); ++i) {
            const QString tp = u"%1.transforms[%2]"_s.arg(path).arg(i);
            if (!ta.at(i).isString()) {
                issue(tp, u"must be a string"_s);
                continue;
            }
            auto t = Transform::compile(ta.at(i).toString(), m_enums);
            if (t)
                r.transforms.append(*t);
            else
                issue(tp, t.error().message);
        }
        if (hasValue && !ta.isEmpty())
            issue(path + u".transforms"_s, u"a constant \"value\" takes no transforms"_s);

        if (o.contains(u"each"_s)) {
            r.isEach = true;
            if (!hasSource)
                issue(path + u".each"_s, u"needs a \"source\" array"_s);
            if (!ta.isEmpty())
                issue(path + u".transforms"_s,
                      u"an \"each\" rule takes no transforms (put them on its fields)"_s);
            const QJsonValue each = o.value(u"each"_s);
            if (!each.isArray() || each.toArray().isEmpty())
                issue(path + u".each"_s, u"must be a non-empty array of field rules"_s);
            else
                r.each = fieldList(each.toArray(), path + u".each"_s);
        }
        return r;
    }

    void matchKeys(const QJsonValue& v, const QString& path) {
        if (v.isUndefined())
            return;
        if (!v.isArray()) {
            issue(path, u"must be an array of {\"kind\", \"field\" or \"source\"}"_s);
            return;
        }
        static const QStringList kinds{u"email"_s, u"phone"_s, u"companyNumber"_s,
                                       u"companyName"_s};
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            const QJsonObject o = a.at(i).toObject();
            if (!a.at(i).isObject()) {
                issue(p, u"must be an object {\"kind\": …, \"field\": …}"_s);
                continue;
            }
            unknownKeys(o, p, {u"kind"_s, u"field"_s, u"source"_s});
            MatchKeySpec k;
            k.jsonPath = p;
            k.kind = string(o, u"kind"_s, p, true);
            if (!k.kind.isEmpty() && !kinds.contains(k.kind))
                issue(p + u".kind"_s, u"must be one of: %1"_s.arg(kinds.join(u", ")));
            k.field = string(o, u"field"_s, p, false);
            const QString src = string(o, u"source"_s, p, false);
            if (k.field.isEmpty() == src.isEmpty())
                issue(p, u"needs exactly one of \"field\" or \"source\""_s);
            if (!src.isEmpty()) {
                auto sp = SourcePath::parse(src);
                if (sp)
                    k.source = *sp;
                else
                    issue(p + u".source"_s, sp.error().message);
            }
            if (!k.field.isEmpty()) {
                bool found = false;
                for (const FieldRule& r : m_doc.m_fields)
                    found = found || r.target == k.field;
                if (!found)
                    issue(p + u".field"_s, u"\"%1\" is not a target in $.fields"_s.arg(k.field));
            }
            m_doc.m_matchKeys.append(k);
        }
    }

    QString m_name;
    MappingDocument m_doc;
    EnumTables m_enums;
    QList<MappingIssue> m_issues;
};

Result<MappingDocument> MappingDocument::fromJson(const QByteArray& json, const QString& name,
                                                  QList<MappingIssue>* issues) {
    return DocumentParser(name).parse(json, issues);
}

Result<MappingDocument> MappingDocument::load(const QString& path, QList<MappingIssue>* issues) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        const MappingIssue i{path, u"$"_s, u"cannot read: %1"_s.arg(f.errorString())};
        if (issues)
            *issues = {i};
        return Error::io(i.toString());
    }
    return fromJson(f.readAll(), QFileInfo(path).fileName(), issues);
}

} // namespace bk::mapping
