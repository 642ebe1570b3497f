#pragma once

#include "SyncDefinition.h"
#include "SyncTypes.h"
#include "Transport.h"

namespace bk::sync {

/// One page of a list endpoint.
struct Page {
    QList<SourceRecord> records;
    QString next;      ///< full URL of the next page; empty on the last page
    qint64 total = -1; ///< total record count when the API reports one
};

/// Reads a resource page by page in the connector's pagination style, asking only for
/// changes at or after a position when the resource has a delta filter.
class PageReader {
public:
    PageReader(ConnectorDef connector, ResourceDef resource);

    /// First page of changes at or after sincePosition (-1: everything).
    ApiRequest firstRequest(qint64 sincePosition) const;
    /// A follow-up page from Page::next (or a stored run state).
    ApiRequest nextRequest(const QString& next) const;
    /// Parses a 2xx response into records and the next page.
    Result<Page> parse(const ApiOutcome& outcome, const QUrl& requestUrl) const;

    /// A GET of one record by id (the resource's getPath); an error when it has none.
    Result<ApiRequest> recordRequest(const QString& id) const;
    /// Parses the answer to recordRequest(): the record under the connector's record path,
    /// the body wrapper, "data" or "d", a single wrapping key, or the body itself.
    Result<SourceRecord> parseRecord(const ApiOutcome& outcome, const QUrl& requestUrl) const;

    const ResourceDef& resource() const { return m_resource; }
    const ConnectorDef& connector() const { return m_connector; }

private:
    QUrl withCursor(const QUrl& requestUrl, const QString& cursor) const;

    ConnectorDef m_connector;
    ResourceDef m_resource;
};

/// The next-page URL from a `Link` header, or empty.
QString linkNext(const QByteArray& linkHeader);

} // namespace bk::sync
