#pragma once

#include "Result.h"
#include "store/Database.h"

#include <memory>
#include <optional>

#include <QString>

namespace bk::fleet {

/// The last run of one flow anywhere in the fleet (a row of fleet_flow_runs).
struct FlowRunRecord {
    QString flowId, engineId;
    qint64 startedMs = 0;
    qint64 finishedMs = 0; ///< of the last run that ended (completed or failed); 0: none yet
    bool ok = true;        ///< whether that run succeeded
};

/// When each flow last ran, shared by every engine on the store, so a flow's interval is
/// counted across the fleet: an engine that takes a free flow lease first looks here and
/// runs only when the flow is due (last finish + interval), not merely because its own timer
/// fired. Written only by the engine holding the flow's lease. Thread-safe (each thread uses
/// its own connection).
class FlowRunLog {
public:
    explicit FlowRunLog(std::shared_ptr<store::Database> db);

    /// Records that engineId started a run of flowId at nowMs.
    Status started(const QString& flowId, const QString& engineId, qint64 nowMs);
    /// Records that the run ended at nowMs (ok: succeeded). Interrupted runs (stopped, lease
    /// lost) are not recorded as ended: the next holder resumes them at once.
    Status finished(const QString& flowId, const QString& engineId, qint64 nowMs, bool ok);
    /// The flow's record; nullopt when it never ran in this store.
    Result<std::optional<FlowRunRecord>> last(const QString& flowId);

private:
    std::shared_ptr<store::Database> m_db;
};

} // namespace bk::fleet
