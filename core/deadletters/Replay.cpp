#include "Replay.h"

using namespace Qt::StringLiterals;

namespace bk::deadletters {

Result<qint64> replayDeadLetter(DeadLetterStore& store, qint64 id, const ReplayOptions& options,
                                http::Pipeline& pipeline, QObject* context,
                                http::Pipeline::Callback done) {
    if (options.body) {
        if (Status st = store.editBody(id, *options.body, options.user); !st)
            return st.error();
    }
    auto request =
        store.beginReplay(id, options.user, pipeline.config().connectorId, options.targetUrl);
    if (!request)
        return request.error();
    auto op = pipeline.send(*request, context, std::move(done));
    if (!op) {
        if (Status st = store.abortReplay(id, options.user, op.error().message); !st)
            return st.error();
        return op.error();
    }
    return *op;
}

} // namespace bk::deadletters
