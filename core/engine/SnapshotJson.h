#pragma once

#include "engine/Snapshots.h"

#include <QJsonObject>

namespace bk {

/// Stable machine names of health states ("circuit-open", …) for JSON and metrics.
QString healthStateKey(HealthState state);
std::optional<HealthState> healthStateFromKey(const QString& key);

/// JSON forms of the snapshots, used by `status --json`, the snapshot table and metrics.
QJsonObject toJson(const ConnectorHealth& h);
QJsonObject toJson(const TokenState& t);
QJsonObject toJson(const RateGauge& g);
QJsonObject toJson(const LagSample& s);
QJsonObject toJson(const FlowProgress& p);

ConnectorHealth connectorHealthFromJson(const QJsonObject& o);
TokenState tokenStateFromJson(const QJsonObject& o);
RateGauge rateGaugeFromJson(const QJsonObject& o);
LagSample lagSampleFromJson(const QJsonObject& o);
FlowProgress flowProgressFromJson(const QJsonObject& o);

} // namespace bk
