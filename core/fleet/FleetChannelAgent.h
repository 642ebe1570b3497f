#pragma once

#include "Clock.h"
#include "FleetChannel.h"

#include <memory>

#include <QHash>
#include <QObject>
#include <QSet>

namespace bk::fleet {

/// One engine's end of the command channel, on a thread that may write to the store (the
/// engine's io thread). Every pollMs of the clock it
/// - reads fleet_controls and asks for what changed to be applied (pauseWanted,
///   breakerWanted; at the first poll every connector that is paused or has an override);
/// - claims waiting commands for the flows this engine runs (commandClaimed), one at a time;
/// - marks failed the commands nobody claimed in time or whose engine went away;
/// - reports the commands this engine issued once they finished (commandFinished).
/// Console-side writes (controls, new commands) run here too, off the GUI thread.
class FleetChannelAgent : public QObject {
    Q_OBJECT
public:
    /// How often every engine reads the channel.
    static constexpr qint64 kPollMs = 1'000;
    /// A command nobody claimed for this long fails.
    static constexpr qint64 kUnclaimedTimeoutMs = 60'000;

    struct Options {
        QString engineId;
        /// Flows whose commands this engine may claim (those it runs); empty for a console.
        QStringList flowIds;
        qint64 pollMs = kPollMs;
        qint64 unclaimedTimeoutMs = kUnclaimedTimeoutMs;
        qint64 silentAfterMs = 15'000;           ///< a claimer silent this long lost its command
        qint64 keepFinishedMs = 24 * 3600'000LL; ///< finished commands are pruned after this
        /// The controls the engine already applied before its flows started (the first poll
        /// then applies only what changed since).
        QList<ConnectorControl> appliedAtStart;
        bool hasAppliedAtStart = false;
    };

    FleetChannelAgent(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                      Options options, QObject* parent = nullptr);
    ~FleetChannelAgent() override;

    /// Polls now and then every pollMs. Call on the object's thread (as for all below).
    void start();
    /// Stops polling and claiming; commands already claimed are still finished.
    void stop();
    /// Polls at once (e.g. right after this engine wrote a control).
    void pollNow();

    /// Writes a control (then polls, so this engine applies it at once); false on failure
    /// (channelFailed says why).
    bool setPaused(const QString& connectorId, bool paused,
                   const FleetChannel::AlsoInTransaction& also = {});
    bool setBreakerOverride(const QString& connectorId, const QString& override,
                            const FleetChannel::AlsoInTransaction& also = {});
    /// Queues a command; its outcome arrives as commandFinished. Returns its id (0 on failure).
    qint64 issue(const QString& kind, const QString& flowId, const QString& sourceId = {});
    /// Records the outcome of a command this engine claimed.
    void finish(qint64 id, bool ok, const QString& detail, const QString& message);

    FleetChannel& channel() { return m_channel; }

Q_SIGNALS:
    /// Apply the fleet's pause state of connectorId to this engine's pipelines and flows.
    void pauseWanted(const QString& connectorId, bool paused);
    /// Apply a breaker override ("open" or "closed") to connectorId's pipeline.
    void breakerWanted(const QString& connectorId, const QString& override);
    /// This engine claimed command: run it and call finish().
    void commandClaimed(const bk::fleet::FleetCommand& command);
    /// A command this engine issued finished (done or failed).
    void commandFinished(const bk::fleet::FleetCommand& command);
    /// A write or read of the channel failed (the operator's action may not have reached the
    /// fleet).
    void channelFailed(const QString& message);

private:
    void poll();
    void schedule();
    void applyControls();
    void claimCommands();
    void reportIssued();
    void warnOnce(const QString& what, const Error& error);

    FleetChannel m_channel;
    std::shared_ptr<Clock> m_clock;
    Options m_options;
    QHash<QString, ConnectorControl> m_applied;
    QSet<qint64> m_issued; ///< commands this engine issued and has not seen finish
    QObject* m_timers = nullptr;
    QString m_lastWarning;
    bool m_readControls = false;
    bool m_running = false;
    qint64 m_lastPruneMs = 0;
};

} // namespace bk::fleet
