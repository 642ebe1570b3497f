#include "engine/MetricsText.h"

#include "engine/FleetStatus.h"
#include "engine/SnapshotJson.h"

#include <map>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

// Label values escape backslash, double quote and newline (exposition format rules).
QByteArray label(const QString& value) {
    QByteArray v = value.toUtf8();
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n");
    return v;
}

class Writer {
public:
    void family(const char* name, const char* type, const char* help) {
        m_out += "# HELP "_ba + name + ' ' + help + "\n# TYPE "_ba + name + ' ' + type + '\n';
    }
    void sample(const char* name, const QList<std::pair<const char*, QString>>& labels,
                double value) {
        m_out += name;
        if (!labels.isEmpty()) {
            m_out += '{';
            for (qsizetype i = 0; i < labels.size(); ++i) {
                if (i)
                    m_out += ',';
                m_out += labels[i].first + "=\""_ba + label(labels[i].second) + '"';
            }
            m_out += '}';
        }
        m_out += ' ' + QByteArray::number(value, 'g', 15) + '\n';
    }
    QByteArray result() const { return m_out; }

private:
    QByteArray m_out;
};

} // namespace

QByteArray renderPrometheus(const SnapshotStore::All& s, qint64 nowMs) {
    Writer w;
    w.family("bridgekeeper_connector_state", "gauge",
             "1 for the connector's current health state, by state name.");
    for (const auto& h : s.health)
        w.sample("bridgekeeper_connector_state",
                 {{"connector", h.connectorId}, {"state", healthStateKey(h.state)}}, 1);
    w.family("bridgekeeper_requests_total", "counter", "Requests by connector and outcome class.");
    for (const auto& h : s.health) {
        w.sample("bridgekeeper_requests_total", {{"connector", h.connectorId}, {"class", u"ok"_s}},
                 double(h.requestsOk));
        w.sample("bridgekeeper_requests_total",
                 {{"connector", h.connectorId}, {"class", u"failed"_s}}, double(h.requestsFailed));
    }
    w.family("bridgekeeper_retries_total", "counter", "Retries by connector.");
    for (const auto& h : s.health)
        w.sample("bridgekeeper_retries_total", {{"connector", h.connectorId}}, double(h.retries));
    w.family("bridgekeeper_dead_letters", "gauge", "Dead letters by connector.");
    for (const auto& h : s.health)
        w.sample("bridgekeeper_dead_letters", {{"connector", h.connectorId}},
                 double(h.deadLetters));
    w.family("bridgekeeper_token_seconds_to_expiry", "gauge",
             "Seconds until the access or refresh token expires.");
    for (const auto& t : s.tokens) {
        if (t.accessExpiresMs > 0)
            w.sample("bridgekeeper_token_seconds_to_expiry",
                     {{"connector", t.connectorId}, {"token", u"access"_s}},
                     double(t.accessExpiresMs - nowMs) / 1000.0);
        if (t.refreshExpiresMs > 0)
            w.sample("bridgekeeper_token_seconds_to_expiry",
                     {{"connector", t.connectorId}, {"token", u"refresh"_s}},
                     double(t.refreshExpiresMs - nowMs) / 1000.0);
    }
    w.family("bridgekeeper_quota_used", "gauge", "Quota used in the current window, per policy.");
    for (const auto& g : s.gauges)
        w.sample("bridgekeeper_quota_used", {{"connector", g.connectorId}, {"policy", g.policyId}},
                 g.used);
    w.family("bridgekeeper_quota_limit", "gauge", "Quota limit per policy.");
    for (const auto& g : s.gauges)
        w.sample("bridgekeeper_quota_limit", {{"connector", g.connectorId}, {"policy", g.policyId}},
                 g.limit);
    w.family("bridgekeeper_webhook_lag_seconds", "gauge", "Webhook lag quantiles.");
    for (const auto& l : s.lags) {
        w.sample("bridgekeeper_webhook_lag_seconds",
                 {{"connector", l.connectorId}, {"quantile", u"0.5"_s}}, l.p50Ms / 1000.0);
        w.sample("bridgekeeper_webhook_lag_seconds",
                 {{"connector", l.connectorId}, {"quantile", u"0.95"_s}}, l.p95Ms / 1000.0);
    }
    w.family("bridgekeeper_webhook_backlog", "gauge", "Webhook events received but not processed.");
    for (const auto& l : s.lags)
        w.sample("bridgekeeper_webhook_backlog", {{"connector", l.connectorId}}, l.backlog);
    w.family("bridgekeeper_flow_records_done", "gauge", "Records done in the current or last run.");
    for (const auto& f : s.flows)
        w.sample("bridgekeeper_flow_records_done", {{"flow", f.flowId}}, double(f.done));
    return w.result();
}

QByteArray renderStoreMetrics(const store::StoreAvailability& availability) {
    Writer w;
    w.family("bridgekeeper_store_reachable", "gauge",
             "1 while the store answers this engine's calls, 0 during an outage.");
    w.sample("bridgekeeper_store_reachable", {}, availability.reachable ? 1 : 0);
    w.family("bridgekeeper_store_outages_total", "counter",
             "Store outages this engine noticed since it started.");
    w.sample("bridgekeeper_store_outages_total", {}, double(availability.outages));
    w.family("bridgekeeper_store_reconnects_total", "counter",
             "Store connections reopened after a loss since the engine started.");
    w.sample("bridgekeeper_store_reconnects_total", {}, double(availability.reconnects));
    return w.result();
}

QByteArray renderFleetMetrics(const FleetStatus& status, qint64 nowMs, qint64 silentAfterMs) {
    Writer w;
    w.family("bridgekeeper_fleet_engines", "gauge",
             "Engines sharing the store, by state (silent: no heartbeat for a while).");
    std::map<QString, int> byState{{u"running"_s, 0}, {u"silent"_s, 0}, {u"stopped"_s, 0}};
    for (const auto& e : status.engines)
        ++byState[fleetEngineStateKey(fleetEngineState(e, nowMs, silentAfterMs))];
    for (const auto& [state, n] : byState)
        w.sample("bridgekeeper_fleet_engines", {{"state", state}}, n);
    w.family("bridgekeeper_leases", "gauge",
             "Claims held on shared work, by kind (flow, token-refresh, webhook, outbox) and "
             "holding engine.");
    std::map<std::pair<QString, QString>, int> byHolder;
    for (const auto& c : status.claims)
        byHolder[{c.kind, c.holder}] += c.count;
    for (const auto& [key, n] : byHolder)
        w.sample("bridgekeeper_leases", {{"kind", key.first}, {"holder", key.second}}, n);
    return w.result();
}

} // namespace bk
