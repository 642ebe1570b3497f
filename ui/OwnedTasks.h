#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace bk::ui {

/// Background reads that belong to one widget or model. The work runs on a pool the owner
/// holds, so destroying the owner waits for work still running instead of leaving it to read
/// a store after the window (or the whole application) is gone; results are handed over in the
/// owner's thread, and a result that lands after the owner is gone is dropped.
///
/// Declare it as the owner's last member: it is destroyed first, before what the work uses.
class OwnedTasks {
public:
    explicit OwnedTasks(QObject* owner, int maxThreads = 2)
        : m_owner(owner) {
        m_pool.setMaxThreadCount(maxThreads);
    }
    ~OwnedTasks() { m_pool.waitForDone(); }
    OwnedTasks(const OwnedTasks&) = delete;
    OwnedTasks& operator=(const OwnedTasks&) = delete;

    /// Runs work() on the pool and calls done(result) in the owner's thread.
    template <typename Work, typename Done> void run(Work work, Done done) {
        using T = std::invoke_result_t<Work>;
        auto* watcher = new QFutureWatcher<T>(m_owner);
        QObject::connect(watcher, &QFutureWatcher<T>::finished, m_owner,
                         [watcher, done = std::move(done)]() {
                             watcher->deleteLater();
                             done(watcher->result());
                         });
        watcher->setFuture(QtConcurrent::run(&m_pool, std::move(work)));
    }

private:
    QObject* m_owner;
    QThreadPool m_pool;
};

} // namespace bk::ui
