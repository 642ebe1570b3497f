#include "Duration.h"
#include "Vendors.h"

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {
const QList<QPair<Fault::Kind, QString>>& kinds() {
    static const QList<QPair<Fault::Kind, QString>> k = {
        {Fault::Kind::Outage, u"outage"_s},
        {Fault::Kind::ErrorRate, u"error-rate"_s},
        {Fault::Kind::Latency, u"latency"_s},
        {Fault::Kind::Timeout, u"timeout"_s},
        {Fault::Kind::RateLimitStorm, u"rate-limit-storm"_s},
        {Fault::Kind::Malformed, u"malformed"_s},
        {Fault::Kind::SlowDrip, u"slow-drip"_s}};
    return k;
}

/// "90s", "10m" or a number of milliseconds.
std::optional<qint64> durationOf(const QJsonValue& v) {
    if (v.isDouble())
        return qint64(v.toDouble());
    if (v.isString())
        return parseDurationMs(v.toString());
    return std::nullopt;
}
} // namespace

QString faultKindName(Fault::Kind kind) {
    for (const auto& [k, name] : kinds()) {
        if (k == kind)
            return name;
    }
    return {};
}

Result<Fault> Fault::fromJson(const QJsonObject& json, qint64 nowMs) {
    Fault f;
    const QString kind = json.value(u"kind"_s).toString();
    bool known = false;
    for (const auto& [k, name] : kinds()) {
        if (name == kind) {
            f.kind = k;
            known = true;
        }
    }
    if (!known)
        return Error::invalid(u"fault: unknown kind \"%1\" (outage, error-rate, latency, timeout, "
                              "rate-limit-storm, malformed, slow-drip)"_s.arg(kind));
    if (json.contains(u"vendor"_s)) {
        f.vendor = vendorFromSlug(json.value(u"vendor"_s).toString());
        if (!f.vendor)
            return Error::invalid(
                u"fault: unknown vendor \"%1\""_s.arg(json.value(u"vendor"_s).toString()));
    }
    f.pathContains = json.value(u"path"_s).toString();
    f.fromMs = nowMs;
    if (json.contains(u"start"_s)) {
        const auto start = durationOf(json.value(u"start"_s));
        if (!start)
            return Error::invalid(u"fault: start must be a duration such as \"10m\""_s);
        f.fromMs = nowMs + *start;
    }
    if (json.contains(u"startMs"_s))
        f.fromMs = qint64(json.value(u"startMs"_s).toDouble());
    if (json.contains(u"duration"_s)) {
        const auto duration = durationOf(json.value(u"duration"_s));
        if (!duration || *duration <= 0)
            return Error::invalid(u"fault: duration must be a positive duration"_s);
        f.untilMs = f.fromMs + *duration;
    }
    f.status = json.value(u"status"_s).toInt(f.kind == Kind::ErrorRate ? 500 : 503);
    f.dropConnection = json.value(u"drop"_s).toBool(false);
    f.rate = json.value(u"rate"_s).toDouble(1.0);
    if (f.rate < 0 || f.rate > 1)
        return Error::invalid(u"fault: rate must be between 0 and 1"_s);
    if (json.contains(u"delay"_s)) {
        const auto delay = durationOf(json.value(u"delay"_s));
        if (!delay || *delay < 0)
            return Error::invalid(u"fault: delay must be a duration"_s);
        f.delayMs = *delay;
    } else if (f.kind == Kind::Latency || f.kind == Kind::Timeout || f.kind == Kind::SlowDrip) {
        return Error::invalid(u"fault: %1 needs a delay"_s.arg(kind));
    }
    if (json.contains(u"chunk"_s)) {
        f.chunkBytes = json.value(u"chunk"_s).toInt(0);
        if (f.chunkBytes < 1)
            return Error::invalid(u"fault: chunk must be a positive number of bytes"_s);
    }
    return f;
}

QJsonObject Fault::toJson() const {
    QJsonObject o{
        {u"id"_s, id}, {u"kind"_s, faultKindName(kind)}, {u"startMs"_s, fromMs}, {u"rate"_s, rate}};
    if (vendor)
        o.insert(u"vendor"_s, vendorSlug(*vendor));
    if (!pathContains.isEmpty())
        o.insert(u"path"_s, pathContains);
    if (untilMs > 0)
        o.insert(u"untilMs"_s, untilMs);
    if (kind == Kind::Outage || kind == Kind::ErrorRate)
        o.insert(u"status"_s, status);
    if (kind == Kind::Outage)
        o.insert(u"drop"_s, dropConnection);
    if (kind == Kind::Latency || kind == Kind::Timeout || kind == Kind::SlowDrip)
        o.insert(u"delayMs"_s, delayMs);
    if (kind == Kind::SlowDrip)
        o.insert(u"chunk"_s, chunkBytes);
    return o;
}

} // namespace bk::sandbox
