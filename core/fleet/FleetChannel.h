#pragma once

#include "Result.h"
#include "store/Database.h"

#include <functional>
#include <memory>
#include <optional>

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace bk::fleet {

/// One row of fleet_controls: the operator's desired state of a connector across the fleet.
struct ConnectorControl {
    QString connectorId;
    bool paused = false;
    QString breakerOverride; ///< "", "open" or "closed"
    qint64 updatedMs = 0;
    QString updatedBy; ///< engine id of the console that wrote it
    bool operator==(const ConnectorControl&) const = default;
};

/// One row of fleet_commands: a flow action a console asked the fleet to carry out.
struct FleetCommand {
    qint64 id = 0;
    QString kind; ///< "run", "reconcile", "resync"
    QString flowId, sourceId;
    QString issuedBy; ///< engine id of the console
    qint64 issuedMs = 0;
    QString claimedBy; ///< engine id; empty while waiting
    qint64 claimedMs = 0;
    qint64 finishedMs = 0; ///< 0 until done or failed
    QString outcome;       ///< "", "ok" or "failed"
    QString detail;        ///< resync: "resolved", "differing" or "failed"
    QString message;
    /// "waiting", "claimed", "done" or "failed".
    QString state() const;
};

/// The fleet's command channel in the shared store (docs/fleet.md, *Command channel*):
/// connector controls as desired state (fleet_controls) that every engine applies, and flow
/// actions as commands (fleet_commands) that exactly one engine able to run the flow claims.
/// Thread-safe: each call uses the calling thread's connection.
class FleetChannel {
public:
    /// Runs inside the control write's transaction (e.g. the audit-log entry), so both commit
    /// together or not at all.
    using AlsoInTransaction = std::function<Status(QSqlDatabase&, const ConnectorControl& before,
                                                   const ConnectorControl& after)>;
    static inline const QString kRun = QStringLiteral("run");
    static inline const QString kReconcile = QStringLiteral("reconcile");
    static inline const QString kResync = QStringLiteral("resync");

    explicit FleetChannel(std::shared_ptr<store::Database> db);

    /// Sets connectorId's paused flag (the breaker override stays) as written by `by`.
    Status setPaused(const QString& connectorId, bool paused, const QString& by, qint64 nowMs,
                     const AlsoInTransaction& also = {});
    /// Sets connectorId's breaker override ("open", "closed" or "" for none).
    Status setBreakerOverride(const QString& connectorId, const QString& override,
                              const QString& by, qint64 nowMs, const AlsoInTransaction& also = {});
    /// Every control row, by connector id.
    Result<QList<ConnectorControl>> controls();

    /// Queues a command; returns its id.
    Result<qint64> issue(const QString& kind, const QString& flowId, const QString& sourceId,
                         const QString& by, qint64 nowMs);
    /// Claims the oldest waiting command for one of flowIds whose lease "flow:<id>" is free,
    /// expired or held by engineId; nullopt when there is none. On PostgreSQL the candidate
    /// is locked with FOR UPDATE SKIP LOCKED, so concurrent claimers pass over each other's
    /// rows; the claiming UPDATE only takes a row still unclaimed, so a command is claimed
    /// at most once on either backend.
    Result<std::optional<FleetCommand>> claimNext(const QString& engineId,
                                                  const QStringList& flowIds, qint64 nowMs);
    /// Records the outcome of a command claimed by engineId (false when it is not its, or
    /// already finished).
    Result<bool> finish(qint64 id, const QString& engineId, bool ok, const QString& detail,
                        const QString& message, qint64 nowMs);
    /// Marks failed every command nobody claimed within unclaimedMs, and every claimed one
    /// whose engine stopped or has been silent (no heartbeat) for silentAfterMs; returns how
    /// many.
    Result<int> expire(qint64 nowMs, qint64 unclaimedMs, qint64 silentAfterMs);
    /// One command, or nullopt when absent.
    Result<std::optional<FleetCommand>> command(qint64 id);
    /// The newest commands first, at most limit.
    Result<QList<FleetCommand>> recent(int limit = 50);
    /// Deletes finished commands older than beforeMs; returns how many.
    Result<int> prune(qint64 beforeMs);

private:
    Status writeControl(const QString& connectorId, const QString& by, qint64 nowMs,
                        const std::function<void(ConnectorControl&)>& change,
                        const AlsoInTransaction& also);

    std::shared_ptr<store::Database> m_db;
};

} // namespace bk::fleet

Q_DECLARE_METATYPE(bk::fleet::ConnectorControl)
Q_DECLARE_METATYPE(bk::fleet::FleetCommand)
