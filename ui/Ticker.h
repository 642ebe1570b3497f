#pragma once

#include "Clock.h"

#include <memory>

#include <QObject>

namespace bk::ui {

/// Emits tick() once per second of the given clock (on whole seconds), scheduled through
/// Clock::callAt so a ManualClock drives it in tests. Under a fast ScaledClock the period
/// stretches so the window repaints at most about once per real second.
class Ticker : public QObject {
    Q_OBJECT
public:
    explicit Ticker(std::shared_ptr<Clock> clock, QObject* parent = nullptr);

    void start();
    qint64 periodMs() const { return m_periodMs; }

Q_SIGNALS:
    void tick(qint64 nowMs);

private:
    void scheduleNext();

    std::shared_ptr<Clock> m_clock;
    qint64 m_periodMs = 1000;
    bool m_started = false;
};

} // namespace bk::ui
