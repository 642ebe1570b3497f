#include "SandboxClient.h"

#include <QRandomGenerator64>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace bk;
using namespace bk::sandbox;
using namespace bk::sandbox::test;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStart = 1'767'225'600'000; // 2026-01-01T00:00:00Z

struct Fixture {
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(kStart);
    Sandbox sandbox;
    Client client;
    QByteArray token;
    QString url;
    explicit Fixture(int records = 300, SandboxLimits limits = {}) {
        SandboxOptions o;
        o.clock = clock;
        o.recordsPerVendor = records;
        o.limits = limits;
        QVERIFY(sandbox.start(o).ok());
        url = sandbox.baseUrl(Vendor::Shopify) + u"/admin/api/2026-07/graphql.json"_s;
        token = sandbox.issueTokensForTest(Vendor::Shopify)
                    .value(u"access_token"_s)
                    .toString()
                    .toLatin1();
    }
    Reply post(const QByteArray& body) {
        return client.send("POST", url, {{"X-Shopify-Access-Token", token}}, body);
    }
    QJsonObject gql(const QString& query, const QJsonObject& variables = {}) {
        QJsonObject body{{u"query"_s, query}};
        if (!variables.isEmpty())
            body.insert(u"variables"_s, variables);
        const Reply r = post(QJsonDocument(body).toJson(QJsonDocument::Compact));
        if (r.status != 200)
            qWarning() << "GraphQL answered" << r.status << r.body;
        return r.json();
    }
};

QJsonObject costOf(const QJsonObject& answer) {
    return answer.value(u"extensions"_s).toObject().value(u"cost"_s).toObject();
}

double available(const QJsonObject& answer) {
    return costOf(answer)
        .value(u"throttleStatus"_s)
        .toObject()
        .value(u"currentlyAvailable"_s)
        .toDouble();
}

QString firstError(const QJsonObject& answer) {
    return answer.value(u"errors"_s).toArray().at(0).toObject().value(u"message"_s).toString();
}

QString firstCode(const QJsonObject& answer) {
    return answer.value(u"errors"_s)
        .toArray()
        .at(0)
        .toObject()
        .value(u"extensions"_s)
        .toObject()
        .value(u"code"_s)
        .toString();
}

const QString kCustomers = uR"(
query Customers($first: Int!, $after: String) {
  customers(first: $first, after: $after) {
    edges {
      cursor
      node { id legacyResourceId email firstName amountSpent { amount currencyCode } }
    }
    pageInfo { hasNextPage endCursor }
  }
})"_s;

} // namespace

class TestSandboxShopifyGraphQl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void connectionPagesToTheEndWithGidsAndMoneyStrings() {
        Fixture f(300);
        static const QRegularExpression gid(u"^gid://shopify/Customer/(\\d+)$"_s);
        static const QRegularExpression decimal(u"^\\d+\\.\\d{2}$"_s);
        QSet<QString> seen;
        QJsonValue after = QJsonValue::Null;
        int pages = 0;
        while (true) {
            const QJsonObject a = f.gql(kCustomers, {{u"first"_s, 100}, {u"after"_s, after}});
            QVERIFY2(!a.contains(u"errors"_s),
                     a.value(u"errors"_s).toArray().isEmpty() ? "" : qPrintable(firstError(a)));
            const QJsonObject conn = a.value(u"data"_s).toObject().value(u"customers"_s).toObject();
            const QJsonArray edges = conn.value(u"edges"_s).toArray();
            ++pages;
            QCOMPARE(costOf(a).value(u"requestedQueryCost"_s).toInt(), 102);
            QCOMPARE(costOf(a).value(u"actualQueryCost"_s).toInt(), 2 + edges.size());
            for (const QJsonValue& e : edges) {
                const QJsonObject node = e.toObject().value(u"node"_s).toObject();
                const auto m = gid.match(node.value(u"id"_s).toString());
                QVERIFY(m.hasMatch());
                QCOMPARE(node.value(u"legacyResourceId"_s).toString(), m.captured(1));
                QVERIFY(!seen.contains(m.captured(1)));
                seen.insert(m.captured(1));
                const QJsonObject rest =
                    f.sandbox.record(Vendor::Shopify, u"customers"_s, m.captured(1));
                QCOMPARE(node.value(u"email"_s).toString(), rest.value(u"email"_s).toString());
                const QJsonValue amount =
                    node.value(u"amountSpent"_s).toObject().value(u"amount"_s);
                QVERIFY(amount.isString()); // MoneyV2 amounts are decimal strings
                QVERIFY(decimal.match(amount.toString()).hasMatch());
                QCOMPARE(amount.toString(), rest.value(u"total_spent"_s).toString());
            }
            const QJsonObject info = conn.value(u"pageInfo"_s).toObject();
            QCOMPARE(info.value(u"endCursor"_s).toString(),
                     edges.last().toObject().value(u"cursor"_s).toString());
            if (!info.value(u"hasNextPage"_s).toBool())
                break;
            after = info.value(u"endCursor"_s);
        }
        QCOMPARE(pages, 3);
        QCOMPARE(seen.size(), 300); // every customer once, none repeated
    }

    void ordersWithNestedLineItemsAndNodes() {
        Fixture f(100);
        const QJsonObject a = f.gql(uR"({
          orders(first: 5, sortKey: ID) {
            nodes {
              __typename id name displayFinancialStatus
              totalPriceSet { shopMoney { amount currencyCode } }
              customer { id email }
              lineItems(first: 10) { nodes { sku quantity } pageInfo { hasNextPage } }
            }
          }
        })"_s);
        const QJsonArray orders =
            a.value(u"data"_s).toObject().value(u"orders"_s).toObject().value(u"nodes"_s).toArray();
        QCOMPARE(orders.size(), 5);
        // requested: 2 + 5 × (1 + (2 + 10)); actual: 2 + Σ (1 + 2 + lines returned)
        QCOMPARE(costOf(a).value(u"requestedQueryCost"_s).toInt(), 67);
        int actual = 2;
        for (const QJsonValue& v : orders) {
            const QJsonObject o = v.toObject();
            QCOMPARE(o.value(u"__typename"_s).toString(), u"Order"_s);
            const QString id = o.value(u"id"_s).toString().section(u'/', -1);
            const QJsonObject rest = f.sandbox.record(Vendor::Shopify, u"orders"_s, id);
            QCOMPARE(o.value(u"name"_s).toString(), rest.value(u"name"_s).toString());
            QCOMPARE(o.value(u"totalPriceSet"_s)
                         .toObject()
                         .value(u"shopMoney"_s)
                         .toObject()
                         .value(u"amount"_s)
                         .toString(),
                     rest.value(u"total_price"_s).toString());
            QCOMPARE(o.value(u"customer"_s).toObject().value(u"email"_s).toString(),
                     rest.value(u"email"_s).toString());
            const QJsonArray lines = o.value(u"lineItems"_s).toObject().value(u"nodes"_s).toArray();
            QCOMPARE(lines.size(), rest.value(u"line_items"_s).toArray().size());
            QCOMPARE(
                lines.at(0).toObject().value(u"sku"_s).toString(),
                rest.value(u"line_items"_s).toArray().at(0).toObject().value(u"sku"_s).toString());
            actual += 1 + 2 + int(lines.size());
        }
        QCOMPARE(costOf(a).value(u"actualQueryCost"_s).toInt(), actual);
        QCOMPARE(available(a), 1000.0 - actual);
    }

    void updatedAtSearchFindsExactlyTheChanges() {
        Fixture f(200);
        f.clock->advance(1'800'000);
        const QStringList ids = f.sandbox.recordIds(Vendor::Shopify, u"products"_s);
        const qint64 mark = f.clock->nowMs();
        QVERIFY(f.sandbox.updateRecord(Vendor::Shopify, u"products"_s, ids.at(3),
                                       {{u"title"_s, u"Stroopwafels XL"_s}}));
        f.clock->advance(1'000);
        QVERIFY(f.sandbox.updateRecord(Vendor::Shopify, u"products"_s, ids.at(1),
                                       {{u"title"_s, u"Drop Zout"_s}}));
        const QString since = QDateTime::fromMSecsSinceEpoch(mark, Qt::UTC).toString(Qt::ISODate);
        const QJsonObject a = f.gql(
            uR"(query Changed($q: String) { products(first: 10, query: $q, sortKey: UPDATED_AT) {
                 edges { node { legacyResourceId title updatedAt variants(first: 3) { nodes { sku price } } } }
                 pageInfo { hasNextPage } } })"_s,
            {{u"q"_s, u"updated_at:>='%1'"_s.arg(since)}});
        const QJsonArray edges = a.value(u"data"_s)
                                     .toObject()
                                     .value(u"products"_s)
                                     .toObject()
                                     .value(u"edges"_s)
                                     .toArray();
        QCOMPARE(edges.size(), 2);
        QCOMPARE(edges.at(0).toObject().value(u"node"_s).toObject().value(u"title"_s).toString(),
                 u"Stroopwafels XL"_s); // in updated_at order
        QCOMPARE(edges.at(1)
                     .toObject()
                     .value(u"node"_s)
                     .toObject()
                     .value(u"legacyResourceId"_s)
                     .toString(),
                 ids.at(1));
        QVERIFY(edges.at(0)
                    .toObject()
                    .value(u"node"_s)
                    .toObject()
                    .value(u"variants"_s)
                    .toObject()
                    .value(u"nodes"_s)
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(u"price"_s)
                    .isString());
        const QJsonObject strict = f.gql(u"{ products(first: 10, query: \"updated_at:>'"_s + since +
                                         u"'\") { nodes { id } } }"_s);
        QCOMPARE(strict.value(u"data"_s)
                     .toObject()
                     .value(u"products"_s)
                     .toObject()
                     .value(u"nodes"_s)
                     .toArray()
                     .size(),
                 1);
    }

    void throttledExactlyAtTheBucketBoundary() {
        Fixture f(1000);
        const QString q = uR"(query($after: String) { customers(first: 98, after: $after) {
            nodes { id } pageInfo { endCursor } } })"_s;
        QJsonValue after = QJsonValue::Null;
        QJsonObject a;
        // Ten full pages cost 100 each (2 + 98 nodes): the 1000-point bucket is empty.
        for (int i = 0; i < 10; ++i) {
            a = f.gql(q, {{u"after"_s, after}});
            QCOMPARE(costOf(a).value(u"actualQueryCost"_s).toInt(), 100);
            QCOMPARE(available(a), 1000.0 - 100.0 * (i + 1));
            after = a.value(u"data"_s)
                        .toObject()
                        .value(u"customers"_s)
                        .toObject()
                        .value(u"pageInfo"_s)
                        .toObject()
                        .value(u"endCursor"_s);
        }
        // The next one is refused with HTTP 200 THROTTLED, nothing executed or charged.
        const Reply raw =
            f.post(QJsonDocument(QJsonObject{{u"query"_s, q},
                                             {u"variables"_s, QJsonObject{{u"after"_s, after}}}})
                       .toJson(QJsonDocument::Compact));
        QCOMPARE(raw.status, 200);
        a = raw.json();
        QVERIFY(!a.contains(u"data"_s));
        QCOMPARE(firstError(a), u"Throttled"_s);
        QCOMPARE(firstCode(a), u"THROTTLED"_s);
        QCOMPARE(a.value(u"errors"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"extensions"_s)
                     .toObject()
                     .value(u"documentation"_s)
                     .toString(),
                 u"https://shopify.dev/api/usage/rate-limits"_s);
        QCOMPARE(costOf(a).value(u"requestedQueryCost"_s).toInt(), 100);
        QVERIFY(costOf(a).value(u"actualQueryCost"_s).isNull());
        const QJsonObject throttle = costOf(a).value(u"throttleStatus"_s).toObject();
        QCOMPARE(throttle.value(u"maximumAvailable"_s).toDouble(), 1000.0);
        QCOMPARE(throttle.value(u"currentlyAvailable"_s).toDouble(), 0.0);
        QCOMPARE(throttle.value(u"restoreRate"_s).toDouble(), 50.0);
        // 50 points per second: 1999 ms restore 99.95 (still short), 2000 ms restore 100.
        f.clock->advance(1'999);
        a = f.gql(q, {{u"after"_s, after}});
        QCOMPARE(firstCode(a), u"THROTTLED"_s);
        QCOMPARE(available(a), 99.95);
        f.clock->advance(1);
        a = f.gql(q, {{u"after"_s, after}});
        QVERIFY(!a.contains(u"errors"_s));
        QCOMPARE(costOf(a).value(u"actualQueryCost"_s).toInt(), 22); // 2 + the last 20 nodes
        QCOMPARE(available(a), 78.0); // charged 100, refunded 78 → 100 - 22
        // The request log tells the two HTTP-200 refusals apart from the answers.
        int throttled = 0, answered = 0;
        for (const LoggedRequest& r : f.sandbox.requests()) {
            QCOMPARE(r.status, 200);
            QCOMPARE(r.endpoint, u"/admin/api/2026-07/graphql.json"_s);
            (r.note == u"graphql-throttled"_s ? throttled : answered)++;
        }
        QCOMPARE(throttled, 2);
        QCOMPARE(answered, 11);
    }

    void planRestoreRateAndMaxQueryCostAreConfigurable() {
        SandboxLimits limits;
        limits.shopifyGraphQlBucket = 200;
        limits.shopifyGraphQlRestorePerSecond = 100; // Standard plan, current docs
        Fixture f(300, limits);
        const QString q = u"{ customers(first: 198) { nodes { id } } }"_s;
        QCOMPARE(available(f.gql(q)), 0.0);
        QCOMPARE(firstCode(f.gql(q)), u"THROTTLED"_s);
        f.clock->advance(1'990);
        QCOMPARE(firstCode(f.gql(q)), u"THROTTLED"_s);
        f.clock->advance(10);
        const QJsonObject ok = f.gql(q);
        QVERIFY(!ok.contains(u"errors"_s));
        QCOMPARE(
            costOf(ok).value(u"throttleStatus"_s).toObject().value(u"restoreRate"_s).toDouble(),
            100.0);

        // The same limits from a scenario file's "limits" section.
        Fixture h(20);
        QVERIFY(!h.sandbox.applyScenario(QJsonObject{{u"limits"_s, QJsonObject{{u"bogus"_s, 1}}}}));
        QVERIFY(h.sandbox
                    .applyScenario(QJsonObject{
                        {u"limits"_s, QJsonObject{{u"shopifyGraphQlBucket"_s, 100},
                                                  {u"shopifyGraphQlRestorePerSecond"_s, 200}}}})
                    .ok());
        const QJsonObject plan = h.gql(u"{ customers(first: 1) { nodes { id } } }"_s);
        const QJsonObject throttle = costOf(plan).value(u"throttleStatus"_s).toObject();
        QCOMPARE(throttle.value(u"maximumAvailable"_s).toDouble(), 100.0);
        QCOMPARE(throttle.value(u"restoreRate"_s).toDouble(), 200.0);

        Fixture g(50);
        const QJsonObject big = g.gql(
            u"{ products(first: 250) { nodes { variants(first: 250) { nodes { sku } } } } }"_s);
        QCOMPARE(firstCode(big), u"MAX_COST_EXCEEDED"_s);
        QCOMPARE(firstError(big), u"Query cost is 63252, which exceeds the single query max cost "
                                  "limit (1000)."_s);
        QVERIFY(costOf(big).value(u"actualQueryCost"_s).isNull());
        QCOMPARE(available(big), 1000.0);
    }

    void outsideTheSubsetIsAGraphQlErrorNotACrash() {
        Fixture f(20);
        struct Case {
            QString query;
            QString message;
            QString code;
        };
        const QList<Case> cases = {
            {u"{ customers(first: 5) { nodes { id }"_s, u"Unexpected end of document"_s,
             u"parseError"_s},
            {u"{ customers(first: 5) { nodes { foo } } }"_s,
             u"Field 'foo' doesn't exist on type 'Customer'"_s, u"undefinedField"_s},
            {u"{ shop { name } }"_s, u"Field 'shop' doesn't exist on type 'QueryRoot'"_s,
             u"undefinedField"_s},
            {u"{ customers { nodes { id } } }"_s, u"you must provide one of first or last"_s,
             u"missingRequiredArguments"_s},
            {u"{ customers(first: 251) { nodes { id } } }"_s,
             u"The first argument must be between 1 and 250."_s, u"argumentLiteralsIncompatible"_s},
            {u"{ customers(last: 5) { nodes { id } } }"_s,
             u"Argument 'last' on 'customers' is not supported by the sandbox's GraphQL subset"_s,
             u"unsupported"_s},
            {u"{ customers(first: 5, query: \"email:a@b.nl\") { nodes { id } } }"_s,
             u"Search field \"email\" is not supported by the sandbox (updated_at, created_at)"_s,
             u"unsupported"_s},
            {u"{ customers(first: 5, after: \"nonsense\") { nodes { id } } }"_s,
             u"Invalid cursor."_s, u"argumentLiteralsIncompatible"_s},
            {u"{ customers(first: $n) { nodes { id } } }"_s,
             u"Variable $n is used by anonymous query but not declared"_s, u"variableNotDefined"_s},
            {u"{ customers(first: 5) { nodes { id email { x } } } }"_s,
             u"Selections can't be made on scalars (field 'email' returns String but has "
             "selections)"_s,
             u"selectionMismatch"_s},
            {u"{ customers(first: 5) { nodes { amountSpent } } }"_s,
             u"Field must have selections (field 'amountSpent' returns MoneyV2 but has no "
             "selections. Did you mean 'amountSpent { ... }'?)"_s,
             u"selectionMismatch"_s},
            {u"{ customers(first: 5) { ...F } }"_s,
             u"Fragment spreads are not supported by the sandbox's GraphQL subset"_s,
             u"unsupported"_s},
            {u"mutation { customerCreate { id } }"_s,
             u"mutation operations are not supported by the sandbox's GraphQL subset (queries "
             "only)"_s,
             u"unsupported"_s},
            {u"{ customers(first: 5) @include(if: true) { nodes { id } } }"_s,
             u"Directives are not supported by the sandbox's GraphQL subset"_s, u"unsupported"_s},
            {u"{ customers(first: 5) { nodes { id } } } { orders(first: 1) { nodes { id } } }"_s,
             u"Only one operation per document is supported by the sandbox's GraphQL subset"_s,
             u"unsupported"_s},
            {u"{ customers(first: 5) { nodes { id ? } } }"_s, u"Unexpected character \"?\""_s,
             u"parseError"_s},
        };
        for (const Case& c : cases) {
            const Reply r = f.post(
                QJsonDocument(QJsonObject{{u"query"_s, c.query}}).toJson(QJsonDocument::Compact));
            QCOMPARE(r.status, 200);
            const QJsonObject a = r.json();
            QVERIFY2(!a.contains(u"data"_s), qPrintable(c.query));
            QCOMPARE(firstError(a), c.message);
            QCOMPARE(firstCode(a), c.code);
            QVERIFY(a.value(u"errors"_s).toArray().at(0).toObject().contains(u"locations"_s));
            QCOMPARE(available(a), 1000.0); // nothing charged
            QCOMPARE(costOf(a).value(u"requestedQueryCost"_s).toInt(), 0);
        }
        const QJsonObject located =
            f.gql(u"{\n  customers(first: 5) {\n    nodes { bogus }\n  }\n}"_s);
        const QJsonObject error = located.value(u"errors"_s).toArray().at(0).toObject();
        QCOMPARE(error.value(u"locations"_s).toArray().at(0).toObject().value(u"line"_s).toInt(),
                 3);
        QCOMPARE(error.value(u"locations"_s).toArray().at(0).toObject().value(u"column"_s).toInt(),
                 13);
        QCOMPARE(error.value(u"path"_s).toArray(),
                 (QJsonArray{u"query"_s, u"customers"_s, u"nodes"_s, u"bogus"_s}));

        // Mangled queries (seeded, so the same every run) never crash the sandbox: each one
        // gets a GraphQL answer, data or errors.
        QRandomGenerator64 rng(42);
        const QString valid = kCustomers;
        const QString alphabet = u"{}()[]:$!@#\"'.,=|\n abcfirstnodes0123456789-"_s;
        for (int i = 0; i < 300; ++i) {
            QString q = valid;
            for (int m = 0, n = 1 + int(rng.bounded(4)); m < n; ++m) {
                const int at = int(rng.bounded(quint64(q.size()) + 1));
                switch (rng.bounded(3)) {
                case 0:
                    q.remove(at, 1 + int(rng.bounded(8)));
                    break;
                case 1:
                    q.insert(at, alphabet.at(int(rng.bounded(quint64(alphabet.size())))));
                    break;
                default:
                    q = q.left(at);
                }
            }
            const Reply r =
                f.post(QJsonDocument(QJsonObject{{u"query"_s, q},
                                                 {u"variables"_s, QJsonObject{{u"first"_s, 3}}}})
                           .toJson(QJsonDocument::Compact));
            QCOMPARE(r.status, 200);
            QVERIFY(r.json().contains(u"data"_s) || r.json().contains(u"errors"_s));
            QVERIFY(r.json().value(u"extensions"_s).toObject().contains(u"cost"_s));
        }
        const QString deep = QString(u"{ a"_s).repeated(100'000);
        const Reply deepReply =
            f.post(QJsonDocument(QJsonObject{{u"query"_s, deep}}).toJson(QJsonDocument::Compact));
        QCOMPARE(deepReply.status, 200);
        QCOMPARE(firstCode(deepReply.json()), u"unsupported"_s);

        // Transport-level refusals stay REST-shaped.
        QCOMPARE(f.post("not json").status, 400);
        QCOMPARE(f.client.get(f.url, {{"X-Shopify-Access-Token", f.token}}).status, 405);
        QCOMPARE(
            f.client
                .send("POST", f.url, {}, R"({"query":"{ customers(first: 1) { nodes { id } } }"})")
                .status,
            401);
        // application/graphql bodies, aliases and __typename work too.
        const Reply raw = f.client.send(
            "POST", f.url,
            {{"X-Shopify-Access-Token", f.token}, {"Content-Type", "application/graphql"}},
            "{ first: customers(first: 1) { __typename nodes { __typename mail: email } } }");
        QCOMPARE(raw.status, 200);
        const QJsonObject first =
            raw.json().value(u"data"_s).toObject().value(u"first"_s).toObject();
        QCOMPARE(first.value(u"__typename"_s).toString(), u"CustomerConnection"_s);
        QVERIFY(first.value(u"nodes"_s)
                    .toArray()
                    .at(0)
                    .toObject()
                    .value(u"mail"_s)
                    .toString()
                    .contains(u'@'));
        // The REST call-limit bucket is separate: GraphQL calls never show up in it.
        const Reply rest = f.client.get(f.sandbox.baseUrl(Vendor::Shopify) +
                                            u"/admin/api/2026-07/customers/count.json"_s,
                                        {{"X-Shopify-Access-Token", f.token}});
        QCOMPARE(rest.header("X-Shopify-Shop-Api-Call-Limit"), "1/40"_ba);
    }
};

QTEST_GUILESS_MAIN(TestSandboxShopifyGraphQl)
#include "TestSandboxShopifyGraphQl.moc"
