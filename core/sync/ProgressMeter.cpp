#include "ProgressMeter.h"

#include <cmath>

namespace bk::sync {

ProgressMeter::ProgressMeter(qint64 halfLifeMs)
    : m_halfLifeMs(halfLifeMs > 0 ? halfLifeMs : 1) {}

void ProgressMeter::start(qint64 nowMs, qint64 done, qint64 total) {
    m_lastMs = nowMs;
    m_done = done;
    m_total = total;
    m_rate = 0;
    m_lastSample = 0;
    m_samples = 0;
}

void ProgressMeter::update(qint64 nowMs, qint64 done) {
    const qint64 dt = nowMs - m_lastMs;
    const qint64 dn = done - m_done;
    m_done = done;
    if (dt <= 0) // same instant: count the records, rate needs elapsed time
        return;
    m_lastMs = nowMs;
    const double sample = double(dn) * 1000.0 / double(dt);
    m_lastSample = sample;
    if (m_samples == 0) {
        m_rate = sample;
    } else {
        // Weight of the old average decays with the time this sample covers.
        const double keep = std::pow(0.5, double(dt) / double(m_halfLifeMs));
        m_rate = keep * m_rate + (1 - keep) * sample;
    }
    ++m_samples;
}

qint64 ProgressMeter::etaMs() const {
    if (m_total <= 0 || m_samples < 3 || m_rate <= 0)
        return -1;
    if (double(m_done) < 0.02 * double(m_total))
        return -1;
    if (std::abs(m_lastSample - m_rate) > 0.5 * m_rate)
        return -1;
    const qint64 left = std::max<qint64>(0, m_total - m_done);
    return qint64(double(left) * 1000.0 / m_rate);
}

} // namespace bk::sync
