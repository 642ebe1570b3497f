#include "CircuitBreaker.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace bk::http {

CircuitBreaker::CircuitBreaker(BreakerConfig config)
    : m_config(config) {}

QString CircuitBreaker::stateName(State s) {
    switch (s) {
    case State::Closed:
        return u"closed"_s;
    case State::Open:
        return u"open"_s;
    case State::HalfOpen:
        return u"half-open"_s;
    }
    return {};
}

void CircuitBreaker::moveTo(State to, qint64 nowMs, const QString& reason) {
    const State from = m_state;
    m_state = to;
    m_sinceMs = nowMs;
    m_reason = reason;
    if (from != to && m_listener)
        m_listener({nowMs, from, to, reason});
}

bool CircuitBreaker::tryAcquire(qint64 nowMs, bool* isProbe) {
    if (isProbe)
        *isProbe = false;
    switch (m_state) {
    case State::Closed:
        return true;
    case State::Open:
        if (nowMs < m_openUntilMs)
            return false;
        m_probeOut = true;
        moveTo(State::HalfOpen, nowMs, u"cooldown over: one probe request"_s);
        if (isProbe)
            *isProbe = true;
        return true;
    case State::HalfOpen:
        if (m_probeOut)
            return false;
        m_probeOut = true;
        if (isProbe)
            *isProbe = true;
        return true;
    }
    return false;
}

void CircuitBreaker::recordSuccess(qint64 nowMs) {
    m_failures = 0;
    if (m_state == State::HalfOpen) {
        m_probeOut = false;
        moveTo(State::Closed, nowMs, u"probe succeeded"_s);
    }
}

void CircuitBreaker::recordFailure(qint64 nowMs, const QString& reason) {
    if (m_state == State::HalfOpen) {
        m_probeOut = false;
        m_openUntilMs = nowMs + m_config.cooldownMs;
        moveTo(State::Open, nowMs, u"probe failed: "_s + reason);
        return;
    }
    if (m_state == State::Open)
        return; // a call that was already out when the breaker opened
    ++m_failures;
    if (m_failures >= m_config.failureThreshold) {
        m_openUntilMs = nowMs + m_config.cooldownMs;
        moveTo(State::Open, nowMs,
               QCoreApplication::translate("http", "%1 consecutive failures, last: %2")
                   .arg(m_failures)
                   .arg(reason));
    }
}

void CircuitBreaker::releaseProbe() {
    m_probeOut = false;
}

void CircuitBreaker::forceOpen(qint64 nowMs, const QString& reason) {
    m_probeOut = false;
    m_openUntilMs = nowMs + m_config.cooldownMs;
    moveTo(State::Open, nowMs, u"forced open: "_s + reason);
}

void CircuitBreaker::forceClose(qint64 nowMs, const QString& reason) {
    m_probeOut = false;
    m_failures = 0;
    moveTo(State::Closed, nowMs, u"forced closed: "_s + reason);
}

void CircuitBreaker::probeNow(qint64 nowMs) {
    if (m_state == State::Open)
        m_openUntilMs = nowMs;
}

} // namespace bk::http
