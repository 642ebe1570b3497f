#pragma once

#include "Result.h"
#include "fleet/FleetRegistry.h"
#include "fleet/LeaseStore.h"
#include "store/Database.h"

#include <memory>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace bk {

/// An engine whose last heartbeat is older than this (three heartbeats of the fleet's 5 s
/// interval) and that did not stop gracefully is shown and counted as silent: it probably
/// died, and its leases run out on their own.
inline constexpr qint64 kFleetSilentAfterMs = 15'000;

enum class FleetEngineState { Running, Silent, Stopped };

/// The engine's state at nowMs: stopped when it marked itself stopped, silent when its
/// heartbeat is older than silentAfterMs, running otherwise.
FleetEngineState fleetEngineState(const fleet::EngineInfo& engine, qint64 nowMs,
                                  qint64 silentAfterMs = kFleetSilentAfterMs);
/// "running", "silent", "stopped" (metrics labels).
QString fleetEngineStateKey(FleetEngineState state);

/// One claim an engine holds on shared work. Flow leases and token-refresh leases are one row
/// each; webhook inbox claims and outbox entries are grouped per holder and connector (count).
struct FleetClaim {
    QString kind;     ///< "flow", "token-refresh", "webhook", "outbox"
    QString resource; ///< "flow:<id>" for flows, the connector id for the others
    QString holder;   ///< engine id
    int count = 1;
    qint64 expiresMs = 0; ///< the latest expiry of the group; 0 when the row has none
};

/// Everything the fleet view and the metrics endpoint show about the engines sharing a store.
struct FleetStatus {
    QList<fleet::EngineInfo> engines;
    QList<FleetClaim> claims;
    QStringList errors; ///< parts that could not be read (each part is read on its own)
};

/// Reads fleet_engines, fleet_leases, the webhook inbox claims, the outbox owners and the
/// token-refresh lease holders, one query each, on the calling thread. Claims that expired
/// before nowMs are left out (their holder no longer has them).
FleetStatus readFleetStatus(const std::shared_ptr<store::Database>& db, qint64 nowMs);

/// The store's reachability as this engine's own calls see it (reachable 0/1, outages and
/// reconnects since start), in the Prometheus text format.
QByteArray renderStoreMetrics(const store::StoreAvailability& availability);

/// Prometheus text for bridgekeeper_fleet_engines{state} and bridgekeeper_leases{kind,holder}
/// (the same format as renderPrometheus; appended to /metrics).
QByteArray renderFleetMetrics(const FleetStatus& status, qint64 nowMs,
                              qint64 silentAfterMs = kFleetSilentAfterMs);

} // namespace bk
