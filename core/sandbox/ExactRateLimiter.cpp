#include "RateLimiters.h"
#include "Vendors.h"

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {
constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 86'400'000;
constexpr qint64 kHour = 3'600'000;

QByteArray num(qint64 v) {
    return QByteArray::number(v);
}
} // namespace

Response exactRateLimited(SandboxState& s, bool daily) {
    // Only the headers of the limit that tripped; the body is empty (as captured).
    const SandboxLimits& l = s.options.limits;
    const qint64 now = s.now();
    Response r{429, {}, {}};
    if (daily) {
        r.headers = {{"X-RateLimit-Limit"_ba, num(l.exactPerDay)},
                     {"X-RateLimit-Remaining"_ba, "0"_ba},
                     {"X-RateLimit-Reset"_ba, num(now - now % kDay + kDay)}};
    } else {
        r.headers = {{"X-RateLimit-Minutely-Limit"_ba, num(l.exactPerMinute)},
                     {"X-RateLimit-Minutely-Remaining"_ba, "0"_ba},
                     {"X-RateLimit-Minutely-Reset"_ba, num(now - now % kMinute + kMinute)}};
    }
    return r;
}

std::optional<Response> exactAdmit(SandboxState& s, const QString& key, Headers& headers) {
    const SandboxLimits& l = s.options.limits;
    const qint64 now = s.now();
    const qint64 minute = now - now % kMinute;
    const qint64 day = now - now % kDay;
    auto& m = s.exactMinute[key];
    if (m.first != minute)
        m = {minute, 0};
    auto& d = s.exactDay[key];
    if (d.first != day)
        d = {day, 0};
    if (d.second >= l.exactPerDay)
        return exactRateLimited(s, true);
    if (m.second >= l.exactPerMinute)
        return exactRateLimited(s, false);
    ++m.second;
    ++d.second;
    headers = {{"X-RateLimit-Limit"_ba, num(l.exactPerDay)},
               {"X-RateLimit-Remaining"_ba, num(l.exactPerDay - d.second)},
               {"X-RateLimit-Reset"_ba, num(day + kDay)},
               {"X-RateLimit-Minutely-Limit"_ba, num(l.exactPerMinute)},
               {"X-RateLimit-Minutely-Remaining"_ba, num(l.exactPerMinute - m.second)},
               {"X-RateLimit-Minutely-Reset"_ba, num(minute + kMinute)}};
    return std::nullopt;
}

std::optional<Response> exactBlocked(SandboxState& s, const QString& errorKey) {
    const auto it = s.exactBlockedUntil.constFind(errorKey);
    if (it == s.exactBlockedUntil.constEnd() || *it <= s.now())
        return std::nullopt;
    // The block's wire format was never captured; an OData error with 429 is our choice.
    return jsonResponse(
        429, toJson(QJsonObject{
                 {u"error"_s,
                  QJsonObject{
                      {u"code"_s, QString()},
                      {u"message"_s,
                       QJsonObject{{u"lang"_s, QString()},
                                   {u"value"_s, u"Too many errors on this endpoint. The API key is "
                                                "blocked until %1."_s.arg(rfc3339(*it))}}}}}}));
}

void exactCountError(SandboxState& s, const QString& errorKey, int status) {
    if (status != 400 && status != 401 && status != 403 && status != 404)
        return;
    const qint64 now = s.now();
    auto& errors = s.exactErrors[errorKey];
    while (!errors.empty() && errors.front() <= now - kHour)
        errors.pop_front();
    errors.push_back(now);
    if (int(errors.size()) > s.options.limits.exactErrorsPerHour) {
        s.exactBlockedUntil[errorKey] = now + kHour;
        errors.clear();
    }
}

} // namespace bk::sandbox
