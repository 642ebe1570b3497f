#pragma once

#include <atomic>
#include <functional>
#include <mutex>

#include <QElapsedTimer>
#include <QString>

namespace bk::store {

/// How long the store waits out a lost PostgreSQL server before an operation fails.
struct ReconnectPolicy {
    int firstDelayMs = 100;     ///< wait after the first failed reconnect
    int maxDelayMs = 5000;      ///< the doubling stops here
    int giveUpAfterMs = 60'000; ///< total waiting per operation; 0 = never retry
};

/// The waits of one operation: none before the first reconnect, then firstDelayMs doubling
/// to maxDelayMs, until giveUpAfterMs have passed since the first failure. Blocks the calling
/// thread (store calls run on worker threads only).
class Backoff {
public:
    explicit Backoff(const ReconnectPolicy& policy)
        : m_policy(policy) {}

    /// Waits before the next attempt; false (without waiting) when the budget is spent.
    bool wait();
    /// Milliseconds since the first failure (0 before it).
    qint64 elapsedMs() const { return m_timer.isValid() ? m_timer.elapsed() : 0; }
    int attempts() const { return m_attempts; }

private:
    ReconnectPolicy m_policy;
    QElapsedTimer m_timer;
    int m_nextDelayMs = 0;
    int m_attempts = 0;
};

/// Whether the store's server is reachable, as the store's own calls see it.
struct StoreAvailability {
    bool reachable = true;
    quint64 outages = 0;    ///< outages noticed since the store was opened
    quint64 reconnects = 0; ///< connections reopened after a loss (all threads)
};

/// Counts outages and reconnects of one store and logs each outage once (lcStore), however
/// many threads notice it. A connection remembers the outage count when it was opened; a
/// loss noticed on a connection older than the last outage belongs to that outage.
class StoreHealth {
public:
    explicit StoreHealth(QString describe)
        : m_describe(std::move(describe)) {}

    /// A connection opened when outages() was openedAt has failed (or a connection could not
    /// be opened, openedAt = outages()). Starts an outage unless it is a known one.
    void lost(quint64 openedAt, const QString& why);
    /// A connection was (re)opened after a loss on this thread.
    void reconnected();

    quint64 outages() const { return m_outages.load(); }
    StoreAvailability availability() const;
    /// Called on the thread that notices a change (false: lost, true: back). Keep it short.
    void setListener(std::function<void(bool reachable)> listener);

private:
    void notify(bool reachable);

    QString m_describe;
    mutable std::mutex m_mutex;
    std::atomic<bool> m_down{false};
    std::atomic<quint64> m_outages{0};
    std::atomic<quint64> m_reconnects{0};
    QElapsedTimer m_downFor;
    std::function<void(bool)> m_listener;
};

} // namespace bk::store
