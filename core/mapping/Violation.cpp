#include "mapping/Violation.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace bk::mapping {

QString Violation::toString() const {
    QString s = field + u": " + rule;
    if (!message.isEmpty())
        s += u" — " + message;
    if (!valueExcerpt.isEmpty())
        s += u" (value \"" + valueExcerpt + u"\")";
    return s;
}

QString excerpt(const QJsonValue& value) {
    QString text;
    switch (value.type()) {
    case QJsonValue::String:
        text = value.toString();
        break;
    case QJsonValue::Double:
        text = QString::number(value.toDouble(), 'g', 17);
        if (double(value.toInteger()) == value.toDouble())
            text = QString::number(value.toInteger());
        break;
    case QJsonValue::Bool:
        text = value.toBool() ? u"true"_s : u"false"_s;
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        break;
    }
    constexpr qsizetype kMax = 60;
    if (text.size() > kMax) {
        qsizetype cut = kMax - 1;
        if (text.at(cut - 1).isHighSurrogate())
            --cut; // never split a surrogate pair
        text = text.left(cut) + u'…';
    }
    return text;
}

} // namespace bk::mapping
