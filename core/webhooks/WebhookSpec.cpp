#include "WebhookSpec.h"

#include <limits>

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk::webhooks {

namespace {

QByteArray headerValue(const QList<QPair<QByteArray, QByteArray>>& headers,
                       const QByteArray& name) {
    if (name.isEmpty())
        return {};
    for (const auto& [key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value.trimmed();
    return {};
}

QString scalarText(const QJsonValue& v) {
    if (v.isString())
        return v.toString();
    if (v.isDouble()) {
        // Ids such as Shopify's 820982911946154508 are beyond a double's 53 bits: Qt keeps
        // integers exact, and going through toDouble() would merge different records.
        constexpr qint64 notInteger = std::numeric_limits<qint64>::min();
        if (const qint64 i = v.toInteger(notInteger); i != notInteger)
            return QString::number(i);
        return QString::number(v.toDouble(), 'g', 17);
    }
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return {};
}

} // namespace

Result<WebhookSpec> WebhookSpec::fromDefinition(const QJsonObject& definition) {
    const QJsonObject w = definition.value(u"webhooks"_s).toObject();
    if (w.isEmpty())
        return Error::usage(u"connector definition has no \"webhooks\" section"_s);
    WebhookSpec s;
    auto scheme = parseSignatureScheme(w.value(u"scheme"_s).toString());
    if (!scheme)
        return Error::usage(u"webhooks.scheme: "_s + scheme.error().message);
    s.scheme = *scheme;
    s.eventIdHeader = w.value(u"eventIdHeader"_s).toString().toLatin1();
    s.deliveryIdHeader = w.value(u"deliveryIdHeader"_s).toString().toLatin1();
    s.eventIdPath = w.value(u"eventIdPath"_s).toString();
    s.occurredAtHeader = w.value(u"occurredAtHeader"_s).toString().toLatin1();
    s.occurredAtPath = w.value(u"occurredAtPath"_s).toString();
    s.topicHeader = w.value(u"topicHeader"_s).toString().toLatin1();
    s.topicPath = w.value(u"topicPath"_s).toString();
    s.keyPath = w.value(u"keyPath"_s).toString();
    if (s.keyPath.isEmpty())
        s.keyPath = w.value(u"entityIdPath"_s).toString();
    s.entityPath = w.value(u"entityPath"_s).toString();
    const QString dedup = w.value(u"dedup"_s).toString(u"event-id"_s);
    if (dedup != u"event-id"_s && dedup != u"payload-hash"_s)
        return Error::usage(u"webhooks.dedup must be \"event-id\" or \"payload-hash\""_s);
    s.dedupByEventId = dedup == u"event-id"_s;
    return s;
}

QJsonValue valueAtPath(const QJsonDocument& doc, const QString& path) {
    if (path.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    QJsonValue v = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    for (const QString& part : path.split(u'.')) {
        if (v.isObject())
            v = v.toObject().value(part);
        else if (v.isArray()) {
            bool ok = false;
            const int i = part.toInt(&ok);
            v = ok ? v.toArray().at(i) : QJsonValue(QJsonValue::Undefined);
        } else
            return QJsonValue(QJsonValue::Undefined);
    }
    return v;
}

qint64 parseTimestampMs(const QJsonValue& value) {
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d <= 0)
            return 0;
        return d < 1e11 ? qint64(d * 1000) : qint64(d); // seconds or milliseconds
    }
    if (!value.isString())
        return 0;
    QString text = value.toString().trimmed();
    static const QRegularExpression msJson(u"^\\\\?/Date\\((-?\\d+)[^)]*\\)\\\\?/$"_s);
    if (const auto m = msJson.match(text); m.hasMatch())
        return m.captured(1).toLongLong();
    bool numeric = false;
    const double d = text.toDouble(&numeric);
    if (numeric)
        return parseTimestampMs(QJsonValue(d));
    // Qt reads at most millisecond fractions; senders use up to nanoseconds.
    static const QRegularExpression longFraction(u"(\\.\\d{3})\\d+"_s);
    text.replace(longFraction, u"\\1"_s);
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return 0;
    if (t.timeSpec() == Qt::LocalTime) // no offset given: the vendors mean UTC
        t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch();
}

QByteArray canonicalPayloadHash(const QJsonDocument& payload) {
    return QCryptographicHash::hash(payload.toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha256)
        .toHex();
}

EventMeta extractEventMeta(const WebhookSpec& spec, const QString& connectorId,
                           const QList<QPair<QByteArray, QByteArray>>& headers,
                           const QJsonDocument& payload) {
    EventMeta m;
    QByteArray id = headerValue(headers, spec.eventIdHeader);
    if (id.isEmpty())
        id = headerValue(headers, spec.deliveryIdHeader);
    m.eventId = QString::fromUtf8(id);
    if (m.eventId.isEmpty())
        m.eventId = scalarText(valueAtPath(payload, spec.eventIdPath));
    m.payloadHash = canonicalPayloadHash(payload);
    m.dedupKey = spec.dedupByEventId && !m.eventId.isEmpty()
                     ? QString(connectorId + u":id:"_s + m.eventId)
                     : QString(connectorId + u":sha256:"_s + QString::fromLatin1(m.payloadHash));

    m.topic = QString::fromUtf8(headerValue(headers, spec.topicHeader));
    if (m.topic.isEmpty())
        m.topic = scalarText(valueAtPath(payload, spec.topicPath));
    QString entity = scalarText(valueAtPath(payload, spec.entityPath));
    if (entity.isEmpty())
        entity = m.topic.section(u'/', 0, 0); // "orders/updated" → "orders"
    const QString recordId = scalarText(valueAtPath(payload, spec.keyPath));
    // Without a record id, an event orders only against itself.
    m.recordKey =
        recordId.isEmpty() ? m.dedupKey : QString(connectorId + u'/' + entity + u'/' + recordId);

    const QByteArray occurredHeader = headerValue(headers, spec.occurredAtHeader);
    m.occurredMs = occurredHeader.isEmpty()
                       ? parseTimestampMs(valueAtPath(payload, spec.occurredAtPath))
                       : parseTimestampMs(QJsonValue(QString::fromUtf8(occurredHeader)));
    return m;
}

QByteArray headersWorthKeeping(const QList<QPair<QByteArray, QByteArray>>& headers) {
    QJsonObject kept;
    for (const auto& [key, value] : headers) {
        const QByteArray k = key.toLower();
        if (k.contains("hmac") || k.contains("signature") || k == "authorization" || k == "cookie")
            continue;
        if (k.startsWith("x-shopify-") || k.startsWith("shopify-") || k.startsWith("x-pipedrive") ||
            k == "content-type" || k == "user-agent" || k.startsWith("x-request-id"))
            kept.insert(QString::fromLatin1(k), QString::fromUtf8(value));
    }
    return QJsonDocument(kept).toJson(QJsonDocument::Compact);
}

} // namespace bk::webhooks
