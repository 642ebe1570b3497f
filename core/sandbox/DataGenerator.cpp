#include "Vendors.h"

#include <algorithm>

#include <QSet>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

QString exactDate(qint64 ms) {
    return u"/Date(%1)/"_s.arg(ms);
}

QString rfc3339(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
}

QString shopifyDate(qint64 ms) {
    static const QTimeZone amsterdam("Europe/Amsterdam");
    return QDateTime::fromMSecsSinceEpoch(ms, amsterdam.isValid() ? amsterdam : QTimeZone::utc())
        .toString(Qt::ISODate);
}

namespace {

const QStringList kCities = {
    u"Amsterdam|020|10"_s, u"Rotterdam|010|30"_s, u"Den Haag|070|25"_s,   u"Utrecht|030|35"_s,
    u"Eindhoven|040|56"_s, u"Groningen|050|97"_s, u"Tilburg|013|50"_s,    u"Almere|036|13"_s,
    u"Breda|076|48"_s,     u"Nijmegen|024|65"_s,  u"Haarlem|023|20"_s,    u"Arnhem|026|68"_s,
    u"Zwolle|038|80"_s,    u"Leiden|071|23"_s,    u"Maastricht|043|62"_s, u"Delft|015|26"_s};
const QStringList kStreets = {u"Kerkstraat"_s,    u"Dorpsstraat"_s,  u"Stationsweg"_s,
                              u"Molenweg"_s,      u"Schoolstraat"_s, u"Hoofdstraat"_s,
                              u"Julianastraat"_s, u"Beatrixlaan"_s,  u"Industrieweg"_s,
                              u"Nieuwe Gracht"_s, u"Marktplein"_s,   u"Havenkade"_s};
const QStringList kTrades = {
    u"Bakkerij"_s,           u"Installatiebedrijf"_s, u"Transport"_s,        u"Schildersbedrijf"_s,
    u"Bouwbedrijf"_s,        u"Hoveniersbedrijf"_s,   u"Kapsalon"_s,         u"Autobedrijf"_s,
    u"Drukkerij"_s,          u"Adviesbureau"_s,       u"Fietsenwinkel"_s,    u"Cateringbedrijf"_s,
    u"Loodgietersbedrijf"_s, u"Reclamebureau"_s,      u"Dakdekkersbedrijf"_s};
const QStringList kSurnames = {
    u"de Vries"_s, u"Jansen"_s,   u"van den Berg"_s, u"Bakker"_s,   u"Visser"_s,    u"Smit"_s,
    u"Meijer"_s,   u"de Boer"_s,  u"Mulder"_s,       u"de Groot"_s, u"Bos"_s,       u"Vos"_s,
    u"Peters"_s,   u"Hendriks"_s, u"van Dijk"_s,     u"Dekker"_s,   u"Brouwer"_s,   u"de Wit"_s,
    u"Dijkstra"_s, u"Smits"_s,    u"van Leeuwen"_s,  u"Kok"_s,      u"Verhoeven"_s, u"Willems"_s};
const QStringList kFirstNames = {u"Jan"_s,     u"Pieter"_s, u"Sanne"_s,  u"Lotte"_s, u"Daan"_s,
                                 u"Emma"_s,    u"Bram"_s,   u"Sophie"_s, u"Thijs"_s, u"Fleur"_s,
                                 u"Lucas"_s,   u"Anouk"_s,  u"Ruben"_s,  u"Eva"_s,   u"Joost"_s,
                                 u"Marieke"_s, u"Kees"_s,   u"Ingrid"_s, u"Sem"_s,   u"Julia"_s};
const QStringList kSuffixes = {u" B.V."_s, QString(), u" & Zn."_s, u" V.O.F."_s, u" B.V."_s};
const QStringList kProducts = {u"Koffiebonen"_s, u"Stroopwafels"_s,      u"Goudse kaas"_s,
                               u"Fietsbel"_s,    u"Tulpenbollen"_s,      u"Drop"_s,
                               u"Bureaulamp"_s,  u"Regenjas"_s,          u"Thee"_s,
                               u"Hagelslag"_s,   u"Klompen"_s,           u"Fietstas"_s,
                               u"Kaasschaaf"_s,  u"Delfts blauw bord"_s, u"Speculaas"_s};
const QStringList kSizes = {u"klein"_s, u"middel"_s, u"groot"_s,
                            u"250 g"_s, u"1 kg"_s,   u"set van 4"_s};

/// Everything a generator needs, drawn from the seeded generator only.
struct Gen {
    QRandomGenerator64 rng;
    qint64 nowMs;

    int pick(int n) { return int(rng.bounded(quint64(n))); }
    const QString& from(const QStringList& list) { return list.at(pick(int(list.size()))); }
    QString digits(int n) {
        QString s;
        for (int i = 0; i < n; ++i)
            s += QChar(u'0' + pick(10));
        return s;
    }
    QString guid() {
        const quint64 a = rng.generate(), b = rng.generate();
        const QString h = QString::number(a, 16).rightJustified(16, u'0') +
                          QString::number(b, 16).rightJustified(16, u'0');
        return h.mid(0, 8) + u'-' + h.mid(8, 4) + u"-4"_s + h.mid(13, 3) + u"-8"_s + h.mid(17, 3) +
               u'-' + h.mid(20, 12);
    }
    /// Dutch numbers in the mixed formats real CRMs hold.
    QString phone(const QString& area) {
        const QString local = digits(10 - int(area.size()));
        // Dutch mobiles are 06-1… to 06-5…; other 06 ranges are unallocated and fail validation.
        const QString mobile = QString(QChar(u'1' + pick(5))) + digits(7);
        switch (pick(7)) {
        case 0:
            return u"+31 %1 %2"_s.arg(area.mid(1), local);
        case 1:
            return u"%1-%2"_s.arg(area, local);
        case 2:
            return u"06-%1"_s.arg(mobile);
        case 3:
            return u"0031 6 %1"_s.arg(mobile);
        case 4:
            return u"(%1) %2 %3"_s.arg(area, local.left(3), local.mid(3));
        case 5:
            return u"+316%1"_s.arg(mobile);
        default:
            return u"06 %1 %2 %3 %4"_s.arg(mobile.mid(0, 2), mobile.mid(2, 2), mobile.mid(4, 2),
                                           mobile.mid(6, 2));
        }
    }
    QString money(int minCents, int maxCents) {
        const int c = minCents + pick(maxCents - minCents);
        return u"%1.%2"_s.arg(c / 100).arg(c % 100, 2, 10, QChar(u'0'));
    }
    QPair<qint64, qint64> times() {
        const qint64 created = nowMs - qint64(pick(365 * 24 * 60)) * 60'000 - 86'400'000;
        const qint64 modified = created + qint64(pick(int((nowMs - created) / 60'000))) * 60'000;
        return {created, modified};
    }
    QString slug(const QString& text) {
        QString s = text.toLower();
        s.remove(u' ').remove(u'.').remove(u'&');
        return s;
    }
};

struct Company {
    QString name, city, area, street, postcode, email, phone;
};

Company company(Gen& g) {
    Company c;
    const QStringList city = g.from(kCities).split(u'|');
    c.name = g.from(kTrades) + u' ' + g.from(kSurnames) + g.from(kSuffixes);
    c.city = city[0];
    c.area = city[1];
    c.street = u"%1 %2"_s.arg(g.from(kStreets)).arg(1 + g.pick(180));
    c.postcode = u"%1%2 %3%4"_s.arg(city[2])
                     .arg(10 + g.pick(89))
                     .arg(QChar(u'A' + g.pick(26)))
                     .arg(QChar(u'A' + g.pick(26)));
    c.email = u"info@%1.nl"_s.arg(g.slug(c.name.section(u' ', 0, 1)));
    c.phone = g.phone(c.area);
    return c;
}

Record record(const QString& id, QJsonObject data, QPair<qint64, qint64> t) {
    return Record{id, std::move(data), t.first, t.second, 0};
}

QString padded(qint64 id) {
    return QString::number(id).rightJustified(19, u'0');
}

/// What the Shopify data must agree with so that the demo flow (order → invoice) finds its
/// Exact account (by e-mail) and items (by code): the same shop and bookkeeping.
struct ExactKeys {
    QStringList accountEmails; ///< in generation order
    QStringList itemCodes;
};

ExactKeys generateExact(SandboxState& s, Gen& g, int n) {
    auto& vendor = s.data[Vendor::Exact];
    ExactKeys keys;
    QStringList accounts;
    QHash<QString, int> emailsSeen;
    for (int i = 0; i < n; ++i) {
        Company c = company(g);
        // Same trade and surname, different firm: a numbered domain keeps e-mails unique,
        // so the e-mail identifies the account (the demo flow looks accounts up by it).
        if (const int seen = emailsSeen[c.email]++; seen > 0)
            c.email = c.email.section(u'.', 0, -2) + QString::number(seen + 1) + u".nl"_s;
        const QString id = g.guid();
        accounts << id;
        keys.accountEmails << c.email;
        vendor[u"Accounts"_s].byId.emplace(
            id, record(id,
                       {{u"ID"_s, id},
                        {u"Code"_s, QString::number(1000 + i).rightJustified(18, u' ')},
                        {u"Name"_s, c.name.left(50)},
                        {u"Email"_s, c.email},
                        {u"Phone"_s, c.phone},
                        {u"AddressLine1"_s, c.street},
                        {u"Postcode"_s, c.postcode},
                        {u"City"_s, c.city},
                        {u"Country"_s, u"NL"_s},
                        {u"Status"_s, g.pick(4) == 0 ? u"P"_s : u"C"_s},
                        {u"Division"_s, 123456}},
                       g.times()));
        const QString first = g.from(kFirstNames), last = g.from(kSurnames);
        const QString cid = g.guid();
        vendor[u"Contacts"_s].byId.emplace(
            cid, record(cid,
                        {{u"ID"_s, cid},
                         {u"Account"_s, id},
                         {u"FirstName"_s, first},
                         {u"LastName"_s, last},
                         {u"Email"_s,
                          u"%1.%2@%3"_s.arg(g.slug(first), g.slug(last), c.email.section(u'@', 1))},
                         {u"BusinessPhone"_s, c.phone},
                         {u"BusinessMobile"_s, g.phone(c.area)},
                         {u"Division"_s, 123456}},
                        g.times()));
    }
    for (int i = 0; i < qMax(1, n / 5); ++i) {
        const QString id = g.guid();
        const QString name = g.from(kProducts) + u' ' + g.from(kSizes);
        keys.itemCodes << u"ART-%1"_s.arg(10000 + i);
        vendor[u"Items"_s].byId.emplace(
            id, record(id,
                       {{u"ID"_s, id},
                        {u"Code"_s, u"ART-%1"_s.arg(10000 + i)},
                        {u"Description"_s, name},
                        {u"CostPriceStandard"_s, g.money(100, 5000).toDouble()},
                        {u"StandardSalesPrice"_s, g.money(200, 9900).toDouble()},
                        {u"Unit"_s, u"stuk"_s},
                        {u"Division"_s, 123456}},
                       g.times()));
    }
    for (int i = 0; i < qMax(1, n / 2); ++i) {
        const QString id = g.guid();
        const auto t = g.times();
        const QString account = accounts.at(g.pick(int(accounts.size())));
        const double amount = g.money(1000, 250000).toDouble();
        vendor[u"SalesOrders"_s].byId.emplace(id, record(id,
                                                         {{u"OrderID"_s, id},
                                                          {u"OrderNumber"_s, 20000 + i},
                                                          {u"OrderedBy"_s, account},
                                                          {u"OrderDate"_s, exactDate(t.first)},
                                                          {u"AmountDC"_s, amount},
                                                          {u"Currency"_s, u"EUR"_s},
                                                          {u"Division"_s, 123456}},
                                                         t));
        const QString inv = g.guid();
        vendor[u"SalesInvoices"_s].byId.emplace(inv,
                                                record(inv,
                                                       {{u"InvoiceID"_s, inv},
                                                        {u"InvoiceNumber"_s, 26000000 + i},
                                                        {u"OrderedBy"_s, account},
                                                        {u"InvoiceDate"_s, exactDate(t.second)},
                                                        {u"AmountDC"_s, amount},
                                                        {u"Currency"_s, u"EUR"_s},
                                                        {u"Division"_s, 123456}},
                                                       t));
    }
    return keys;
}

void generatePipedrive(SandboxState& s, Gen& g, int n) {
    auto& vendor = s.data[Vendor::Pipedrive];
    const int orgs = qMax(1, n / 2);
    for (int i = 1; i <= orgs; ++i) {
        const Company c = company(g);
        vendor[u"organizations"_s].byId.emplace(
            padded(i),
            record(padded(i),
                   {{u"id"_s, i},
                    {u"name"_s, c.name},
                    {u"owner_id"_s, 1},
                    {u"is_deleted"_s, false},
                    {u"visible_to"_s, 3},
                    {u"address"_s,
                     QJsonObject{{u"value"_s, u"%1, %2 %3"_s.arg(c.street, c.postcode, c.city)},
                                 {u"locality"_s, c.city},
                                 {u"country"_s, u"Nederland"_s}}}},
                   g.times()));
    }
    for (int i = 1; i <= n; ++i) {
        const QString first = g.from(kFirstNames), last = g.from(kSurnames);
        const QStringList city = g.from(kCities).split(u'|');
        const int org = 1 + g.pick(orgs);
        QJsonArray phones{QJsonObject{
            {u"label"_s, u"work"_s}, {u"value"_s, g.phone(city[1])}, {u"primary"_s, true}}};
        if (g.pick(2) == 0)
            phones.append(QJsonObject{
                {u"label"_s, u"mobile"_s}, {u"value"_s, g.phone(city[1])}, {u"primary"_s, false}});
        vendor[u"persons"_s].byId.emplace(
            padded(i),
            record(padded(i),
                   {{u"id"_s, i},
                    {u"name"_s, QString(first + u' ' + last)},
                    {u"first_name"_s, first},
                    {u"last_name"_s, last},
                    {u"owner_id"_s, 1},
                    {u"org_id"_s, org},
                    {u"emails"_s,
                     QJsonArray{QJsonObject{
                         {u"label"_s, u"work"_s},
                         {u"value"_s, u"%1.%2@voorbeeld.nl"_s.arg(g.slug(first), g.slug(last))},
                         {u"primary"_s, true}}}},
                    {u"phones"_s, phones},
                    {u"is_deleted"_s, false},
                    {u"visible_to"_s, 3},
                    {u"custom_fields"_s, QJsonObject()}},
                   g.times()));
    }
    for (int i = 1; i <= qMax(1, n / 2); ++i) {
        vendor[u"deals"_s].byId.emplace(
            padded(i), record(padded(i),
                              {{u"id"_s, i},
                               {u"title"_s, u"%1 %2"_s.arg(g.from(kProducts)).arg(2026)},
                               {u"value"_s, double(500 + g.pick(50000))},
                               {u"currency"_s, u"EUR"_s},
                               {u"person_id"_s, 1 + g.pick(n)},
                               {u"org_id"_s, 1 + g.pick(orgs)},
                               {u"status"_s, u"open"_s},
                               {u"stage_id"_s, 1 + g.pick(5)},
                               {u"is_deleted"_s, false}},
                              g.times()));
    }
}

void generateShopify(SandboxState& s, Gen& g, int n, const ExactKeys& exact) {
    auto& vendor = s.data[Vendor::Shopify];
    QList<QJsonObject> customers;
    QSet<QString> emails;
    for (int i = 0; i < n; ++i) {
        const qint64 id = 7'000'000'000'000LL + i * 1000 + g.pick(1000);
        const QString first = g.from(kFirstNames), last = g.from(kSurnames);
        const Company c = company(g);
        const QJsonObject address{{u"address1"_s, c.street},
                                  {u"zip"_s, c.postcode},
                                  {u"city"_s, c.city},
                                  {u"country_code"_s, u"NL"_s},
                                  {u"phone"_s, c.phone}};
        // Most webshop customers are the bookkeeping's accounts (same e-mail); every 25th one
        // (and any whose account shares an e-mail with an earlier one) is not, so a few
        // orders cannot find their Exact account: realistic dead letters in the demo.
        QString email = u"%1.%2%3@voorbeeld.nl"_s.arg(g.slug(first), g.slug(last)).arg(i);
        if (i < exact.accountEmails.size() && i % 25 != 12 &&
            !emails.contains(exact.accountEmails.at(i)))
            email = exact.accountEmails.at(i);
        emails.insert(email);
        QJsonObject o{{u"id"_s, id},
                      {u"email"_s, email},
                      {u"first_name"_s, first},
                      {u"last_name"_s, last},
                      {u"phone"_s, u"+316%1"_s.arg(g.digits(8))},
                      {u"state"_s, u"enabled"_s},
                      {u"currency"_s, u"EUR"_s},
                      {u"total_spent"_s, g.money(0, 200000)},
                      {u"tags"_s, QString()},
                      {u"default_address"_s, address},
                      {u"addresses"_s, QJsonArray{address}},
                      {u"admin_graphql_api_id"_s, u"gid://shopify/Customer/%1"_s.arg(id)}};
        customers << o;
        vendor[u"customers"_s].byId.emplace(padded(id), record(padded(id), o, g.times()));
    }
    QList<QJsonObject> variants;
    int sku = 0; // variants carry the Exact item codes as SKUs, in turn
    for (int i = 0; i < qMax(1, n / 10); ++i) {
        const qint64 id = 8'000'000'000'000LL + i * 1000 + g.pick(1000);
        const QString title = g.from(kProducts);
        QJsonArray vs;
        for (int v = 0; v < 1 + g.pick(3); ++v) {
            QJsonObject variant{{u"id"_s, 4'000'000'000'000LL + i * 10 + v},
                                {u"product_id"_s, id},
                                {u"title"_s, g.from(kSizes)},
                                {u"price"_s, g.money(195, 9995)},
                                {u"sku"_s, exact.itemCodes.at(sku++ % exact.itemCodes.size())},
                                {u"inventory_quantity"_s, g.pick(200)}};
            vs.append(variant);
            variant.insert(u"product_title"_s, title);
            variants << variant;
        }
        vendor[u"products"_s].byId.emplace(padded(id),
                                           record(padded(id),
                                                  {{u"id"_s, id},
                                                   {u"title"_s, title},
                                                   {u"vendor"_s, u"Demo Winkel"_s},
                                                   {u"product_type"_s, u"Food & Gifts"_s},
                                                   {u"status"_s, u"active"_s},
                                                   {u"variants"_s, vs}},
                                                  g.times()));
    }
    for (int i = 0; i < n; ++i) {
        const qint64 id = 5'000'000'000'000LL + i * 1000 + g.pick(1000);
        const QJsonObject& customer = customers.at(g.pick(int(customers.size())));
        QJsonArray lines;
        int totalCents = 0;
        for (int l = 0; l < 1 + g.pick(4); ++l) {
            const QJsonObject& v = variants.at(g.pick(int(variants.size())));
            const int qty = 1 + g.pick(3);
            totalCents += qRound(v.value(u"price"_s).toString().toDouble() * 100) * qty;
            lines.append(QJsonObject{{u"id"_s, 3'000'000'000'000LL + i * 10 + l},
                                     {u"product_id"_s, v.value(u"product_id"_s)},
                                     {u"variant_id"_s, v.value(u"id"_s)},
                                     {u"title"_s, v.value(u"product_title"_s)},
                                     {u"sku"_s, v.value(u"sku"_s)},
                                     {u"quantity"_s, qty},
                                     {u"price"_s, v.value(u"price"_s)}});
        }
        const int taxCents = totalCents * 21 / 121; // prices include 21% VAT
        auto money = [](int c) { return u"%1.%2"_s.arg(c / 100).arg(c % 100, 2, 10, QChar(u'0')); };
        vendor[u"orders"_s].byId.emplace(
            padded(id),
            record(padded(id),
                   {{u"id"_s, id},
                    {u"name"_s, u"#%1"_s.arg(1001 + i)},
                    {u"order_number"_s, 1001 + i},
                    {u"email"_s, customer.value(u"email"_s)},
                    {u"currency"_s, u"EUR"_s},
                    {u"financial_status"_s, g.pick(5) == 0 ? u"pending"_s : u"paid"_s},
                    {u"total_price"_s, money(totalCents)},
                    {u"subtotal_price"_s, money(totalCents)},
                    {u"total_tax"_s, money(taxCents)},
                    {u"customer"_s, QJsonObject{{u"id"_s, customer.value(u"id"_s)},
                                                {u"email"_s, customer.value(u"email"_s)}}},
                    {u"line_items"_s, lines}},
                   g.times()));
    }
}

} // namespace

/// Writes the vendor-visible time fields of a record from its times.
void stampRecord(SandboxState& s, Vendor vendor, Record& r) {
    switch (vendor) {
    case Vendor::Exact:
        r.data.insert(u"Created"_s, exactDate(r.createdMs));
        r.data.insert(u"Modified"_s, exactDate(r.modifiedMs));
        r.data.insert(u"Timestamp"_s, r.timestamp);
        break;
    case Vendor::Pipedrive:
        r.data.insert(u"add_time"_s, rfc3339(r.createdMs));
        r.data.insert(u"update_time"_s, rfc3339(r.modifiedMs));
        break;
    case Vendor::Shopify:
        r.data.insert(u"created_at"_s, shopifyDate(r.createdMs));
        r.data.insert(u"updated_at"_s, shopifyDate(r.modifiedMs));
        break;
    }
    Q_UNUSED(s);
}

void generateData(SandboxState& s) {
    Gen g{QRandomGenerator64(s.options.seed), s.now()};
    const int n = qMax(1, s.options.recordsPerVendor);
    s.data.clear();
    const ExactKeys keys = generateExact(s, g, n);
    generatePipedrive(s, g, n);
    generateShopify(s, g, n, keys);
    // Exact row versions follow the modification order, like a SQL rowversion.
    QList<Record*> exact;
    for (auto& [name, collection] : s.data[Vendor::Exact])
        for (auto& [id, r] : collection.byId)
            exact << &r;
    std::stable_sort(exact.begin(), exact.end(), [](const Record* a, const Record* b) {
        return a->modifiedMs < b->modifiedMs;
    });
    for (Record* r : exact)
        r->timestamp = s.exactTimestamp++;
    for (Vendor v : allVendors())
        for (auto& [name, collection] : s.data[v])
            for (auto& [id, r] : collection.byId)
                stampRecord(s, v, r);
}

} // namespace bk::sandbox
