#pragma once

#include "Result.h"
#include "engine/Snapshots.h"

#include <functional>
#include <memory>

#include <QObject>

namespace bk {
class Clock;
namespace store {
class Database;
}
} // namespace bk

namespace bk::webhooks {

class LagTracker;

/// Once a minute (on its clock, on the thread it lives in): reads each connector's inbox
/// backlog, closes the minute in the tracker, persists the new samples to webhooks_lag and
/// hands them to the listener (the engine turns them into LagSample snapshots).
class LagMonitor : public QObject {
public:
    LagMonitor(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
               LagTracker* tracker, QObject* parent = nullptr);

    /// Loads the last day of samples from the store, then ticks at every minute boundary.
    Status start();
    /// One tick now (also what the timer runs).
    Status tick();

    void setSamplesListener(std::function<void(const QList<LagSample>&)> listener);

private:
    void scheduleNext();

    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    LagTracker* m_tracker;
    std::function<void(const QList<LagSample>&)> m_listener;
};

} // namespace bk::webhooks
