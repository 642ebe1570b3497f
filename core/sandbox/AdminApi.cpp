#include "Vendors.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

QJsonObject requestJson(const LoggedRequest& r) {
    QJsonObject o{{u"atMs"_s, r.atMs},         {u"vendor"_s, vendorSlug(r.vendor)},
                  {u"method"_s, r.method},     {u"path"_s, r.path},
                  {u"endpoint"_s, r.endpoint}, {u"status"_s, r.status}};
    if (!r.clientId.isEmpty())
        o.insert(u"clientId"_s, r.clientId);
    if (!r.fault.isEmpty())
        o.insert(u"fault"_s, r.fault);
    if (!r.note.isEmpty())
        o.insert(u"note"_s, r.note);
    return o;
}

Response error(int status, const QString& message) {
    return jsonResponse(status, toJson(QJsonObject{{u"error"_s, message}}));
}

Response logView(SandboxState& s, const QUrlQuery& q) {
    const QString vendor = q.queryItemValue(u"vendor"_s);
    const int status = q.queryItemValue(u"status"_s).toInt();
    const QString endpoint = q.queryItemValue(u"endpoint"_s, QUrl::FullyDecoded);
    QJsonArray requests;
    for (const LoggedRequest& r : s.log) {
        if (!vendor.isEmpty() && vendorSlug(r.vendor) != vendor)
            continue;
        if (status && r.status != status)
            continue;
        if (!endpoint.isEmpty() && !r.endpoint.contains(endpoint))
            continue;
        requests.append(requestJson(r));
    }
    QJsonArray tokens;
    for (const TokenEvent& t : s.tokenLog) {
        tokens.append(QJsonObject{{u"atMs"_s, t.atMs},
                                  {u"vendor"_s, vendorSlug(t.vendor)},
                                  {u"grantType"_s, t.grantType},
                                  {u"issued"_s, t.issued},
                                  {u"status"_s, t.status},
                                  {u"error"_s, t.error}});
    }
    QJsonArray webhooks;
    for (const WebhookDelivery& w : s.webhookLog) {
        webhooks.append(QJsonObject{{u"atMs"_s, w.atMs},
                                    {u"vendor"_s, vendorSlug(w.vendor)},
                                    {u"topic"_s, w.topic},
                                    {u"eventId"_s, w.eventId},
                                    {u"attempt"_s, w.attempt},
                                    {u"status"_s, w.status},
                                    {u"dropped"_s, w.dropped},
                                    {u"dropReason"_s, w.dropReason}});
    }
    return jsonResponse(200, toJson(QJsonObject{{u"requests"_s, requests},
                                                {u"tokens"_s, tokens},
                                                {u"webhooks"_s, webhooks}}));
}

Response stats(SandboxState& s) {
    QJsonObject byEndpoint, notes;
    for (const LoggedRequest& r : s.log) {
        if (!r.note.isEmpty())
            notes.insert(r.note, notes.value(r.note).toInt() + 1);
        const QString key =
            u"%1 %2 %3 %4"_s.arg(vendorSlug(r.vendor), r.method, r.endpoint).arg(r.status);
        byEndpoint.insert(key, byEndpoint.value(key).toInt() + 1);
    }
    int issued = 0, refused = 0, sent = 0, failed = 0, dropped = 0, droppedByBan = 0;
    for (const TokenEvent& t : s.tokenLog)
        (t.issued ? issued : refused)++;
    for (const WebhookDelivery& w : s.webhookLog)
        (w.dropped ? dropped : (w.status >= 200 && w.status < 300) ? sent : failed)++;
    for (const WebhookDelivery& w : s.webhookLog)
        droppedByBan += w.dropped && w.dropReason == u"ban"_s ? 1 : 0;
    const auto& hook = s.pipedriveHook;
    const QJsonObject pipedriveHook{{u"banCounter"_s, hook.banCounter},
                                    {u"banned"_s, s.now() < hook.bannedUntil},
                                    {u"bannedUntilMs"_s, hook.bannedUntil},
                                    {u"deleted"_s, hook.deleted}};
    QJsonObject tokenCalls; // Exact's per-day token-endpoint count, per client|user
    const qint64 day = s.now() - s.now() % 86'400'000;
    for (auto it = s.exactTokenCalls.cbegin(); it != s.exactTokenCalls.cend(); ++it)
        tokenCalls.insert(it.key(), it->first == day ? it->second : 0);
    return jsonResponse(200, toJson(QJsonObject{{u"requests"_s, byEndpoint},
                                                {u"exactTokenCallsToday"_s, tokenCalls},
                                                {u"refusals"_s, notes},
                                                {u"tokensIssued"_s, issued},
                                                {u"tokensRefused"_s, refused},
                                                {u"webhooksDelivered"_s, sent},
                                                {u"webhooksFailed"_s, failed},
                                                {u"webhooksDropped"_s, dropped},
                                                {u"webhooksDroppedByBan"_s, droppedByBan},
                                                {u"pipedriveWebhook"_s, pipedriveHook}}));
}

Response faults(SandboxState& s, const Request& request) {
    if (request.method == "DELETE") {
        s.faults.clear();
        return jsonResponse(200, R"({"cleared":true})"_ba);
    }
    if (request.method == "POST") {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QJsonArray list =
            body.contains(u"faults"_s) ? body.value(u"faults"_s).toArray() : QJsonArray{body};
        QList<Fault> parsed;
        for (const QJsonValue& v : list) {
            auto f = Fault::fromJson(v.toObject(), s.now());
            if (!f)
                return error(400, f.error().message);
            parsed << f.value();
        }
        QJsonArray ids;
        for (const Fault& f : parsed)
            ids.append(s.injectFault(f));
        return jsonResponse(201, toJson(QJsonObject{{u"ids"_s, ids}}));
    }
    QJsonArray out;
    for (const Fault& f : s.faults)
        out.append(f.toJson());
    return jsonResponse(200, toJson(QJsonObject{{u"faults"_s, out}}));
}

Response records(SandboxState& s, const Request& request, const QStringList& parts) {
    // /records/<vendor>/<resource>[/<id>]
    const auto vendor = vendorFromSlug(parts.value(1));
    const QString resource = parts.value(2);
    if (!vendor || !s.data[*vendor].count(resource))
        return error(404, u"unknown vendor or resource"_s);
    if (request.method == "GET" && parts.size() == 3)
        return jsonResponse(
            200, toJson(QJsonObject{{u"count"_s, qint64(s.data[*vendor][resource].byId.size())}}));
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return error(400, u"a JSON object of fields is required"_s);
    if (parts.size() == 3 && request.method == "POST")
        return jsonResponse(
            201, toJson(QJsonObject{{u"id"_s, s.createRecord(*vendor, resource, doc.object())}}));
    if (parts.size() == 4 && (request.method == "PATCH" || request.method == "POST")) {
        if (!s.updateRecord(*vendor, resource, parts[3], doc.object()))
            return error(404, u"no such record"_s);
        return jsonResponse(200, R"({"updated":true})"_ba);
    }
    return error(405, u"method not allowed"_s);
}

} // namespace

Response adminApi(SandboxState& s, const Request& request, const QString& sub) {
    const QStringList parts = sub.split(u'/', Qt::SkipEmptyParts);
    const QString head = parts.value(0);
    if (head == u"log"_s && parts.value(1) == u"clear"_s && request.method == "POST") {
        s.log.clear();
        s.tokenLog.clear();
        s.webhookLog.clear();
        return jsonResponse(200, R"({"cleared":true})"_ba);
    }
    if (head == u"log"_s)
        return logView(s, request.query);
    if (head == u"stats"_s)
        return stats(s);
    if (head == u"faults"_s)
        return faults(s, request);
    if (head == u"records"_s)
        return records(s, request, parts);
    if (head == u"clock"_s)
        return jsonResponse(
            200, toJson(QJsonObject{{u"nowMs"_s, s.now()}, {u"now"_s, rfc3339(s.now())}}));
    if (head == u"revoke"_s && request.method == "POST") {
        const auto vendor = vendorFromSlug(
            QJsonDocument::fromJson(request.body).object().value(u"vendor"_s).toString());
        if (!vendor)
            return error(400, u"vendor must be exact-online, pipedrive or shopify"_s);
        return jsonResponse(200, toJson(QJsonObject{{u"revoked"_s, s.revokeTokens(*vendor)}}));
    }
    if (head.isEmpty()) {
        QJsonObject urls;
        for (Vendor v : allVendors())
            urls.insert(vendorSlug(v), s.baseUrl(v));
        return jsonResponse(
            200, toJson(QJsonObject{{u"vendors"_s, urls}, {u"seed"_s, qint64(s.options.seed)}}));
    }
    return error(404, u"unknown admin endpoint"_s);
}

} // namespace bk::sandbox
