// Transforms that bring source values into their canonical form.

#include "mapping/Address.h"
#include "mapping/Country.h"
#include "mapping/Currency.h"
#include "mapping/LookupResolver.h"
#include "mapping/Money.h"
#include "mapping/Phone.h"
#include "mapping/Scalars.h"
#include "mapping/SourcePath.h"
#include "mapping/TransformRegistry.h"

#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace bk::mapping::detail {

namespace {

using Fn = Transform::Fn;

Result<QString> textArg(const QJsonValue& v) {
    auto t = scalarText(v);
    if (!t)
        return t.error();
    return t->trimmed();
}

/// Date options from "order=DMY|MDY,format=dd-MM-yyyy,tz=Europe/Amsterdam,epoch=ms"; they
/// override the document's declarations for this step only.
struct DateOverrides {
    std::optional<QList<DateOrder>> orders;
    QStringList formats;
    std::optional<QString> zone;
    std::optional<DateParseOptions::Epoch> epoch;

    DateParseOptions merged(DateParseOptions base) const {
        if (orders)
            base.orders = *orders;
        if (!formats.isEmpty())
            base.formats = formats + base.formats;
        if (zone)
            base.timeZone = *zone;
        if (epoch)
            base.epoch = *epoch;
        return base;
    }
};

Result<DateOverrides> dateOverrides(const TransformArgs& a) {
    if (auto st = a.check({u"order"_s, u"format"_s, u"tz"_s, u"epoch"_s}, 0); !st)
        return st.error();
    DateOverrides o;
    if (a.named.contains(u"order"_s)) {
        QList<DateOrder> orders;
        for (const QString& s : a.named.value(u"order"_s).split(u'|')) {
            const auto order = dateOrderFromString(s);
            if (!order)
                return Error::usage(u"order must be DMY, MDY or YMD (or several joined by |)"_s);
            orders.append(*order);
        }
        o.orders = orders;
    }
    if (a.named.contains(u"format"_s))
        o.formats = {a.named.value(u"format"_s)};
    if (a.named.contains(u"tz"_s)) {
        const QString zone = a.named.value(u"tz"_s);
        if (zone != u"UTC" && !QTimeZone::isTimeZoneIdAvailable(zone.toUtf8()))
            return Error::usage(u"unknown time zone \"%1\""_s.arg(zone));
        o.zone = zone;
    }
    if (a.named.contains(u"epoch"_s)) {
        const QString e = a.named.value(u"epoch"_s);
        if (e != u"s" && e != u"ms")
            return Error::usage(u"epoch must be s or ms"_s);
        o.epoch =
            e == u"s" ? DateParseOptions::Epoch::Seconds : DateParseOptions::Epoch::Milliseconds;
    }
    return o;
}

Result<Fn> dateFactory(const TransformArgs& a, const EnumTables&) {
    auto o = dateOverrides(a);
    if (!o)
        return o.error();
    return Fn([o = *o](const QJsonValue& v, const TransformContext& c) -> Result<QJsonValue> {
        auto d = datetime::parseDate(v, o.merged(c.dates));
        if (!d)
            return d.error();
        return QJsonValue(datetime::toIsoDate(*d));
    });
}

Result<Fn> datetimeFactory(const TransformArgs& a, const EnumTables&) {
    auto o = dateOverrides(a);
    if (!o)
        return o.error();
    return Fn([o = *o](const QJsonValue& v, const TransformContext& c) -> Result<QJsonValue> {
        auto d = datetime::parseInstant(v, o.merged(c.dates));
        if (!d)
            return d.error();
        return QJsonValue(datetime::toIsoInstant(*d));
    });
}

Result<Fn> moneyFactory(const TransformArgs& a, const EnumTables&) {
    if (auto st = a.check({u"currency"_s, u"decimal"_s}, 1); !st)
        return st.error();
    MoneyParseOptions base;
    std::optional<SourcePath> currencyPath;
    const QString cur = a.named.value(u"currency"_s);
    if (currency::isKnown(cur)) {
        base.currency = cur;
    } else if (!cur.isEmpty()) {
        auto p = SourcePath::parse(cur);
        if (!p)
            return p.error();
        currencyPath = *p;
    }
    const QString mark = a.named.value(u"decimal"_s, u"auto"_s);
    if (mark == u"point")
        base.mark = DecimalMark::Point;
    else if (mark == u"comma")
        base.mark = DecimalMark::Comma;
    else if (mark != u"auto")
        return Error::usage(u"decimal must be point, comma or auto"_s);
    if (!a.positional.isEmpty()) {
        if (a.positional.front() != u"minor")
            return Error::usage(u"the only flag is \"minor\""_s);
        base.minorUnits = true;
    }
    return Fn(
        [base, currencyPath](const QJsonValue& v, const TransformContext& c) -> Result<QJsonValue> {
            MoneyParseOptions o = base;
            if (currencyPath) {
                const QJsonValue code = currencyPath->resolve(c.current, c.root);
                o.currency = code.toString().trimmed().toUpper();
                if (!currency::isKnown(o.currency))
                    return Error::invalid(u"currency at %1 is \"%2\", not an ISO 4217 code"_s.arg(
                        currencyPath->text(), code.toString()));
            }
            auto m = parseMoney(v, o);
            if (!m)
                return m.error();
            return m->toJson();
        });
}

Result<Fn> phoneFactory(const TransformArgs& a, const EnumTables&) {
    if (auto st = a.check({}, 1); !st)
        return st.error();
    const QString region = a.positional.value(0);
    if (!region.isEmpty() && !phone::isSupportedRegion(region))
        return Error::usage(u"unknown phone region \"%1\""_s.arg(region));
    return Fn([region](const QJsonValue& v, const TransformContext& c) -> Result<QJsonValue> {
        auto t = textArg(v);
        if (!t)
            return t.error();
        auto p = phone::normalise(*t, region.isEmpty() ? c.defaultRegion : region);
        if (!p)
            return p.error();
        return QJsonValue(p->toString());
    });
}

template <typename F> Factory noArgs(F f) {
    return [f](const TransformArgs& a, const EnumTables&) -> Result<Fn> {
        if (auto st = a.check({}, 0); !st)
            return st.error();
        return Fn(f);
    };
}

Result<Fn> addressFactory(const TransformArgs& a, const EnumTables&) {
    if (auto st = a.check({}, 1); !st)
        return st.error();
    const QString fixed = a.positional.value(0);
    if (!fixed.isEmpty() && !country::isAlpha2(fixed))
        return Error::usage(u"\"%1\" is not an ISO 3166-1 alpha-2 code"_s.arg(fixed));
    return Fn([fixed](const QJsonValue& v, const TransformContext& c) -> Result<QJsonValue> {
        const QString region = fixed.isEmpty() ? c.defaultRegion : fixed;
        auto addr = v.isObject() ? address::fromObject(v.toObject(), region)
                                 : address::parseLine(v.toString(), region);
        if (!addr)
            return addr.error();
        return QJsonValue(addr->toJson());
    });
}

Result<Fn> companyNumberFactory(const TransformArgs& a, const EnumTables&) {
    if (auto st = a.check({}, 1); !st)
        return st.error();
    const QString fixed = a.positional.value(0);
    return Fn([fixed](const QJsonValue& v, const TransformContext& c) -> Result<QJsonValue> {
        auto t = textArg(v);
        if (!t)
            return t.error();
        auto n = company::normaliseNumber(*t, fixed.isEmpty() ? c.defaultRegion : fixed);
        if (!n)
            return n.error();
        return QJsonValue(*n);
    });
}

Result<Fn> lookupFactory(const TransformArgs& a, const EnumTables&) {
    static const QRegularExpression re(uR"(^(\w+)\.(\w+)->(\w+)$)"_s);
    const auto m = re.match(a.raw.trimmed());
    if (!m.hasMatch())
        return Error::usage(u"expected lookup:Resource.KeyField->ResultField"_s);
    LookupRequest base{m.captured(1), m.captured(2), {}, m.captured(3)};
    return Fn([base](const QJsonValue& v, const TransformContext& c) -> Result<QJsonValue> {
        if (!c.resolver)
            return Error{ErrorCategory::Unsupported,
                         u"no lookup resolver for %1.%2"_s.arg(base.resource, base.keyField)};
        LookupRequest req = base;
        req.key = v;
        auto r = c.resolver->resolve(req);
        if (!r)
            return r.error();
        if (!r->has_value())
            return Error::invalid(u"no %1 with %2 = \"%3\""_s.arg(base.resource, base.keyField,
                                                                  v.toVariant().toString()));
        return **r;
    });
}

} // namespace

void registerCanonical(Registry& r) {
    r[u"date"_s] = dateFactory;
    r[u"datetime"_s] = datetimeFactory;
    r[u"money"_s] = moneyFactory;
    r[u"phone"_s] = phoneFactory;
    r[u"address"_s] = addressFactory;
    r[u"company-number"_s] = companyNumberFactory;
    r[u"lookup"_s] = lookupFactory;
    r[u"email"_s] = noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
        auto t = textArg(v);
        if (!t)
            return t.error();
        auto e = email::normalise(*t);
        if (!e)
            return e.error();
        return QJsonValue(*e);
    });
    r[u"country"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            auto t = textArg(v);
            if (!t)
                return t.error();
            auto c = country::toAlpha2(*t);
            if (!c)
                return c.error();
            return QJsonValue(*c);
        });
    r[u"currency"_s] =
        noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
            auto t = textArg(v);
            if (!t)
                return t.error();
            const QString code = t->toUpper();
            if (!currency::isKnown(code))
                return Error::invalid(u"\"%1\" is not an ISO 4217 currency"_s.arg(*t));
            return QJsonValue(code);
        });
    r[u"bool"_s] = noArgs([](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
        auto b = boolean::parse(v);
        if (!b)
            return b.error();
        return QJsonValue(*b);
    });
}

} // namespace bk::mapping::detail
