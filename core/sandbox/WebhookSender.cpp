#include "WebhookSender.h"

#include "LogCategories.h"
#include "Vendors.h"

#include <QCryptographicHash>
#include <QMessageAuthenticationCode>
#include <QNetworkReply>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

const WebhookReceiver& receiverOf(const SandboxOptions& o, Vendor vendor) {
    switch (vendor) {
    case Vendor::Exact:
        return o.exactWebhooks;
    case Vendor::Pipedrive:
        return o.pipedriveWebhooks;
    case Vendor::Shopify:
        return o.shopifyWebhooks;
    }
    return o.exactWebhooks;
}

QByteArray hmac(const QByteArray& key, const QByteArray& message) {
    return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}

QString uuid(QRandomGenerator64& rng) {
    const QString h = QString::number(rng.generate(), 16).rightJustified(16, u'0') +
                      QString::number(rng.generate(), 16).rightJustified(16, u'0');
    return h.mid(0, 8) + u'-' + h.mid(8, 4) + u"-4"_s + h.mid(13, 3) + u"-9"_s + h.mid(17, 3) +
           u'-' + h.mid(20, 12);
}

QString isoMs(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ss.zzzZ"_s);
}

} // namespace

WebhookSender::WebhookSender(SandboxState* state, QObject* parent)
    : QObject(parent)
    , m_state(state)
    , m_nam(new QNetworkAccessManager(this)) {}

QList<qint64> WebhookSender::retrySchedule(Vendor vendor) {
    switch (vendor) {
    case Vendor::Shopify: // 8 retries over about 4 hours, exponential
        return {60'000, 120'000, 240'000, 480'000, 960'000, 1'920'000, 3'840'000, 7'680'000};
    case Vendor::Pipedrive: // 3 more tries after 3, 30 and 150 seconds
        return {3'000, 30'000, 150'000};
    case Vendor::Exact: // not documented; a plausible schedule
        return {60'000, 300'000, 900'000, 3'600'000};
    }
    return {};
}

qint64 WebhookSender::timeoutMs(Vendor vendor) {
    return vendor == Vendor::Shopify ? 5'000 : 10'000;
}

void WebhookSender::enqueue(Vendor vendor, const QString& resource, const Record& record,
                            const QString& action) {
    SandboxState& s = *m_state;
    const WebhookReceiver& receiver = receiverOf(s.options, vendor);
    if (receiver.url.isEmpty())
        return;
    Event e{vendor, {}, uuid(s.webhookRng), {}, {}, receiver.url};
    const qint64 now = s.now();
    switch (vendor) {
    case Vendor::Exact: {
        static const QStringList topics = {u"Accounts"_s, u"Items"_s, u"SalesOrders"_s,
                                           u"SalesInvoices"_s};
        if (!topics.contains(resource))
            return;
        static const QHash<QString, QString> paths = {
            {u"Accounts"_s, u"crm/Accounts"_s},
            {u"Items"_s, u"logistics/Items"_s},
            {u"SalesOrders"_s, u"salesorder/SalesOrders"_s},
            {u"SalesInvoices"_s, u"salesinvoice/SalesInvoices"_s}};
        e.topic = resource;
        // The HashCode signs the Content object exactly as sent, so serialise it once.
        const QByteArray content = toJson(QJsonObject{
            {u"Topic"_s, resource},
            {u"ClientId"_s, Sandbox::clientId(vendor)},
            {u"Division"_s, 123456},
            {u"Action"_s, action},
            {u"Key"_s, record.id},
            {u"ExactOnlineEndpoint"_s, u"%1/api/v1/123456/%2(guid'%3')"_s.arg(
                                           s.baseUrl(vendor), paths.value(resource), record.id)},
            {u"EventCreatedOn"_s, isoMs(now)}});
        const QByteArray hash = hmac(receiver.secret.toUtf8(), content).toHex().toUpper();
        e.payload = "{\"Content\":" + content + ",\"HashCode\":\"" + hash + "\"}";
        break;
    }
    case Vendor::Pipedrive: {
        const QString entity = resource == u"persons"_s         ? u"person"_s
                               : resource == u"organizations"_s ? u"organization"_s
                                                                : u"deal"_s;
        e.topic = action + u'.' + entity;
        const QJsonObject meta{
            {u"action"_s, action},
            {u"entity"_s, entity},
            {u"company_id"_s, u"demo-bv"_s},
            {u"correlation_id"_s, uuid(s.webhookRng)},
            {u"entity_id"_s, QString::number(record.data.value(u"id"_s).toInteger())},
            {u"id"_s, e.eventId},
            {u"is_bulk_edit"_s, false},
            {u"timestamp"_s, isoMs(now)},
            {u"type"_s, u"general"_s},
            {u"user_id"_s, u"1"_s},
            {u"version"_s, u"2.0"_s},
            {u"webhook_id"_s, u"1"_s},
            {u"webhook_owner_id"_s, u"1"_s},
            {u"change_source"_s, u"api"_s},
            {u"attempt"_s, 0}};
        e.payload = toJson(QJsonObject{
            {u"data"_s, record.data}, {u"previous"_s, QJsonValue::Null}, {u"meta"_s, meta}});
        e.headers.append(
            {"Authorization"_ba,
             "Basic " + (receiver.username + u':' + receiver.secret).toUtf8().toBase64()});
        break;
    }
    case Vendor::Shopify: {
        const QString past = resource == u"orders"_s ? u"updated"_s : u"update"_s;
        e.topic = resource + u'/' + (action == u"create"_s ? u"create"_s : past);
        e.payload = toJson(record.data);
        e.headers = {
            {"X-Shopify-Topic"_ba, e.topic.toUtf8()},
            {"X-Shopify-Hmac-Sha256"_ba, hmac(receiver.secret.toUtf8(), e.payload).toBase64()},
            {"X-Shopify-Shop-Domain"_ba, "demo-shop.myshopify.com"_ba},
            {"X-Shopify-API-Version"_ba, "2026-07"_ba},
            {"X-Shopify-Event-Id"_ba, e.eventId.toUtf8()},
            {"X-Shopify-Triggered-At"_ba, isoMs(now).toUtf8()}};
        break;
    }
    }
    if (vendor == Vendor::Pipedrive) {
        auto& hook = s.pipedriveHook;
        if (hook.deleted || now < hook.bannedUntil) {
            s.webhookLog.append(WebhookDelivery{now, vendor, e.topic, e.eventId, 1, 0, true,
                                                hook.deleted ? u"deleted"_s : u"ban"_s});
            return;
        }
    }
    if (receiver.dropRate > 0 && s.webhookRng.generateDouble() < receiver.dropRate) {
        s.webhookLog.append(
            WebhookDelivery{now, vendor, e.topic, e.eventId, 1, 0, true, u"chaos"_s});
        return;
    }
    int copies = 1;
    if (receiver.duplicateRate > 0 && s.webhookRng.generateDouble() < receiver.duplicateRate)
        copies = 2;
    qint64 holdBack = 0;
    if (receiver.reorderRate > 0 && s.webhookRng.generateDouble() < receiver.reorderRate)
        holdBack = 1'000 + qint64(s.webhookRng.bounded(29'000)); // overtaken by later events
    for (int i = 0; i < copies; ++i) {
        s.clock->callAfter(holdBack, this, [this, e] { send(e, 1); });
    }
}

bool WebhookSender::notePipedriveOutcome(bool success, int attempt) {
    constexpr int kBanAt = 10;
    constexpr qint64 kBanMs = 30 * 60'000;
    constexpr qint64 kDeleteAfterMs = 3 * 86'400'000LL;
    auto& hook = m_state->pipedriveHook;
    const qint64 now = m_state->now();
    if (hook.deleted)
        return false;
    if (success) {
        hook.failingSince = -1;
        return true;
    }
    if (hook.failingSince < 0)
        hook.failingSince = now;
    if (attempt == 1 && ++hook.banCounter >= kBanAt) { // retries do not count
        hook.bannedUntil = now + kBanMs;
        hook.banCounter = 0; // counts afresh once the ban is over
        qCInfo(lcSandbox) << "sandbox: pipedrive webhook banned for 30 minutes";
    }
    if (now - hook.failingSince >= kDeleteAfterMs) {
        hook.deleted = true;
        qCInfo(lcSandbox) << "sandbox: pipedrive webhook deleted after 3 days without success";
        return false;
    }
    return true;
}

void WebhookSender::send(Event event, int attempt) {
    QByteArray body = event.payload;
    QList<QPair<QByteArray, QByteArray>> headers = event.headers;
    {
        QMutexLocker lock(&m_state->mutex);
        if (event.vendor == Vendor::Pipedrive && m_state->pipedriveHook.deleted) {
            m_state->webhookLog.append(WebhookDelivery{m_state->now(), event.vendor, event.topic,
                                                       event.eventId, attempt, 0, true,
                                                       u"deleted"_s});
            return; // a deleted webhook sends nothing, retries included
        }
        if (event.vendor == Vendor::Pipedrive)
            body.replace("\"attempt\":0", QByteArray("\"attempt\":" + QByteArray::number(attempt)));
        if (event.vendor == Vendor::Shopify) // a new delivery id per delivery, same event id
            headers.append({"X-Shopify-Webhook-Id"_ba, uuid(m_state->webhookRng).toUtf8()});
    }
    QNetworkRequest request{QUrl(event.url)};
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    for (const auto& [k, v] : headers)
        request.setRawHeader(k, v);
    request.setTransferTimeout(int(m_state->clock->toRealMs(timeoutMs(event.vendor))));
    QNetworkReply* reply = m_nam->post(request, body);
    connect(reply, &QNetworkReply::finished, this, [this, reply, event, attempt] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QList<qint64> schedule = retrySchedule(event.vendor);
        const bool success = status >= 200 && status < 300;
        {
            QMutexLocker lock(&m_state->mutex);
            m_state->webhookLog.append(WebhookDelivery{m_state->now(), event.vendor, event.topic,
                                                       event.eventId, attempt, status, false});
            if (event.vendor == Vendor::Pipedrive && !notePipedriveOutcome(success, attempt))
                return; // the webhook was deleted: no more retries
        }
        if (success)
            return;
        qCDebug(lcSandbox) << "sandbox: webhook" << event.topic << "attempt" << attempt
                           << "failed with" << status;
        if (attempt - 1 < schedule.size())
            m_state->clock->callAfter(schedule.at(attempt - 1), this,
                                      [this, event, attempt] { send(event, attempt + 1); });
    });
}

} // namespace bk::sandbox
