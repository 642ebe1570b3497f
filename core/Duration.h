#pragma once

#include <optional>

#include <QString>

namespace bk {

/// Parses "250ms", "90s", "5m", "6h", "30d" or a bare number of seconds into milliseconds.
std::optional<qint64> parseDurationMs(const QString& text);

/// Formats milliseconds the way parseDurationMs reads them, choosing the largest exact unit.
QString formatDurationMs(qint64 ms);

} // namespace bk
