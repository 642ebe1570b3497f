#include "RateLimiters.h"
#include "Vendors.h"

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {
constexpr qint64 kWindow = 2'000;
constexpr qint64 kDay = 86'400'000;
} // namespace

Response pipedriveRateLimited() {
    return jsonResponse(
        429, toJson(QJsonObject{{u"success"_s, false},
                                {u"error"_s, u"Request over limit"_s},
                                {u"error_info"_s, u"Please check developers.pipedrive.com"_s},
                                {u"data"_s, QJsonValue::Null},
                                {u"additional_data"_s, QJsonValue::Null}}));
}

std::optional<Response> pipedriveAdmit(SandboxState& s, const QString& token, int cost,
                                       Headers& headers) {
    const SandboxLimits& l = s.options.limits;
    const qint64 now = s.now();
    auto& window = s.pipedriveBurst[token];
    while (!window.empty() && window.front() <= now - kWindow)
        window.pop_front();
    auto reset = [&] {
        const qint64 left = window.empty() ? kWindow : window.front() + kWindow - now;
        return QByteArray::number((left + 999) / 1000);
    };
    const int used = int(window.size());
    if (used >= l.pipedriveBurst) {
        Response r = pipedriveRateLimited();
        r.headers += {{"x-ratelimit-limit"_ba, QByteArray::number(l.pipedriveBurst)},
                      {"x-ratelimit-remaining"_ba, "0"_ba},
                      {"x-ratelimit-reset"_ba, reset()}};
        return r;
    }
    auto& daily = s.pipedriveDaily[u"demo-bv"_s];
    const qint64 day = now - now % kDay;
    if (daily.first != day)
        daily = {day, 0};
    if (daily.second + cost > l.pipedriveDailyTokens)
        return pipedriveRateLimited();
    daily.second += cost;
    window.push_back(now);
    headers = {{"x-ratelimit-limit"_ba, QByteArray::number(l.pipedriveBurst)},
               {"x-ratelimit-remaining"_ba, QByteArray::number(l.pipedriveBurst - used - 1)},
               {"x-ratelimit-reset"_ba, reset()}};
    return std::nullopt;
}

} // namespace bk::sandbox
