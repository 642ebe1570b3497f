#include "OAuthCommon.h"
#include "RateLimiters.h"
#include "Vendors.h"

#include <algorithm>

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

constexpr int kDefaultLimit = 50;
constexpr int kMaxLimit = 250;

Response errors(int status, const QJsonValue& value) {
    return jsonResponse(status, toJson(QJsonObject{{u"errors"_s, value}}));
}

QString singular(const QString& resource) {
    return resource.left(resource.size() - 1); // orders → order, customers → customer
}

std::optional<qint64> parseIso(QString text) {
    text.replace(u' ', u'+'); // an unencoded '+' of the offset arrives as a space
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

struct Key {
    qint64 k;
    qint64 id;
    auto operator<=>(const Key&) const = default;
};

QByteArray encode(const QJsonObject& o) {
    return toJson(o).toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Response list(SandboxState& s, const Request& request, const QString& resource,
              const QString& version) {
    const QUrlQuery& q = request.query;
    auto value = [&](const QString& name) { return q.queryItemValue(name, QUrl::FullyDecoded); };
    int limit = kDefaultLimit;
    if (q.hasQueryItem(u"limit"_s))
        limit = std::clamp(value(u"limit"_s).toInt(), 1, kMaxLimit);

    QJsonObject filters; // what a page_info carries forward
    if (q.hasQueryItem(u"page_info"_s)) {
        for (const auto& [name, v] : q.queryItems()) {
            if (name != u"page_info"_s && name != u"limit"_s && name != u"fields"_s)
                return errors(400, QJsonObject{{name, u"%1 cannot be passed when page_info is "
                                                      "present."_s.arg(name)}});
        }
        filters = QJsonDocument::fromJson(QByteArray::fromBase64(value(u"page_info"_s).toLatin1(),
                                                                 QByteArray::Base64UrlEncoding))
                      .object();
        if (filters.isEmpty())
            return errors(400, QJsonObject{{u"page_info"_s, u"Invalid value."_s}});
    } else {
        for (const char* name : {"updated_at_min", "updated_at_max", "created_at_min"}) {
            const QString n = QLatin1String(name);
            if (!q.hasQueryItem(n))
                continue;
            const auto ms = parseIso(value(n));
            if (!ms)
                return errors(400, QJsonObject{{n, u"%1 is not a valid date."_s.arg(n)}});
            filters.insert(n, *ms);
        }
        if (q.hasQueryItem(u"since_id"_s))
            filters.insert(u"since_id"_s, value(u"since_id"_s).toLongLong());
        const QString order = value(u"order"_s);
        filters.insert(u"order"_s, order.startsWith(u"updated_at"_s) ? u"updated_at"_s : u"id"_s);
        const QString status = value(u"status"_s);
        if (resource == u"orders"_s && (status == u"closed"_s || status == u"cancelled"_s))
            filters.insert(u"none"_s, true); // every simulated order is open
    }
    const bool byUpdated = filters.value(u"order"_s).toString() == u"updated_at"_s;
    QList<QPair<Key, const Record*>> rows;
    for (const auto& [id, r] : s.data[Vendor::Shopify][resource].byId) {
        if (filters.contains(u"none"_s))
            break;
        const qint64 numeric = r.data.value(u"id"_s).toInteger();
        if (filters.contains(u"updated_at_min"_s) &&
            r.modifiedMs < filters.value(u"updated_at_min"_s).toInteger())
            continue;
        if (filters.contains(u"updated_at_max"_s) &&
            r.modifiedMs > filters.value(u"updated_at_max"_s).toInteger())
            continue;
        if (filters.contains(u"created_at_min"_s) &&
            r.createdMs < filters.value(u"created_at_min"_s).toInteger())
            continue;
        if (filters.contains(u"since_id"_s) && numeric <= filters.value(u"since_id"_s).toInteger())
            continue;
        rows.append({Key{byUpdated ? r.modifiedMs : numeric, numeric}, &r});
    }
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });

    qsizetype begin = 0, end = 0;
    const QJsonObject cursor = filters.value(u"cursor"_s).toObject();
    const Key mark{cursor.value(u"k"_s).toInteger(), cursor.value(u"id"_s).toInteger()};
    if (cursor.value(u"dir"_s).toString() == u"prev"_s) {
        end = std::lower_bound(rows.begin(), rows.end(), mark,
                               [](const auto& row, const Key& k) { return row.first < k; }) -
              rows.begin();
        begin = std::max<qsizetype>(0, end - limit);
    } else {
        if (!cursor.isEmpty())
            begin = std::upper_bound(rows.begin(), rows.end(), mark,
                                     [](const Key& k, const auto& row) { return k < row.first; }) -
                    rows.begin();
        end = std::min<qsizetype>(rows.size(), begin + limit);
    }
    QJsonArray items;
    for (qsizetype i = begin; i < end; ++i)
        items.append(rows[i].second->data);

    Response r = jsonResponse(200, toJson(QJsonObject{{resource, items}}));
    QStringList links;
    auto link = [&](const Key& k, const char* dir, const char* rel) {
        QJsonObject carried = filters;
        carried.insert(u"cursor"_s,
                       QJsonObject{{u"k"_s, k.k}, {u"id"_s, k.id}, {u"dir"_s, QLatin1String(dir)}});
        links << u"<%1/admin/api/%2/%3.json?limit=%4&page_info=%5>; rel=\"%6\""_s
                     .arg(s.baseUrl(Vendor::Shopify), version, resource)
                     .arg(limit)
                     .arg(QString::fromLatin1(encode(carried)), QLatin1String(rel));
    };
    if (begin > 0 && end > begin)
        link(rows[begin].first, "prev", "previous");
    if (end < rows.size() && end > begin)
        link(rows[end - 1].first, "next", "next");
    if (!links.isEmpty())
        r.headers.append({"Link"_ba, links.join(u", "_s).toUtf8()});
    return r;
}

Response write(SandboxState& s, const Request& request, const QString& resource,
               const QString& idText) {
    Collection& c = s.data[Vendor::Shopify][resource];
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    const QString wrapper = singular(resource);
    if (!body.value(wrapper).isObject())
        return errors(400, QJsonObject{{wrapper, u"Required parameter missing or invalid"_s}});
    QJsonObject fields = body.value(wrapper).toObject();
    for (const char* f : {"id", "created_at", "updated_at", "admin_graphql_api_id"})
        fields.remove(QLatin1String(f));
    if (fields.contains(u"email"_s)) {
        const QString email = fields.value(u"email"_s).toString();
        for (const auto& [id, r] : c.byId) {
            if (r.data.value(u"email"_s).toString().compare(email, Qt::CaseInsensitive) == 0 &&
                r.data.value(u"id"_s).toInteger() != idText.toLongLong())
                return errors(422,
                              QJsonObject{{u"email"_s, QJsonArray{u"has already been taken"_s}}});
        }
    }
    if (request.method == "PUT") {
        auto it = c.byId.find(idText.rightJustified(19, u'0'));
        if (it == c.byId.end())
            return errors(404, u"Not Found"_s);
        for (auto f = fields.begin(); f != fields.end(); ++f)
            it->second.data.insert(f.key(), f.value());
        s.touch(Vendor::Shopify, resource, it->second, u"update"_s);
        return jsonResponse(200, toJson(QJsonObject{{wrapper, it->second.data}}));
    }
    const qint64 id = (c.byId.empty() ? 9'000'000'000'000LL
                                      : c.byId.rbegin()->second.data.value(u"id"_s).toInteger()) +
                      1;
    Record r{QString::number(id).rightJustified(19, u'0'), fields, s.now(), s.now(), 0};
    r.data.insert(u"id"_s, id);
    r.data.insert(u"admin_graphql_api_id"_s,
                  u"gid://shopify/%1/%2"_s.arg(wrapper.left(1).toUpper() + wrapper.mid(1)).arg(id));
    auto [it, inserted] = c.byId.emplace(r.id, r);
    s.touch(Vendor::Shopify, resource, it->second, u"create"_s);
    return jsonResponse(201, toJson(QJsonObject{{wrapper, it->second.data}}));
}

/// The grace rule: the refresh token that a token replaced dies once the new one is used.
void endGrace(SandboxState& s, const AccessToken& token) {
    if (token.refreshToken.isEmpty())
        return;
    for (auto it = s.refreshTokens.begin(); it != s.refreshTokens.end(); ++it) {
        if (it->replacedBy == token.refreshToken)
            it->revoked = true;
    }
}

} // namespace

Response shopifyApi(SandboxState& s, const Request& request, const QString& sub,
                    QString& clientId) {
    if (sub == u"/admin/oauth/access_token"_s && request.method == "POST")
        return shopifyToken(s, request);
    if (sub == u"/admin/oauth/authorize"_s)
        return authorizePage(s, Vendor::Shopify, request);
    static const QRegularExpression pathRe(
        uR"(^/admin/api/(\d{4}-\d{2})/(orders|customers|products)(?:/(\d+|count))?\.json$)"_s);
    const auto m = pathRe.match(sub);

    AccessToken* token = nullptr;
    const QString value = QString::fromLatin1(request.header("X-Shopify-Access-Token"_ba));
    if (checkAccessToken(s, Vendor::Shopify, value, &token) != TokenCheck::Valid) {
        Response r = errors(401, u"[API] Invalid API key or access token (unrecognized login or "
                                 "wrong password)"_s);
        r.headers.append({"www-authenticate"_ba, "Basic Realm=\"Shopify API Authentication\""_ba});
        return r;
    }
    clientId = token->clientId;
    endGrace(s, *token);
    // GraphQL has its own cost bucket; the REST call bucket does not apply.
    static const QRegularExpression graphQlRe(uR"(^/admin/api/\d{4}-\d{2}/graphql\.json$)"_s);
    if (graphQlRe.match(sub).hasMatch())
        return shopifyGraphQl(s, request, clientId);
    Headers limitHeaders;
    if (auto refused = shopifyAdmit(s, limitHeaders))
        return *refused;

    Response response;
    const QString resource = m.captured(2);
    const QString id = m.captured(3);
    if (!m.hasMatch()) {
        response = errors(404, u"Not Found"_s);
    } else if (request.method == "GET" && id == u"count"_s) {
        response = jsonResponse(
            200, toJson(QJsonObject{
                     {u"count"_s, qint64(s.data[Vendor::Shopify][resource].byId.size())}}));
    } else if (request.method == "GET" && id.isEmpty()) {
        response = list(s, request, resource, m.captured(1));
    } else if (request.method == "GET") {
        const auto& c = s.data[Vendor::Shopify][resource].byId;
        auto it = c.find(id.rightJustified(19, u'0'));
        response =
            it == c.end()
                ? errors(404, u"Not Found"_s)
                : jsonResponse(200, toJson(QJsonObject{{singular(resource), it->second.data}}));
    } else if ((request.method == "POST" && id.isEmpty()) ||
               (request.method == "PUT" && !id.isEmpty() && id != u"count"_s)) {
        response = write(s, request, resource, id);
    } else {
        response = errors(406, u"Not Acceptable"_s);
    }
    response.headers += limitHeaders;
    return response;
}

} // namespace bk::sandbox
