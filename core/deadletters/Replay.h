#pragma once

#include "DeadLetterStore.h"
#include "http/Pipeline.h"

#include <optional>

namespace bk::deadletters {

struct ReplayOptions {
    QString user;                   ///< who asked (audit)
    std::optional<QByteArray> body; ///< edited body to send (audited as an edit first)
    QUrl targetUrl;                 ///< send elsewhere (empty: the original URL)
};

/// Replays dead letter id through pipeline (which must use store as its dead-letter sink, so
/// the outcome resolves the letter or records the failed replay on it). The letter is marked
/// replaying with an idempotency key before anything is sent; the pipeline's outbox holds the
/// operation until its outcome is stored. Returns the pipeline operation id.
Result<qint64> replayDeadLetter(DeadLetterStore& store, qint64 id, const ReplayOptions& options,
                                http::Pipeline& pipeline, QObject* context = nullptr,
                                http::Pipeline::Callback done = {});

} // namespace bk::deadletters
