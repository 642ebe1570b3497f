#include "Batch.h"

#include "Classify.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace bk::http {

std::optional<BatchSpec> BatchSpec::fromResource(const QJsonObject& resource) {
    const QJsonValue v = resource.value(u"batch"_s);
    if (!v.isObject())
        return std::nullopt;
    BatchSpec s = fromJson(v.toObject());
    if (s.path.isEmpty())
        return std::nullopt;
    return s;
}

QJsonObject BatchSpec::toJson() const {
    return {{u"path"_s, path},
            {u"method"_s, QString::fromLatin1(method)},
            {u"maxItems"_s, maxItems},
            {u"itemsKey"_s, itemsKey},
            {u"resultsPath"_s, resultsPath},
            {u"statusField"_s, statusField},
            {u"errorField"_s, errorField}};
}

BatchSpec BatchSpec::fromJson(const QJsonObject& o) {
    BatchSpec s;
    s.path = o.value(u"path"_s).toString();
    s.method = o.value(u"method"_s).toString(u"POST"_s).toLatin1();
    s.maxItems = std::max(1, o.value(u"maxItems"_s).toInt(s.maxItems));
    s.itemsKey = o.value(u"itemsKey"_s).toString(s.itemsKey);
    s.resultsPath = o.value(u"resultsPath"_s).toString(s.resultsPath);
    s.statusField = o.value(u"statusField"_s).toString(s.statusField);
    s.errorField = o.value(u"errorField"_s).toString(s.errorField);
    return s;
}

Request buildBatchRequest(const BatchSpec& spec, const QUrl& url, const Request& templ,
                          const QList<BatchItem>& items) {
    Request r = templ;
    r.method = spec.method;
    r.url = url;
    r.batchItems = items;
    r.batchSpec = spec.toJson();
    r.recordIds.clear();
    QJsonArray arr;
    for (const BatchItem& i : items) {
        arr.append(QJsonDocument::fromJson(i.body).object());
        r.recordIds.append(i.recordId);
    }
    r.body = QJsonDocument(QJsonObject{{spec.itemsKey, arr}}).toJson(QJsonDocument::Compact);
    bool hasType = false;
    for (const auto& h : r.headers)
        hasType = hasType || h.first.compare("content-type", Qt::CaseInsensitive) == 0;
    if (!hasType)
        r.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return r;
}

QList<ItemOutcome> splitBatchResponse(const BatchSpec& spec, const QList<BatchItem>& items,
                                      const QByteArray& body) {
    QJsonValue v = QJsonDocument::fromJson(body).object();
    for (const QString& part : spec.resultsPath.split(u'.', Qt::SkipEmptyParts))
        v = v.toObject().value(part);
    const QJsonArray results = v.toArray();
    QList<ItemOutcome> out;
    for (int i = 0; i < items.size(); ++i) {
        ItemOutcome o;
        o.recordId = items[i].recordId;
        o.body = items[i].body;
        if (i >= results.size()) {
            o.ok = false;
            o.status = 0;
            o.reason = u"the batch response has no result for item %1"_s.arg(i + 1);
        } else {
            const QJsonObject r = results[i].toObject();
            o.status = r.value(spec.statusField).toInt(200);
            o.ok = o.status >= 200 && o.status < 300;
            if (!o.ok) {
                const QJsonValue err = r.value(spec.errorField);
                const QString text =
                    err.isString()
                        ? err.toString()
                        : QString::fromUtf8(
                              QJsonDocument(err.toObject()).toJson(QJsonDocument::Compact));
                o.reason = u"item %1 (%2): HTTP %3: %4"_s.arg(i + 1)
                               .arg(o.recordId)
                               .arg(o.status)
                               .arg(bodyExcerpt(text.toUtf8()));
            }
        }
        out.append(o);
    }
    return out;
}

} // namespace bk::http
