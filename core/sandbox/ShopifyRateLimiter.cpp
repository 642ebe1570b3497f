#include "RateLimiters.h"
#include "Vendors.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {
void leak(SandboxState& s) {
    const qint64 now = s.now();
    if (s.shopifyLastMs > 0 && now > s.shopifyLastMs)
        s.shopifyLevel = std::max(0.0, s.shopifyLevel - double(now - s.shopifyLastMs) / 1000.0 *
                                                            s.options.limits.shopifyLeakPerSecond);
    s.shopifyLastMs = now;
}

QByteArray callLimit(const SandboxState& s) {
    const int used = int(std::ceil(s.shopifyLevel - 1e-9));
    return QByteArray::number(used) + '/' + QByteArray::number(s.options.limits.shopifyBucket);
}
} // namespace

Response shopifyRateLimited(SandboxState& s) {
    Response r = jsonResponse(
        429, toJson(QJsonObject{{u"errors"_s, u"Exceeded 2 calls per second for api client. "
                                              "Reduce request rates to resume uninterrupted "
                                              "service."_s}}));
    r.headers += {{"Retry-After"_ba, "2.0"_ba}, {"X-Shopify-Shop-Api-Call-Limit"_ba, callLimit(s)}};
    return r;
}

std::optional<Response> shopifyAdmit(SandboxState& s, Headers& headers) {
    leak(s);
    if (s.shopifyLevel + 1.0 > double(s.options.limits.shopifyBucket) + 1e-9)
        return shopifyRateLimited(s);
    s.shopifyLevel += 1.0;
    headers = {{"X-Shopify-Shop-Api-Call-Limit"_ba, callLimit(s)}};
    return std::nullopt;
}

} // namespace bk::sandbox
