#include "Ticker.h"

namespace bk::ui {

Ticker::Ticker(std::shared_ptr<Clock> clock, QObject* parent)
    : QObject(parent)
    , m_clock(std::move(clock)) {
    while (m_clock->toRealMs(m_periodMs) < 900 && m_periodMs < 86'400'000)
        m_periodMs *= 2;
}

void Ticker::start() {
    if (m_started)
        return;
    m_started = true;
    scheduleNext();
}

void Ticker::scheduleNext() {
    const qint64 now = m_clock->nowMs();
    const qint64 next = (now / m_periodMs + 1) * m_periodMs;
    m_clock->callAt(next, this, [this] {
        Q_EMIT tick(m_clock->nowMs());
        scheduleNext();
    });
}

} // namespace bk::ui
