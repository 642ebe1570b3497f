#pragma once

#include "PipelineConfig.h"

#include <functional>

#include <QString>

namespace bk::http {

/// One circuit breaker (per connector host). Pure logic over timestamps handed in, so the
/// Pipeline drives it with its Clock and tests drive it directly.
class CircuitBreaker {
public:
    enum class State {
        Closed,   ///< calls flow
        Open,     ///< calls are parked until the cooldown ends
        HalfOpen, ///< exactly one probe is out; everything else stays parked
    };
    struct Event {
        qint64 timeMs = 0;
        State from = State::Closed;
        State to = State::Closed;
        QString reason;
    };

    explicit CircuitBreaker(BreakerConfig config = {});

    /// May a call go out now? Open past its cooldown turns HalfOpen and lets exactly this
    /// call through as the probe (isProbe set).
    bool tryAcquire(qint64 nowMs, bool* isProbe = nullptr);
    /// A call that went out came back with a non-failure (success, 4xx, 429): closes a
    /// half-open breaker and resets the streak.
    void recordSuccess(qint64 nowMs);
    /// A transient (5xx) or network failure: counts toward the threshold; a failed probe
    /// re-opens for another cooldown.
    void recordFailure(qint64 nowMs, const QString& reason);
    /// A probe that was granted but never sent (e.g. ledger wait): let another call probe.
    void releaseProbe();

    /// Console overrides.
    void forceOpen(qint64 nowMs, const QString& reason);
    void forceClose(qint64 nowMs, const QString& reason);
    void probeNow(qint64 nowMs);

    State state() const { return m_state; }
    int consecutiveFailures() const { return m_failures; }
    qint64 sinceMs() const { return m_sinceMs; }
    /// When the next probe may go out (Open), else 0.
    qint64 nextProbeMs() const { return m_state == State::Open ? m_openUntilMs : 0; }
    QString lastReason() const { return m_reason; }

    void setListener(std::function<void(const Event&)> listener) {
        m_listener = std::move(listener);
    }
    static QString stateName(State s);

private:
    void moveTo(State to, qint64 nowMs, const QString& reason);

    BreakerConfig m_config;
    State m_state = State::Closed;
    int m_failures = 0;
    qint64 m_openUntilMs = 0;
    qint64 m_sinceMs = 0;
    bool m_probeOut = false;
    QString m_reason;
    std::function<void(const Event&)> m_listener;
};

} // namespace bk::http
