#include "mapping/Transform.h"

#include "mapping/Digits.h"
#include "mapping/TransformRegistry.h"

#include <QJsonObject>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace bk::mapping {

namespace detail {

Status TransformArgs::check(const QStringList& allowed, int maxPositional) const {
    if (positional.size() > maxPositional) {
        return Error::usage(maxPositional == 0
                                ? u"takes no arguments"_s
                                : u"takes at most %1 argument(s)"_s.arg(maxPositional));
    }
    for (auto it = named.cbegin(); it != named.cend(); ++it) {
        if (!allowed.contains(it.key()))
            return Error::usage(u"unknown argument \"%1\" (allowed: %2)"_s.arg(
                it.key(), allowed.isEmpty() ? u"none"_s : allowed.join(u", ")));
    }
    return {};
}

Result<QString> scalarText(const QJsonValue& v) {
    switch (v.type()) {
    case QJsonValue::String:
        return v.toString();
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (double(v.toInteger()) == d)
            return QString::number(v.toInteger());
        return QString::number(d, 'f', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    default:
        return Error::invalid(u"expected text, got %1"_s.arg(v.isArray()    ? u"an array"_s
                                                             : v.isObject() ? u"an object"_s
                                                                            : u"nothing"_s));
    }
}

namespace {

Result<Transform::Fn> textFn(std::function<QString(const QString&)> f) {
    return Transform::Fn([f](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
        auto t = scalarText(v);
        if (!t)
            return t.error();
        return QJsonValue(f(*t));
    });
}

} // namespace

void registerText(Registry& r) {
    auto simple = [&r](const QString& name, std::function<QString(const QString&)> f) {
        r[name] = [f](const TransformArgs& a, const EnumTables&) -> Result<Transform::Fn> {
            if (auto st = a.check({}, 0); !st)
                return st.error();
            return textFn(f);
        };
    };
    simple(u"trim"_s, [](const QString& s) { return s.trimmed(); });
    simple(u"squash"_s, [](const QString& s) { return s.simplified(); });
    simple(u"upper"_s, [](const QString& s) { return s.toUpper(); });
    simple(u"lower"_s, [](const QString& s) { return s.toLower(); });
    simple(u"string"_s, [](const QString& s) { return s; });

    r[u"truncate"_s] = [](const TransformArgs& a, const EnumTables&) -> Result<Transform::Fn> {
        bool ok = false;
        const int n = a.positional.value(0).toInt(&ok);
        if (a.positional.size() != 1 || !ok || n <= 0)
            return Error::usage(u"needs a positive length: truncate:60"_s);
        // Cuts at a code-point boundary so a surrogate pair is never split.
        return textFn([n](const QString& s) {
            const QList<uint> cps = s.toUcs4();
            if (cps.size() <= n)
                return s;
            return QString::fromUcs4(reinterpret_cast<const char32_t*>(cps.constData()), n);
        });
    };

    r[u"integer"_s] = [](const TransformArgs& a, const EnumTables&) -> Result<Transform::Fn> {
        if (auto st = a.check({}, 0); !st)
            return st.error();
        return Transform::Fn(
            [](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
                if (v.isDouble()) {
                    const double d = v.toDouble();
                    if (double(v.toInteger()) != d || qAbs(d) >= 9007199254740992.0)
                        return Error::invalid(u"%1 is not a whole number"_s.arg(d));
                    return QJsonValue(v.toInteger());
                }
                const auto ascii = asciiDigits(v.toString().trimmed());
                if (!v.isString() || !ascii)
                    return Error::invalid(u"not a whole number"_s);
                bool ok = false;
                const qint64 n = ascii->toLongLong(&ok);
                if (!ok)
                    return Error::invalid(u"\"%1\" is not a whole number"_s.arg(v.toString()));
                return QJsonValue(n);
            });
    };

    r[u"pick"_s] = [](const TransformArgs& a, const EnumTables&) -> Result<Transform::Fn> {
        if (a.positional.size() != 1 || !a.named.isEmpty())
            return Error::usage(u"needs a key: pick:postcode"_s);
        const QString key = a.positional.front();
        return Transform::Fn(
            [key](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
                if (!v.isObject())
                    return Error::invalid(u"pick:%1 needs an object"_s.arg(key));
                return v.toObject().value(key);
            });
    };

    r[u"enum"_s] = [](const TransformArgs& a, const EnumTables& enums) -> Result<Transform::Fn> {
        if (a.positional.size() != 1 || !a.named.isEmpty())
            return Error::usage(u"needs a table name: enum:status"_s);
        const QString table = a.positional.front();
        if (!enums.contains(table))
            return Error::usage(u"no enum table \"%1\" in the document's \"enums\""_s.arg(table));
        const QHash<QString, QJsonValue> entries = enums.value(table);
        return Transform::Fn(
            [entries, table](const QJsonValue& v, const TransformContext&) -> Result<QJsonValue> {
                auto t = scalarText(v);
                if (!t)
                    return t.error();
                const QString key = t->trimmed().toLower();
                if (auto it = entries.constFind(key); it != entries.cend())
                    return *it;
                if (auto it = entries.constFind(u"*"_s); it != entries.cend())
                    return *it;
                return Error::invalid(u"\"%1\" is not in enum table \"%2\""_s.arg(*t, table));
            });
    };
}

namespace {

const Registry& registry() {
    static const Registry r = [] {
        Registry out;
        registerText(out);
        registerCanonical(out);
        registerDestination(out);
        return out;
    }();
    return r;
}

TransformArgs parseArgs(const QString& raw) {
    TransformArgs a;
    a.raw = raw;
    if (raw.isEmpty())
        return a;
    for (const QString& part : raw.split(u',')) {
        const qsizetype eq = part.indexOf(u'=');
        if (eq > 0)
            a.named.insert(part.left(eq).trimmed(), part.mid(eq + 1).trimmed());
        else
            a.positional.append(part.trimmed());
    }
    return a;
}

} // namespace
} // namespace detail

Result<Transform> Transform::compile(const QString& spec, const EnumTables& enums) {
    const qsizetype colon = spec.indexOf(u':');
    const QString name = (colon < 0 ? spec : spec.left(colon)).trimmed();
    const QString raw = colon < 0 ? QString() : spec.mid(colon + 1);
    const auto& r = detail::registry();
    const auto it = r.find(name);
    if (it == r.end())
        return Error::usage(u"unknown transform \"%1\""_s.arg(name));
    auto fn = it->second(detail::parseArgs(raw), enums);
    if (!fn)
        return Error::usage(u"transform \"%1\": %2"_s.arg(spec, fn.error().message));
    return Transform(spec, name, std::move(*fn));
}

QStringList Transform::names() {
    QStringList out;
    for (const auto& [name, factory] : detail::registry())
        out.append(name);
    return out;
}

} // namespace bk::mapping
