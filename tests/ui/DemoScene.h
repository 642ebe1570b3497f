#pragma once

// A plausible afternoon for the sample workspace, emitted through a FakeEngine: used by the
// screenshot tool and the stall benchmark's warm-up. Times are relative to nowMs.

#include "FakeEngine.h"

#include <cmath>

inline void playDemoScene(FakeEngine& e, qint64 now) {
    using bk::HealthState;
    constexpr qint64 min = 60'000;
    e.health(u"exact"_s, HealthState::RateLimited, u"minutely quota nearly spent (58 of 60)"_s,
             now - 4 * min, 0, 18'430, 12);
    e.health(u"pipedrive"_s, HealthState::CircuitOpen, u"5 consecutive 503 Service Unavailable"_s,
             now - 108'000, now + 192'000, 6'210, 41);
    e.health(u"shopify"_s, HealthState::Healthy, {}, now - 3 * 3'600'000, 0, 25'918, 3);

    bk::TokenState t;
    t.connectorId = u"exact"_s;
    t.authorised = true;
    t.accessExpiresMs = now + 8 * min + 20'000;
    t.nextRefreshMs = now + 7 * min + 5'000;
    t.refreshExpiresMs = now + 6 * 86'400'000LL + 5 * 3'600'000;
    t.lastRefreshMs = now - 2 * min - 15'000;
    t.lastRefreshOk = true;
    e.token(t);

    e.gauge(u"exact"_s, u"minutely"_s, u"fixed-window"_s, 58, 60, now + 37'000, true);
    e.gauge(u"exact"_s, u"daily"_s, u"daily-quota"_s, 3120, 5000, now + 13 * 3'600'000, true);
    e.gauge(u"exact"_s, u"errors"_s, u"error-budget"_s, 3, 10, now + 6 * min, false);
    e.gauge(u"shopify"_s, u"rest-bucket"_s, u"leaky-bucket"_s, 12, 40, 0, true);
    e.gauge(u"pipedrive"_s, u"burst"_s, u"sliding-window"_s, 0, 80, now + 2'000, false);

    // An hour of webhook lag for Exact: calm, a backlog 25 minutes ago, recovering.
    for (qint64 t0 = now - 3'600'000; t0 <= now; t0 += 20'000) {
        const double minutesAgo = double(now - t0) / min;
        const double bump = std::exp(-std::pow((minutesAgo - 25) / 5.0, 2));
        const double wobble = 0.15 * std::sin(double(t0) / 97'000.0);
        const double p50 = 900 * (1 + wobble) + 95'000 * bump;
        const double p95 = 3'200 * (1 + wobble) + 230'000 * bump;
        e.lag(u"exact"_s, t0, p50, p95, int(4 + 380 * bump));
        e.lag(u"shopify"_s, t0, 400 * (1 + wobble), 1'500 * (1 + wobble), 2);
    }

    bk::FlowProgress bulk;
    bulk.flowId = u"persons-to-contacts"_s;
    bulk.running = true;
    bulk.bulk = true;
    bulk.lastRunMs = now - 5 * min;
    bulk.done = 6'240;
    bulk.total = 18'500;
    bulk.ratePerSecond = 16.1;
    bulk.etaMs = 12 * min + 40'000;
    bulk.nextRunMs = 0;
    bulk.lastReconcileMs = now - 4 * 3'600'000;
    e.flow(bulk);
    bk::FlowProgress orders;
    orders.flowId = u"orders-to-invoices"_s;
    orders.lastRunMs = now - 2 * min;
    orders.lastRunOk = true;
    orders.done = 37;
    orders.total = 37;
    orders.nextRunMs = now + 72'000;
    orders.lastReconcileMs = now - 2 * 3'600'000;
    orders.reconcileMissing = 2;
    orders.reconcileDiffering = 1;
    e.flow(orders);

    qint64 id = 1;
    e.event(id++, now - 31 * min, u"exact"_s, u"alert"_s, u"warning"_s,
            u"Webhook lag p95 above 3 min"_s);
    e.event(id++, now - 19 * min, u"exact"_s, u"alert"_s, u"info"_s,
            u"Webhook lag back to normal"_s);
    e.event(id++, now - 5 * min, u"exact"_s, u"rate-limited"_s, u"warning"_s,
            u"429 Too Many Requests; Retry-After 37 s"_s);
    e.event(id++, now - 3 * min, u"pipedrive"_s, u"retry"_s, u"info"_s,
            u"503 on GET /persons; retry 3 of 5 in 4 s"_s);
    e.event(id++, now - 2 * min - 15'000, u"exact"_s, u"token-refreshed"_s, u"info"_s,
            u"Access token refreshed; refresh token rotated and stored"_s);
    e.event(id++, now - 108'000, u"pipedrive"_s, u"breaker-open"_s, u"critical"_s,
            u"Circuit opened after 5 consecutive 503s; probe in 5 min"_s);
    e.event(id++, now - 60'000, u"shopify"_s, u"webhook-duplicate"_s, u"info"_s,
            u"Duplicate orders/create webhook dropped (same event id)"_s);
}
