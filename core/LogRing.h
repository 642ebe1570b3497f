#pragma once

#include <deque>

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

namespace bk {

/// One log line kept in memory for the console's log pane (already redacted).
struct LogEntry {
    quint64 id = 0;
    qint64 timeMs = 0;
    QString level;
    QString category;
    QString message;
};

/// A bounded, thread-safe ring of the most recent log entries with increasing ids, so a
/// view can ask for "everything after id N" without missing or repeating lines.
class LogRing : public QObject {
    Q_OBJECT
public:
    explicit LogRing(int capacity = 5000, QObject* parent = nullptr);

    void append(LogEntry entry);
    QList<LogEntry> entriesAfter(quint64 id) const;
    quint64 lastId() const;

Q_SIGNALS:
    /// Emitted from the logging thread; connect queued.
    void appended(quint64 id);

private:
    mutable QMutex m_mutex;
    int m_capacity;
    quint64 m_nextId = 1;
    std::deque<LogEntry> m_entries;
};

} // namespace bk
