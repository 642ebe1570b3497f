#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <QDateTime>
#include <QMutex>
#include <QObject>
#include <QPointer>

namespace bk {

/// The one source of "now" and of timed callbacks in the engine, so tests and the
/// sandbox can run on manual or accelerated time instead of sleeping.
class Clock {
public:
    virtual ~Clock() = default;

    /// Milliseconds since the Unix epoch, UTC.
    virtual qint64 nowMs() const = 0;
    QDateTime now() const { return QDateTime::fromMSecsSinceEpoch(nowMs(), Qt::UTC); }

    /// Runs fn on context's thread once this clock reaches atMs. If context is destroyed
    /// first, fn never runs. Never blocks the caller.
    virtual void callAt(qint64 atMs, QObject* context, std::function<void()> fn) = 0;
    void callAfter(qint64 delayMs, QObject* context, std::function<void()> fn) {
        callAt(nowMs() + delayMs, context, std::move(fn));
    }

    /// Real milliseconds that correspond to clockMs of this clock's time.
    virtual qint64 toRealMs(qint64 clockMs) const { return clockMs; }
};

/// Wall-clock time, timers from the event loop.
class SystemClock final : public Clock {
public:
    qint64 nowMs() const override;
    void callAt(qint64 atMs, QObject* context, std::function<void()> fn) override;
};

/// Time that runs `factor` times faster than the wall clock from a chosen origin.
/// The sandbox uses it so two simulated hours of 10-minute tokens pass in seconds.
class ScaledClock final : public Clock {
public:
    ScaledClock(qint64 originMs, double factor);
    qint64 nowMs() const override;
    void callAt(qint64 atMs, QObject* context, std::function<void()> fn) override;
    qint64 toRealMs(qint64 clockMs) const override;
    double factor() const { return m_factor; }

private:
    qint64 m_originMs;
    qint64 m_realStartMs;
    double m_factor;
};

/// Time that moves only when a test says so; due callbacks run inside advance().
class ManualClock final : public Clock {
public:
    explicit ManualClock(qint64 startMs = 1'767'225'600'000); // 2026-01-01T00:00:00Z
    qint64 nowMs() const override;
    void callAt(qint64 atMs, QObject* context, std::function<void()> fn) override;

    /// Moves time forward by deltaMs, running every callback that falls due, in time
    /// order, with nowMs() equal to each callback's due time while it runs.
    void advance(qint64 deltaMs);
    void setNow(qint64 ms);
    /// Number of callbacks still waiting.
    int pendingCount() const;
    /// Due time of the earliest waiting callback, or -1.
    qint64 nextDueMs() const;

private:
    struct Pending {
        qint64 atMs;
        quint64 order;
        QPointer<QObject> context;
        std::function<void()> fn;
    };
    mutable QMutex m_mutex;
    qint64 m_nowMs;
    quint64 m_nextOrder = 0;
    std::vector<Pending> m_pending;
};

std::shared_ptr<Clock> makeSystemClock();

} // namespace bk
