#include "SyncDefinition.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk::sync {

namespace {

Result<DateFormat> dateFormat(const QString& text, const QString& where) {
    if (text.isEmpty() || text == u"rfc3339"_s)
        return DateFormat::Rfc3339;
    if (text == u"iso8601"_s)
        return DateFormat::Iso8601;
    if (text == u"ms-json"_s)
        return DateFormat::MsJson;
    return Error::usage(
        u"%1: unknown date format \"%2\" (ms-json, rfc3339, iso8601)"_s.arg(where, text));
}

QMap<QString, QString> stringMap(const QJsonObject& o) {
    QMap<QString, QString> m;
    for (auto it = o.begin(); it != o.end(); ++it)
        m.insert(it.key(), it.value().toVariant().toString());
    return m;
}

Result<ResourceDef> parseResource(const QString& name, const QJsonObject& o, const QString& type) {
    const QString where = u"connector \"%1\" resource \"%2\""_s.arg(type, name);
    ResourceDef r;
    r.name = name;
    r.listPath = o.value(u"listPath"_s).toString();
    r.syncPath = o.value(u"syncPath"_s).toString();
    r.resultsKey = o.value(u"resultsKey"_s).toString(name);
    r.idField = o.value(u"idField"_s).toString(u"id"_s);
    r.updatedField = o.value(u"updatedField"_s).toString();
    auto fmt = dateFormat(o.value(u"dateFormat"_s).toString(), where);
    if (!fmt)
        return fmt.error();
    r.dateFormat = *fmt;
    r.writePath = o.value(u"writePath"_s).toString();
    r.updatePath = o.value(u"updatePath"_s).toString();
    r.getPath = o.value(u"getPath"_s).toString(r.updatePath);
    r.createMethod = o.value(u"createMethod"_s).toString(u"POST"_s);
    r.updateMethod = o.value(u"updateMethod"_s).toString(u"PUT"_s);
    r.bodyWrapper = o.value(u"bodyWrapper"_s).toString();
    if (r.listPath.isEmpty())
        return Error::usage(where + u": \"listPath\" is missing"_s);

    const QJsonObject d = o.value(u"delta"_s).toObject();
    const QString style = d.value(u"style"_s).toString();
    if (style == u"odata-timestamp"_s)
        r.delta.style = DeltaStyle::ODataTimestamp;
    else if (style == u"odata-modified"_s)
        r.delta.style = DeltaStyle::ODataModified;
    else if (style == u"updated-since"_s)
        r.delta.style = DeltaStyle::UpdatedSince;
    else if (style.isEmpty())
        r.delta.style = DeltaStyle::None;
    else
        return Error::usage(where + u": unknown delta style \"%1\""_s.arg(style));
    r.delta.field = d.value(u"field"_s).toString();
    r.delta.param = d.value(u"param"_s).toString();
    auto pf = dateFormat(d.value(u"format"_s).toString(), where);
    if (!pf)
        return pf.error();
    r.delta.paramFormat = *pf;
    r.delta.extraParams = stringMap(d.value(u"extraParams"_s).toObject());
    r.delta.extraParams.insert(stringMap(d.value(u"sortParams"_s).toObject()));
    r.delta.pageSize = d.value(u"pageSize"_s).toInt(0);
    // Sync endpoints and explicitly sorted lists hand out changes in ascending order.
    r.delta.ordered =
        d.value(u"ordered"_s)
            .toBool(r.delta.style == DeltaStyle::ODataTimestamp || !r.delta.extraParams.isEmpty());
    if (r.delta.style == DeltaStyle::UpdatedSince && r.delta.param.isEmpty())
        return Error::usage(where + u": delta style updated-since needs \"param\""_s);
    if ((r.delta.style == DeltaStyle::ODataTimestamp ||
         r.delta.style == DeltaStyle::ODataModified) &&
        r.delta.field.isEmpty())
        return Error::usage(where + u": OData delta styles need \"field\""_s);
    if (r.delta.style != DeltaStyle::ODataTimestamp && r.delta.style != DeltaStyle::None &&
        r.updatedField.isEmpty())
        return Error::usage(where + u": \"updatedField\" is missing"_s);

    const QJsonObject b = o.value(u"batch"_s).toObject();
    r.batch.raw = b;
    r.batch.path = b.value(u"path"_s).toString();
    r.batch.method = b.value(u"method"_s).toString(u"POST"_s).toLatin1();
    r.batch.maxItems = b.value(u"maxItems"_s).toInt(b.value(u"maxSize"_s).toInt(0));
    r.batch.itemsKey = b.value(u"itemsKey"_s).toString(r.batch.itemsKey);
    r.batch.resultsPath = b.value(u"resultsPath"_s).toString(r.batch.resultsPath);
    r.batch.statusField = b.value(u"statusField"_s).toString(r.batch.statusField);
    r.batch.errorField = b.value(u"errorField"_s).toString(r.batch.errorField);
    if (!r.batch.path.isEmpty() && r.batch.maxItems < 1)
        return Error::usage(where + u": \"batch.maxItems\" must be at least 1"_s);
    return r;
}

} // namespace

QUrl ConnectorDef::url(const QString& path) const {
    QUrl u = apiBase;
    QString p = path;
    const qsizetype q = p.indexOf(u'?');
    QString query;
    if (q >= 0) {
        query = p.mid(q + 1);
        p = p.left(q);
    }
    QString base = u.path();
    if (base.endsWith(u'/'))
        base.chop(1);
    u.setPath(base + p);
    if (!query.isEmpty())
        u.setQuery(query);
    return u;
}

const ResourceDef* ConnectorDef::resource(const QString& name) const {
    auto it = resources.constFind(name);
    return it == resources.cend() ? nullptr : &it.value();
}

int ConnectorDef::pageSize(const ResourceDef& r) const {
    return r.delta.pageSize > 0 ? r.delta.pageSize : pagination.pageSize;
}

Result<ConnectorDef> parseConnectorDef(const QJsonObject& d, const ConnectorConfig& config) {
    ConnectorDef def;
    def.connectorId = config.id;
    def.type = config.type;
    def.raw = d;
    const QString where = u"connector \"%1\""_s.arg(config.type);

    // Base URL: the workspace override wins (sandbox, tests); then the definition default.
    QString base = config.baseUrl.isValid() && !config.baseUrl.isEmpty()
                       ? config.baseUrl.toString()
                       : d.value(u"baseUrl"_s).toString();
    if (base.endsWith(u'/'))
        base.chop(1);
    QString full = base + d.value(u"apiPath"_s).toString();
    const QList<QPair<QString, QString>> fills{{u"{division}"_s, config.division},
                                               {u"{shop}"_s, config.shop},
                                               {u"{company}"_s, config.company}};
    for (const auto& [token, value] : fills) {
        if (!full.contains(token))
            continue;
        if (value.isEmpty())
            return Error::usage(u"connector \"%1\": its API URL needs %2 but the workspace sets "
                                u"none"_s.arg(config.id, token));
        full.replace(token, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    def.apiBase = QUrl(full, QUrl::StrictMode);
    if (!def.apiBase.isValid() || def.apiBase.host().isEmpty())
        return Error::usage(
            u"connector \"%1\": \"%2\" is not a valid API URL"_s.arg(config.id, full));

    def.recordPath = d.value(u"recordPath"_s).toString();
    def.idempotencyHeader = d.value(u"idempotencyHeader"_s).toString();

    // A workspace may override pagination settings (e.g. a smaller page size).
    QJsonObject p = d.value(u"pagination"_s).toObject();
    const QJsonObject po = config.overrides.value(u"pagination"_s).toObject();
    for (auto it = po.begin(); it != po.end(); ++it)
        p.insert(it.key(), it.value());
    const QString style = p.value(u"style"_s).toString();
    if (style == u"odata-next"_s)
        def.pagination.style = PaginationStyle::ODataNext;
    else if (style == u"cursor"_s)
        def.pagination.style = PaginationStyle::Cursor;
    else if (style == u"link-header"_s)
        def.pagination.style = PaginationStyle::LinkHeader;
    else if (style.isEmpty() || style == u"none"_s)
        def.pagination.style = PaginationStyle::None;
    else
        return Error::usage(where + u": unknown pagination style \"%1\""_s.arg(style));
    def.pagination.pageSize = p.value(u"pageSize"_s).toInt(100);
    def.pagination.resultsPath = p.value(u"resultsPath"_s).toString();
    def.pagination.nextPath = p.value(u"nextPath"_s).toString();
    def.pagination.cursorParam = p.value(u"cursorParam"_s).toString(u"cursor"_s);
    def.pagination.limitParam = p.value(u"limitParam"_s).toString();
    def.pagination.pageInfoParam = p.value(u"pageInfoParam"_s).toString(u"page_info"_s);
    def.pagination.totalPath = p.value(u"totalPath"_s).toString();

    const QJsonObject resources = d.value(u"resources"_s).toObject();
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        auto r = parseResource(it.key(), it.value().toObject(), config.type);
        if (!r)
            return r.error();
        def.resources.insert(it.key(), *r);
    }
    return def;
}

QJsonValue jsonPath(const QJsonObject& root, const QString& path) {
    if (path.isEmpty())
        return root;
    QJsonValue v = root;
    for (const QString& part : path.split(u'.')) {
        if (!v.isObject())
            return QJsonValue::Undefined;
        v = v.toObject().value(part);
    }
    return v;
}

qint64 parseRecordTime(const QJsonValue& value, DateFormat format) {
    if (value.isDouble())
        return qint64(value.toDouble());
    const QString s = value.toString();
    if (s.isEmpty())
        return -1;
    if (format == DateFormat::MsJson || s.startsWith(u"/Date("_s)) {
        static const QRegularExpression re(uR"(^/Date\((-?\d+)([+-]\d{4})?\)/$)"_s);
        const auto m = re.match(s);
        return m.hasMatch() ? m.captured(1).toLongLong() : -1;
    }
    QDateTime t = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!t.isValid()) // Pipedrive v1 style "2019-01-22 08:55:59", always UTC
        t = QDateTime::fromString(s, u"yyyy-MM-dd HH:mm:ss"_s);
    if (!t.isValid())
        return -1;
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeSpec(Qt::UTC);
    return t.toMSecsSinceEpoch();
}

QString formatQueryTime(qint64 ms, DateFormat format) {
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(std::max<qint64>(ms, 0), Qt::UTC);
    switch (format) {
    case DateFormat::MsJson:
        return t.toString(u"yyyy-MM-ddTHH:mm:ss"_s);
    case DateFormat::Iso8601:
    case DateFormat::Rfc3339:
        return t.toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
    }
    return {};
}

} // namespace bk::sync
