#include "SyncTypes.h"

#include <QCryptographicHash>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace bk::sync {

QByteArray contentHash(const QJsonObject& payload, const QStringList& fields) {
    QJsonObject subset;
    if (fields.isEmpty()) {
        subset = payload;
    } else {
        for (const QString& f : fields) {
            const QJsonValue v = payload.value(f);
            // Absent and null mean the same to a comparison of both sides.
            if (!v.isUndefined() && !v.isNull())
                subset.insert(f, v);
        }
    }
    const QByteArray json = QJsonDocument(subset).toJson(QJsonDocument::Compact);
    return QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex();
}

QString canonicalMatchValue(const QString& value) {
    const QString v = value.trimmed();
    if (v.contains(u'@'))
        return v.toLower();
    QString digits;
    for (const QChar c : v)
        if (c.isDigit() || (c == u'+' && digits.isEmpty()))
            digits.append(c);
    // A phone number: at least a few digits and nothing but separators around them.
    if (digits.size() >= 6 && digits.size() * 2 >= v.size())
        return digits;
    return v.toLower();
}

} // namespace bk::sync
