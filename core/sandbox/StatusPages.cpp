#include "Vendors.h"

using namespace Qt::StringLiterals;

namespace bk::sandbox {

namespace {

struct Impact {
    int level = 0; // 0 none, 1 minor, 2 major, 3 critical
    QString component = u"operational"_s;
};

Impact impactOf(const Fault& f) {
    switch (f.kind) {
    case Fault::Kind::Outage:
        return {f.pathContains.isEmpty() ? 3 : 2, u"major_outage"_s};
    case Fault::Kind::Timeout:
        return {2, u"major_outage"_s};
    case Fault::Kind::ErrorRate:
    case Fault::Kind::RateLimitStorm:
    case Fault::Kind::Malformed:
        return {f.rate >= 0.5 ? 2 : 1, u"partial_outage"_s};
    case Fault::Kind::Latency:
    case Fault::Kind::SlowDrip:
        return {1, u"degraded_performance"_s};
    }
    return {};
}

const char* const kIndicators[] = {"none", "minor", "major", "critical"};
const char* const kDescriptions[] = {"All Systems Operational", "Minor Service Outage",
                                     "Partial System Outage", "Major Service Outage"};

QString componentOf(const Fault& f) {
    return f.pathContains.contains(u"oauth"_s) ? u"OAuth"_s : u"API"_s;
}

} // namespace

Response statusPage(SandboxState& s, Vendor vendor, const QString& sub) {
    const qint64 now = s.now();
    const QString slug = vendorSlug(vendor);
    const QString pageId = u"sandbox-"_s + slug;
    const QList<Fault> active = s.activeFaults(vendor);
    int level = 0;
    QHash<QString, QString> componentStatus;
    QJsonArray incidents;
    for (const Fault& f : active) {
        const Impact impact = impactOf(f);
        level = std::max(level, impact.level);
        componentStatus.insert(componentOf(f), impact.component);
        const QString id = u"inc%1"_s.arg(f.id);
        const QString body = u"We are investigating %1 on the %2 (%3)."_s.arg(faultKindName(f.kind),
                                                                              componentOf(f), slug);
        incidents.append(
            QJsonObject{{u"id"_s, id},
                        {u"name"_s, u"%1: %2"_s.arg(componentOf(f), faultKindName(f.kind))},
                        {u"status"_s, u"investigating"_s},
                        {u"impact"_s, QLatin1String(kIndicators[std::max(1, impact.level)])},
                        {u"created_at"_s, rfc3339(f.fromMs)},
                        {u"updated_at"_s, rfc3339(f.fromMs)},
                        {u"started_at"_s, rfc3339(f.fromMs)},
                        {u"page_id"_s, pageId},
                        {u"shortlink"_s, QString()},
                        {u"incident_updates"_s,
                         QJsonArray{QJsonObject{{u"id"_s, QString(id + u"u1"_s)},
                                                {u"status"_s, u"investigating"_s},
                                                {u"body"_s, body},
                                                {u"incident_id"_s, id},
                                                {u"created_at"_s, rfc3339(f.fromMs)},
                                                {u"display_at"_s, rfc3339(f.fromMs)}}}}});
    }
    const QJsonObject page{{u"id"_s, pageId},
                           {u"name"_s, u"%1 (sandbox)"_s.arg(slug)},
                           {u"url"_s, s.baseUrl(vendor).replace(u'/' + slug, u"/status/"_s + slug)},
                           {u"time_zone"_s, u"Etc/UTC"_s},
                           {u"updated_at"_s, rfc3339(now)}};
    const QJsonObject status{{u"indicator"_s, QLatin1String(kIndicators[level])},
                             {u"description"_s, QLatin1String(kDescriptions[level])}};
    QJsonArray components;
    int position = 1;
    for (const QString& name : {u"API"_s, u"OAuth"_s, u"Webhooks"_s}) {
        components.append(QJsonObject{{u"id"_s, QString(pageId + u'-' + name.toLower())},
                                      {u"name"_s, name},
                                      {u"status"_s, componentStatus.value(name, u"operational"_s)},
                                      {u"created_at"_s, u"2024-01-01T00:00:00Z"_s},
                                      {u"updated_at"_s, rfc3339(now)},
                                      {u"position"_s, position++},
                                      {u"description"_s, QJsonValue::Null},
                                      {u"page_id"_s, pageId},
                                      {u"only_show_if_degraded"_s, false}});
    }
    if (sub == u"/api/v2/status.json"_s)
        return jsonResponse(200, toJson(QJsonObject{{u"page"_s, page}, {u"status"_s, status}}));
    if (sub == u"/api/v2/summary.json"_s)
        return jsonResponse(200, toJson(QJsonObject{{u"page"_s, page},
                                                    {u"components"_s, components},
                                                    {u"incidents"_s, incidents},
                                                    {u"scheduled_maintenances"_s, QJsonArray()},
                                                    {u"status"_s, status}}));
    if (sub == u"/api/v2/components.json"_s)
        return jsonResponse(200,
                            toJson(QJsonObject{{u"page"_s, page}, {u"components"_s, components}}));
    if (sub == u"/api/v2/incidents/unresolved.json"_s || sub == u"/api/v2/incidents.json"_s)
        return jsonResponse(200,
                            toJson(QJsonObject{{u"page"_s, page}, {u"incidents"_s, incidents}}));
    return jsonResponse(404, R"({"code":404,"message":"Resource not found"})"_ba);
}

} // namespace bk::sandbox
