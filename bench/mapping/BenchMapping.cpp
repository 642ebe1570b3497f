// Prints records per second through normalise + map + validate for the shipped demo
// mappings (Shopify order → Exact invoice, Pipedrive person → Exact contact) on one thread.
// Usage: bench_mapping [records-per-flow]   (default 20000)

#include "ConnectorCatalog.h"
#include "mapping/LookupResolver.h"
#include "mapping/Mapper.h"

#include <cstdio>
#include <ctime>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

namespace {

/// The destination's lookup cache as the sync engine would hold it: a hash per key.
class CacheResolver : public LookupResolver {
public:
    void add(const QString& key, const QString& id) { m_ids.insert(key, id); }
    bk::Result<std::optional<QJsonValue>> resolve(const LookupRequest& r) override {
        const auto it = m_ids.constFind(r.resource + u'|' + r.key.toString());
        if (it == m_ids.cend())
            return std::optional<QJsonValue>();
        return std::optional<QJsonValue>(QJsonValue(*it));
    }

private:
    QHash<QString, QString> m_ids;
};

qint64 threadCpuNs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

QString guid(int n) {
    return u"a1b2c3d4-0000-4000-8000-%1"_s.arg(n, 12, 10, QChar(u'0'));
}

QJsonObject shopifyOrder(int i) {
    QJsonArray lines;
    for (int l = 0; l < 3; ++l) {
        lines.append(
            QJsonObject{{u"id"_s, i * 10 + l},
                        {u"sku"_s, u"SKU-%1"_s.arg(l)},
                        {u"title"_s, u"Artikel  nummer %1"_s.arg(l)},
                        {u"quantity"_s, 1 + (i + l) % 4},
                        {u"price"_s, u"%1.%2"_s.arg(5 + i % 90).arg(i % 100, 2, 10, QChar(u'0'))}});
    }
    return QJsonObject{
        {u"id"_s, 5678901234567LL + i},
        {u"name"_s, u"#%1"_s.arg(1000 + i)},
        {u"created_at"_s, u"2025-04-%1T%2:30:00-05:00"_s.arg(1 + i % 28, 2, 10, QChar(u'0'))
                              .arg(i % 24, 2, 10, QChar(u'0'))},
        {u"currency"_s, u"EUR"_s},
        {u"note"_s, i % 3 ? QJsonValue(u"Graag  bezorgen na 17:00"_s) : QJsonValue()},
        {u"payment_gateway_names"_s, QJsonArray{i % 2 ? u"ideal"_s : u"manual"_s}},
        {u"customer"_s, QJsonObject{{u"email"_s, u"Klant%1@Example.NL"_s.arg(i % 500)},
                                    {u"phone"_s, u"06-%1"_s.arg(10000000 + i)}}},
        {u"line_items"_s, lines},
    };
}

QJsonObject pipedrivePerson(int i) {
    return QJsonObject{
        {u"id"_s, i},
        {u"first_name"_s, u"Jan"_s},
        {u"last_name"_s, u"de  Vries %1"_s.arg(i)},
        {u"emails"_s, QJsonArray{QJsonObject{{u"value"_s, u" Jan.%1@Example.NL "_s.arg(i)},
                                             {u"primary"_s, true},
                                             {u"label"_s, u"work"_s}}}},
        {u"phones"_s,
         QJsonArray{
             QJsonObject{{u"value"_s, u"020-%1 ext. 12"_s.arg(1000000 + i % 8000000)},
                         {u"label"_s, u"work"_s}},
             QJsonObject{{u"value"_s, u"(06) %1"_s.arg(10000000 + i)}, {u"label"_s, u"mobile"_s}}}},
        {u"job_title"_s, u"Inkoper"_s},
    };
}

int run(const char* label, const Mapper& mapper, const QList<QJsonObject>& records,
        LookupResolver* resolver) {
    MapContext ctx;
    ctx.resolver = resolver;
    // Warm-up: libphonenumber metadata, regex JIT, ICU tables.
    for (int i = 0; i < 200 && i < records.size(); ++i)
        (void)mapper.map(records.at(i), ctx);
    int invalid = 0;
    QElapsedTimer timer;
    timer.start();
    const qint64 cpuStart = threadCpuNs();
    for (const QJsonObject& r : records) {
        auto m = mapper.map(r, ctx);
        if (!m || !m->ok())
            ++invalid;
    }
    const qint64 ns = timer.nsecsElapsed();
    const qint64 cpuNs = threadCpuNs() - cpuStart;
    // On a shared machine wall time includes waiting for a core; CPU time of this thread is the
    // figure for "one core".
    std::printf("%-40s %7lld records: %8.0f records/s per core (CPU %.1f µs/record), "
                "wall %.0f records/s, %d invalid\n",
                label, qlonglong(records.size()), double(records.size()) * 1e9 / double(cpuNs),
                double(cpuNs) / 1e3 / double(records.size()),
                double(records.size()) * 1e9 / double(ns), invalid);
    return invalid;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const int n = argc > 1 ? std::atoi(argv[1]) : 20000;
    auto catalog = bk::ConnectorCatalog::load();
    if (!catalog) {
        std::fprintf(stderr, "%s\n", qPrintable(catalog.error().message));
        return 1;
    }
    auto shopify = Mapper::load(u":/mappings/shopify-order-to-exact-invoice.json"_s, *catalog);
    auto pipedrive = Mapper::load(u":/mappings/pipedrive-person-to-exact-contact.json"_s, *catalog);
    if (!shopify || !pipedrive) {
        std::fprintf(stderr, "%s\n",
                     qPrintable(!shopify ? shopify.error().message : pipedrive.error().message));
        return 1;
    }
    CacheResolver exact;
    for (int i = 0; i < 500; ++i)
        exact.add(u"Accounts|Klant%1@example.nl"_s.arg(i), guid(i));
    for (int l = 0; l < 3; ++l)
        exact.add(u"Items|SKU-%1"_s.arg(l), guid(10000 + l));

    QList<QJsonObject> orders, persons;
    orders.reserve(n);
    persons.reserve(n);
    for (int i = 0; i < n; ++i) {
        orders.append(shopifyOrder(i));
        persons.append(pipedrivePerson(i));
    }
    std::printf("bench_mapping: normalise + map + validate, one thread, %d records per flow\n", n);
    int invalid = run("shopify order → exact invoice (3 lines)", *shopify, orders, &exact);
    invalid += run("pipedrive person → exact contact", *pipedrive, persons, nullptr);
    return invalid == 0 ? 0 : 2;
}
