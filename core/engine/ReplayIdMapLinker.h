#pragma once

#include "Clock.h"
#include "ConnectorCatalog.h"
#include "Workspace.h"
#include "deadletters/DeadLetter.h"
#include "http/DeadLetterSink.h"

#include <memory>

namespace bk::deadletters {
class DeadLetterStore;
}
namespace bk::sync {
class SyncStore;
}

namespace bk {

/// The dead-letter sink of the engine's pipelines: the dead-letter queue, plus one duty the
/// queue cannot know about. When a replayed letter stands for one record of a flow (a flow's
/// failed create or update, or a source record replayed through a flow) and the replay
/// succeeds, the destination record it wrote is recorded in that flow's id map exactly as a
/// sync write would record it (destination id, content hash of the written payload), so the
/// next run updates that record instead of creating it a second time.
///
/// Runs on the connector threads (the pipeline calls it); the stores are thread-safe.
class ReplayIdMapLinker final : public http::DeadLetterSink {
public:
    ReplayIdMapLinker(std::shared_ptr<deadletters::DeadLetterStore> letters,
                      std::shared_ptr<sync::SyncStore> idMap, Workspace workspace,
                      ConnectorCatalog catalog, std::shared_ptr<Clock> clock);

    // http::DeadLetterSink
    Result<qint64> deadLetter(const http::Request& request, const http::Outcome& outcome,
                              const QString& sourceKey) override;
    Status replaySucceeded(const QString& deadLetterKey, const http::Outcome& outcome) override;
    /// Resolves the letter, then links what the replay wrote. A failed link is logged, not
    /// returned: the write happened, and an error here would send it again.
    Status replayedRequestSucceeded(const http::Request& sent,
                                    const http::Outcome& outcome) override;

    /// Records in the flow's id map what `sent` (the replay of letter) wrote, given its
    /// successful outcome. Returns the destination id linked, or an empty string when the
    /// replay is not one flow record's create or update of the flow's destination resource
    /// (a batch, another connector, a flow reading another source connector).
    Result<QString> link(const deadletters::DeadLetter& letter, const http::Request& sent,
                         const http::Outcome& outcome);

private:
    std::shared_ptr<deadletters::DeadLetterStore> m_letters;
    std::shared_ptr<sync::SyncStore> m_idMap;
    Workspace m_ws;
    ConnectorCatalog m_catalog;
    std::shared_ptr<Clock> m_clock;
};

} // namespace bk
