#include "mapping/Country.h"

#include <unicode/uloc.h>

#include <QHash>

using namespace Qt::StringLiterals;

namespace bk::mapping::country {

namespace {

struct Tables {
    QHash<QString, QString> byName; // folded name or code → alpha-2
    QHash<QString, QString> alpha3; // alpha-3 → alpha-2
    QStringList alpha2;
};

QString displayName(const char* alpha2, const char* language) {
    const QByteArray locale = QByteArray("_") + alpha2;
    UChar buffer[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = uloc_getDisplayCountry(locale.constData(), language, buffer, 128, &status);
    if (U_FAILURE(status) || n <= 0)
        return {};
    return QString(reinterpret_cast<const QChar*>(buffer), n);
}

const Tables& tables() {
    static const Tables t = [] {
        Tables out;
        for (const char* const* c = uloc_getISOCountries(); *c; ++c) {
            const QString code = QString::fromLatin1(*c);
            out.alpha2.append(code);
            const QByteArray locale = QByteArray("_") + *c;
            const QString a3 = QString::fromLatin1(uloc_getISO3Country(locale.constData()));
            if (!a3.isEmpty())
                out.alpha3.insert(a3, code);
            for (const char* lang : {"en", "nl"}) {
                const QString n = displayName(*c, lang);
                if (!n.isEmpty() && n != code)
                    out.byName.insert(foldName(n), code);
            }
        }
        // Everyday forms ICU's display names do not cover.
        const std::pair<const char16_t*, const char16_t*> aliases[] = {
            {u"the netherlands", u"NL"},
            {u"holland", u"NL"},
            {u"nederlands", u"NL"},
            {u"netherland", u"NL"},
            {u"deutschland", u"DE"},
            {u"belgie", u"BE"},
            {u"belgique", u"BE"},
            {u"belgien", u"BE"},
            {u"france", u"FR"},
            {u"osterreich", u"AT"},
            {u"schweiz", u"CH"},
            {u"suisse", u"CH"},
            {u"espana", u"ES"},
            {u"italia", u"IT"},
            {u"great britain", u"GB"},
            {u"england", u"GB"},
            {u"uk", u"GB"},
            {u"usa", u"US"},
            {u"united states of america", u"US"},
            {u"the united states", u"US"},
            {u"verenigde staten van amerika", u"US"},
            {u"groot brittannie", u"GB"},
            {u"danmark", u"DK"},
            {u"sverige", u"SE"},
            {u"norge", u"NO"},
            {u"polska", u"PL"},
            {u"luxembourg", u"LU"},
            {u"letzebuerg", u"LU"},
        };
        for (const auto& [name, code] : aliases)
            out.byName.insert(QString::fromUtf16(name), QString::fromUtf16(code));
        return out;
    }();
    return t;
}

} // namespace

QString foldName(QStringView text) {
    const QString decomposed = text.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    bool space = false;
    for (QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;
        if (c.isLetterOrNumber()) {
            if (space && !out.isEmpty())
                out.append(u' ');
            space = false;
            out.append(c.toLower());
        } else {
            space = true;
        }
    }
    return out;
}

bool isAlpha2(QStringView code) {
    return code.size() == 2 && tables().alpha2.contains(code.toString());
}

Result<QString> toAlpha2(QStringView nameOrCode) {
    const QString trimmed = nameOrCode.trimmed().toString();
    if (trimmed.isEmpty())
        return Error::invalid(u"empty country"_s);
    const Tables& t = tables();
    const QString upper = trimmed.toUpper();
    if (upper.size() == 2 && t.alpha2.contains(upper))
        return upper;
    if (upper.size() == 3 && t.alpha3.contains(upper))
        return t.alpha3.value(upper);
    const QString folded = foldName(trimmed);
    if (auto it = t.byName.constFind(folded); it != t.byName.cend())
        return *it;
    return Error::invalid(u"unknown country \"%1\""_s.arg(trimmed));
}

QString name(QStringView alpha2, QStringView language) {
    return displayName(alpha2.toLatin1().constData(), language.toLatin1().constData());
}

} // namespace bk::mapping::country
