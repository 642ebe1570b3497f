#include "RetrySchedule.h"

#include "Duration.h"

#include <algorithm>
#include <cmath>

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {
qint64 delayBefore(const RetryPolicy& p, int attempt) {
    const int exponent = std::clamp(attempt - 2, 0, 40);
    const double raw = double(p.baseDelayMs) * std::pow(2.0, exponent);
    return qint64(std::min(raw, double(p.maxDelayMs)));
}
} // namespace

RetrySchedule computeRetrySchedule(const RetryPolicy& policy, int attemptsMade) {
    RetrySchedule s;
    const double j = std::clamp(policy.jitter, 0.0, 1.0);
    qint64 nominal = 0;
    double earliest = 0;
    double latest = 0;
    // The attempts already made happened at their nominal times: their jitter is spent.
    for (int n = 2; n <= attemptsMade; ++n) {
        nominal += delayBefore(policy, n);
    }
    s.lastMadeMs = nominal;
    earliest = latest = double(nominal);
    for (int n = std::max(2, attemptsMade + 1); n <= policy.maxAttempts; ++n) {
        const qint64 delay = delayBefore(policy, n);
        if (nominal + delay > policy.maxSpanMs) {
            s.limitedBySpan = true;
            break;
        }
        nominal += delay;
        earliest += double(delay) * (1.0 - j);
        latest += double(delay) * (1.0 + j);
        s.attempts.append(PlannedAttempt{n, delay, nominal, qint64(std::llround(earliest)),
                                         qint64(std::llround(latest))});
    }
    // The engine gives up when an attempt fails and no further one is allowed: the dead
    // letter is born at the last attempt (or now, when none is left).
    s.deadLetterNominalMs = nominal;
    s.deadLetterEarliestMs = qint64(std::llround(earliest));
    s.deadLetterLatestMs = qint64(std::llround(latest));
    return s;
}

RetryPolicy retryPolicyFromJson(const QJsonObject& retry) {
    RetryPolicy p;
    p.maxAttempts = retry.value(u"maxAttempts"_s).toInt(p.maxAttempts);
    if (auto d = parseDurationMs(retry.value(u"baseDelay"_s).toString()))
        p.baseDelayMs = *d;
    if (auto d = parseDurationMs(retry.value(u"maxDelay"_s).toString()))
        p.maxDelayMs = *d;
    if (auto d = parseDurationMs(retry.value(u"maxSpan"_s).toString()))
        p.maxSpanMs = *d;
    p.jitter = retry.value(u"jitter"_s).toDouble(p.jitter);
    return p;
}

} // namespace bk::ui
