#include "mapping/Phone.h"

#include <string>

#include <QHash>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

using namespace Qt::StringLiterals;
using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace bk::mapping {

QString Phone::toString() const {
    return extension.isEmpty() ? e164 : QString(e164 + u";ext=" + extension);
}

namespace phone {

namespace {

QString parseErrorReason(PhoneNumberUtil::ErrorType e) {
    switch (e) {
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        return u"unknown country calling code (or no default region for a national number)"_s;
    case PhoneNumberUtil::NOT_A_NUMBER:
        return u"not a phone number"_s;
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
        return u"too short after the international prefix"_s;
    case PhoneNumberUtil::TOO_SHORT_NSN:
        return u"too short"_s;
    case PhoneNumberUtil::TOO_LONG_NSN:
        return u"too long"_s;
    case PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    }
    return u"cannot be parsed"_s;
}

QString invalidReason(const PhoneNumberUtil& util, const PhoneNumber& number,
                      const std::string& region) {
    const QString where = QString::fromStdString(region);
    switch (util.IsPossibleNumberWithReason(number)) {
    case PhoneNumberUtil::TOO_SHORT:
        return u"too short for %1"_s.arg(where);
    case PhoneNumberUtil::TOO_LONG:
        return u"too long for %1"_s.arg(where);
    case PhoneNumberUtil::INVALID_LENGTH:
        return u"invalid length for %1"_s.arg(where);
    case PhoneNumberUtil::INVALID_COUNTRY_CODE:
        return u"unknown country calling code"_s;
    case PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
        return u"a local number without area code"_s;
    case PhoneNumberUtil::IS_POSSIBLE:
        break;
    }
    return u"no such number range in %1"_s.arg(where);
}

} // namespace

bool isSupportedRegion(QStringView region) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    return util.GetCountryCodeForRegion(region.toString().toStdString()) != 0;
}

namespace {

Result<Phone> parse(const QString& trimmed, QStringView defaultRegion);

/// libphonenumber's ICU regexes dominate mapping time, and one record parses the same number
/// several times (Phone, PhoneExtension, match keys). A small per-thread memo of this pure
/// function removes the repeats; it is cleared when full, so memory stays bounded.
struct Memo {
    QHash<QString, Result<Phone>> entries;
    static constexpr qsizetype kMax = 2048;
};

} // namespace

Result<Phone> normalise(QStringView text, QStringView defaultRegion) {
    const QString trimmed = text.trimmed().toString();
    // A number written with '+' does not depend on the default region.
    const QString key =
        trimmed.startsWith(u'+') ? trimmed : QString(defaultRegion + u'|' + trimmed);
    thread_local Memo memo;
    if (const auto it = memo.entries.constFind(key); it != memo.entries.cend())
        return *it;
    Result<Phone> r = parse(trimmed, defaultRegion);
    if (memo.entries.size() >= Memo::kMax)
        memo.entries.clear();
    memo.entries.insert(key, r);
    if (r.ok() && !memo.entries.contains(r->toString()))
        memo.entries.insert(r->toString(), r);
    return r;
}

namespace {

Result<Phone> parse(const QString& trimmed, QStringView defaultRegion) {
    if (trimmed.isEmpty())
        return Error::invalid(u"empty phone number"_s);
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    PhoneNumber number;
    const std::string region =
        defaultRegion.isEmpty() ? std::string("ZZ") : defaultRegion.toString().toStdString();
    const auto err = util.Parse(trimmed.toStdString(), region, &number);
    if (err != PhoneNumberUtil::NO_PARSING_ERROR)
        return Error::invalid(parseErrorReason(err));
    std::string numberRegion;
    util.GetRegionCodeForNumber(number, &numberRegion);
    if (!util.IsValidNumber(number)) {
        std::string cc;
        util.GetRegionCodeForCountryCode(number.country_code(), &cc);
        return Error::invalid(invalidReason(util, number, cc));
    }
    std::string e164;
    util.Format(number, PhoneNumberUtil::E164, &e164);
    Phone p;
    p.e164 = QString::fromStdString(e164);
    p.extension = QString::fromStdString(number.extension());
    p.region = QString::fromStdString(numberRegion);
    return p;
}

} // namespace

} // namespace phone
} // namespace bk::mapping
