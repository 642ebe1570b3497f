#include "ConnectorCatalog.h"
#include "FakeResolver.h"
#include "MapperFixtures.h"
#include "mapping/Mapper.h"
#include "mapping/Money.h"
#include "mapping/Phone.h"

#include <thread>
#include <vector>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk::mapping;

namespace {

const QString kAnna = u"a1b2c3d4-0000-4000-8000-000000000001"_s;
const QString kMug = u"a1b2c3d4-0000-4000-8000-0000000000aa"_s;
const QString kTee = u"a1b2c3d4-0000-4000-8000-0000000000bb"_s;

QJsonObject fixture(const char* name) {
    QFile f(QStringLiteral(BK_SOURCE_DIR "/tests/mapping/data/") + QString::fromLatin1(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("fixture %s missing", name);
    return QJsonDocument::fromJson(f.readAll()).object();
}

QJsonObject json(const QByteArray& text) {
    return QJsonDocument::fromJson(text).object();
}

QStringList describe(const QList<Violation>& list) {
    QStringList out;
    for (const Violation& v : list)
        out.append(v.field + u':' + v.rule);
    return out;
}

} // namespace

class TestMapper : public QObject {
    Q_OBJECT

private:
    Mapper mapper(const QString& file) {
        auto m = Mapper::load(u":/mappings/"_s + file, m_catalog);
        if (!m)
            qFatal("mapper: %s", qPrintable(m.error().message));
        return *m;
    }
    Mapper shopify() { return mapper(u"shopify-order-to-exact-invoice.json"_s); }
    Mapper pipedrive() { return mapper(u"pipedrive-person-to-exact-contact.json"_s); }

    bk::ConnectorCatalog m_catalog;
    FakeResolver m_exact;

private Q_SLOTS:
    void initTestCase() {
        auto c = bk::ConnectorCatalog::load();
        QVERIFY(c.ok());
        m_catalog = *c;
        m_exact.add(u"Accounts"_s, u"Email"_s, u"Anna.Bakker@example.nl"_s, kAnna);
        m_exact.add(u"Items"_s, u"Code"_s, u"MUG-01"_s, kMug);
        m_exact.add(u"Items"_s, u"Code"_s, u"TEE-M"_s, kTee);
    }

    void shopifyOrderBecomesExactInvoice() {
        auto r = shopify().map(fixture("shopify-order.json"), {&m_exact});
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QVERIFY2(r->ok(), qPrintable(describe(r->violations).join(u", ")));
        const QJsonObject expected = json(fixtures::expectedInvoice());
        QCOMPARE(r->payload, expected);
        // On the wire the amounts are exact decimals.
        const QByteArray wire = QJsonDocument(r->payload).toJson(QJsonDocument::Compact);
        QVERIFY2(wire.contains(fixtures::wireNetPrice()), wire.constData());
        QCOMPARE(r->matchKeys.size(), 2);
        QCOMPARE(r->matchKeys.at(0).toString(), u"email:anna.bakker@example.nl"_s);
        QCOMPARE(r->matchKeys.at(1).toString(), u"phone:+31612345678"_s);
    }

    void shopifyPriceRoundTrips() {
        // Shopify decimal string → minor units → Exact number → minor units again.
        auto r = shopify().map(fixture("shopify-order.json"), {&m_exact});
        QVERIFY(r.ok());
        const QJsonArray lines = r->payload.value(u"SalesInvoiceLines"_s).toArray();
        const QStringList original{u"12.50"_s, u"12.49"_s};
        for (qsizetype i = 0; i < lines.size(); ++i) {
            auto back = parseMoney(lines.at(i).toObject().value(u"NetPrice"_s),
                                   {u"EUR"_s, DecimalMark::Point, false});
            auto orig = parseMoneyText(original.at(i), {u"EUR"_s, DecimalMark::Point, false});
            QVERIFY(back.ok() && orig.ok());
            QCOMPARE(*back, *orig);
            QCOMPARE(formatDecimal(*back), original.at(i));
        }
    }

    void shopifyHostileOrder() {
        QJsonObject order = fixture("shopify-order.json");
        QJsonArray lines = order.value(u"line_items"_s).toArray();
        QJsonObject first = lines.at(0).toObject();
        first.insert(u"price"_s, u"12.345"_s); // more decimals than EUR has
        first.insert(u"quantity"_s, u"two"_s);
        lines.replace(0, first);
        QJsonObject second = lines.at(1).toObject();
        second.insert(u"sku"_s, u"UNKNOWN"_s);
        lines.replace(1, second);
        order.insert(u"line_items"_s, lines);
        order.insert(u"created_at"_s, u"2025-02-31T10:00:00Z"_s);
        QJsonObject customer = order.value(u"customer"_s).toObject();
        customer.insert(u"email"_s, u"nobody@example.nl"_s);
        order.insert(u"customer"_s, customer);
        order.insert(u"note"_s, QString(200, u'x'));

        auto r = shopify().map(order, {&m_exact});
        QVERIFY(r.ok());
        QCOMPARE(describe(r->violations), (QStringList{u"OrderedBy:lookup"_s, u"InvoiceDate:date"_s,
                                                       u"SalesInvoiceLines[0].Quantity:integer"_s,
                                                       u"SalesInvoiceLines[0].NetPrice:money"_s,
                                                       u"SalesInvoiceLines[1].Item:lookup"_s}));
        const Violation& price = r->violations.at(3);
        QCOMPARE(price.valueExcerpt, u"12.345"_s);
        QVERIFY2(price.message.contains(u"more decimals"_s), qPrintable(price.message));
        // The long note was cut to Exact's 60 characters by the chain, so no maxLength.
        QCOMPARE(r->payload.value(u"Description"_s).toString().size(), 60);
    }

    void shopifyEmptyAndUnknownCurrency() {
        QJsonObject order = fixture("shopify-order.json");
        order.insert(u"line_items"_s, QJsonArray());
        order.insert(u"currency"_s, u"XYZ"_s);
        order.remove(u"payment_gateway_names"_s);
        auto r = shopify().map(order, {&m_exact});
        QVERIFY(r.ok());
        QCOMPARE(describe(r->violations),
                 (QStringList{u"Currency:currency"_s, u"SalesInvoiceLines:required"_s}));
        QCOMPARE(r->payload.value(u"PaymentCondition"_s).toString(), u"30"_s);

        QJsonObject other = fixture("shopify-order.json");
        other.insert(u"currency"_s, u"ABC"_s);
        auto o = shopify().map(other, {&m_exact});
        QVERIFY(o.ok());
        QVERIFY(describe(o->violations).contains(u"SalesInvoiceLines[0].NetPrice:money"_s));
    }

    void resolverFailureIsNotInvalidData() {
        FakeResolver broken;
        broken.failWith = bk::Error{bk::ErrorCategory::Network, u"connection refused"_s};
        auto r = shopify().map(fixture("shopify-order.json"), {&broken});
        QVERIFY(!r.ok());
        QCOMPARE(r.error().category, bk::ErrorCategory::Network);
        QVERIFY(r.error().message.startsWith(u"OrderedBy: "_s));
        auto none = shopify().map(fixture("shopify-order.json"));
        QVERIFY(!none.ok());
        QCOMPARE(none.error().category, bk::ErrorCategory::Unsupported);
    }

    void pipedrivePersonBecomesExactContact() {
        auto r = pipedrive().map(fixture("pipedrive-person.json"));
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.error().message));
        QVERIFY2(r->ok(), qPrintable(describe(r->violations).join(u", ")));
        QCOMPARE(r->payload, json(fixtures::expectedContact()));
        QCOMPARE(r->matchKeys.size(), 3);
        QCOMPARE(r->matchKeys.at(0).toString(), u"email:jan.de.vries@example.nl"_s);
        QCOMPARE(r->matchKeys.at(0).field, u"Email"_s);
        QCOMPARE(r->matchKeys.at(2).toString(), u"phone:+31612345678"_s);
        QCOMPARE(pipedrive().matchFields(), (QStringList{u"Email"_s, u"Phone"_s, u"Mobile"_s}));
        QVERIFY(pipedrive().targetFields().contains(u"PhoneExtension"_s));
    }

    void pipedriveHostilePerson() {
        const QJsonObject person = json(fixtures::hostilePerson());
        auto r = pipedrive().map(person);
        QVERIFY(r.ok());
        QCOMPARE(describe(r->violations),
                 (QStringList{u"LastName:required"_s, u"Email:email"_s, u"Phone:phone"_s,
                              u"PhoneExtension:phone"_s, u"Mobile:phone"_s}));
        QVERIFY(r->violations.at(0).message.contains(u"Exact requires a last name"_s));
        QVERIFY2(r->violations.at(2).message.contains(u"too short"_s),
                 qPrintable(r->violations.at(2).message));
        QVERIFY(!r->payload.contains(u"FirstName"_s)); // blank → skipped
        QVERIFY(r->matchKeys.isEmpty());
    }

    void flowRegionOverridesDocument() {
        const QJsonObject person = json(fixtures::belgianPerson());
        auto nl = pipedrive().map(person);
        QVERIFY(nl.ok());
        QCOMPARE(describe(nl->violations), QStringList{u"Mobile:phone"_s});
        MapContext be;
        be.defaultRegion = u"BE"_s;
        auto r = pipedrive().map(person, be);
        QVERIFY(r.ok());
        QVERIFY(r->ok());
        QCOMPARE(r->payload.value(u"Mobile"_s).toString(), u"+32470123456"_s);
    }

    void schemaRunsAfterMapping() {
        // 51 characters survive mapping (squash only) and fail Exact's maxLength.
        const QJsonObject person = json(fixtures::longLastName());
        auto r = pipedrive().map(person);
        QVERIFY(r.ok());
        QCOMPARE(describe(r->violations), QStringList{u"LastName:maxLength"_s});
        MapContext noValidation;
        noValidation.validate = false;
        auto unchecked = pipedrive().map(person, noValidation);
        QVERIFY(unchecked.ok());
        QVERIFY(unchecked->ok());
    }

    void destinationFormats() {
        // A reverse flow: Exact account → Pipedrive person, to exercise denormalisers.
        auto doc = MappingDocument::fromJson(fixtures::reverseMapping(), u"reverse.json"_s);
        QVERIFY2(doc.ok(), doc.ok() ? "" : qPrintable(doc.error().message));
        auto catalog = m_catalog;
        auto m = Mapper::create(*doc, catalog);
        QVERIFY2(m.ok(), m.ok() ? "" : qPrintable(m.error().message));
        auto r = m->map(json(fixtures::exactAccount()));
        QVERIFY(r.ok());
        QVERIFY2(r->ok(), qPrintable(describe(r->violations).join(u", ")));
        QCOMPARE(r->payload, json(fixtures::expectedPipedrivePerson()));
        // The Pipedrive phone value reads back to the same canonical phone.
        auto back = phone::normalise(
            r->payload.value(u"phones"_s).toArray().at(0).toObject().value(u"value"_s).toString(),
            u"NL");
        QVERIFY(back.ok());
        QCOMPARE(back->toString(), u"+31201234567;ext=12"_s);
    }

    void oneMapperServesSeveralThreads() {
        const Mapper m = shopify();
        const QJsonObject order = fixture("shopify-order.json");
        auto reference = m.map(order, {&m_exact});
        QVERIFY(reference.ok());
        std::atomic<int> mismatches = 0;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 150; ++i) {
                    auto r = m.map(order, {&m_exact});
                    if (!r || r->payload != reference->payload || !r->ok())
                        ++mismatches;
                }
            });
        }
        for (auto& t : threads)
            t.join();
        QCOMPARE(mismatches.load(), 0);
    }

    void unknownDestinationIsALoadError() {
        auto doc = MappingDocument::fromJson(fixtures::unknownDestinationMapping(), u"x.json"_s);
        QVERIFY(doc.ok());
        auto m = Mapper::create(*doc, m_catalog);
        QVERIFY(!m.ok());
        QVERIFY2(m.error().message.contains(u"x.json: $.destination"_s),
                 qPrintable(m.error().message));
    }
};

QTEST_GUILESS_MAIN(TestMapper)
#include "TestMapper.moc"
