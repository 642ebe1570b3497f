#pragma once

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

#include <QApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QMetaEnum>
#include <QString>
#include <QThread>

namespace bk::bench {

/// A QApplication that times every top-level event delivery on the GUI thread (notify() runs
/// for every thread's events; only the GUI thread's are timed), per receiver class and event
/// type. The heartbeat closes a window at every beat; windows that were stalls are added up,
/// so the report says what filled the stalls: one slow slot, timer or paint, or a flood of
/// small queued calls — and how much of a stall was spent outside any delivery at all.
class ProbeApplication : public QApplication {
public:
    using QApplication::QApplication;

    struct Cost {
        int count = 0;
        double totalMs = 0;
        double maxMs = 0;
        void add(double ms, int n = 1) {
            count += n;
            totalMs += ms;
            maxMs = std::max(maxMs, ms);
        }
    };
    using Key = std::pair<const QMetaObject*, int>;

    bool notify(QObject* receiver, QEvent* event) override {
        if (!m_enabled || m_depth > 0 || QThread::currentThread() != thread()) {
            ++m_depth;
            const bool r = QApplication::notify(receiver, event);
            --m_depth;
            return r;
        }
        const Key key{receiver->metaObject(), int(event->type())}; // event may be gone after
        QElapsedTimer t;
        t.start();
        ++m_depth;
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = double(t.nsecsElapsed()) / 1e6;
        m_window[key].add(ms);
        m_windowMs += ms;
        return r;
    }

    void enable() { m_enabled = true; }
    void disable() { m_enabled = false; }

    /// Called at every beat: when the beat came stallMs late, what ran meanwhile is kept.
    void closeWindow(double stallMs, double thresholdMs) {
        if (stallMs > thresholdMs) {
            ++m_stalls;
            for (const auto& [key, cost] : m_window) {
                Cost& c = m_inStalls[key];
                c.count += cost.count;
                c.totalMs += cost.totalMs;
                c.maxMs = std::max(c.maxMs, cost.maxMs);
            }
            m_stallMs += stallMs;
            m_stallDeliveredMs += m_windowMs;
        }
        m_window.clear();
        m_windowMs = 0;
    }

    /// Receivers and events that filled the stalls, the costliest first.
    void print(FILE* out, std::size_t rows) const {
        std::vector<std::pair<Key, Cost>> v(m_inStalls.begin(), m_inStalls.end());
        std::sort(v.begin(), v.end(),
                  [](const auto& a, const auto& b) { return a.second.totalMs > b.second.totalMs; });
        std::fprintf(out,
                     "  inside %d stalls (%.0f ms in all): %.0f ms in GUI-thread event deliveries; "
                     "the rest outside any (descheduled, polling, painting the backing store)\n",
                     m_stalls, m_stallMs, m_stallDeliveredMs);
        std::fprintf(out, "    %-56s %7s %9s %8s\n", "receiver class / event", "count", "total",
                     "max");
        for (std::size_t i = 0; i < std::min(rows, v.size()); ++i) {
            const char* type = QMetaEnum::fromType<QEvent::Type>().valueToKey(v[i].first.second);
            const QString what = QString::fromLatin1(v[i].first.first->className()) + u' ' +
                                 QString::fromLatin1(type ? type : "?");
            std::fprintf(out, "    %-56s %7d %6.1f ms %5.1f ms\n", qPrintable(what),
                         v[i].second.count, v[i].second.totalMs, v[i].second.maxMs);
        }
    }

private:
    bool m_enabled = false;
    int m_depth = 0;
    std::map<Key, Cost> m_window;
    double m_windowMs = 0;
    std::map<Key, Cost> m_inStalls;
    int m_stalls = 0;
    double m_stallMs = 0;
    double m_stallDeliveredMs = 0;
};

inline double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i =
        std::min(v.size() - 1, std::size_t(std::max(1.0, std::ceil(p * double(v.size())))) - 1);
    return v[i];
}

} // namespace bk::bench
