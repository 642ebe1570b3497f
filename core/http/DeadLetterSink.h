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
    /// between "dead-lettered" and "removed from the outbox" never makes two.
    virtual Result<qint64> deadLetter(const Request& request, const Outcome& outcome,
                                      const QString& sourceKey) = 0;
};

} // namespace bk::http
