#pragma once

#include "Result.h"
#include "store/Database.h"

#include <memory>

#include <QList>
#include <QString>

namespace bk::fleet {

/// One row of fleet_engines: an engine process sharing the store.
struct EngineInfo {
    QString engineId, host, version, listen;
    qint64 pid = 0, startedMs = 0, heartbeatMs = 0, stoppedMs = 0; ///< stoppedMs 0 while running
};

/// Which engines share the store and whether they are alive (fleet_engines).
///
/// Each engine announces itself at start, heartbeats every few seconds and marks itself
/// stopped on graceful shutdown. An engine whose heartbeat is old and stoppedMs is 0 died
/// without shutting down (its leases expire on their own).
class FleetRegistry {
public:
    explicit FleetRegistry(std::shared_ptr<store::Database> db);

    /// Inserts or replaces self's row (a restarted engine with the same id starts afresh:
    /// stoppedMs is reset to 0, heartbeatMs set to startedMs when it is 0).
    Status announce(const EngineInfo& self);
    /// Records that engineId is alive at nowMs.
    Status heartbeat(const QString& engineId, qint64 nowMs);
    /// Records a graceful stop at nowMs.
    Status markStopped(const QString& engineId, qint64 nowMs);
    /// Every known engine, by engine id.
    Result<QList<EngineInfo>> engines();

private:
    std::shared_ptr<store::Database> m_db;
};

} // namespace bk::fleet
