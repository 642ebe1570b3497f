#pragma once

#include "engine/Snapshots.h"

#include <vector>

#include <QHash>
#include <QString>

namespace bk::ui {

/// A fixed-capacity ring: push() overwrites the oldest element when full.
template <typename T> class RingBuffer {
public:
    explicit RingBuffer(std::size_t capacity)
        : m_data(capacity) {}
    void push(const T& v) {
        m_data[(m_start + m_size) % m_data.size()] = v;
        if (m_size < m_data.size())
            ++m_size;
        else
            m_start = (m_start + 1) % m_data.size();
    }
    std::size_t size() const { return m_size; }
    std::size_t capacity() const { return m_data.size(); }
    bool empty() const { return m_size == 0; }
    /// i = 0 is the oldest element.
    const T& at(std::size_t i) const { return m_data[(m_start + i) % m_data.size()]; }
    T& back() { return m_data[(m_start + m_size - 1) % m_data.size()]; }
    const T& back() const { return m_data[(m_start + m_size - 1) % m_data.size()]; }

private:
    std::vector<T> m_data;
    std::size_t m_start = 0;
    std::size_t m_size = 0;
};

/// One point of webhook-lag history: a bucket of samples.
struct LagPoint {
    qint64 timeMs = 0; ///< start of the bucket
    double p50Ms = 0;  ///< mean of the samples' p50
    double p95Ms = 0;  ///< max of the samples' p95
    int backlog = 0;   ///< max backlog
    int samples = 0;
};

/// Webhook lag history of every connector at two resolutions: one-second buckets for the
/// last hour and one-minute buckets for the last 24 hours. Memory is bounded however fast
/// samples arrive; adding is O(1).
class LagHistory {
public:
    static constexpr qint64 kFineBucketMs = 1000;
    static constexpr qint64 kCoarseBucketMs = 60'000;
    static constexpr std::size_t kFineCapacity = 3600;
    static constexpr std::size_t kCoarseCapacity = 1440;

    void add(const LagSample& sample);
    /// The ring for a connector: fine (last hour) or coarse (last day). Null when unknown.
    const RingBuffer<LagPoint>* series(const QString& connectorId, bool coarse) const;

private:
    struct Rings {
        RingBuffer<LagPoint> fine{kFineCapacity};
        RingBuffer<LagPoint> coarse{kCoarseCapacity};
    };
    static void merge(RingBuffer<LagPoint>& ring, const LagSample& s, qint64 bucketMs);

    QHash<QString, Rings> m_rings;
};

} // namespace bk::ui
