#include "PageReader.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace bk::sync {

namespace {

QString idString(const QJsonValue& v) {
    if (v.isDouble()) {
        const double d = v.toDouble();
        return QString::number(qint64(d));
    }
    return v.toString();
}

qint64 int64Value(const QJsonValue& v) {
    if (v.isDouble())
        return qint64(v.toDouble());
    bool ok = false;
    QString s = v.toString();
    if (s.endsWith(u'L'))
        s.chop(1);
    const qint64 n = s.toLongLong(&ok);
    return ok ? n : -1;
}

} // namespace

PageReader::PageReader(ConnectorDef connector, ResourceDef resource)
    : m_connector(std::move(connector))
    , m_resource(std::move(resource)) {}

ApiRequest PageReader::firstRequest(qint64 since) const {
    QUrl url = m_connector.url(m_resource.readPath());
    QUrlQuery q(url);
    const DeltaDef& d = m_resource.delta;
    switch (d.style) {
    case DeltaStyle::ODataTimestamp:
        // Exact requires a filter on sync endpoints; "gt n-1" includes position n itself.
        q.addQueryItem(u"$filter"_s,
                       u"%1 gt %2L"_s.arg(d.field).arg(std::max<qint64>(since, 1) - 1));
        break;
    case DeltaStyle::ODataModified:
        if (since >= 0)
            q.addQueryItem(u"$filter"_s, u"%1 ge datetime'%2'"_s.arg(
                                             d.field, formatQueryTime(since, DateFormat::MsJson)));
        break;
    case DeltaStyle::UpdatedSince:
        if (since >= 0)
            q.addQueryItem(d.param, formatQueryTime(since, d.paramFormat));
        break;
    case DeltaStyle::None:
        break;
    }
    for (auto it = d.extraParams.begin(); it != d.extraParams.end(); ++it)
        q.addQueryItem(it.key(), it.value());
    if (!m_connector.pagination.limitParam.isEmpty())
        q.addQueryItem(m_connector.pagination.limitParam,
                       QString::number(m_connector.pageSize(m_resource)));
    url.setQuery(q);
    ApiRequest r;
    r.url = url;
    return r;
}

ApiRequest PageReader::nextRequest(const QString& next) const {
    ApiRequest r;
    r.url = QUrl(next, QUrl::StrictMode);
    return r;
}

QUrl PageReader::withCursor(const QUrl& requestUrl, const QString& cursor) const {
    QUrl u = requestUrl;
    QUrlQuery q(u);
    q.removeAllQueryItems(m_connector.pagination.cursorParam);
    q.addQueryItem(m_connector.pagination.cursorParam, cursor);
    u.setQuery(q);
    return u;
}

Result<Page> PageReader::parse(const ApiOutcome& outcome, const QUrl& requestUrl) const {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error{ErrorCategory::Protocol, u"%1: list response is not a JSON object (%2)"_s.arg(
                                                  requestUrl.path(), pe.errorString())};
    const QJsonObject root = doc.object();
    QString resultsPath = m_connector.pagination.resultsPath;
    resultsPath.replace(u"{resource}"_s, m_resource.resultsKey);
    const QJsonValue results = jsonPath(root, resultsPath);
    if (!results.isArray() && !results.isNull())
        return Error{ErrorCategory::Protocol,
                     u"%1: no record array at \"%2\""_s.arg(requestUrl.path(), resultsPath)};

    Page page;
    const auto array = results.toArray();
    page.records.reserve(array.size());
    for (const QJsonValue& v : array) {
        const QJsonObject o = v.toObject();
        SourceRecord rec;
        rec.id = idString(o.value(m_resource.idField));
        rec.data = o;
        if (m_resource.delta.style == DeltaStyle::ODataTimestamp)
            rec.position = int64Value(o.value(m_resource.delta.field));
        else if (!m_resource.updatedField.isEmpty())
            rec.position = parseRecordTime(o.value(m_resource.updatedField), m_resource.dateFormat);
        if (rec.id.isEmpty())
            return Error{ErrorCategory::Protocol, u"%1: a record has no \"%2\""_s.arg(
                                                      requestUrl.path(), m_resource.idField)};
        page.records.push_back(std::move(rec));
    }

    const auto& p = m_connector.pagination;
    switch (p.style) {
    case PaginationStyle::ODataNext:
        page.next = jsonPath(root, p.nextPath).toString();
        break;
    case PaginationStyle::Cursor: {
        const QString cursor = jsonPath(root, p.nextPath).toString();
        if (!cursor.isEmpty())
            page.next = withCursor(requestUrl, cursor).toString(QUrl::FullyEncoded);
        break;
    }
    case PaginationStyle::LinkHeader: {
        const QString link = linkNext(outcome.header("Link"));
        if (!link.isEmpty()) {
            // With page_info only limit (and fields) may be sent: filters are dropped.
            const QString pageInfo =
                QUrlQuery(QUrl(link)).queryItemValue(p.pageInfoParam, QUrl::FullyDecoded);
            QUrl u = m_connector.url(m_resource.readPath());
            QUrlQuery q;
            q.addQueryItem(p.pageInfoParam, pageInfo);
            if (!p.limitParam.isEmpty())
                q.addQueryItem(p.limitParam, QString::number(m_connector.pageSize(m_resource)));
            u.setQuery(q);
            page.next = u.toString(QUrl::FullyEncoded);
        }
        break;
    }
    case PaginationStyle::None:
        break;
    }
    if (!p.totalPath.isEmpty()) {
        const QJsonValue t = jsonPath(root, p.totalPath);
        if (!t.isUndefined() && !t.isNull())
            page.total = int64Value(t);
    }
    return page;
}

Result<ApiRequest> PageReader::recordRequest(const QString& id) const {
    if (m_resource.getPath.isEmpty())
        return Error::usage(
            u"resource \"%1\" of %2 has no path for a single record (getPath)"_s.arg(
                m_resource.name, m_connector.connectorId));
    ApiRequest r;
    r.method = "GET";
    r.url = m_connector.url(QString(m_resource.getPath).replace(u"{id}"_s, id));
    r.sourceId = id;
    return r;
}

Result<SourceRecord> PageReader::parseRecord(const ApiOutcome& outcome,
                                             const QUrl& requestUrl) const {
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(outcome.body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return Error{ErrorCategory::Protocol,
                     u"%1: record response is not a JSON object (%2)"_s.arg(requestUrl.path(),
                                                                            pe.errorString())};
    const QJsonObject root = doc.object();
    QList<QJsonObject> candidates;
    if (!m_connector.recordPath.isEmpty())
        candidates << jsonPath(root, m_connector.recordPath).toObject();
    if (!m_resource.bodyWrapper.isEmpty())
        candidates << root.value(m_resource.bodyWrapper).toObject();
    for (const QString& k : {u"data"_s, u"d"_s})
        candidates << root.value(k).toObject();
    if (root.size() == 1 && root.begin()->isObject())
        candidates << root.begin()->toObject(); // Shopify: {"order": {...}}
    candidates << root;
    for (const QJsonObject& o : std::as_const(candidates)) {
        const QString id = idString(o.value(m_resource.idField));
        if (id.isEmpty())
            continue;
        SourceRecord rec;
        rec.id = id;
        rec.data = o;
        if (m_resource.delta.style == DeltaStyle::ODataTimestamp)
            rec.position = int64Value(o.value(m_resource.delta.field));
        else if (!m_resource.updatedField.isEmpty())
            rec.position = parseRecordTime(o.value(m_resource.updatedField), m_resource.dateFormat);
        return rec;
    }
    return Error{ErrorCategory::Protocol, u"%1: the response holds no record with \"%2\""_s.arg(
                                              requestUrl.path(), m_resource.idField)};
}

QString linkNext(const QByteArray& header) {
    static const QRegularExpression re(uR"(<([^>]*)>\s*;[^,]*rel="?next"?)"_s);
    const auto m = re.match(QString::fromUtf8(header));
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace bk::sync
