#include "LogRing.h"

namespace bk {

LogRing::LogRing(int capacity, QObject* parent)
    : QObject(parent)
    , m_capacity(capacity) {}

void LogRing::append(LogEntry entry) {
    quint64 id;
    {
        QMutexLocker lock(&m_mutex);
        id = entry.id = m_nextId++;
        m_entries.push_back(std::move(entry));
        while (int(m_entries.size()) > m_capacity)
            m_entries.pop_front();
    }
    Q_EMIT appended(id);
}

QList<LogEntry> LogRing::entriesAfter(quint64 id) const {
    QMutexLocker lock(&m_mutex);
    QList<LogEntry> out;
    for (const auto& e : m_entries)
        if (e.id > id)
            out.push_back(e);
    return out;
}

quint64 LogRing::lastId() const {
    QMutexLocker lock(&m_mutex);
    return m_nextId - 1;
}

} // namespace bk
