#pragma once

#include <QString>

namespace bk::ui {

/// "mm:ss" below an hour, "h:mm:ss" below a day, else "Nd hh:mm". Negative counts as 0.
QString formatCountdown(qint64 ms);

/// Local wall-clock time of an epoch-ms instant: "14:02:11", with the date when not today
/// relative to nowMs.
QString formatClockTime(qint64 epochMs, qint64 nowMs);

/// A coarse human span: "12 s", "4 min", "3 h", "2 d".
QString formatSpan(qint64 ms);

/// "in 4 min" / "3 min ago" / "now" for instant relative to nowMs.
QString formatRelative(qint64 instantMs, qint64 nowMs);

} // namespace bk::ui
