#include "Backoff.h"

#include <algorithm>
#include <cmath>

namespace bk::http {

Backoff::Backoff(RetryPolicy policy, quint64 seed)
    : m_policy(policy)
    , m_rng(seed) {}

qint64 Backoff::nominalDelayMs(int retry) const {
    const int shift = std::clamp(retry - 1, 0, 40);
    const double d = double(m_policy.baseDelayMs) * std::pow(2.0, shift);
    return qint64(std::min(d, double(m_policy.maxDelayMs)));
}

qint64 Backoff::delayMs(int retry) {
    const double nominal = double(nominalDelayMs(retry));
    std::uniform_real_distribution<double> dist(-m_policy.jitter, m_policy.jitter);
    return std::max<qint64>(0, qint64(std::llround(nominal * (1.0 + dist(m_rng)))));
}

} // namespace bk::http
