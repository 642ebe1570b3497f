#pragma once

// Workspace pieces for fleets against the in-process sandbox (TestFleetProcesses, bench/fleet).
#include "sandbox/Sandbox.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace bk::fleettest {

/// A connector entry for the sandbox's vendor. For Exact Online and Pipedrive, exactPerMinute
/// (> 0) sets Exact's minutely quota the engines plan with (it must match the sandbox's
/// SandboxLimits::exactPerMinute) and lifts the daily and Pipedrive limits out of the way.
inline QJsonObject sandboxConnector(const sandbox::Sandbox& sb, const QString& id,
                                    sandbox::Vendor vendor, int exactPerMinute = 0) {
    using namespace Qt::StringLiterals;
    QJsonObject c{{u"id"_s, id},
                  {u"type"_s, sandbox::vendorSlug(vendor)},
                  {u"baseUrl"_s, sb.baseUrl(vendor)},
                  {u"authBaseUrl"_s, sb.baseUrl(vendor)},
                  {u"statusPageUrl"_s, sb.statusPageUrl(vendor)},
                  {u"clientId"_s, sandbox::Sandbox::clientId(vendor)}};
    switch (vendor) {
    case sandbox::Vendor::Exact:
        c.insert(u"division"_s, 123456);
        if (exactPerMinute > 0)
            c.insert(
                u"overrides"_s,
                QJsonObject{{u"rateLimits"_s,
                             QJsonObject{{u"minutely"_s, QJsonObject{{u"limit"_s, exactPerMinute}}},
                                         {u"daily"_s, QJsonObject{{u"limit"_s, 10'000'000}}}}}});
        break;
    case sandbox::Vendor::Pipedrive:
        c.insert(u"company"_s, u"demo-bv"_s);
        c.insert(u"defaultRegion"_s, u"NL"_s);
        if (exactPerMinute > 0)
            c.insert(u"overrides"_s,
                     QJsonObject{{u"rateLimits"_s,
                                  QJsonObject{{u"burst"_s, QJsonObject{{u"limit"_s, 100'000}}},
                                              {u"daily-tokens"_s,
                                               QJsonObject{{u"limit"_s, 100'000'000}}}}}});
        break;
    case sandbox::Vendor::Shopify:
        c.insert(u"shop"_s, u"demo-shop"_s);
        break;
    }
    return c;
}

/// Sandbox limits matching sandboxConnector(…, exactPerMinute).
inline void liftLimits(sandbox::SandboxOptions& so, int exactPerMinute) {
    so.limits.exactPerMinute = exactPerMinute;
    so.limits.exactPerDay = 10'000'000;
    so.limits.pipedriveBurst = 100'000;
    so.limits.pipedriveDailyTokens = 100'000'000;
}

/// Flow id: Pipedrive persons → Exact contacts with the shipped mapping.
inline QJsonObject personsFlow(const QString& id, bool enabled = true) {
    using namespace Qt::StringLiterals;
    return {
        {u"id"_s, id},
        {u"enabled"_s, enabled},
        {u"source"_s, QJsonObject{{u"connector"_s, u"pipedrive"_s}, {u"resource"_s, u"persons"_s}}},
        {u"destination"_s,
         QJsonObject{{u"connector"_s, u"exact"_s}, {u"resource"_s, u"Contacts"_s}}},
        {u"mapping"_s, u"pipedrive-person-to-exact-contact.json"_s},
        {u"schedule"_s, u"1h"_s}};
}

} // namespace bk::fleettest
