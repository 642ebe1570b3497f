#include "ShopifyGraphQlSchema.h"

#include "Vendors.h"

using namespace Qt::StringLiterals;

namespace bk::sandbox::graphql {

namespace {

using Kind = FieldType::Kind;
using Fields = QHash<QString, FieldType>;

const QHash<QString, Fields>& schema() {
    static const QHash<QString, Fields> s = [] {
        const FieldType id{Kind::Scalar, u"ID"_s}, string{Kind::Scalar, u"String"_s},
            dateTime{Kind::Scalar, u"DateTime"_s}, integer{Kind::Scalar, u"Int"_s},
            uint64{Kind::Scalar, u"UnsignedInt64"_s}, boolean{Kind::Scalar, u"Boolean"_s};
        QHash<QString, Fields> t;
        t[u"QueryRoot"_s] = {{u"customers"_s, {Kind::Connection, u"Customer"_s}},
                             {u"products"_s, {Kind::Connection, u"Product"_s}},
                             {u"orders"_s, {Kind::Connection, u"Order"_s}}};
        t[u"Customer"_s] = {{u"id"_s, id},
                            {u"legacyResourceId"_s, uint64},
                            {u"email"_s, string},
                            {u"firstName"_s, string},
                            {u"lastName"_s, string},
                            {u"phone"_s, string},
                            {u"state"_s, {Kind::Scalar, u"CustomerState"_s}},
                            {u"createdAt"_s, dateTime},
                            {u"updatedAt"_s, dateTime},
                            {u"tags"_s, {Kind::Scalar, u"[String!]"_s}},
                            {u"amountSpent"_s, {Kind::Object, u"MoneyV2"_s}},
                            {u"defaultAddress"_s, {Kind::Object, u"MailingAddress"_s}}};
        t[u"MoneyV2"_s] = {{u"amount"_s, {Kind::Scalar, u"Decimal"_s}},
                           {u"currencyCode"_s, {Kind::Scalar, u"CurrencyCode"_s}}};
        t[u"MoneyBag"_s] = {{u"shopMoney"_s, {Kind::Object, u"MoneyV2"_s}},
                            {u"presentmentMoney"_s, {Kind::Object, u"MoneyV2"_s}}};
        t[u"MailingAddress"_s] = {{u"address1"_s, string},
                                  {u"zip"_s, string},
                                  {u"city"_s, string},
                                  {u"countryCodeV2"_s, {Kind::Scalar, u"CountryCode"_s}},
                                  {u"phone"_s, string}};
        t[u"Product"_s] = {{u"id"_s, id},
                           {u"legacyResourceId"_s, uint64},
                           {u"title"_s, string},
                           {u"vendor"_s, string},
                           {u"productType"_s, string},
                           {u"status"_s, {Kind::Scalar, u"ProductStatus"_s}},
                           {u"createdAt"_s, dateTime},
                           {u"updatedAt"_s, dateTime},
                           {u"variants"_s, {Kind::Connection, u"ProductVariant"_s}}};
        t[u"ProductVariant"_s] = {{u"id"_s, id},
                                  {u"legacyResourceId"_s, uint64},
                                  {u"title"_s, string},
                                  {u"sku"_s, string},
                                  {u"price"_s, {Kind::Scalar, u"Money"_s}},
                                  {u"inventoryQuantity"_s, integer}};
        t[u"Order"_s] = {
            {u"id"_s, id},
            {u"legacyResourceId"_s, uint64},
            {u"name"_s, string},
            {u"email"_s, string},
            {u"note"_s, string},
            {u"createdAt"_s, dateTime},
            {u"updatedAt"_s, dateTime},
            {u"currencyCode"_s, {Kind::Scalar, u"CurrencyCode"_s}},
            {u"displayFinancialStatus"_s, {Kind::Scalar, u"OrderDisplayFinancialStatus"_s}},
            {u"totalPriceSet"_s, {Kind::Object, u"MoneyBag"_s}},
            {u"subtotalPriceSet"_s, {Kind::Object, u"MoneyBag"_s}},
            {u"totalTaxSet"_s, {Kind::Object, u"MoneyBag"_s}},
            {u"customer"_s, {Kind::Object, u"Customer"_s}},
            {u"lineItems"_s, {Kind::Connection, u"LineItem"_s}}};
        t[u"LineItem"_s] = {{u"id"_s, id},
                            {u"title"_s, string},
                            {u"sku"_s, string},
                            {u"quantity"_s, integer},
                            {u"originalUnitPriceSet"_s, {Kind::Object, u"MoneyBag"_s}}};
        t[u"PageInfo"_s] = {{u"hasNextPage"_s, boolean},
                            {u"hasPreviousPage"_s, boolean},
                            {u"startCursor"_s, string},
                            {u"endCursor"_s, string}};
        for (const QString& node :
             {u"Customer"_s, u"Product"_s, u"Order"_s, u"ProductVariant"_s, u"LineItem"_s}) {
            t[node + u"Connection"_s] = {{u"edges"_s, {Kind::List, node + u"Edge"_s}},
                                         {u"nodes"_s, {Kind::List, node}},
                                         {u"pageInfo"_s, {Kind::Object, u"PageInfo"_s}}};
            t[node + u"Edge"_s] = {{u"cursor"_s, string}, {u"node"_s, {Kind::Object, node}}};
        }
        return t;
    }();
    return s;
}

QString gid(const char* type, qint64 id) {
    return u"gid://shopify/%1/%2"_s.arg(QLatin1String(type)).arg(id);
}

QJsonObject money(const QJsonValue& amount, const QString& currency) {
    // MoneyV2.amount is a Decimal: a string, never a JSON number.
    return {{u"amount"_s, amount.isString() ? amount.toString() : QString()},
            {u"currencyCode"_s, currency}};
}

QJsonObject moneyBag(const QJsonValue& amount, const QString& currency) {
    return {{u"shopMoney"_s, money(amount, currency)},
            {u"presentmentMoney"_s, money(amount, currency)}};
}

QJsonValue orNull(const QJsonValue& v) {
    return v.isUndefined() ? QJsonValue(QJsonValue::Null) : v;
}

} // namespace

const FieldType* fieldOf(const QString& type, const QString& field) {
    const auto t = schema().constFind(type);
    if (t == schema().constEnd())
        return nullptr;
    const auto f = t->constFind(field);
    return f == t->constEnd() ? nullptr : &*f;
}

QString nodeTypeOf(const QString& connectionType) {
    return connectionType.endsWith(u"Connection"_s) ? connectionType.chopped(10) : QString();
}

QString resourceOfRoot(const QString& field) {
    return field; // customers, products and orders are both the GraphQL and the REST name
}

QJsonObject customerNode(const Record& r) {
    const QJsonObject& d = r.data;
    const qint64 id = d.value(u"id"_s).toInteger();
    QJsonArray tags;
    for (const QString& tag : d.value(u"tags"_s).toString().split(u',', Qt::SkipEmptyParts))
        tags.append(tag.trimmed());
    const QJsonObject a = d.value(u"default_address"_s).toObject();
    return {{u"id"_s, gid("Customer", id)},
            {u"legacyResourceId"_s, QString::number(id)},
            {u"email"_s, orNull(d.value(u"email"_s))},
            {u"firstName"_s, orNull(d.value(u"first_name"_s))},
            {u"lastName"_s, orNull(d.value(u"last_name"_s))},
            {u"phone"_s, orNull(d.value(u"phone"_s))},
            {u"state"_s, d.value(u"state"_s).toString(u"enabled"_s).toUpper()},
            {u"createdAt"_s, rfc3339(r.createdMs)},
            {u"updatedAt"_s, rfc3339(r.modifiedMs)},
            {u"tags"_s, tags},
            {u"amountSpent"_s, money(d.value(u"total_spent"_s).toString(u"0.00"_s),
                                     d.value(u"currency"_s).toString(u"EUR"_s))},
            {u"defaultAddress"_s,
             a.isEmpty()
                 ? QJsonValue(QJsonValue::Null)
                 : QJsonValue(QJsonObject{{u"address1"_s, orNull(a.value(u"address1"_s))},
                                          {u"zip"_s, orNull(a.value(u"zip"_s))},
                                          {u"city"_s, orNull(a.value(u"city"_s))},
                                          {u"countryCodeV2"_s, orNull(a.value(u"country_code"_s))},
                                          {u"phone"_s, orNull(a.value(u"phone"_s))}})}};
}

QJsonObject productNode(const Record& r) {
    const QJsonObject& d = r.data;
    const qint64 id = d.value(u"id"_s).toInteger();
    QJsonArray variants;
    for (const QJsonValue& v : d.value(u"variants"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const qint64 vid = o.value(u"id"_s).toInteger();
        variants.append(
            QJsonObject{{u"id"_s, gid("ProductVariant", vid)},
                        {u"legacyResourceId"_s, QString::number(vid)},
                        {u"title"_s, orNull(o.value(u"title"_s))},
                        {u"sku"_s, orNull(o.value(u"sku"_s))},
                        {u"price"_s, orNull(o.value(u"price"_s))},
                        {u"inventoryQuantity"_s, orNull(o.value(u"inventory_quantity"_s))}});
    }
    return {{u"id"_s, gid("Product", id)},
            {u"legacyResourceId"_s, QString::number(id)},
            {u"title"_s, orNull(d.value(u"title"_s))},
            {u"vendor"_s, orNull(d.value(u"vendor"_s))},
            {u"productType"_s, orNull(d.value(u"product_type"_s))},
            {u"status"_s, d.value(u"status"_s).toString(u"active"_s).toUpper()},
            {u"createdAt"_s, rfc3339(r.createdMs)},
            {u"updatedAt"_s, rfc3339(r.modifiedMs)},
            {u"variants"_s, QJsonObject{{u"__nodes"_s, variants}}}};
}

QJsonObject orderNode(const Record& r, const SandboxState& s) {
    const QJsonObject& d = r.data;
    const qint64 id = d.value(u"id"_s).toInteger();
    const QString currency = d.value(u"currency"_s).toString(u"EUR"_s);
    QJsonArray lines;
    for (const QJsonValue& v : d.value(u"line_items"_s).toArray()) {
        const QJsonObject o = v.toObject();
        lines.append(
            QJsonObject{{u"id"_s, gid("LineItem", o.value(u"id"_s).toInteger())},
                        {u"title"_s, orNull(o.value(u"title"_s))},
                        {u"sku"_s, orNull(o.value(u"sku"_s))},
                        {u"quantity"_s, orNull(o.value(u"quantity"_s))},
                        {u"originalUnitPriceSet"_s, moneyBag(o.value(u"price"_s), currency)}});
    }
    QJsonValue customer = QJsonValue::Null;
    const qint64 customerId = d.value(u"customer"_s).toObject().value(u"id"_s).toInteger();
    const auto vendor = s.data.find(Vendor::Shopify);
    if (customerId && vendor != s.data.end()) {
        const auto c = vendor->second.find(u"customers"_s);
        if (c != vendor->second.end()) {
            const auto it =
                c->second.byId.find(QString::number(customerId).rightJustified(19, u'0'));
            if (it != c->second.byId.end())
                customer = customerNode(it->second);
        }
    }
    return {{u"id"_s, gid("Order", id)},
            {u"legacyResourceId"_s, QString::number(id)},
            {u"name"_s, orNull(d.value(u"name"_s))},
            {u"email"_s, orNull(d.value(u"email"_s))},
            {u"note"_s, orNull(d.value(u"note"_s))},
            {u"createdAt"_s, rfc3339(r.createdMs)},
            {u"updatedAt"_s, rfc3339(r.modifiedMs)},
            {u"currencyCode"_s, currency},
            {u"displayFinancialStatus"_s, d.value(u"financial_status"_s).toString().toUpper()},
            {u"totalPriceSet"_s, moneyBag(d.value(u"total_price"_s), currency)},
            {u"subtotalPriceSet"_s, moneyBag(d.value(u"subtotal_price"_s), currency)},
            {u"totalTaxSet"_s, moneyBag(d.value(u"total_tax"_s), currency)},
            {u"customer"_s, customer},
            {u"lineItems"_s, QJsonObject{{u"__nodes"_s, lines}}}};
}

} // namespace bk::sandbox::graphql
