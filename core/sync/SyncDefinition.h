#pragma once

#include "Result.h"
#include "Workspace.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace bk::sync {

/// How a list endpoint hands out its next page.
enum class PaginationStyle {
    ODataNext,  ///< follow `d.__next` exactly as given (Exact Online)
    Cursor,     ///< `cursor` parameter from `additional_data.next_cursor` (Pipedrive v2)
    LinkHeader, ///< `Link: <…page_info=…>; rel="next"`, filters dropped after page 1 (Shopify)
    None,       ///< one page only
};

/// How a list endpoint is asked for "changed since".
enum class DeltaStyle {
    ODataTimestamp, ///< `$filter=Timestamp gt {n}L` on an ever-increasing Int64 (Exact sync/…)
    ODataModified,  ///< `$filter=Modified ge datetime'YYYY-MM-DDTHH:MM:SS'` (Exact CRUD)
    UpdatedSince,   ///< a query parameter with an RFC 3339 / ISO 8601 instant (Pipedrive, Shopify)
    None,           ///< no delta filter: every run reads everything
};

/// How a record's updated-at field is written.
enum class DateFormat { MsJson, Rfc3339, Iso8601 };

struct PaginationDef {
    PaginationStyle style = PaginationStyle::None;
    int pageSize = 100;
    QString resultsPath; ///< dotted path to the record array ("d.results", "data", "{resource}")
    QString nextPath;    ///< dotted path to the next URL / cursor
    QString cursorParam; ///< Cursor: request parameter
    QString limitParam;  ///< parameter carrying the page size (empty: server decides)
    QString pageInfoParam = QStringLiteral("page_info"); ///< LinkHeader
    QString totalPath; ///< dotted path to a total count in the first page, when the API has one
};

struct DeltaDef {
    DeltaStyle style = DeltaStyle::None;
    QString field; ///< ODataTimestamp / ODataModified: the filtered field
    QString param; ///< UpdatedSince: the query parameter
    DateFormat paramFormat = DateFormat::Rfc3339;
    QMap<QString, QString> extraParams; ///< sort order etc., sent on the first page only
    int pageSize = 0;                   ///< overrides the pagination page size (sync endpoints)
    bool ordered = false; ///< pages come in ascending change order: the cursor may advance per page
};

/// A batch endpoint for creates, in the shape core/http's BatchSpec reads:
/// {"path", "method", "maxItems", "itemsKey", "resultsPath", "statusField", "errorField"}.
/// The request body is {itemsKey: [payload, …]}; the response lists one result per item in
/// request order at resultsPath, each with a status and the created record (or its id).
struct BatchDef {
    QString path; ///< relative to the API path
    QByteArray method = "POST";
    int maxItems = 0; ///< 0: no batch endpoint
    QString itemsKey = QStringLiteral("items");
    QString resultsPath = QStringLiteral("results");
    QString statusField = QStringLiteral("status");
    QString errorField = QStringLiteral("error");
    QJsonObject raw; ///< the definition's object, for the pipeline
};

/// One resource of a connector, as the sync engine needs it.
struct ResourceDef {
    QString name;
    QString listPath;
    QString syncPath;   ///< preferred for reading when set (Exact sync/… endpoints)
    QString resultsKey; ///< replaces "{resource}" in the results path
    DeltaDef delta;
    QString idField;
    QString updatedField;
    DateFormat dateFormat = DateFormat::Rfc3339;
    QString writePath;
    QString updatePath; ///< with "{id}"
    QString getPath;    ///< one record, with "{id}" ("getPath", else the update path)
    QString createMethod = QStringLiteral("POST");
    QString updateMethod = QStringLiteral("PUT");
    QString bodyWrapper; ///< writes go as {"<wrapper>": payload} and come back the same way
    BatchDef batch;
    bool writable() const { return !writePath.isEmpty(); }
    /// Path used to read (sync endpoint when present).
    QString readPath() const { return syncPath.isEmpty() ? listPath : syncPath; }
};

/// The sync-relevant part of a connector definition, resolved against one ConnectorConfig.
struct ConnectorDef {
    QString connectorId;
    QString type;
    QUrl apiBase;       ///< base URL + apiPath with {division}/{shop}/{company} filled in
    QString recordPath; ///< where a single written record sits in a write response ("d", "data")
    QString idempotencyHeader; ///< header carrying an idempotency key, when the API honours one
    PaginationDef pagination;
    QMap<QString, ResourceDef> resources;
    QJsonObject raw;

    /// The full URL for a path relative to the API base ("/crm/Accounts").
    QUrl url(const QString& path) const;
    const ResourceDef* resource(const QString& name) const;
    /// Page size for reading resource (delta override, else the pagination default).
    int pageSize(const ResourceDef& resource) const;
};

/// Parses the definition JSON for one configured connector. Fills {division}, {shop} and
/// {company} from the config; an unfilled placeholder is an error naming it.
Result<ConnectorDef> parseConnectorDef(const QJsonObject& definition,
                                       const ConnectorConfig& config);

/// Reads a dotted path ("d.results", "additional_data.next_cursor") from a JSON object.
QJsonValue jsonPath(const QJsonObject& root, const QString& path);

/// Parses an updated-at value in the given format to epoch ms; -1 when unreadable.
qint64 parseRecordTime(const QJsonValue& value, DateFormat format);
/// Formats epoch ms for a delta query parameter.
QString formatQueryTime(qint64 ms, DateFormat format);

} // namespace bk::sync
