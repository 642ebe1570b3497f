#pragma once

#include <random>

#include <QtGlobal>

namespace bk::http {

/// How often and how long an operation is retried.
struct RetryPolicy {
    int maxAttempts = 5;            ///< attempts in all, the first included
    qint64 maxSpanMs = 15 * 60'000; ///< no retry is scheduled later than first attempt + this
    qint64 baseDelayMs = 1000;      ///< first backoff
    qint64 maxDelayMs = 5 * 60'000; ///< cap for one backoff (before jitter)
    double jitter = 0.2;            ///< uniform ±fraction around each delay
};

/// Exponential backoff: base, 2·base, 4·base … capped, each with uniform ±jitter.
/// The random source is seeded so tests can pin it.
class Backoff {
public:
    explicit Backoff(RetryPolicy policy, quint64 seed = std::random_device{}());

    /// Delay before retry number retry (1 = the first retry) in milliseconds.
    qint64 delayMs(int retry);
    /// The un-jittered delay for retry (for documentation and tests).
    qint64 nominalDelayMs(int retry) const;
    const RetryPolicy& policy() const { return m_policy; }

private:
    RetryPolicy m_policy;
    std::mt19937_64 m_rng;
};

} // namespace bk::http
