#pragma once

#include <QObject>

class QSocketNotifier;

namespace bk::cli {

/// Turns SIGTERM and SIGINT into a Qt signal on the main thread (self-pipe trick: the
/// handler only writes a byte, which is async-signal-safe). One instance per process.
class TerminationWatcher : public QObject {
    Q_OBJECT
public:
    explicit TerminationWatcher(QObject* parent = nullptr);
    ~TerminationWatcher() override;

Q_SIGNALS:
    /// signalNumber is SIGTERM or SIGINT; emitted once per received signal.
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace bk::cli
