#include "LagHistory.h"

#include <algorithm>

namespace bk::ui {

void LagHistory::merge(RingBuffer<LagPoint>& ring, const LagSample& s, qint64 bucketMs) {
    const qint64 bucket = s.timeMs - s.timeMs % bucketMs;
    if (!ring.empty() && ring.back().timeMs >= bucket) {
        // Same bucket (or a late sample): fold into the newest point.
        LagPoint& p = ring.back();
        p.p50Ms = (p.p50Ms * p.samples + s.p50Ms) / (p.samples + 1);
        p.p95Ms = std::max(p.p95Ms, s.p95Ms);
        p.backlog = std::max(p.backlog, s.backlog);
        ++p.samples;
        return;
    }
    ring.push(LagPoint{bucket, s.p50Ms, s.p95Ms, s.backlog, 1});
}

void LagHistory::add(const LagSample& sample) {
    Rings& r = m_rings[sample.connectorId];
    merge(r.fine, sample, kFineBucketMs);
    merge(r.coarse, sample, kCoarseBucketMs);
}

const RingBuffer<LagPoint>* LagHistory::series(const QString& connectorId, bool coarse) const {
    const auto it = m_rings.constFind(connectorId);
    if (it == m_rings.cend())
        return nullptr;
    return coarse ? &it->coarse : &it->fine;
}

} // namespace bk::ui
