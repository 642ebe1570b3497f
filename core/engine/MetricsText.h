#pragma once

#include "engine/SnapshotStore.h"

#include <QByteArray>

namespace bk {

/// Renders snapshots in the Prometheus text exposition format (version 0.0.4).
/// nowMs turns absolute expiry times into "seconds until" gauges.
QByteArray renderPrometheus(const SnapshotStore::All& snapshots, qint64 nowMs);

} // namespace bk
