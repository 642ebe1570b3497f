#pragma once

#include "engine/Snapshots.h"

#include <functional>
#include <memory>
#include <mutex>

#include <QThread>

namespace bk {
class Clock;
namespace store {
class Database;
}

/// Watches whether the engine reaches its store and publishes a StoreStatus when that (or an
/// outage or reconnect count) changes. On PostgreSQL a thread of its own probes the server
/// every probeIntervalMs with `SELECT 1` on its own connection, without the store's
/// backoff: an idle engine notices a stopped server within two probes and a restarted one
/// within one, and the probe never waits an outage out. The GUI thread never touches the
/// store: it gets the published values. SQLite has no server and is published once.
class StoreStatusMonitor {
public:
    /// publish is called on the probe thread (or in start()/refresh() on the caller's).
    StoreStatusMonitor(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
                       std::function<void(const StoreStatus&)> publish, int probeIntervalMs = 1000);
    ~StoreStatusMonitor(); ///< stop()

    /// Publishes the current status and starts probing (PostgreSQL).
    void start();
    /// Stops probing; waits for a probe in progress (at most a connect attempt).
    void stop();
    /// The status last published (cheap; any thread).
    StoreStatus current() const;
    /// Publishes current() again.
    void republish();

private:
    void probe();
    /// Reads the store's counters; publishes when they differ from the last status.
    void update();

    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    std::function<void(const StoreStatus&)> m_publish;
    int m_intervalMs;
    std::unique_ptr<QThread> m_thread;
    mutable std::mutex m_mutex;
    StoreStatus m_status;
};

} // namespace bk
