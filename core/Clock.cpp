#include "Clock.h"

#include <algorithm>
#include <cmath>

#include <QThread>
#include <QTimer>

namespace bk {

namespace {

// Starts a single-shot timer on the context's own thread (timers belong to a thread).
void startTimerOn(QObject* context, qint64 delayMs, std::function<void()> fn) {
    const int delay = int(std::clamp<qint64>(delayMs, 0, std::numeric_limits<int>::max()));
    if (context->thread() == QThread::currentThread()) {
        QTimer::singleShot(delay, Qt::PreciseTimer, context, std::move(fn));
        return;
    }
    QMetaObject::invokeMethod(
        context,
        [context, delay, fn = std::move(fn)]() mutable {
            QTimer::singleShot(delay, Qt::PreciseTimer, context, std::move(fn));
        },
        Qt::QueuedConnection);
}

} // namespace

qint64 SystemClock::nowMs() const {
    return QDateTime::currentMSecsSinceEpoch();
}

void SystemClock::callAt(qint64 atMs, QObject* context, std::function<void()> fn) {
    startTimerOn(context, atMs - nowMs(), std::move(fn));
}

ScaledClock::ScaledClock(qint64 originMs, double factor)
    : m_originMs(originMs)
    , m_realStartMs(QDateTime::currentMSecsSinceEpoch())
    , m_factor(factor > 0 ? factor : 1.0) {}

qint64 ScaledClock::nowMs() const {
    const qint64 realElapsed = QDateTime::currentMSecsSinceEpoch() - m_realStartMs;
    return m_originMs + qint64(std::llround(double(realElapsed) * m_factor));
}

void ScaledClock::callAt(qint64 atMs, QObject* context, std::function<void()> fn) {
    startTimerOn(context, toRealMs(atMs - nowMs()), std::move(fn));
}

qint64 ScaledClock::toRealMs(qint64 clockMs) const {
    return qint64(std::ceil(double(clockMs) / m_factor));
}

ManualClock::ManualClock(qint64 startMs)
    : m_nowMs(startMs) {}

qint64 ManualClock::nowMs() const {
    QMutexLocker lock(&m_mutex);
    return m_nowMs;
}

void ManualClock::callAt(qint64 atMs, QObject* context, std::function<void()> fn) {
    QMutexLocker lock(&m_mutex);
    m_pending.push_back({atMs, m_nextOrder++, context, std::move(fn)});
}

void ManualClock::advance(qint64 deltaMs) {
    qint64 target;
    {
        QMutexLocker lock(&m_mutex);
        target = m_nowMs + deltaMs;
    }
    for (;;) {
        Pending next;
        {
            QMutexLocker lock(&m_mutex);
            auto due = std::min_element(
                m_pending.begin(), m_pending.end(), [](const Pending& a, const Pending& b) {
                    return a.atMs != b.atMs ? a.atMs < b.atMs : a.order < b.order;
                });
            if (due == m_pending.end() || due->atMs > target) {
                m_nowMs = target;
                return;
            }
            next = std::move(*due);
            m_pending.erase(due);
            m_nowMs = std::max(m_nowMs, next.atMs);
        }
        QObject* context = next.context.data();
        if (!context)
            continue;
        if (context->thread() == QThread::currentThread())
            next.fn();
        else
            QMetaObject::invokeMethod(context, std::move(next.fn), Qt::BlockingQueuedConnection);
    }
}

void ManualClock::setNow(qint64 ms) {
    QMutexLocker lock(&m_mutex);
    m_nowMs = ms;
}

int ManualClock::pendingCount() const {
    QMutexLocker lock(&m_mutex);
    return int(m_pending.size());
}

qint64 ManualClock::nextDueMs() const {
    QMutexLocker lock(&m_mutex);
    qint64 best = -1;
    for (const auto& p : m_pending)
        if (best < 0 || p.atMs < best)
            best = p.atMs;
    return best;
}

std::shared_ptr<Clock> makeSystemClock() {
    return std::make_shared<SystemClock>();
}

} // namespace bk
