#include "PipelineConfig.h"

#include "Duration.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bk::http {

namespace {

QJsonObject merged(QJsonObject base, const QJsonObject& over) {
    for (auto it = over.begin(); it != over.end(); ++it)
        base.insert(it.key(), it.value());
    return base;
}

Result<qint64> durationField(const QJsonObject& o, const QString& key, qint64 fallback,
                             const QString& where) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return fallback;
    if (v.isDouble())
        return qint64(v.toDouble() * 1000.0);
    auto ms = parseDurationMs(v.toString());
    if (!ms)
        return Error::usage(
            u"%1.%2: \"%3\" is not a duration (like 90s, 5m, 1h)"_s.arg(where, key, v.toString()));
    return *ms;
}

Result<RatePolicy::Kind> kindFromName(const QString& name, const QString& where) {
    using K = RatePolicy::Kind;
    for (K k : {K::FixedWindow, K::SlidingWindow, K::LeakyBucket, K::DailyQuota, K::CostBudget,
                K::ErrorBudget})
        if (RatePolicy::kindName(k) == name)
            return k;
    return Error{
        ErrorCategory::Unsupported,
        u"%1.kind: \"%2\" is not a rate-limit kind this pipeline enforces"_s.arg(where, name)};
}

Result<RatePolicy> parsePolicy(const QJsonObject& o, const QString& where) {
    RatePolicy p;
    p.id = o.value(u"id"_s).toString();
    if (p.id.isEmpty())
        return Error::usage(where + u".id: missing"_s);
    auto kind = kindFromName(o.value(u"kind"_s).toString(), where);
    if (!kind)
        return kind.error();
    p.kind = *kind;
    p.scope = o.value(u"scope"_s).toString();
    p.limit = o.value(u"limit"_s).toDouble(o.value(u"capacity"_s).toDouble());
    if (p.limit <= 0)
        return Error::usage(where + u".limit: must be a positive number"_s);
    auto window = durationField(o, u"window"_s, 60'000, where);
    if (!window)
        return window.error();
    p.windowMs = *window;
    p.leakPerSecond = o.value(u"leakPerSecond"_s).toDouble();
    if (p.kind == RatePolicy::Kind::LeakyBucket && p.leakPerSecond <= 0)
        return Error::usage(where + u".leakPerSecond: must be a positive number"_s);
    if (p.kind == RatePolicy::Kind::DailyQuota || p.kind == RatePolicy::Kind::CostBudget) {
        p.windowMs = 86'400'000;
        const QString reset = o.value(u"resetUtc"_s).toString(u"00:00"_s);
        const QTime t = QTime::fromString(reset, u"HH:mm"_s);
        if (!t.isValid())
            return Error::usage(where + u".resetUtc: expected HH:mm"_s);
        p.resetUtcOffsetMs = t.msecsSinceStartOfDay();
    }
    const QJsonObject costs = o.value(u"costs"_s).toObject();
    for (auto it = costs.begin(); it != costs.end(); ++it)
        p.costs.insert(it.key(), it.value().toDouble());
    p.defaultCost = o.value(u"defaultCost"_s).toDouble(1);
    for (const auto& v : o.value(u"countStatuses"_s).toArray())
        p.countStatuses.append(v.toInt());
    auto block = durationField(o, u"blockFor"_s, 3'600'000, where);
    if (!block)
        return block.error();
    p.blockForMs = *block;
    // Default guard (latency between taking a slot and arriving): for fixed windows a quarter
    // of the window, at most 2 s — free at saturation, where slots go at a window's start;
    // for sliding windows it widens the window, so only a twentieth, at most 500 ms.
    const qint64 defaultGuard = p.kind == RatePolicy::Kind::SlidingWindow
                                    ? std::min<qint64>(p.windowMs / 20, 500)
                                    : std::min<qint64>(p.windowMs / 4, 2000);
    auto guard = durationField(o, u"guard"_s, defaultGuard, where);
    if (!guard)
        return guard.error();
    p.guardMs = *guard;
    const QJsonObject h = o.value(u"headers"_s).toObject();
    p.limitHeader = h.value(u"limit"_s).toString().toLatin1();
    p.remainingHeader = h.value(u"remaining"_s).toString().toLatin1();
    p.resetHeader = h.value(u"reset"_s).toString().toLatin1();
    p.usedOfSizeHeader = h.value(u"usedOfSize"_s).toString().toLatin1();
    p.resetUnit = h.value(u"resetUnit"_s).toString(u"epoch-ms"_s);
    return p;
}

} // namespace

QString RatePolicy::kindName(Kind k) {
    switch (k) {
    case Kind::FixedWindow:
        return u"fixed-window"_s;
    case Kind::SlidingWindow:
        return u"sliding-window"_s;
    case Kind::LeakyBucket:
        return u"leaky-bucket"_s;
    case Kind::DailyQuota:
        return u"daily-quota"_s;
    case Kind::CostBudget:
        return u"cost-budget"_s;
    case Kind::ErrorBudget:
        return u"error-budget"_s;
    }
    return {};
}

QString PipelineConfig::scopeKey(const RatePolicy& policy, const QString& endpoint) const {
    QStringList parts{connectorType, policy.id};
    for (const QString& part : policy.scope.split(u'+', Qt::SkipEmptyParts)) {
        if (part == u"endpoint"_s)
            parts.append(u"endpoint="_s + endpoint);
        else
            parts.append(part + u'=' + scopeValues.value(part));
    }
    return parts.join(u'|');
}

Result<PipelineConfig> PipelineConfig::fromDefinition(const ConnectorConfig& connector,
                                                      const QJsonObject& definition) {
    PipelineConfig c;
    c.connectorId = connector.id;
    c.connectorType = connector.type;
    const QJsonObject ov = connector.overrides;
    const QString where = u"connector \"%1\""_s.arg(connector.id);

    const QJsonObject retry =
        merged(definition.value(u"retry"_s).toObject(), ov.value(u"retry"_s).toObject());
    c.retry.maxAttempts = retry.value(u"maxAttempts"_s).toInt(c.retry.maxAttempts);
    if (c.retry.maxAttempts < 1)
        return Error::usage(where + u": retry.maxAttempts must be at least 1"_s);
    for (auto [key, field] : {std::pair{u"maxSpan"_s, &c.retry.maxSpanMs},
                              std::pair{u"baseDelay"_s, &c.retry.baseDelayMs},
                              std::pair{u"maxDelay"_s, &c.retry.maxDelayMs}}) {
        auto v = durationField(retry, key, *field, where + u": retry"_s);
        if (!v)
            return v.error();
        *field = *v;
    }
    c.retry.jitter = std::clamp(retry.value(u"jitter"_s).toDouble(c.retry.jitter), 0.0, 0.9);
    auto timeout = durationField(retry, u"timeout"_s, c.requestTimeoutMs, where + u": retry"_s);
    if (!timeout)
        return timeout.error();
    c.requestTimeoutMs = *timeout;

    const QJsonObject breaker =
        merged(definition.value(u"breaker"_s).toObject(), ov.value(u"breaker"_s).toObject());
    c.breaker.failureThreshold =
        std::max(1, breaker.value(u"failureThreshold"_s).toInt(c.breaker.failureThreshold));
    auto cooldown = durationField(breaker, u"cooldown"_s, c.breaker.cooldownMs, where);
    if (!cooldown)
        return cooldown.error();
    c.breaker.cooldownMs = *cooldown;

    const QJsonObject sp =
        merged(definition.value(u"statusPage"_s).toObject(), ov.value(u"statusPage"_s).toObject());
    c.statusPage.url = connector.statusPageUrl.isValid() && !connector.statusPageUrl.isEmpty()
                           ? connector.statusPageUrl
                           : QUrl(sp.value(u"url"_s).toString());
    auto poll = durationField(sp, u"poll"_s, c.statusPage.pollMs, where + u": statusPage"_s);
    if (!poll)
        return poll.error();
    c.statusPage.pollMs = std::max<qint64>(1000, *poll);
    if (sp.contains(u"pauseOn"_s)) {
        c.statusPage.pauseOn.clear();
        for (const auto& v : sp.value(u"pauseOn"_s).toArray())
            c.statusPage.pauseOn.append(v.toString());
    }

    // Rate limits: the definition's list; overrides replace fields by id (object keyed by id
    // or a list of objects with "id"), and may add new policies.
    QList<QJsonObject> policies;
    for (const auto& v : definition.value(u"rateLimits"_s).toArray())
        policies.append(v.toObject());
    QList<QJsonObject> overrides;
    const QJsonValue rov = ov.value(u"rateLimits"_s);
    if (rov.isArray()) {
        for (const auto& v : rov.toArray())
            overrides.append(v.toObject());
    } else if (rov.isObject()) {
        const QJsonObject o = rov.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            QJsonObject e = it.value().toObject();
            e.insert(u"id"_s, it.key());
            overrides.append(e);
        }
    }
    for (const QJsonObject& o : overrides) {
        bool found = false;
        for (QJsonObject& p : policies)
            if (p.value(u"id"_s) == o.value(u"id"_s)) {
                p = merged(p, o);
                found = true;
            }
        if (!found)
            policies.append(o);
    }
    for (int i = 0; i < policies.size(); ++i) {
        if (policies[i].value(u"disabled"_s).toBool())
            continue;
        auto p = parsePolicy(policies[i], u"%1: rateLimits[%2]"_s.arg(where).arg(i));
        if (!p) {
            // Kinds enforced elsewhere (e.g. GraphQL cost buckets read from bodies) are skipped.
            if (p.error().category == ErrorCategory::Unsupported)
                continue;
            return p.error();
        }
        c.rateLimits.append(*p);
    }

    c.scopeValues.insert(u"client"_s, connector.clientId);
    c.scopeValues.insert(u"division"_s, connector.division);
    c.scopeValues.insert(u"shop"_s, connector.shop);
    c.scopeValues.insert(u"company"_s, connector.company);
    c.scopeValues.insert(u"token"_s, connector.id);
    return c;
}

} // namespace bk::http
