#include "FleetChannelAgent.h"

#include "LogCategories.h"

using namespace Qt::StringLiterals;

namespace bk::fleet {

FleetChannelAgent::FleetChannelAgent(std::shared_ptr<store::Database> db,
                                     std::shared_ptr<Clock> clock, Options options, QObject* parent)
    : QObject(parent)
    , m_channel(std::move(db))
    , m_clock(std::move(clock))
    , m_options(std::move(options)) {
    m_options.pollMs = std::max<qint64>(1, m_options.pollMs);
    if (m_options.hasAppliedAtStart) {
        m_readControls = true;
        for (const ConnectorControl& c : std::as_const(m_options.appliedAtStart))
            m_applied.insert(c.connectorId, c);
    }
}

FleetChannelAgent::~FleetChannelAgent() = default;

void FleetChannelAgent::start() {
    m_running = true;
    poll();
}

void FleetChannelAgent::stop() {
    m_running = false;
    delete m_timers;
    m_timers = nullptr;
}

void FleetChannelAgent::pollNow() {
    if (m_running)
        poll();
}

void FleetChannelAgent::schedule() {
    delete m_timers;
    m_timers = new QObject(this);
    m_clock->callAfter(m_options.pollMs, m_timers, [this] { poll(); });
}

void FleetChannelAgent::poll() {
    if (!m_running)
        return;
    applyControls();
    claimCommands();
    const qint64 now = m_clock->nowMs();
    if (auto expired = m_channel.expire(now, m_options.unclaimedTimeoutMs, m_options.silentAfterMs);
        !expired)
        warnOnce(u"expiry"_s, expired.error());
    if (now - m_lastPruneMs >= 3600'000) {
        if (auto pruned = m_channel.prune(now - m_options.keepFinishedMs); pruned)
            m_lastPruneMs = now;
    }
    reportIssued();
    schedule();
}

void FleetChannelAgent::warnOnce(const QString& what, const Error& error) {
    // One line per outage, not one per poll.
    const QString line = what + u": "_s + error.message;
    if (line == m_lastWarning)
        return;
    m_lastWarning = line;
    qCWarning(lcStore).noquote() << "fleet command channel" << line;
}

void FleetChannelAgent::applyControls() {
    auto rows = m_channel.controls();
    if (!rows)
        return warnOnce(u"controls"_s, rows.error());
    const bool atStart = !m_readControls;
    m_readControls = true;
    for (const ConnectorControl& c : *rows) {
        const auto it = m_applied.constFind(c.connectorId);
        if (atStart || it == m_applied.cend()) {
            // An engine that starts later takes the fleet's current state.
            if (c.paused)
                Q_EMIT pauseWanted(c.connectorId, true);
            if (!c.breakerOverride.isEmpty() && (!atStart || c.breakerOverride == u"open"_s))
                Q_EMIT breakerWanted(c.connectorId, c.breakerOverride);
        } else if (!(*it == c)) {
            const bool pauseChanged = it->paused != c.paused;
            if (pauseChanged)
                Q_EMIT pauseWanted(c.connectorId, c.paused);
            // A new override, or the same one written again (the operator forced it anew).
            if (!c.breakerOverride.isEmpty() &&
                (it->breakerOverride != c.breakerOverride || !pauseChanged))
                Q_EMIT breakerWanted(c.connectorId, c.breakerOverride);
        }
        m_applied.insert(c.connectorId, c);
    }
}

void FleetChannelAgent::claimCommands() {
    if (m_options.flowIds.isEmpty())
        return;
    // A few per poll: the rest wait for the next poll (or another engine).
    for (int i = 0; i < 8; ++i) {
        auto claimed = m_channel.claimNext(m_options.engineId, m_options.flowIds, m_clock->nowMs());
        if (!claimed)
            return warnOnce(u"claim"_s, claimed.error());
        if (!claimed->has_value())
            return;
        qCInfo(lcStore).noquote() << "fleet command" << (*claimed)->id << (*claimed)->kind
                                  << (*claimed)->flowId << "claimed";
        Q_EMIT commandClaimed(**claimed);
    }
}

void FleetChannelAgent::reportIssued() {
    const QList<qint64> ids(m_issued.cbegin(), m_issued.cend());
    for (qint64 id : ids) {
        auto cmd = m_channel.command(id);
        if (!cmd)
            return warnOnce(u"results"_s, cmd.error());
        if (!cmd->has_value()) { // pruned meanwhile
            m_issued.remove(id);
            continue;
        }
        if ((*cmd)->finishedMs == 0)
            continue;
        m_issued.remove(id);
        Q_EMIT commandFinished(**cmd);
    }
}

bool FleetChannelAgent::setPaused(const QString& connectorId, bool paused,
                                  const FleetChannel::AlsoInTransaction& also) {
    if (auto st =
            m_channel.setPaused(connectorId, paused, m_options.engineId, m_clock->nowMs(), also);
        !st) {
        Q_EMIT channelFailed(st.error().message);
        return false;
    }
    pollNow();
    return true;
}

bool FleetChannelAgent::setBreakerOverride(const QString& connectorId, const QString& override,
                                           const FleetChannel::AlsoInTransaction& also) {
    if (auto st = m_channel.setBreakerOverride(connectorId, override, m_options.engineId,
                                               m_clock->nowMs(), also);
        !st) {
        Q_EMIT channelFailed(st.error().message);
        return false;
    }
    pollNow();
    return true;
}

qint64 FleetChannelAgent::issue(const QString& kind, const QString& flowId,
                                const QString& sourceId) {
    auto id = m_channel.issue(kind, flowId, sourceId, m_options.engineId, m_clock->nowMs());
    if (!id) {
        Q_EMIT channelFailed(id.error().message);
        return 0;
    }
    m_issued.insert(*id);
    return *id;
}

void FleetChannelAgent::finish(qint64 id, bool ok, const QString& detail, const QString& message) {
    auto done = m_channel.finish(id, m_options.engineId, ok, detail, message, m_clock->nowMs());
    if (!done)
        warnOnce(u"finish"_s, done.error());
    else if (!*done)
        qCWarning(lcStore).noquote()
            << "fleet command" << id << "was no longer this engine's to finish";
}

} // namespace bk::fleet
