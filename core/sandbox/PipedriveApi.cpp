#include "OAuthCommon.h"
#include "RateLimiters.h"
#include "Vendors.h"

#include <algorithm>

#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 500;

Response envelopeError(int status, const QString& error) {
    return jsonResponse(
        status, toJson(QJsonObject{{u"success"_s, false},
                                   {u"error"_s, error},
                                   {u"error_info"_s, u"Please check developers.pipedrive.com"_s},
                                   {u"data"_s, QJsonValue::Null},
                                   {u"additional_data"_s, QJsonValue::Null}}));
}

Response ok(int status, const QJsonValue& data, const QJsonObject& additional = {}) {
    QJsonObject o{{u"success"_s, true}, {u"data"_s, data}};
    o.insert(u"additional_data"_s,
             additional.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(additional));
    return jsonResponse(status, toJson(o));
}

QString singular(const QString& resource) {
    return resource == u"persons"_s ? u"Person"_s
           : resource == u"deals"_s ? u"Deal"_s
                                    : u"Organization"_s;
}

std::optional<qint64> parseRfc3339(const QString& text) {
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid() || text.size() < 19)
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

/// Multi-valued fields: only `value` is required, label defaults to "work", one primary.
QJsonArray normaliseContacts(const QJsonArray& in) {
    QJsonArray out;
    bool primarySeen = false;
    for (const QJsonValue& v : in) {
        QJsonObject o = v.isObject() ? v.toObject() : QJsonObject{{u"value"_s, v.toString()}};
        if (!o.contains(u"label"_s))
            o.insert(u"label"_s, u"work"_s);
        const bool primary = o.value(u"primary"_s).toBool() && !primarySeen;
        primarySeen = primarySeen || primary;
        o.insert(u"primary"_s, primary);
        out.append(o);
    }
    if (!primarySeen && !out.isEmpty()) {
        QJsonObject first = out.at(0).toObject();
        first.insert(u"primary"_s, true);
        out.replace(0, first);
    }
    return out;
}

struct SortKey {
    qint64 key;
    qint64 id;
    auto operator<=>(const SortKey&) const = default;
};

Response list(SandboxState& s, const Request& request, const QString& resource) {
    const QUrlQuery& q = request.query;
    auto value = [&](const QString& name) { return q.queryItemValue(name, QUrl::FullyDecoded); };
    int limit = kDefaultLimit;
    if (q.hasQueryItem(u"limit"_s)) {
        bool okLimit = false;
        limit = value(u"limit"_s).toInt(&okLimit);
        if (!okLimit || limit < 1 || limit > kMaxLimit)
            return envelopeError(400, u"Validation failed: limit: Must be between 1 and 500"_s);
    }
    std::optional<qint64> since, until;
    if (q.hasQueryItem(u"updated_since"_s) && !(since = parseRfc3339(value(u"updated_since"_s))))
        return envelopeError(400, u"Validation failed: updated_since: Must be an RFC 3339 date"_s);
    if (q.hasQueryItem(u"updated_until"_s) && !(until = parseRfc3339(value(u"updated_until"_s))))
        return envelopeError(400, u"Validation failed: updated_until: Must be an RFC 3339 date"_s);
    const QString sortBy = q.hasQueryItem(u"sort_by"_s) ? value(u"sort_by"_s) : u"id"_s;
    const QString direction =
        q.hasQueryItem(u"sort_direction"_s) ? value(u"sort_direction"_s) : u"asc"_s;
    if (sortBy != u"id"_s && sortBy != u"update_time"_s && sortBy != u"add_time"_s)
        return envelopeError(400, u"Validation failed: sort_by: Must be one of id, update_time, "
                                  "add_time"_s);
    if (direction != u"asc"_s && direction != u"desc"_s)
        return envelopeError(400, u"Validation failed: sort_direction: Must be asc or desc"_s);

    auto keyOf = [&](const Record& r) {
        const qint64 id = r.data.value(u"id"_s).toInteger();
        const qint64 k = sortBy == u"update_time"_s ? r.modifiedMs
                         : sortBy == u"add_time"_s  ? r.createdMs
                                                    : id;
        return SortKey{k, id};
    };
    std::optional<SortKey> after;
    if (q.hasQueryItem(u"cursor"_s)) {
        const QJsonObject c =
            QJsonDocument::fromJson(QByteArray::fromBase64(value(u"cursor"_s).toLatin1(),
                                                           QByteArray::Base64UrlEncoding))
                .object();
        if (!c.contains(u"k"_s) || !c.contains(u"id"_s))
            return envelopeError(400, u"Validation failed: cursor: Invalid cursor"_s);
        after = SortKey{c.value(u"k"_s).toInteger(), c.value(u"id"_s).toInteger()};
    }
    const bool asc = direction == u"asc"_s;
    QList<QPair<SortKey, const Record*>> rows;
    for (const auto& [id, r] : s.data[Vendor::Pipedrive][resource].byId) {
        if (since && r.modifiedMs < *since)
            continue;
        if (until && r.modifiedMs >= *until)
            continue;
        const SortKey k = keyOf(r);
        if (after && (asc ? !(*after < k) : !(k < *after)))
            continue;
        rows.append({k, &r});
    }
    std::sort(rows.begin(), rows.end(), [asc](const auto& a, const auto& b) {
        return asc ? a.first < b.first : b.first < a.first;
    });
    QJsonArray data;
    const int n = int(std::min<qsizetype>(rows.size(), limit));
    for (int i = 0; i < n; ++i)
        data.append(rows[i].second->data);
    QJsonValue next = QJsonValue::Null;
    if (rows.size() > limit) {
        const SortKey last = rows[n - 1].first;
        next = QString::fromLatin1(
            toJson(QJsonObject{{u"k"_s, last.key}, {u"id"_s, last.id}})
                .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    return ok(200, data, QJsonObject{{u"next_cursor"_s, next}});
}

Response write(SandboxState& s, const Request& request, const QString& resource,
               const QString& idText) {
    Collection& c = s.data[Vendor::Pipedrive][resource];
    const QString key = idText.rightJustified(19, u'0');
    if (request.method == "DELETE") {
        auto it = c.byId.find(key);
        if (it == c.byId.end() || it->second.data.value(u"is_deleted"_s).toBool())
            return envelopeError(404, singular(resource) + u" not found"_s);
        it->second.data.insert(u"is_deleted"_s, true); // soft delete, as Pipedrive does
        s.touch(Vendor::Pipedrive, resource, it->second, u"delete"_s);
        return ok(200, QJsonObject{{u"id"_s, idText.toLongLong()}});
    }
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    if (!doc.isObject())
        return envelopeError(400, u"Validation failed: body must be a JSON object"_s);
    QJsonObject fields = doc.object();
    for (const char* f : {"id", "add_time", "update_time", "is_deleted"})
        fields.remove(QLatin1String(f));
    for (const char* f : {"phones", "emails"}) {
        if (fields.contains(QLatin1String(f)))
            fields.insert(QLatin1String(f),
                          normaliseContacts(fields.value(QLatin1String(f)).toArray()));
    }
    if (request.method == "PATCH") {
        auto it = c.byId.find(key);
        if (it == c.byId.end())
            return envelopeError(404, singular(resource) + u" not found"_s);
        for (auto f = fields.begin(); f != fields.end(); ++f)
            it->second.data.insert(f.key(), f.value());
        s.touch(Vendor::Pipedrive, resource, it->second, u"change"_s);
        return ok(200, it->second.data);
    }
    const QString required = resource == u"deals"_s ? u"title"_s : u"name"_s;
    if (fields.value(required).toString().trimmed().isEmpty())
        return envelopeError(400, u"Validation failed: %1: Required"_s.arg(required));
    qint64 id = 1;
    if (!c.byId.empty())
        id = c.byId.rbegin()->second.data.value(u"id"_s).toInteger() + 1;
    Record r{QString::number(id).rightJustified(19, u'0'), fields, s.now(), s.now(), 0};
    r.data.insert(u"id"_s, id);
    r.data.insert(u"is_deleted"_s, false);
    if (!r.data.contains(u"owner_id"_s))
        r.data.insert(u"owner_id"_s, 1);
    auto [it, inserted] = c.byId.emplace(r.id, r);
    s.touch(Vendor::Pipedrive, resource, it->second, u"create"_s);
    return ok(201, it->second.data);
}

/// v1 `DELETE /v1/{deals|persons|organizations}?ids=1,2,3`: soft-deletes each existing,
/// not yet deleted record (one webhook each) and answers `{"data":{"id":[…]}}`.
Response bulkDelete(SandboxState& s, const Request& request, const QString& resource) {
    const QString ids = request.query.queryItemValue(u"ids"_s, QUrl::FullyDecoded);
    if (ids.trimmed().isEmpty())
        return envelopeError(400, u"Validation failed: ids: Required"_s);
    QList<qint64> wanted;
    for (const QString& part : ids.split(u',', Qt::SkipEmptyParts)) {
        bool okId = false;
        const qint64 id = part.trimmed().toLongLong(&okId);
        if (!okId || id <= 0)
            return envelopeError(400, u"Validation failed: ids: Must be a comma-separated list "
                                      "of integers"_s);
        wanted << id;
    }
    Collection& c = s.data[Vendor::Pipedrive][resource];
    QJsonArray deleted;
    for (qint64 id : wanted) {
        auto it = c.byId.find(QString::number(id).rightJustified(19, u'0'));
        if (it == c.byId.end() || it->second.data.value(u"is_deleted"_s).toBool())
            continue;
        it->second.data.insert(u"is_deleted"_s, true);
        s.touch(Vendor::Pipedrive, resource, it->second, u"delete"_s);
        deleted.append(id);
    }
    if (deleted.isEmpty())
        return envelopeError(404, singular(resource) + u"s not found"_s);
    return ok(200, QJsonObject{{u"id"_s, deleted}});
}

} // namespace

Response pipedriveApi(SandboxState& s, const Request& request, const QString& sub,
                      QString& clientId) {
    if (sub == u"/oauth/token"_s && request.method == "POST")
        return pipedriveToken(s, request);
    if (sub == u"/oauth/authorize"_s)
        return authorizePage(s, Vendor::Pipedrive, request);
    // v2 for everything, plus v1's bulk delete (no v2 equivalent).
    const bool v1 = sub.startsWith(u"/api/v1/"_s);
    if (!sub.startsWith(u"/api/v2/"_s) && !v1)
        return envelopeError(404, u"Unknown method ."_s);

    const QByteArray authorization = request.header("Authorization"_ba);
    if (!authorization.isEmpty() && bearerToken(request).isEmpty())
        return envelopeError(400, u"Invalid request: malformed authorization header"_s);
    AccessToken* token = nullptr;
    const QString bearer = QString::fromLatin1(bearerToken(request));
    const TokenCheck check = checkAccessToken(s, Vendor::Pipedrive, bearer, &token);
    if (token)
        clientId = token->clientId;
    if (check == TokenCheck::Missing)
        return envelopeError(401, u"Unauthorized"_s);
    if (check == TokenCheck::Expired)
        return envelopeError(401, u"Invalid token: access_token has expired"_s);
    if (check != TokenCheck::Valid)
        return envelopeError(401, u"Invalid token: access_token is invalid"_s);

    const QStringList parts = sub.mid(8).split(u'/', Qt::SkipEmptyParts);
    const QString resource = parts.value(0);
    const bool single = parts.size() == 2;
    const int cost = request.method == "GET"      ? (single ? 2 : 20)
                     : request.method == "DELETE" ? (single ? 6 : 10) // delete list: 10
                                                  : 10;
    Headers limitHeaders;
    if (auto refused = pipedriveAdmit(s, bearer, cost, limitHeaders))
        return *refused;

    Response response;
    if (v1) {
        response = request.method == "DELETE" && parts.size() == 1 &&
                           (resource == u"persons"_s || resource == u"organizations"_s ||
                            resource == u"deals"_s)
                       ? bulkDelete(s, request, resource)
                       : envelopeError(404, u"Unknown method ."_s);
    } else if ((resource != u"persons"_s && resource != u"organizations"_s &&
                resource != u"deals"_s) ||
               parts.size() > 2) {
        response = envelopeError(404, u"Unknown method ."_s);
    } else if (request.method == "GET" && !single) {
        response = list(s, request, resource);
    } else if (request.method == "GET") {
        const auto& c = s.data[Vendor::Pipedrive][resource].byId;
        auto it = c.find(parts[1].rightJustified(19, u'0'));
        response = it == c.end() ? envelopeError(404, singular(resource) + u" not found"_s)
                                 : ok(200, it->second.data);
    } else if ((request.method == "POST" && !single) ||
               ((request.method == "PATCH" || request.method == "DELETE") && single)) {
        response = write(s, request, resource, single ? parts[1] : QString());
    } else {
        response = envelopeError(405, u"Method not allowed"_s);
    }
    response.headers += limitHeaders;
    return response;
}

} // namespace bk::sandbox
