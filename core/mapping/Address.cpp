#include "mapping/Address.h"

#include "mapping/Country.h"
#include "mapping/Digits.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk::mapping {

QString Address::streetLine() const {
    QString line = street;
    if (!houseNumber.isEmpty())
        line += u' ' + houseNumber;
    if (!houseNumberSuffix.isEmpty()) {
        const bool numeric = houseNumberSuffix.front().isDigit();
        line += (numeric ? u"-"_s : QString()) + houseNumberSuffix;
    }
    return line;
}

QJsonObject Address::toJson() const {
    QJsonObject o;
    auto put = [&](const QString& key, const QString& v) {
        if (!v.isEmpty())
            o.insert(key, v);
    };
    put(u"street"_s, street);
    put(u"houseNumber"_s, houseNumber);
    put(u"houseNumberSuffix"_s, houseNumberSuffix);
    put(u"postcode"_s, postcode);
    put(u"city"_s, city);
    put(u"country"_s, country);
    return o;
}

Address Address::fromJson(const QJsonObject& o) {
    Address a;
    a.street = o.value(u"street"_s).toString();
    a.houseNumber = o.value(u"houseNumber"_s).toString();
    a.houseNumberSuffix = o.value(u"houseNumberSuffix"_s).toString();
    a.postcode = o.value(u"postcode"_s).toString();
    a.city = o.value(u"city"_s).toString();
    a.country = o.value(u"country"_s).toString();
    return a;
}

namespace address {

namespace {

Error fail(const QString& m) {
    return Error::invalid(m);
}

QString squash(QStringView s) {
    return s.toString().simplified();
}

struct StreetParts {
    QString street, number, suffix;
};

QString normaliseSuffix(QString s) {
    s = s.trimmed();
    if (s.size() == 1 && s.front().isLetter())
        return s.toUpper();
    return s;
}

/// "Keizersgracht 123-2", "Hoofdstraat 12a", "Straat van 1813 12", "10 Rue de Rivoli".
std::optional<StreetParts> splitStreet(const QString& line) {
    static const QRegularExpression numberLast(
        uR"(^(.*\p{L}.*?)\s+(\d{1,5})(?:\s*[-/]\s*([\p{L}\d]{1,4})|\s*(\p{L}{1,4}))?$)"_s);
    static const QRegularExpression numberFirst(uR"(^(\d{1,5})(\p{L}{0,3}),?\s+(\p{L}.*)$)"_s);
    if (auto m = numberLast.match(line); m.hasMatch()) {
        StreetParts p{m.captured(1).trimmed(), m.captured(2),
                      normaliseSuffix(m.captured(3).isEmpty() ? m.captured(4) : m.captured(3))};
        return p;
    }
    if (auto m = numberFirst.match(line); m.hasMatch())
        return StreetParts{m.captured(3).trimmed(), m.captured(1), normaliseSuffix(m.captured(2))};
    return std::nullopt;
}

struct PostcodeCity {
    QString postcode, city;
};

/// "1015 CJ Amsterdam", "1015CJ Amsterdam", "10117 Berlin", "L-1234 Luxembourg".
std::optional<PostcodeCity> splitPostcodeCity(const QString& segment) {
    static const QRegularExpression re(
        uR"(^((?:[A-Z]{1,2}-)?\d{4}\s?[A-Za-z]{2}(?=\s)|(?:[A-Z]{1,2}-)?\d{4,5})\s+(\p{L}.*)$)"_s);
    if (auto m = re.match(segment); m.hasMatch())
        return PostcodeCity{m.captured(1), m.captured(2).trimmed()};
    return std::nullopt;
}

/// Removes a trailing country name ("… Utrecht Nederland") while a city word remains.
QString takeTrailingCountry(QString& segment) {
    const QStringList words = segment.split(u' ', Qt::SkipEmptyParts);
    for (qsizetype n = qMin<qsizetype>(3, words.size() - 2); n >= 1; --n) {
        const QString cand = words.mid(words.size() - n).join(u' ');
        if (cand.size() < 4 && cand != cand.toUpper())
            continue; // short lower-case words are city parts, not codes
        if (auto c = country::toAlpha2(cand)) {
            segment = words.mid(0, words.size() - n).join(u' ');
            return *c;
        }
    }
    return {};
}

Result<Address> finish(Address a, QStringView defaultCountry) {
    if (a.country.isEmpty())
        a.country = defaultCountry.toString();
    if (!a.country.isEmpty()) {
        auto c = country::toAlpha2(a.country);
        if (!c)
            return c.error();
        a.country = *c;
    }
    if (!a.postcode.isEmpty()) {
        auto pc = normalisePostcode(a.postcode, a.country);
        if (!pc)
            return pc.error();
        a.postcode = *pc;
    }
    return a;
}

} // namespace

Result<QString> normalisePostcode(QStringView postcode, QStringView countryCode) {
    QString pc = squash(postcode).toUpper();
    if (pc.isEmpty())
        return fail(u"empty postcode"_s);
    struct Rule {
        const char16_t* country;
        const char16_t* pattern;
        const char16_t* prefix;
    };
    static const Rule rules[] = {
        {u"NL", uR"(^(\d{4})\s?([A-Z]{2})$)", nullptr}, {u"BE", uR"(^(?:B-)?(\d{4})$)", nullptr},
        {u"DE", uR"(^(?:D-)?(\d{5})$)", nullptr},       {u"FR", uR"(^(?:F-)?(\d{5})$)", nullptr},
        {u"LU", uR"(^(?:L-)?(\d{4})$)", u"L-"},         {u"AT", uR"(^(?:A-)?(\d{4})$)", nullptr},
        {u"CH", uR"(^(?:CH-)?(\d{4})$)", nullptr},      {u"DK", uR"(^(?:DK-)?(\d{4})$)", nullptr},
        {u"ES", uR"(^(?:E-)?(\d{5})$)", nullptr},       {u"IT", uR"(^(?:I-)?(\d{5})$)", nullptr},
    };
    static const QList<QRegularExpression> compiled = [] {
        QList<QRegularExpression> out;
        for (const Rule& r : rules)
            out.append(QRegularExpression(QString::fromUtf16(r.pattern)));
        return out;
    }();
    for (qsizetype i = 0; i < qsizetype(std::size(rules)); ++i) {
        const Rule& r = rules[i];
        if (countryCode != QStringView(r.country))
            continue;
        const auto m = compiled.at(i).match(pc);
        if (!m.hasMatch())
            return fail(u"postcode \"%1\" does not fit %2"_s.arg(pc, countryCode));
        if (countryCode == u"NL")
            return QString(m.captured(1) + u' ' + m.captured(2));
        return QString((r.prefix ? QString::fromUtf16(r.prefix) : QString()) + m.captured(1));
    }
    return pc;
}

Result<Address> parseLine(QStringView line, QStringView defaultCountry) {
    const auto ascii = asciiDigits(line);
    if (!ascii)
        return fail(u"mixed digit scripts in address"_s);
    QString text = squash(*ascii);
    if (text.isEmpty())
        return fail(u"empty address"_s);
    QStringList segments;
    static const QRegularExpression separators(u"[,;\\n]"_s);
    for (const QString& s : text.split(separators, Qt::SkipEmptyParts)) {
        if (!s.trimmed().isEmpty())
            segments.append(s.trimmed());
    }
    Address a;
    // A last segment that is only a country.
    if (segments.size() > 1) {
        if (auto c = country::toAlpha2(segments.back()); c && !segments.back().front().isDigit()) {
            a.country = *c;
            segments.removeLast();
        }
    }
    if (segments.size() == 1) {
        // No commas: find "<postcode> <city>" after "<street> <number>".
        static const QRegularExpression pcCity(
            uR"(\s((?:[A-Z]{1,2}-)?\d{4}\s?[A-Za-z]{2}|(?:[A-Z]{1,2}-)?\d{4,5})\s+(\p{L}[^\d]*)$)"_s);
        const auto m = pcCity.match(segments.front());
        if (!m.hasMatch())
            return fail(u"no postcode and city in \"%1\""_s.arg(text));
        QString rest = segments.front().left(m.capturedStart(0)).trimmed();
        segments = {rest, QString(m.captured(1) + u' ' + m.captured(2))};
    }
    if (segments.size() != 2)
        return fail(u"cannot split \"%1\" into street and postcode/city"_s.arg(text));
    const auto street = splitStreet(segments.at(0));
    if (!street)
        return fail(u"no street and house number in \"%1\""_s.arg(segments.at(0)));
    QString second = segments.at(1);
    if (a.country.isEmpty())
        a.country = takeTrailingCountry(second);
    const auto pcCity = splitPostcodeCity(second);
    if (!pcCity)
        return fail(u"no postcode and city in \"%1\""_s.arg(segments.at(1)));
    a.street = street->street;
    a.houseNumber = street->number;
    a.houseNumberSuffix = street->suffix;
    a.postcode = pcCity->postcode;
    a.city = pcCity->city;
    return finish(a, defaultCountry);
}

Result<Address> fromObject(const QJsonObject& source, QStringView defaultCountry) {
    auto pick = [&](std::initializer_list<const char16_t*> keys) {
        for (const char16_t* k : keys) {
            const QString v = squash(source.value(QString::fromUtf16(k)).toVariant().toString());
            if (!v.isEmpty())
                return v;
        }
        return QString();
    };
    Address a;
    a.street = pick({u"street", u"route", u"postal_address_route", u"address_route", u"address1",
                     u"address_line_1", u"AddressLine1"});
    a.houseNumber = pick({u"houseNumber", u"house_number", u"street_number",
                          u"postal_address_street_number", u"address_street_number"});
    a.houseNumberSuffix =
        pick({u"houseNumberSuffix", u"house_number_suffix", u"house_number_addition"});
    a.postcode = pick({u"postcode", u"postal_code", u"zip", u"postal_address_postal_code",
                       u"address_postal_code", u"Postcode"});
    a.city = pick({u"city", u"locality", u"postal_address_locality", u"address_locality", u"City"});
    a.country = pick({u"country_code", u"countryCode", u"country", u"postal_address_country",
                      u"address_country", u"Country"});
    const QString line2 = pick({u"address2", u"address_line_2"});
    if (a.street.isEmpty() && a.postcode.isEmpty() && a.city.isEmpty())
        return fail(u"empty address"_s);
    if (!a.street.isEmpty() && a.houseNumber.isEmpty()) {
        if (const auto parts = splitStreet(a.street)) {
            a.street = parts->street;
            a.houseNumber = parts->number;
            a.houseNumberSuffix = parts->suffix;
        }
    }
    if (!line2.isEmpty()) {
        // A short second line is the house-number addition ("2", "A", "hs"); anything longer
        // would be lost in the structured form, so it is an error rather than dropped.
        if (line2.size() > 6 || !a.houseNumberSuffix.isEmpty())
            return fail(
                u"second address line \"%1\" has no place in a structured address"_s.arg(line2));
        a.houseNumberSuffix = normaliseSuffix(line2);
    }
    return finish(a, defaultCountry);
}

} // namespace address
} // namespace bk::mapping
