#pragma once

#include "Request.h"
#include "Result.h"

namespace bk::http {

/// Where the pipeline puts an operation that failed for good. Implemented by
/// core/deadletters (DeadLetterStore); kept as an interface so http does not depend upward.
class DeadLetterSink {
public:
    virtual ~DeadLetterSink() = default;
    /// Stores one dead letter and returns its id. sourceKey identifies the operation (outbox
    /// row, batch item): storing the same key twice returns the existing id, so a crash
    /// between "dead-lettered" and "removed from the outbox" never makes two; a key of a
    /// dead letter being replayed records the failed replay on that letter.
    virtual Result<qint64> deadLetter(const Request& request, const Outcome& outcome,
                                      const QString& sourceKey) = 0;
    /// A replayed operation (Request::deadLetterKey) succeeded: resolve that dead letter.
    /// Called before the operation leaves the outbox, so a crash cannot lose the outcome.
    virtual Status replaySucceeded(const QString& deadLetterKey, const Outcome& outcome) = 0;
    /// The same with the request that was sent (a replay to another flow or connector carries
    /// its target there): what the pipeline calls. Sinks that act on what a replay wrote (the
    /// engine records a replayed create in its flow's id map) override it.
    virtual Status replayedRequestSucceeded(const Request& request, const Outcome& outcome) {
        return replaySucceeded(request.deadLetterKey, outcome);
    }
};

} // namespace bk::http
