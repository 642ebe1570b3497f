#include "ExactFilter.h"
#include "OAuthCommon.h"
#include "RateLimiters.h"
#include "Vendors.h"

#include <algorithm>

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

constexpr int kDivision = 123456;
constexpr int kPageSize = 60;
constexpr int kSyncPageSize = 1000;

struct Route {
    QString resource;
    QString typeName;
    bool sync = false;
};

/// Path below /api/v1/{division}/ → resource. Case-insensitive like Exact.
std::optional<Route> routeFor(const QString& path) {
    static const QList<QPair<QString, Route>> routes = {
        {u"crm/accounts"_s, {u"Accounts"_s, u"Account"_s}},
        {u"crm/contacts"_s, {u"Contacts"_s, u"Contact"_s}},
        {u"logistics/items"_s, {u"Items"_s, u"Item"_s}},
        {u"salesorder/salesorders"_s, {u"SalesOrders"_s, u"SalesOrder"_s}},
        {u"salesinvoice/salesinvoices"_s, {u"SalesInvoices"_s, u"SalesInvoice"_s}},
        {u"sync/crm/accounts"_s, {u"Accounts"_s, u"SyncAccount"_s, true}},
        {u"sync/crm/contacts"_s, {u"Contacts"_s, u"SyncContact"_s, true}},
        {u"sync/logistics/items"_s, {u"Items"_s, u"SyncItem"_s, true}},
        {u"sync/salesorder/salesorderheaders"_s,
         {u"SalesOrders"_s, u"SyncSalesOrderHeader"_s, true}},
    };
    const QString lower = path.toLower();
    for (const auto& [key, route] : routes) {
        if (lower == key)
            return route;
    }
    return std::nullopt;
}

Response odataError(int status, const QString& message) {
    return jsonResponse(
        status,
        toJson(QJsonObject{
            {u"error"_s, QJsonObject{{u"code"_s, QString()},
                                     {u"message"_s, QJsonObject{{u"lang"_s, QString()},
                                                                {u"value"_s, message}}}}}}));
}

QJsonObject render(SandboxState& s, const Route& route, const QString& listPath, const Record& r,
                   const QStringList& select) {
    QJsonObject o;
    if (select.isEmpty()) {
        o = r.data;
    } else {
        for (const QString& f : select)
            o.insert(f, r.data.value(f));
    }
    o.insert(u"__metadata"_s,
             QJsonObject{{u"uri"_s, u"%1/api/v1/%2/%3(guid'%4')"_s.arg(s.baseUrl(Vendor::Exact))
                                        .arg(kDivision)
                                        .arg(listPath, r.id)},
                         {u"type"_s, QString(u"Exact.Web.Api.Models."_s + route.typeName)}});
    return o;
}

QString nextLink(SandboxState& s, const QString& listPath,
                 const QList<QPair<QString, QString>>& q) {
    QUrlQuery query;
    for (const auto& [k, v] : q)
        query.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
    return u"%1/api/v1/%2/%3?%4"_s.arg(s.baseUrl(Vendor::Exact))
        .arg(kDivision)
        .arg(listPath, query.toString(QUrl::FullyEncoded));
}

Response list(SandboxState& s, const Request& request, const Route& route,
              const QString& listPath) {
    const QString filterText = request.query.queryItemValue(u"$filter"_s, QUrl::FullyDecoded);
    const auto filter = ExactFilter::parse(filterText);
    if (!filter)
        return odataError(400, u"Error in query syntax."_s);
    const QString selectText = request.query.queryItemValue(u"$select"_s, QUrl::FullyDecoded);
    QStringList select;
    for (const QString& f : selectText.split(u',', Qt::SkipEmptyParts))
        select << f.trimmed();
    const Collection& c = s.data[Vendor::Exact][route.resource];

    QList<const Record*> rows;
    for (const auto& [id, r] : c.byId) {
        if (filter->matches(r))
            rows << &r;
    }
    QJsonArray results;
    QString next;
    if (route.sync) {
        // Sync endpoints page by row version: the next link asks for Timestamp gt <last>L.
        std::sort(rows.begin(), rows.end(),
                  [](const Record* a, const Record* b) { return a->timestamp < b->timestamp; });
        const int n = int(std::min<qsizetype>(rows.size(), kSyncPageSize));
        for (int i = 0; i < n; ++i)
            results.append(render(s, route, listPath, *rows[i], select));
        if (rows.size() > kSyncPageSize) {
            QList<QPair<QString, QString>> q{
                {u"$filter"_s, u"Timestamp gt %1L"_s.arg(rows[n - 1]->timestamp)}};
            if (!selectText.isEmpty())
                q.append({u"$select"_s, selectText});
            next = nextLink(s, listPath, q);
        }
    } else {
        const QString skip = request.query.queryItemValue(u"$skiptoken"_s, QUrl::FullyDecoded);
        static const QRegularExpression guidRe(u"^guid'([0-9a-fA-F-]{36})'$"_s);
        qsizetype start = 0;
        if (!skip.isEmpty()) {
            const auto m = guidRe.match(skip);
            if (!m.hasMatch())
                return odataError(400, u"Error in query syntax."_s);
            const QString after = m.captured(1).toLower();
            start = std::upper_bound(rows.begin(), rows.end(), after,
                                     [](const QString& v, const Record* r) { return v < r->id; }) -
                    rows.begin();
        }
        int pageSize = kPageSize;
        bool topGiven = false;
        const int top = request.query.queryItemValue(u"$top"_s).toInt(&topGiven);
        if (topGiven && top >= 0)
            pageSize = std::min(pageSize, top);
        const qsizetype end = std::min<qsizetype>(rows.size(), start + pageSize);
        for (qsizetype i = start; i < end; ++i)
            results.append(render(s, route, listPath, *rows[i], select));
        if (end < rows.size() && !topGiven && end > start) {
            QList<QPair<QString, QString>> q;
            if (!filterText.isEmpty())
                q.append({u"$filter"_s, filterText});
            if (!selectText.isEmpty())
                q.append({u"$select"_s, selectText});
            q.append({u"$skiptoken"_s, u"guid'%1'"_s.arg(rows[end - 1]->id)});
            next = nextLink(s, listPath, q);
        }
    }
    QJsonObject d{{u"results"_s, results}};
    if (!next.isEmpty())
        d.insert(u"__next"_s, next);
    return jsonResponse(200, toJson(QJsonObject{{u"d"_s, d}}));
}

Response write(SandboxState& s, const Request& request, const Route& route, const QString& listPath,
               const QString& id) {
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    Collection& c = s.data[Vendor::Exact][route.resource];
    if (request.method == "DELETE") {
        auto it = c.byId.find(id);
        if (it == c.byId.end())
            return odataError(404, u"Not found"_s);
        s.queueWebhook(Vendor::Exact, route.resource, it->second, u"Delete"_s);
        c.byId.erase(it);
        return {204, {}, {}};
    }
    if (!doc.isObject())
        return odataError(400, u"Error in body: JSON object expected."_s);
    QJsonObject fields = doc.object();
    fields.remove(u"ID"_s);
    fields.remove(u"Timestamp"_s);
    fields.remove(u"Modified"_s);
    fields.remove(u"Created"_s);
    if (request.method == "PUT") {
        auto it = c.byId.find(id);
        if (it == c.byId.end())
            return odataError(404, u"Not found"_s);
        for (auto f = fields.begin(); f != fields.end(); ++f)
            it->second.data.insert(f.key(), f.value());
        s.touch(Vendor::Exact, route.resource, it->second, u"Update"_s);
        return {204, {}, {}};
    }
    if (route.resource == u"Accounts"_s && fields.value(u"Name"_s).toString().trimmed().isEmpty())
        return odataError(400, u"Name: Mandatory"_s);
    const QString newId = s.newGuid();
    Record r{newId, fields, s.now(), s.now(), 0};
    const char* idField = route.resource == u"SalesOrders"_s     ? "OrderID"
                          : route.resource == u"SalesInvoices"_s ? "InvoiceID"
                                                                 : "ID";
    r.data.insert(QLatin1String(idField), newId);
    r.data.insert(u"Division"_s, kDivision);
    auto [it, inserted] = c.byId.emplace(newId, r);
    s.touch(Vendor::Exact, route.resource, it->second, u"Create"_s);
    return jsonResponse(201,
                        toJson(QJsonObject{{u"d"_s, render(s, route, listPath, it->second, {})}}));
}

Response unauthorized(const QString& message) {
    Response r = odataError(401, message);
    r.headers.append({"WWW-Authenticate"_ba, "Bearer"_ba});
    return r;
}

} // namespace

Response exactApi(SandboxState& s, const Request& request, const QString& sub, QString& clientId) {
    if (sub == u"/api/oauth2/token"_s && request.method == "POST")
        return exactToken(s, request);
    if (sub == u"/api/oauth2/auth"_s)
        return authorizePage(s, Vendor::Exact, request);
    if (!sub.startsWith(u"/api/v1/"_s))
        return odataError(404, u"Not found"_s);

    AccessToken* token = nullptr;
    const TokenCheck check =
        checkAccessToken(s, Vendor::Exact, QString::fromLatin1(bearerToken(request)), &token);
    if (token)
        clientId = token->clientId;
    const QString endpoint = QString::fromLatin1(request.method) + u' ' + endpointOf(sub);
    const QString errorKey = (clientId.isEmpty() ? u"-"_s : clientId) + u'|' + endpoint;
    if (auto blocked = exactBlocked(s, errorKey))
        return *blocked;
    if (check != TokenCheck::Valid) {
        exactCountError(s, errorKey, 401);
        return unauthorized(check == TokenCheck::Expired ? u"Access token expired"_s
                                                         : u"Unauthorized"_s);
    }

    const QString rest = sub.mid(8); // after /api/v1/
    if (rest.startsWith(u"current/Me"_s, Qt::CaseInsensitive)) {
        return jsonResponse(
            200,
            toJson(QJsonObject{
                {u"d"_s, QJsonObject{{u"results"_s,
                                      QJsonArray{QJsonObject{{u"CurrentDivision"_s, kDivision},
                                                             {u"FullName"_s, u"Demo Gebruiker"_s},
                                                             {u"UserName"_s, u"demo"_s}}}}}}}));
    }
    const qsizetype slash = rest.indexOf(u'/');
    const QString division = rest.left(slash);
    const QString key = clientId + u'|' + division;
    Headers limitHeaders;
    if (auto refused = exactAdmit(s, key, limitHeaders))
        return *refused;

    Response response;
    static const QRegularExpression singleRe(uR"(^(.*)\(guid'([0-9a-fA-F-]{36})'\)$)"_s);
    QString path = slash < 0 ? QString() : rest.mid(slash + 1);
    QString id;
    const auto m = singleRe.match(path);
    if (m.hasMatch()) {
        path = m.captured(1);
        id = m.captured(2).toLower();
    }
    const auto route = routeFor(path);
    if (division != QString::number(kDivision)) {
        response = odataError(403, u"Forbidden: no access to division %1"_s.arg(division));
    } else if (!route) {
        response = odataError(404, u"Not found"_s);
    } else if (request.method == "GET" && id.isEmpty()) {
        response = list(s, request, *route, path);
    } else if (request.method == "GET") {
        const Collection& c = s.data[Vendor::Exact][route->resource];
        auto it = c.byId.find(id);
        response =
            it == c.byId.end()
                ? odataError(404, u"Not found"_s)
                : jsonResponse(
                      200, toJson(QJsonObject{{u"d"_s, render(s, *route, path, it->second, {})}}));
    } else if (route->sync) {
        response = odataError(405, u"Method not allowed"_s);
    } else if ((request.method == "POST" && id.isEmpty()) ||
               ((request.method == "PUT" || request.method == "DELETE") && !id.isEmpty())) {
        response = write(s, request, *route, path, id);
    } else {
        response = odataError(405, u"Method not allowed"_s);
    }
    exactCountError(s, errorKey, response.status);
    response.headers += limitHeaders;
    return response;
}

} // namespace bk::sandbox
