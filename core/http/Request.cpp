#include "Request.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bk::http {

QString Request::effectiveEndpoint() const {
    if (!endpointKey.isEmpty())
        return endpointKey;
    return QString(QString::fromLatin1(method) + u' ' + url.path());
}

QByteArray Request::header(const QByteArray& name) const {
    for (const auto& h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

bool isSecretHeader(const QByteArray& name) {
    static const QList<QByteArray> secret{"authorization", "proxy-authorization",
                                          "cookie",        "x-shopify-access-token",
                                          "x-api-key",     "api-token"};
    return secret.contains(name.toLower());
}

HeaderList withoutSecretHeaders(const HeaderList& headers) {
    HeaderList out;
    for (const auto& h : headers)
        if (!isSecretHeader(h.first))
            out.append(h);
    return out;
}

QJsonObject Request::toJson() const {
    QJsonArray hs;
    for (const auto& h : withoutSecretHeaders(headers))
        hs.append(QJsonArray{QString::fromLatin1(h.first), QString::fromUtf8(h.second)});
    QJsonArray items;
    for (const auto& i : batchItems)
        items.append(
            QJsonObject{{u"recordId"_s, i.recordId}, {u"body"_s, QString::fromUtf8(i.body)}});
    return {{u"method"_s, QString::fromLatin1(method)},
            {u"url"_s, url.toString()},
            {u"headers"_s, hs},
            {u"body"_s, QString::fromUtf8(body)},
            {u"connectorId"_s, connectorId},
            {u"flowId"_s, flowId},
            {u"recordIds"_s, QJsonArray::fromStringList(recordIds)},
            {u"endpointKey"_s, endpointKey},
            {u"costKey"_s, costKey},
            {u"idempotencyKey"_s, idempotencyKey},
            {u"batchItems"_s, items},
            {u"batchSpec"_s, batchSpec},
            {u"deadLetterKey"_s, deadLetterKey},
            {u"callerRedoes"_s, callerRedoes}};
}

Request Request::fromJson(const QJsonObject& json) {
    Request r;
    r.method = json.value(u"method"_s).toString().toLatin1();
    r.url = QUrl(json.value(u"url"_s).toString());
    for (const auto& v : json.value(u"headers"_s).toArray()) {
        const QJsonArray pair = v.toArray();
        r.headers.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toUtf8()});
    }
    r.body = json.value(u"body"_s).toString().toUtf8();
    r.connectorId = json.value(u"connectorId"_s).toString();
    r.flowId = json.value(u"flowId"_s).toString();
    for (const auto& v : json.value(u"recordIds"_s).toArray())
        r.recordIds.append(v.toString());
    r.endpointKey = json.value(u"endpointKey"_s).toString();
    r.costKey = json.value(u"costKey"_s).toString();
    r.idempotencyKey = json.value(u"idempotencyKey"_s).toString();
    for (const auto& v : json.value(u"batchItems"_s).toArray()) {
        const QJsonObject o = v.toObject();
        r.batchItems.append(
            {o.value(u"recordId"_s).toString(), o.value(u"body"_s).toString().toUtf8()});
    }
    r.batchSpec = json.value(u"batchSpec"_s).toObject();
    r.deadLetterKey = json.value(u"deadLetterKey"_s).toString();
    r.callerRedoes = json.value(u"callerRedoes"_s).toBool();
    return r;
}

QString outcomeClassName(OutcomeClass c) {
    switch (c) {
    case OutcomeClass::Success:
        return u"success"_s;
    case OutcomeClass::Permanent:
        return u"permanent"_s;
    case OutcomeClass::RateLimited:
        return u"rate-limited"_s;
    case OutcomeClass::Transient:
        return u"transient"_s;
    case OutcomeClass::Network:
        return u"network"_s;
    case OutcomeClass::Auth:
        return u"auth"_s;
    case OutcomeClass::Invalid:
        return u"invalid"_s;
    }
    return u"unknown"_s;
}

OutcomeClass outcomeClassFromName(const QString& name) {
    for (auto c : {OutcomeClass::Success, OutcomeClass::Permanent, OutcomeClass::RateLimited,
                   OutcomeClass::Transient, OutcomeClass::Network, OutcomeClass::Auth,
                   OutcomeClass::Invalid})
        if (outcomeClassName(c) == name)
            return c;
    return OutcomeClass::Permanent;
}

QJsonObject Attempt::toJson() const {
    return {{u"timeMs"_s, timeMs},
            {u"status"_s, status},
            {u"class"_s, outcomeClassName(cls)},
            {u"excerpt"_s, excerpt},
            {u"waitAfterMs"_s, waitAfterMs}};
}

Attempt Attempt::fromJson(const QJsonObject& json) {
    Attempt a;
    a.timeMs = json.value(u"timeMs"_s).toInteger();
    a.status = json.value(u"status"_s).toInt();
    a.cls = outcomeClassFromName(json.value(u"class"_s).toString());
    a.excerpt = json.value(u"excerpt"_s).toString();
    a.waitAfterMs = json.value(u"waitAfterMs"_s).toInteger();
    return a;
}

} // namespace bk::http
