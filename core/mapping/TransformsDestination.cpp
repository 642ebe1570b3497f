// Denormalisers: the last steps of a chain, from canonical values to a destination's format.

#include "mapping/Address.h"
#include "mapping/DateTime.h"
#include "mapping/Money.h"
#include "mapping/TransformRegistry.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace bk::mapping::detail {

namespace {

using Fn = Transform::Fn;

template <typename F> Factory noArgs(F f) {
    return [f](const TransformArgs& a, const EnumTables&) -> Result<Fn> {
        if (auto st = a.check({}, 0); !st)
            return st.error();
        return Fn(f);
    };
}

/// A canonical date ("2026-03-04", midnight UTC) or instant ("…Z").
Result<QDateTime> canonicalInstant(const QJsonValue& v) {
    DateParseOptions o;
    o.timeZone = u"UTC"_s;
    return datetime::parseInstant(v, o);
}

Result<Money> money(const QJsonValue& v) {
    auto m = Money::fromJson(v);
    if (!m)
        return Error::invalid(u"expected an amount from the money transform"_s);
    return m;
}

} // namespace

void registerDestination(Registry& r) {
    r[u"exact-date"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            auto t = canonicalInstant(v);
            if (!t)
                return t.error();
            return QJsonValue(datetime::toMsJson(*t));
        });
    r[u"pipedrive-datetime"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            auto t = canonicalInstant(v);
            if (!t)
                return t.error();
            return QJsonValue(datetime::toPipedriveV1(*t));
        });
    r[u"exact-money"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            auto m = money(v);
            if (!m)
                return m.error();
            return toJsonNumber(*m);
        });
    r[u"decimal-string"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            auto m = money(v);
            if (!m)
                return m.error();
            return QJsonValue(formatDecimal(*m));
        });
    r[u"shopify-money"_s] = r[u"decimal-string"_s];
    r[u"minor-units"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            auto m = money(v);
            if (!m)
                return m.error();
            return QJsonValue(m->minor);
        });
    r[u"money-currency"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            auto m = money(v);
            if (!m)
                return m.error();
            return QJsonValue(m->currency);
        });
    r[u"e164"_s] = noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
        const QString s = v.toString();
        if (!s.startsWith(u'+'))
            return Error::invalid(u"expected a phone from the phone transform"_s);
        return QJsonValue(s.section(u';', 0, 0));
    });
    r[u"phone-extension"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            const QString s = v.toString();
            const qsizetype at = s.indexOf(u";ext="_s);
            return at < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(s.mid(at + 5));
        });
    r[u"pipedrive-phones"_s] = [](const TransformArgs& a, const EnumTables&) -> Result<Fn> {
        if (auto st = a.check({}, 1); !st)
            return st.error();
        const QString label = a.positional.value(0, u"work"_s);
        return Fn([label](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            const QString s = v.toString();
            if (!s.startsWith(u'+'))
                return Error::invalid(u"expected a phone from the phone transform"_s);
            // Pipedrive keeps extensions in the value as written; E.164 with " x12" is read back.
            QString value = s.section(u';', 0, 0);
            if (s.contains(u";ext="_s))
                value += u" x"_s + s.section(u"ext="_s, 1);
            return QJsonValue(QJsonArray{
                QJsonObject{{u"value"_s, value}, {u"label"_s, label}, {u"primary"_s, true}}});
        });
    };
    r[u"street-line"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            if (!v.isObject())
                return Error::invalid(u"expected an address from the address transform"_s);
            return QJsonValue(Address::fromJson(v.toObject()).streetLine());
        });
}

} // namespace bk::mapping::detail
