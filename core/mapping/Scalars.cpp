#include "mapping/Scalars.h"

#include "mapping/Country.h"
#include "mapping/Digits.h"

#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::mapping {

namespace email {

namespace {

bool mixesScripts(QStringView label) {
    QChar::Script seen = QChar::Script_Unknown;
    for (QChar c : label) {
        const QChar::Script s = c.script();
        if (s == QChar::Script_Common || s == QChar::Script_Inherited)
            continue;
        if (seen != QChar::Script_Unknown && s != seen)
            return true;
        seen = s;
    }
    return false;
}

} // namespace

Result<QString> normalise(QStringView text) {
    const QString s = text.trimmed().toString();
    if (s.isEmpty())
        return Error::invalid(u"empty e-mail address"_s);
    const qsizetype at = s.lastIndexOf(u'@');
    if (at <= 0 || s.indexOf(u'@') != at)
        return Error::invalid(u"\"%1\" is not an e-mail address (needs one @)"_s.arg(s));
    const QString local = s.left(at);
    const QString domain = s.mid(at + 1).toLower();
    for (QChar c : local) {
        if (c.isSpace() || c.category() == QChar::Other_Control)
            return Error::invalid(u"space or control character in \"%1\""_s.arg(s));
    }
    if (local.size() > 64)
        return Error::invalid(u"local part of \"%1\" is longer than 64"_s.arg(s));
    const QStringList labels = domain.split(u'.');
    if (labels.size() < 2)
        return Error::invalid(u"domain of \"%1\" has no dot"_s.arg(s));
    for (const QString& label : labels) {
        if (label.isEmpty() || label.startsWith(u'-') || label.endsWith(u'-'))
            return Error::invalid(u"bad domain in \"%1\""_s.arg(s));
        if (mixesScripts(label))
            return Error::invalid(u"domain label \"%1\" mixes scripts"_s.arg(label));
        for (QChar c : label) {
            if (!c.isLetterOrNumber() && c != u'-')
                return Error::invalid(u"bad character '%1' in domain of \"%2\""_s.arg(c).arg(s));
        }
    }
    if (QUrl::toAce(domain).isEmpty())
        return Error::invalid(u"domain of \"%1\" is not a valid internationalised name"_s.arg(s));
    const QString out = local + u'@' + domain;
    if (out.size() > 254)
        return Error::invalid(u"e-mail address longer than 254 characters"_s);
    return out;
}

} // namespace email

namespace boolean {

Result<bool> parse(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool();
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (d == 0.0 || d == 1.0)
            return d == 1.0;
        return Error::invalid(u"%1 is not a boolean"_s.arg(d));
    }
    static const QSet<QString> yes{u"true"_s, u"yes"_s, u"y"_s,    u"on"_s, u"1"_s,
                                   u"ja"_s,   u"j"_s,   u"waar"_s, u"t"_s};
    static const QSet<QString> no{u"false"_s, u"no"_s,  u"n"_s,      u"off"_s,
                                  u"0"_s,     u"nee"_s, u"onwaar"_s, u"f"_s};
    const QString s = value.toString().trimmed().toLower();
    if (yes.contains(s))
        return true;
    if (no.contains(s))
        return false;
    return Error::invalid(u"\"%1\" is not a boolean"_s.arg(value.toString()));
}

} // namespace boolean

namespace company {

Result<QString> normaliseNumber(QStringView text, QStringView countryCode) {
    const auto ascii = asciiDigits(text);
    if (!ascii)
        return Error::invalid(u"mixed digit scripts in company number"_s);
    QString s = ascii->toUpper();
    if (countryCode == u"NL") {
        s.remove(QStringLiteral("KVK"));
        s.remove(u"NR"_s);
    }
    QString kept;
    for (QChar c : s) {
        if ((c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z'))
            kept.append(c);
    }
    if (kept.isEmpty())
        return Error::invalid(u"empty company number"_s);
    if (countryCode == u"NL") {
        bool digitsOnly = true;
        for (QChar c : kept)
            digitsOnly = digitsOnly && c.isDigit();
        if (!digitsOnly || kept.size() != 8)
            return Error::invalid(u"\"%1\" is not an 8-digit KvK number"_s.arg(text));
    }
    return kept;
}

QString matchName(QStringView name) {
    static const QSet<QString> legalForms{
        u"bv"_s,   u"b v"_s, u"nv"_s,   u"n v"_s,         u"vof"_s, u"v o f"_s, u"cv"_s,
        u"gmbh"_s, u"ag"_s,  u"ltd"_s,  u"limited"_s,     u"inc"_s, u"llc"_s,   u"sa"_s,
        u"sarl"_s, u"srl"_s, u"bvba"_s, u"vzw"_s,         u"plc"_s, u"co"_s,    u"holding"_s,
        u"kg"_s,   u"ug"_s,  u"corp"_s, u"eenmanszaak"_s,
    };
    const QStringList words = country::foldName(name).split(u' ', Qt::SkipEmptyParts);
    // Collapse single letters ("b v" from "B.V.") before removing legal forms.
    QStringList merged;
    QString letters;
    for (const QString& w : words) {
        if (w.size() == 1 && w.front().isLetter()) {
            letters += w;
            continue;
        }
        if (!letters.isEmpty())
            merged.append(std::exchange(letters, QString()));
        merged.append(w);
    }
    if (!letters.isEmpty())
        merged.append(letters);
    QStringList kept;
    for (const QString& w : merged) {
        if (!legalForms.contains(w))
            kept.append(w);
    }
    return kept.join(u' ');
}

} // namespace company

} // namespace bk::mapping
