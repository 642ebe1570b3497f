#include "mapping/MatchKeys.h"

#include "mapping/Phone.h"
#include "mapping/Scalars.h"

using namespace Qt::StringLiterals;

namespace bk::mapping::matchkeys {

std::optional<MatchKey> email(QStringView text) {
    auto e = email::normalise(text);
    if (!e)
        return std::nullopt;
    return MatchKey{u"email"_s, e->toLower()};
}

std::optional<MatchKey> phone(QStringView text, QStringView defaultRegion) {
    // A canonical "+31…;ext=12" from a mapped field parses back to the same number.
    auto p = phone::normalise(text, defaultRegion);
    if (!p)
        return std::nullopt;
    return MatchKey{u"phone"_s, p->e164};
}

std::optional<MatchKey> companyNumber(QStringView text, QStringView country) {
    auto n = company::normaliseNumber(text, country);
    if (!n)
        return std::nullopt;
    return MatchKey{u"companyNumber"_s, *n};
}

std::optional<MatchKey> companyName(QStringView text) {
    const QString n = company::matchName(text);
    if (n.isEmpty())
        return std::nullopt;
    return MatchKey{u"companyName"_s, n};
}

std::optional<MatchKey> make(QStringView kind, const QJsonValue& value, QStringView region) {
    QString text = value.toString();
    if (value.isDouble())
        text = QString::number(value.toInteger());
    if (text.trimmed().isEmpty())
        return std::nullopt;
    if (kind == u"email")
        return email(text);
    if (kind == u"phone")
        return phone(text, region);
    if (kind == u"companyNumber")
        return companyNumber(text, region.isEmpty() ? u"NL" : region);
    if (kind == u"companyName")
        return companyName(text);
    return std::nullopt;
}

} // namespace bk::mapping::matchkeys
