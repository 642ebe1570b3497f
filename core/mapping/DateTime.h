#pragma once

#include "Result.h"

#include <QDateTime>
#include <QJsonValue>
#include <QList>
#include <QStringList>

namespace bk::mapping {

/// The order of day, month and year in a source's numeric dates ("03/04/2026").
enum class DateOrder { DMY, MDY, YMD };

/// "DMY" → DateOrder::DMY; empty optional for anything else.
std::optional<DateOrder> dateOrderFromString(QStringView s);

/// How a source writes its dates and times.
struct DateParseOptions {
    /// Orders the source may use for numeric dates. One order resolves "03/04/2026"; with
    /// several ("DMY|MDY") a value valid under more than one of them is ambiguous → error.
    /// Empty: only unambiguous forms (ISO 8601, RFC 3339, /Date(ms)/, declared formats).
    QList<DateOrder> orders;
    /// Extra Qt date-time formats tried in order ("dd-MM-yyyy HH:mm").
    QStringList formats;
    /// IANA zone for local times without an offset ("Europe/Amsterdam", "UTC").
    /// Empty: a local time without an offset is an error.
    QString timeZone;
    /// Bare JSON/strings of digits are epoch seconds / milliseconds (else they are rejected).
    enum class Epoch { None, Seconds, Milliseconds } epoch = Epoch::None;
};

namespace datetime {

/// Parses an instant and returns it in UTC. Accepts RFC 3339 / ISO 8601 with offset or Z
/// (Shopify "2025-04-22T14:30:00-05:00", Pipedrive v2 "2024-01-01T00:00:00.000Z"), Exact's
/// "/Date(1700000000000)/" (also "\/Date(…)\/"), Pipedrive v1 "2019-01-22 08:55:59" (local
/// time in options.timeZone, "UTC" for Pipedrive), numeric dates under the declared order
/// with an optional time, declared formats and epochs. A local time that falls in a DST gap
/// or overlap of the zone is an error.
Result<QDateTime> parseInstant(const QJsonValue& value, const DateParseOptions& options);

/// Parses a calendar date. Date-times give the date as written in their own offset (a Shopify
/// order at 22:30-05:00 is on that day), /Date(ms)/ gives the UTC date. 31/02 is an error.
Result<QDate> parseDate(const QJsonValue& value, const DateParseOptions& options);

/// "2026-03-04".
QString toIsoDate(QDate date);
/// "2026-03-04T10:00:00Z", or "…:00.123Z" when there are milliseconds.
QString toIsoInstant(const QDateTime& instant);
/// Exact Online's "/Date(1700000000000)/" (milliseconds since the epoch, UTC).
QString toMsJson(const QDateTime& instant);
/// Pipedrive v1's "2019-01-22 08:55:59" (UTC).
QString toPipedriveV1(const QDateTime& instant);

} // namespace datetime
} // namespace bk::mapping
