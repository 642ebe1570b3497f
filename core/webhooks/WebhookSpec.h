#pragma once

#include "Result.h"
#include "webhooks/Signature.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace bk::webhooks {

/// The `webhooks` section of a connector definition, interpreted.
struct WebhookSpec {
    SignatureScheme scheme = SignatureScheme::None;
    QByteArray eventIdHeader;    ///< sender's event id (dedup key), e.g. X-Shopify-Event-Id
    QByteArray deliveryIdHeader; ///< per-delivery id, used when the event id is absent
    QString eventIdPath;         ///< dotted payload path of the event id, e.g. meta.id
    QByteArray occurredAtHeader; ///< when the change happened, e.g. X-Shopify-Triggered-At
    QString occurredAtPath;
    QByteArray topicHeader;
    QString topicPath;
    QString keyPath; ///< record id inside the payload (per-record ordering)
    QString entityPath;
    bool dedupByEventId = true; ///< false: always by payload hash ("dedup": "payload-hash")

    /// Reads definition["webhooks"]; an error names the field.
    static Result<WebhookSpec> fromDefinition(const QJsonObject& definition);
};

/// What the listener learns about one delivery before it is stored.
struct EventMeta {
    QString eventId;        ///< sender's id, empty when it sent none
    QByteArray payloadHash; ///< hex SHA-256 of the canonical payload
    QString dedupKey;       ///< "<connector>:id:<eventId>" or "<connector>:sha256:<hash>"
    QString topic;
    QString recordKey;     ///< events with the same key are processed in arrival order
    qint64 occurredMs = 0; ///< 0 when the sender says nothing usable
};

/// Extracts ids, topic, record key and occurred-at from a verified, parsed delivery.
EventMeta extractEventMeta(const WebhookSpec& spec, const QString& connectorId,
                           const QList<QPair<QByteArray, QByteArray>>& headers,
                           const QJsonDocument& payload);

/// SHA-256 (hex) of the payload serialised canonically (sorted keys, compact), so the same
/// content sent with other whitespace or key order has the same hash.
QByteArray canonicalPayloadHash(const QJsonDocument& payload);

/// ISO 8601 (any fraction length), "/Date(ms)/", or Unix seconds/milliseconds → ms; 0 if none.
qint64 parseTimestampMs(const QJsonValue& value);

/// Value at a dotted path ("meta.id"); undefined when absent.
QJsonValue valueAtPath(const QJsonDocument& doc, const QString& path);

/// The request headers worth keeping with an event (ids, topic, content type; never
/// credentials or signatures), as compact JSON.
QByteArray headersWorthKeeping(const QList<QPair<QByteArray, QByteArray>>& headers);

} // namespace bk::webhooks
