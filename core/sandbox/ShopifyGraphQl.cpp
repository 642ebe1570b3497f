// Shopify Admin GraphQL API, a documented subset: connection queries over customers,
// products and orders with calculated query cost and the per app+shop leaky bucket.

#include "ShopifyGraphQlSchema.h"
#include "ShopifyGraphQlValidator.h"
#include "Vendors.h"

#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

using namespace graphql;
using Kind = FieldType::Kind;

struct Item {
    QString cursor;
    QJsonObject node;
};

struct Page {
    QList<Item> items;
    bool hasNext = false;
    bool hasPrevious = false;
};

/// Runs the validated query over the stored records and counts the actual cost.
class Executor {
public:
    Executor(SandboxState& s, const Validation& v)
        : m_s(s)
        , m_v(v) {}

    qint64 actual = 0;

    QJsonObject select(const QJsonObject& full, const QList<Field>& selections,
                       const QString& type) {
        QJsonObject out;
        for (const Field& f : selections) {
            if (f.name == u"__typename"_s) {
                out.insert(f.alias, type);
                continue;
            }
            const FieldType* ft = fieldOf(type, f.name);
            if (ft->kind == Kind::Connection) {
                const Page page = type == u"QueryRoot"_s ? rootPage(f.name, m_v.args.value(&f))
                                                         : nestedPage(full.value(f.name).toObject(),
                                                                      m_v.args.value(&f));
                out.insert(f.alias, connection(page, f, ft->type));
            } else if (ft->kind == Kind::Object) {
                const QJsonValue v = full.value(f.name);
                out.insert(f.alias, v.isObject()
                                        ? QJsonValue(select(v.toObject(), f.selections, ft->type))
                                        : QJsonValue(QJsonValue::Null));
            } else {
                const QJsonValue v = full.value(f.name);
                out.insert(f.alias, v.isUndefined() ? QJsonValue(QJsonValue::Null) : v);
            }
        }
        return out;
    }

private:
    QJsonObject connection(const Page& page, const Field& f, const QString& nodeType) {
        actual += 2 + page.items.size();
        QJsonObject out;
        for (const Field& c : f.selections) {
            if (c.name == u"__typename"_s) {
                out.insert(c.alias, QString(nodeType + u"Connection"_s));
            } else if (c.name == u"edges"_s) {
                QJsonArray edges;
                for (const Item& item : page.items) {
                    QJsonObject edge;
                    for (const Field& e : c.selections) {
                        if (e.name == u"cursor"_s)
                            edge.insert(e.alias, item.cursor);
                        else if (e.name == u"node"_s)
                            edge.insert(e.alias, select(item.node, e.selections, nodeType));
                        else
                            edge.insert(e.alias, QString(nodeType + u"Edge"_s)); // __typename
                    }
                    edges.append(edge);
                }
                out.insert(c.alias, edges);
            } else if (c.name == u"nodes"_s) {
                QJsonArray nodes;
                for (const Item& item : page.items)
                    nodes.append(select(item.node, c.selections, nodeType));
                out.insert(c.alias, nodes);
            } else { // pageInfo
                const QJsonValue none = QJsonValue::Null;
                const QJsonObject info{
                    {u"hasNextPage"_s, page.hasNext},
                    {u"hasPreviousPage"_s, page.hasPrevious},
                    {u"startCursor"_s,
                     page.items.isEmpty() ? none : QJsonValue(page.items.first().cursor)},
                    {u"endCursor"_s,
                     page.items.isEmpty() ? none : QJsonValue(page.items.last().cursor)}};
                out.insert(c.alias, select(info, c.selections, u"PageInfo"_s));
            }
        }
        return out;
    }

    Page rootPage(const QString& resource, const Args& a) {
        struct Row {
            qint64 key, id;
            const Record* record;
        };
        QList<Row> rows;
        for (const auto& [key, r] : m_s.data[Vendor::Shopify][resource].byId) {
            bool keep = true;
            for (const Term& t : a.terms) {
                const qint64 v = t.field == u"updated_at"_s ? r.modifiedMs : r.createdMs;
                keep = keep && (t.op == u">"_s    ? v > t.ms
                                : t.op == u">="_s ? v >= t.ms
                                : t.op == u"<"_s  ? v < t.ms
                                                  : v <= t.ms);
            }
            if (!keep)
                continue;
            const qint64 id = r.data.value(u"id"_s).toInteger();
            const qint64 k = a.sortKey == u"UPDATED_AT"_s   ? r.modifiedMs
                             : a.sortKey == u"CREATED_AT"_s ? r.createdMs
                                                            : id;
            rows.append({k, id, &r});
        }
        std::sort(rows.begin(), rows.end(), [](const Row& x, const Row& y) {
            return std::tie(x.key, x.id) < std::tie(y.key, y.id);
        });
        qsizetype begin = 0;
        if (a.after)
            begin =
                std::upper_bound(rows.begin(), rows.end(), *a.after,
                                 [](const QPair<qint64, qint64>& c, const Row& row) {
                                     return std::tie(c.first, c.second) < std::tie(row.key, row.id);
                                 }) -
                rows.begin();
        Page page;
        const qsizetype end = std::min<qsizetype>(rows.size(), begin + a.first);
        for (qsizetype i = begin; i < end; ++i) {
            const Row& row = rows[i];
            const QJsonObject node = resource == u"customers"_s  ? customerNode(*row.record)
                                     : resource == u"products"_s ? productNode(*row.record)
                                                                 : orderNode(*row.record, m_s);
            page.items.append({encodeCursor(row.key, row.id), node});
        }
        page.hasNext = end < rows.size();
        page.hasPrevious = begin > 0;
        return page;
    }

    static Page nestedPage(const QJsonObject& holder, const Args& a) {
        const QJsonArray nodes = holder.value(u"__nodes"_s).toArray();
        const qsizetype begin = a.after ? std::max<qint64>(0, a.after->first + 1) : 0;
        const qsizetype end = std::min<qsizetype>(nodes.size(), begin + a.first);
        Page page;
        for (qsizetype i = begin; i < end; ++i)
            page.items.append({encodeCursor(i, 0), nodes.at(i).toObject()});
        page.hasNext = end < nodes.size();
        page.hasPrevious = begin > 0;
        return page;
    }

    SandboxState& m_s;
    const Validation& m_v;
};

/// The bucket of one app+shop, restored to now; returns the points available.
double& bucket(SandboxState& s, const QString& key) {
    const SandboxLimits& l = s.options.limits;
    auto& b = s.shopifyGraphQlBuckets[key];
    const qint64 now = s.now();
    if (b.second == 0) {
        b = {double(l.shopifyGraphQlBucket), now};
    } else if (now > b.second) {
        b.first =
            std::min(double(l.shopifyGraphQlBucket),
                     b.first + double(now - b.second) * l.shopifyGraphQlRestorePerSecond / 1000.0);
        b.second = now;
    }
    return b.first;
}

QJsonObject cost(const SandboxState& s, double available, qint64 requested,
                 const QJsonValue& actual) {
    const SandboxLimits& l = s.options.limits;
    return {
        {u"requestedQueryCost"_s, requested},
        {u"actualQueryCost"_s, actual},
        {u"throttleStatus"_s, QJsonObject{{u"maximumAvailable"_s, double(l.shopifyGraphQlBucket)},
                                          {u"currentlyAvailable"_s, available},
                                          {u"restoreRate"_s, l.shopifyGraphQlRestorePerSecond}}}};
}

Response answer(const QJsonObject& body) {
    return jsonResponse(200, toJson(body)); // GraphQL answers 200, errors included
}

} // namespace

Response shopifyGraphQl(SandboxState& s, const Request& request, const QString& clientId) {
    if (request.method != "POST")
        return jsonResponse(405, R"({"errors":"Method Not Allowed"})"_ba);
    QString text;
    QJsonObject variables;
    if (request.header("Content-Type"_ba).startsWith("application/graphql")) {
        text = QString::fromUtf8(request.body);
    } else {
        const QJsonObject body = QJsonDocument::fromJson(request.body).object();
        const QJsonValue vars = body.value(u"variables"_s);
        if (!body.value(u"query"_s).isString() ||
            !(vars.isUndefined() || vars.isNull() || vars.isObject()))
            return jsonResponse(
                400, R"({"errors":{"query":"Required parameter missing or invalid"}})"_ba);
        text = body.value(u"query"_s).toString();
        variables = vars.toObject();
    }
    const QString key = clientId + u"|demo-shop"_s;
    double& available = bucket(s, key);
    auto refused = [&](const QJsonArray& errors) {
        // Refused before execution: nothing is charged.
        return answer({{u"errors"_s, errors},
                       {u"extensions"_s, QJsonObject{{u"cost"_s, cost(s, available, 0, 0)}}}});
    };
    const auto parsed = parse(text);
    if (const auto* e = std::get_if<ParseError>(&parsed))
        return refused(QJsonArray{errorJson({e->message, e->at, e->code, {}})});
    const Document& doc = std::get<Document>(parsed);

    const Validation validator = validate(doc, variables);
    const qint64 requested = validator.requestedCost;
    if (!validator.errors.isEmpty()) {
        QJsonArray errors;
        for (const GqlError& e : validator.errors)
            errors.append(errorJson(e));
        return refused(errors);
    }
    const int maxCost = s.options.limits.shopifyGraphQlMaxQueryCost;
    if (requested > maxCost) {
        s.note = u"graphql-max-cost"_s;
        return answer(
            {{u"errors"_s,
              QJsonArray{QJsonObject{
                  {u"message"_s, u"Query cost is %1, which exceeds the single query max cost "
                                 "limit (%2)."_s.arg(requested)
                                     .arg(maxCost)},
                  {u"extensions"_s, QJsonObject{{u"code"_s, u"MAX_COST_EXCEEDED"_s},
                                                {u"cost"_s, requested},
                                                {u"maxCost"_s, maxCost}}}}}},
             {u"extensions"_s,
              QJsonObject{{u"cost"_s, cost(s, available, requested, QJsonValue::Null)}}}});
    }
    if (available < double(requested)) {
        s.note = u"graphql-throttled"_s;
        return answer(
            {{u"errors"_s, QJsonArray{QJsonObject{
                               {u"message"_s, u"Throttled"_s},
                               {u"extensions"_s,
                                QJsonObject{{u"code"_s, u"THROTTLED"_s},
                                            {u"documentation"_s,
                                             u"https://shopify.dev/api/usage/rate-limits"_s}}}}}},
             {u"extensions"_s,
              QJsonObject{{u"cost"_s, cost(s, available, requested, QJsonValue::Null)}}}});
    }
    // Charged the requested cost up front, refunded down to the actual cost afterwards.
    available -= double(requested);
    Executor executor(s, validator);
    const QJsonObject data = executor.select({}, doc.selections, u"QueryRoot"_s);
    available = std::min(double(s.options.limits.shopifyGraphQlBucket),
                         available + double(requested - executor.actual));
    return answer({{u"data"_s, data},
                   {u"extensions"_s,
                    QJsonObject{{u"cost"_s, cost(s, available, requested, executor.actual)}}}});
}

} // namespace bk::sandbox
