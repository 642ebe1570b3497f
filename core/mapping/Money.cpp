#include "mapping/Money.h"

#include "mapping/Currency.h"

#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>
#include <QtNumeric>

using namespace Qt::StringLiterals;

namespace bk::mapping {

namespace {

struct SymbolEntry {
    char16_t symbol;
    const char16_t* code;
};

// Only symbols that name one currency; "$" and "kr" are deliberately not guessed.
constexpr SymbolEntry kSymbols[] = {
    {u'€', u"EUR"}, {u'£', u"GBP"},   {u'¥', u"JPY"}, {u'₩', u"KRW"}, {u'₹', u"INR"},
    {u'₺', u"TRY"}, {u'₽', u"RUB"}, {u'₪', u"ILS"}, {u'₫', u"VND"}, {u'₴', u"UAH"},
    {u'₦', u"NGN"}, {u'₱', u"PHP"},   {u'₲', u"PYG"}, {u'₡', u"CRC"}, {u'₭', u"LAK"},
};

bool isSpaceLike(QChar c) {
    return c.isSpace() || c == QChar(0x00A0) || c == QChar(0x202F) || c == QChar(0x2009);
}

Error fail(const QString& m) {
    return Error::invalid(m);
}

bool pow10(int exp, qint64* out) {
    qint64 v = 1;
    for (int i = 0; i < exp; ++i) {
        if (qMulOverflow(v, qint64(10), &v))
            return false;
    }
    *out = v;
    return true;
}

// Strips a currency code or symbol from either end; reports what it found. "$" names many
// currencies: it is accepted only when the caller declared which one (declared is then found).
Result<QString> stripCurrency(QString& s, const QString& declared) {
    QString found;
    auto take = [&](const QString& code) -> Status {
        if (!found.isEmpty() && found != code)
            return fail(u"two different currencies in \"%1\""_s.arg(s));
        found = code;
        return {};
    };
    for (int pass = 0; pass < 2; ++pass) {
        s = s.trimmed();
        if (s.isEmpty())
            break;
        // ISO code at the start or end: three ASCII letters separated by space or adjacent.
        for (bool atStart : {true, false}) {
            if (s.size() < 3)
                continue;
            const QString cand = atStart ? s.left(3) : s.right(3);
            bool letters = true;
            for (QChar c : cand)
                letters = letters && c.isLetter() && c.unicode() < 128;
            const QChar next = atStart ? (s.size() > 3 ? s.at(3) : QChar(u' '))
                                       : (s.size() > 3 ? s.at(s.size() - 4) : QChar(u' '));
            if (letters && !next.isLetter()) {
                const QString code = cand.toUpper();
                if (!currency::isKnown(code))
                    return fail(u"unknown currency \"%1\""_s.arg(cand));
                if (auto st = take(code); !st)
                    return st.error();
                s = atStart ? s.mid(3) : s.left(s.size() - 3);
                s = s.trimmed();
            }
        }
        for (bool atStart : {true, false}) {
            if (s.isEmpty())
                break;
            const QChar c = atStart ? s.front() : s.back();
            if (c == u'$') {
                // Currencies written with "$" (dollars and pesos).
                static const QStringList dollarLike{
                    u"USD"_s, u"CAD"_s, u"AUD"_s, u"NZD"_s, u"SGD"_s, u"HKD"_s, u"TWD"_s, u"MXN"_s,
                    u"ARS"_s, u"CLP"_s, u"COP"_s, u"CUP"_s, u"DOP"_s, u"UYU"_s, u"BSD"_s, u"BBD"_s,
                    u"BZD"_s, u"BMD"_s, u"BND"_s, u"KYD"_s, u"XCD"_s, u"FJD"_s, u"GYD"_s, u"JMD"_s,
                    u"LRD"_s, u"NAD"_s, u"SBD"_s, u"SRD"_s, u"TTD"_s};
                if (declared.isEmpty())
                    return fail(u"\"$\" does not name one currency; declare the currency"_s);
                if (!dollarLike.contains(declared))
                    return fail(u"\"$\" is not written for %1"_s.arg(declared));
                if (auto st = take(declared); !st)
                    return st.error();
                s = atStart ? s.mid(1) : s.chopped(1);
                continue;
            }
            for (const auto& e : kSymbols) {
                if (c.unicode() == e.symbol) {
                    if (auto st = take(QString::fromUtf16(e.code)); !st)
                        return st.error();
                    s = atStart ? s.mid(1) : s.chopped(1);
                    break;
                }
            }
        }
    }
    return found;
}

} // namespace

QJsonValue Money::toJson() const {
    return QJsonObject{{u"minor"_s, minor}, {u"currency"_s, currency}};
}

Result<Money> Money::fromJson(const QJsonValue& v) {
    const QJsonObject o = v.toObject();
    const QJsonValue minorValue = o.value(u"minor"_s);
    const QString code = o.value(u"currency"_s).toString();
    if (!v.isObject() || !minorValue.isDouble() || !currency::isKnown(code))
        return fail(
            u"not a canonical amount (expected {\"minor\": integer, \"currency\": code})"_s);
    const double d = minorValue.toDouble();
    const qint64 i = minorValue.toInteger();
    if (double(i) != d)
        return fail(u"minor units must be an integer"_s);
    return Money{i, code};
}

Result<Money> parseMoneyText(QStringView text, const MoneyParseOptions& options) {
    QString s = text.toString().trimmed();
    if (s.isEmpty())
        return fail(u"empty amount"_s);
    const QString original = s;

    bool negative = false;
    if (s.startsWith(u'(') && s.endsWith(u')')) { // accounting negative: (12.50)
        negative = true;
        s = s.mid(1, s.size() - 2);
    }
    auto found = stripCurrency(s, options.currency);
    if (!found)
        return found.error();
    if (!s.isEmpty() && (s.front() == u'-' || s.front() == QChar(0x2212) || s.front() == u'+')) {
        if (negative && s.front() != u'+')
            return fail(u"two minus signs in \"%1\""_s.arg(original));
        negative = negative || s.front() != u'+';
        s = s.mid(1);
        if (auto again = stripCurrency(s, options.currency); !again)
            return again.error();
        else if (!again->isEmpty()) {
            if (!found->isEmpty() && *found != *again)
                return fail(u"two different currencies in \"%1\""_s.arg(original));
            *found = *again;
        }
    }
    s = s.trimmed();

    QString code = options.currency;
    if (!found->isEmpty()) {
        if (!code.isEmpty() && code != *found)
            return fail(u"amount \"%1\" is in %2, expected %3"_s.arg(original, *found, code));
        code = *found;
    }
    if (code.isEmpty())
        return fail(u"no currency declared and none in \"%1\""_s.arg(original));
    const int exp = currency::exponent(code);
    if (exp < 0)
        return fail(u"unknown currency \"%1\""_s.arg(code));

    // Digits and separators only; every digit from one script.
    int zero = -1;
    QString digits; // ASCII digits and the separators '.', ',', '\'', ' '
    for (QChar c : s) {
        if (c.isDigit()) {
            const int dv = c.digitValue();
            const int z = int(c.unicode()) - dv;
            if (zero >= 0 && z != zero)
                return fail(u"mixed digit scripts in \"%1\""_s.arg(original));
            zero = z;
            digits.append(QChar(u'0' + dv));
        } else if (c == u'.' || c == u',' || c == u'\'') {
            digits.append(c);
        } else if (isSpaceLike(c)) {
            digits.append(u' ');
        } else {
            return fail(u"unexpected character '%1' in amount \"%2\""_s.arg(c).arg(original));
        }
    }
    if (zero < 0)
        return fail(u"no digits in amount \"%1\""_s.arg(original));

    // Decide the decimal mark.
    const int lastDot = digits.lastIndexOf(u'.');
    const int lastComma = digits.lastIndexOf(u',');
    QChar mark;
    switch (options.mark) {
    case DecimalMark::Point:
        mark = u'.';
        break;
    case DecimalMark::Comma:
        mark = u',';
        break;
    case DecimalMark::Auto:
        if (lastDot >= 0 && lastComma >= 0) {
            mark = lastDot > lastComma ? u'.' : u',';
        } else if (lastDot >= 0 || lastComma >= 0) {
            const QChar sep = lastDot >= 0 ? u'.' : u',';
            if (digits.count(sep) > 1) {
                mark = QChar(); // only grouping
            } else {
                const int at = digits.indexOf(sep);
                QString before = digits.left(at);
                before.remove(u' ').remove(u'\'');
                const int after = int(digits.size()) - at - 1;
                const bool couldGroup =
                    after == 3 && !before.isEmpty() && before.size() <= 3 && before.front() != u'0';
                if (couldGroup)
                    return fail(u"\"%1\" is ambiguous: declare the decimal mark"_s.arg(original));
                mark = sep;
            }
        }
        break;
    }

    QString intPart = digits;
    QString fracPart;
    if (!mark.isNull()) {
        const int at = digits.lastIndexOf(mark);
        if (at >= 0) {
            if (digits.count(mark) > 1)
                return fail(u"more than one decimal mark in \"%1\""_s.arg(original));
            intPart = digits.left(at);
            fracPart = digits.mid(at + 1);
        }
    }
    // Grouping: separators in the integer part must split it into groups of three.
    static const QRegularExpression separators(u"[.,' ]"_s);
    const QList<QString> groups = intPart.split(separators, Qt::KeepEmptyParts);
    if (groups.size() > 1) {
        if (groups.front().isEmpty() || groups.front().size() > 3)
            return fail(u"bad digit grouping in \"%1\""_s.arg(original));
        for (qsizetype i = 1; i < groups.size(); ++i) {
            if (groups.at(i).size() != 3)
                return fail(u"bad digit grouping in \"%1\""_s.arg(original));
        }
        for (QChar c : intPart) {
            if (c == mark)
                return fail(u"bad digit grouping in \"%1\""_s.arg(original));
        }
    }
    intPart = groups.join(QString());
    for (QChar c : fracPart) {
        if (!c.isDigit())
            return fail(u"bad fraction in \"%1\""_s.arg(original));
    }
    if (intPart.isEmpty() && fracPart.isEmpty())
        return fail(u"no digits in amount \"%1\""_s.arg(original));

    while (fracPart.size() > exp && fracPart.endsWith(u'0'))
        fracPart.chop(1);
    if (fracPart.size() > exp) {
        return fail(u"\"%1\" has more decimals than %2 allows (%3)"_s.arg(original, code).arg(exp));
    }
    if (options.minorUnits && !fracPart.isEmpty())
        return fail(u"minor units must be a whole number, got \"%1\""_s.arg(original));
    fracPart = fracPart.leftJustified(options.minorUnits ? 0 : exp, u'0');

    qint64 value = 0;
    for (QChar c : QString(intPart + fracPart)) {
        if (qMulOverflow(value, qint64(10), &value) ||
            qAddOverflow(value, qint64(c.unicode() - u'0'), &value))
            return fail(u"amount \"%1\" overflows 64-bit minor units"_s.arg(original));
    }
    return Money{negative ? -value : value, code};
}

Result<Money> parseMoney(const QJsonValue& value, const MoneyParseOptions& options) {
    if (value.isString())
        return parseMoneyText(value.toString(), options);
    if (value.isObject()) {
        auto m = Money::fromJson(value);
        if (m && !options.currency.isEmpty() && m->currency != options.currency)
            return fail(u"amount is in %1, expected %2"_s.arg(m->currency, options.currency));
        return m;
    }
    if (!value.isDouble())
        return fail(u"not an amount"_s);
    const double d = value.toDouble();
    if (!qIsFinite(d) || qAbs(d) >= 9007199254740992.0) // 2^53: beyond it a double is not exact
        return fail(u"numeric amount is too large to be exact"_s);
    // Shortest round-trip form: the decimal text the sender wrote (up to 15 digits).
    const QString text = QString::number(d, 'f', QLocale::FloatingPointShortest);
    MoneyParseOptions o = options;
    o.mark = DecimalMark::Point;
    return parseMoneyText(text, o);
}

QString formatDecimal(const Money& money) {
    const int exp = qMax(0, currency::exponent(money.currency));
    // Work on the magnitude as unsigned so INT64_MIN is representable.
    const quint64 mag = money.minor < 0 ? quint64(0) - quint64(money.minor) : quint64(money.minor);
    QString digits = QString::number(mag).rightJustified(exp + 1, u'0');
    if (exp > 0)
        digits.insert(digits.size() - exp, u'.');
    return money.minor < 0 ? u"-"_s + digits : digits;
}

Result<QJsonValue> toJsonNumber(const Money& money) {
    const quint64 mag = money.minor < 0 ? quint64(0) - quint64(money.minor) : quint64(money.minor);
    if (mag >= 1'000'000'000'000'000ULL) // more than 15 significant digits
        return fail(u"amount %1 %2 has too many digits for a JSON number"_s.arg(
            formatDecimal(money), money.currency));
    qint64 scale = 1;
    if (!pow10(qMax(0, currency::exponent(money.currency)), &scale))
        return fail(u"bad currency exponent"_s);
    if (scale == 1)
        return QJsonValue(money.minor);
    // The one conversion to double on the money path, at the wire boundary.
    return QJsonValue(formatDecimal(money).toDouble());
}

} // namespace bk::mapping
