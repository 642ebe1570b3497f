#pragma once

#include "Request.h"

#include <optional>

#include <QJsonObject>

namespace bk::http {

/// How a connector resource takes several operations in one request, read from the
/// resource's "batch" object in the connector definition:
/// { "path": "/persons/batch", "method": "POST", "maxItems": 100, "itemsKey": "items",
///   "resultsPath": "results", "statusField": "status", "errorField": "error" }.
/// The response lists one result per item, in request order.
struct BatchSpec {
    QString path;
    QByteArray method = "POST";
    int maxItems = 100;
    QString itemsKey = QStringLiteral("items");
    QString resultsPath = QStringLiteral("results");
    QString statusField = QStringLiteral("status");
    QString errorField = QStringLiteral("error");

    static std::optional<BatchSpec> fromResource(const QJsonObject& resource);
    QJsonObject toJson() const;
    static BatchSpec fromJson(const QJsonObject& json);
};

/// Builds one batch request from template (connector, flow, headers) carrying items; each
/// item body must be a JSON object.
Request buildBatchRequest(const BatchSpec& spec, const QUrl& url, const Request& templ,
                          const QList<BatchItem>& items);

/// Splits a batch response into per-item outcomes (an item missing from the response is a
/// failure with a reason).
QList<ItemOutcome> splitBatchResponse(const BatchSpec& spec, const QList<BatchItem>& items,
                                      const QByteArray& body);

} // namespace bk::http
