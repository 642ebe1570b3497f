#include "FieldDiff.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace bk::sync {

namespace {

QString join(const QString& prefix, const QString& key) {
    return prefix.isEmpty() ? key : prefix + u'.' + key;
}

void walk(const QString& path, const QJsonValue& mapped, const QJsonValue& dest,
          QList<FieldDiff>& out) {
    if (mapped.isNull() || mapped.isUndefined())
        return;
    if (mapped.isObject()) {
        const QJsonObject m = mapped.toObject();
        const QJsonObject d = dest.toObject(); // a non-object destination: every leaf differs
        for (auto it = m.begin(); it != m.end(); ++it)
            walk(join(path, it.key()), it.value(),
                 dest.isObject() ? d.value(it.key()) : QJsonValue(QJsonValue::Undefined), out);
        return;
    }
    if (mapped.isArray()) {
        const QJsonArray m = mapped.toArray();
        const QJsonArray d = dest.toArray();
        const qsizetype n = std::max(m.size(), dest.isArray() ? d.size() : 0);
        for (qsizetype i = 0; i < n; ++i) {
            const QString p = path + u"[%1]"_s.arg(i);
            const QJsonValue dv = i < d.size() ? d.at(i) : QJsonValue(QJsonValue::Undefined);
            if (i < m.size() && !m.at(i).isNull()) {
                walk(p, m.at(i), dv, out);
            } else if (!dv.isUndefined() && !dv.isNull()) {
                // The destination holds more elements than the mapping sends.
                out.push_back({p, QJsonValue(QJsonValue::Undefined), dv, true});
            }
        }
        return;
    }
    out.push_back({path, mapped, dest, dest != mapped});
}

void leaves(const QString& path, const QJsonValue& v, bool isSource, QList<FieldDiff>& out) {
    if (v.isNull() || v.isUndefined())
        return;
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            leaves(join(path, it.key()), it.value(), isSource, out);
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            leaves(path + u"[%1]"_s.arg(i), a.at(i), isSource, out);
    } else {
        const QJsonValue none(QJsonValue::Undefined);
        out.push_back({path, isSource ? v : none, isSource ? none : v, true});
    }
}

} // namespace

QList<FieldDiff> compareFields(const QJsonObject& mapped, const QJsonObject& destination) {
    QList<FieldDiff> out;
    walk(QString(), mapped, destination, out);
    return out;
}

QList<FieldDiff> oneSided(const QJsonObject& record, bool isSource, const QStringList& fields) {
    QList<FieldDiff> out;
    if (fields.isEmpty()) {
        leaves(QString(), record, isSource, out);
        return out;
    }
    for (const QString& f : fields)
        leaves(f, record.value(f), isSource, out);
    return out;
}

QStringList differingPaths(const QList<FieldDiff>& fields) {
    QStringList out;
    for (const FieldDiff& f : fields)
        if (f.differs)
            out << f.path;
    return out;
}

QString jsonText(const QJsonValue& value) {
    if (value.isUndefined())
        return QString();
    // QJsonDocument holds only objects and arrays: wrap the value and strip the brackets.
    const QByteArray json = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QJsonValue fromJsonText(const QString& text) {
    if (text.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    const QJsonDocument doc = QJsonDocument::fromJson(QString(u'[' + text + u']').toUtf8());
    if (!doc.isArray() || doc.array().isEmpty())
        return QJsonValue(text); // a truncated value stays readable as text
    return doc.array().at(0);
}

} // namespace bk::sync
