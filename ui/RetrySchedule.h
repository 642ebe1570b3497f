#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace bk::ui {

/// What the retry policy of a connector says (resources/connectors/*.json "retry").
struct RetryPolicy {
    int maxAttempts = 5;            ///< attempts in all, the first one included
    qint64 baseDelayMs = 1000;      ///< delay before the second attempt
    qint64 maxDelayMs = 5 * 60'000; ///< cap of a single delay
    qint64 maxSpanMs = 15 * 60'000; ///< from the first attempt; none starts later
    double jitter = 0.2;            ///< ± fraction applied to each delay
};

/// One attempt still to come.
struct PlannedAttempt {
    int attempt = 0;       ///< 1-based attempt number
    qint64 delayMs = 0;    ///< nominal delay after the previous attempt
    qint64 nominalMs = 0;  ///< nominal time, ms after the first attempt
    qint64 earliestMs = 0; ///< every delay so far at -jitter
    qint64 latestMs = 0;   ///< every delay so far at +jitter
};

/// The attempts left for an operation that has failed attemptsMade times, and when it
/// becomes a dead letter: when the last allowed attempt fails. An attempt is allowed while
/// its nominal start lies within maxSpan of the first attempt and maxAttempts is not spent.
struct RetrySchedule {
    qint64 lastMadeMs = 0; ///< nominal time of the last attempt already made
    QList<PlannedAttempt> attempts;
    qint64 deadLetterNominalMs = 0; ///< ms after the first attempt
    qint64 deadLetterEarliestMs = 0;
    qint64 deadLetterLatestMs = 0;
    bool limitedBySpan = false; ///< the span, not the attempt count, ends the retries
};

/// Exponential backoff: the delay before attempt n (n >= 2) is base × 2^(n-2), capped at
/// maxDelay, with ±jitter. Times are relative to the first attempt.
RetrySchedule computeRetrySchedule(const RetryPolicy& policy, int attemptsMade);

/// Reads a connector definition's "retry" object; fields missing keep their defaults.
RetryPolicy retryPolicyFromJson(const QJsonObject& retry);

} // namespace bk::ui
