#include "engine/SnapshotJson.h"

#include <array>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

struct StateName {
    HealthState state;
    const char16_t* key;
};

constexpr std::array<StateName, 8> kStates{{
    {HealthState::NeedsReauth, u"needs-reauth"},
    {HealthState::CircuitOpen, u"circuit-open"},
    {HealthState::VendorOutage, u"vendor-outage"},
    {HealthState::RateLimited, u"rate-limited"},
    {HealthState::Degraded, u"degraded"},
    {HealthState::Healthy, u"healthy"},
    {HealthState::Paused, u"paused"},
    {HealthState::Disabled, u"disabled"},
}};

// JSON numbers are doubles: exact up to 2^53, far beyond any millisecond timestamp.
qint64 ms(const QJsonObject& o, const QString& key) {
    return qint64(o.value(key).toDouble());
}

} // namespace

QString healthStateKey(HealthState state) {
    for (const auto& s : kStates)
        if (s.state == state)
            return QString::fromUtf16(s.key);
    return u"healthy"_s;
}

std::optional<HealthState> healthStateFromKey(const QString& key) {
    for (const auto& s : kStates)
        if (key == QStringView(s.key))
            return s.state;
    return std::nullopt;
}

QJsonObject toJson(const ConnectorHealth& h) {
    return {{u"connector"_s, h.connectorId},
            {u"state"_s, healthStateKey(h.state)},
            {u"reason"_s, h.reason},
            {u"sinceMs"_s, double(h.sinceMs)},
            {u"nextProbeMs"_s, double(h.nextProbeMs)},
            {u"requestsOk"_s, double(h.requestsOk)},
            {u"requestsFailed"_s, double(h.requestsFailed)},
            {u"retries"_s, double(h.retries)},
            {u"deadLetters"_s, double(h.deadLetters)}};
}

ConnectorHealth connectorHealthFromJson(const QJsonObject& o) {
    ConnectorHealth h;
    h.connectorId = o.value(u"connector"_s).toString();
    h.state = healthStateFromKey(o.value(u"state"_s).toString()).value_or(HealthState::Healthy);
    h.reason = o.value(u"reason"_s).toString();
    h.sinceMs = ms(o, u"sinceMs"_s);
    h.nextProbeMs = ms(o, u"nextProbeMs"_s);
    h.requestsOk = quint64(ms(o, u"requestsOk"_s));
    h.requestsFailed = quint64(ms(o, u"requestsFailed"_s));
    h.retries = quint64(ms(o, u"retries"_s));
    h.deadLetters = quint64(ms(o, u"deadLetters"_s));
    return h;
}

QJsonObject toJson(const TokenState& t) {
    return {{u"connector"_s, t.connectorId},
            {u"authorised"_s, t.authorised},
            {u"accessExpiresMs"_s, double(t.accessExpiresMs)},
            {u"nextRefreshMs"_s, double(t.nextRefreshMs)},
            {u"refreshExpiresMs"_s, double(t.refreshExpiresMs)},
            {u"lastRefreshMs"_s, double(t.lastRefreshMs)},
            {u"lastRefreshOk"_s, t.lastRefreshOk},
            {u"lastRefreshMessage"_s, t.lastRefreshMessage}};
}

TokenState tokenStateFromJson(const QJsonObject& o) {
    TokenState t;
    t.connectorId = o.value(u"connector"_s).toString();
    t.authorised = o.value(u"authorised"_s).toBool();
    t.accessExpiresMs = ms(o, u"accessExpiresMs"_s);
    t.nextRefreshMs = ms(o, u"nextRefreshMs"_s);
    t.refreshExpiresMs = ms(o, u"refreshExpiresMs"_s);
    t.lastRefreshMs = ms(o, u"lastRefreshMs"_s);
    t.lastRefreshOk = o.value(u"lastRefreshOk"_s).toBool(true);
    t.lastRefreshMessage = o.value(u"lastRefreshMessage"_s).toString();
    return t;
}

QJsonObject toJson(const RateGauge& g) {
    return {{u"connector"_s, g.connectorId},
            {u"policy"_s, g.policyId},
            {u"kind"_s, g.kind},
            {u"used"_s, g.used},
            {u"limit"_s, g.limit},
            {u"resetAtMs"_s, double(g.resetAtMs)},
            {u"fromServer"_s, g.fromServer},
            {u"updatedMs"_s, double(g.updatedMs)}};
}

RateGauge rateGaugeFromJson(const QJsonObject& o) {
    RateGauge g;
    g.connectorId = o.value(u"connector"_s).toString();
    g.policyId = o.value(u"policy"_s).toString();
    g.kind = o.value(u"kind"_s).toString();
    g.used = o.value(u"used"_s).toDouble();
    g.limit = o.value(u"limit"_s).toDouble();
    g.resetAtMs = ms(o, u"resetAtMs"_s);
    g.fromServer = o.value(u"fromServer"_s).toBool();
    g.updatedMs = ms(o, u"updatedMs"_s);
    return g;
}

QJsonObject toJson(const LagSample& s) {
    return {{u"connector"_s, s.connectorId},
            {u"timeMs"_s, double(s.timeMs)},
            {u"p50Ms"_s, s.p50Ms},
            {u"p95Ms"_s, s.p95Ms},
            {u"backlog"_s, s.backlog}};
}

LagSample lagSampleFromJson(const QJsonObject& o) {
    LagSample s;
    s.connectorId = o.value(u"connector"_s).toString();
    s.timeMs = ms(o, u"timeMs"_s);
    s.p50Ms = o.value(u"p50Ms"_s).toDouble();
    s.p95Ms = o.value(u"p95Ms"_s).toDouble();
    s.backlog = o.value(u"backlog"_s).toInt();
    return s;
}

QJsonObject toJson(const FlowProgress& p) {
    return {{u"flow"_s, p.flowId},
            {u"running"_s, p.running},
            {u"bulk"_s, p.bulk},
            {u"lastRunMs"_s, double(p.lastRunMs)},
            {u"lastRunOk"_s, p.lastRunOk},
            {u"lastRunMessage"_s, p.lastRunMessage},
            {u"nextRunMs"_s, double(p.nextRunMs)},
            {u"done"_s, double(p.done)},
            {u"total"_s, double(p.total)},
            {u"ratePerSecond"_s, p.ratePerSecond},
            {u"etaMs"_s, double(p.etaMs)},
            {u"lastReconcileMs"_s, double(p.lastReconcileMs)},
            {u"reconcileMissing"_s, p.reconcileMissing},
            {u"reconcileExtra"_s, p.reconcileExtra},
            {u"reconcileDiffering"_s, p.reconcileDiffering}};
}

FlowProgress flowProgressFromJson(const QJsonObject& o) {
    FlowProgress p;
    p.flowId = o.value(u"flow"_s).toString();
    p.running = o.value(u"running"_s).toBool();
    p.bulk = o.value(u"bulk"_s).toBool();
    p.lastRunMs = ms(o, u"lastRunMs"_s);
    p.lastRunOk = o.value(u"lastRunOk"_s).toBool(true);
    p.lastRunMessage = o.value(u"lastRunMessage"_s).toString();
    p.nextRunMs = ms(o, u"nextRunMs"_s);
    p.done = ms(o, u"done"_s);
    p.total = o.contains(u"total"_s) ? ms(o, u"total"_s) : -1;
    p.ratePerSecond = o.value(u"ratePerSecond"_s).toDouble();
    p.etaMs = o.contains(u"etaMs"_s) ? ms(o, u"etaMs"_s) : -1;
    p.lastReconcileMs = ms(o, u"lastReconcileMs"_s);
    p.reconcileMissing = o.value(u"reconcileMissing"_s).toInt();
    p.reconcileExtra = o.value(u"reconcileExtra"_s).toInt();
    p.reconcileDiffering = o.value(u"reconcileDiffering"_s).toInt();
    return p;
}

} // namespace bk
