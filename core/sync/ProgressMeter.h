#pragma once

#include <QtGlobal>

namespace bk::sync {

/// Smoothed throughput and a trustworthy-only ETA for a long run (initial bulk sync).
/// Feed it (time, records done); it keeps an exponential moving average of the rate.
class ProgressMeter {
public:
    /// halfLifeMs: how fast old rate samples fade.
    explicit ProgressMeter(qint64 halfLifeMs = 30'000);

    void start(qint64 nowMs, qint64 done, qint64 total);
    void setTotal(qint64 total) { m_total = total; }
    /// Records that done records are finished at nowMs.
    void update(qint64 nowMs, qint64 done);

    qint64 done() const { return m_done; }
    qint64 total() const { return m_total; }
    /// Records per second, smoothed; 0 before the first interval.
    double ratePerSecond() const { return m_rate; }
    /// Milliseconds left, or -1 while it cannot be trusted: total unknown, fewer than three
    /// samples, under 2 % done, or the latest rate strays more than 50 % from the average.
    qint64 etaMs() const;

private:
    qint64 m_halfLifeMs;
    qint64 m_lastMs = 0;
    qint64 m_done = 0;
    qint64 m_total = -1;
    double m_rate = 0;
    double m_lastSample = 0;
    int m_samples = 0;
};

} // namespace bk::sync
