#include "TimeFormat.h"

#include <cstdlib>

#include <QCoreApplication>
#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bk::ui {

QString formatCountdown(qint64 ms) {
    // Round up so "00:00" is only shown when the moment has come.
    const qint64 totalSeconds = ms <= 0 ? 0 : (ms + 999) / 1000;
    const qint64 days = totalSeconds / 86'400;
    const qint64 hours = (totalSeconds / 3600) % 24;
    const qint64 minutes = (totalSeconds / 60) % 60;
    const qint64 seconds = totalSeconds % 60;
    auto two = [](qint64 v) { return QString::number(v).rightJustified(2, u'0'); };
    if (days > 0)
        return QCoreApplication::translate("TimeFormat", "%1d %2:%3")
            .arg(days)
            .arg(two(hours), two(minutes));
    if (hours > 0)
        return u"%1:%2:%3"_s.arg(hours).arg(two(minutes), two(seconds));
    return u"%1:%2"_s.arg(two(minutes), two(seconds));
}

QString formatClockTime(qint64 epochMs, qint64 nowMs) {
    const QDateTime at = QDateTime::fromMSecsSinceEpoch(epochMs).toLocalTime();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs).toLocalTime();
    if (at.date() == now.date())
        return at.toString(u"HH:mm:ss"_s);
    return at.toString(u"yyyy-MM-dd HH:mm"_s);
}

QString formatSpan(qint64 ms) {
    const qint64 a = std::llabs(ms);
    if (a < 60'000)
        return QCoreApplication::translate("TimeFormat", "%1 s").arg(a / 1000);
    if (a < 3'600'000)
        return QCoreApplication::translate("TimeFormat", "%1 min").arg(a / 60'000);
    if (a < 2 * 86'400'000LL)
        return QCoreApplication::translate("TimeFormat", "%1 h").arg(a / 3'600'000);
    return QCoreApplication::translate("TimeFormat", "%1 d").arg(a / 86'400'000);
}

QString formatRelative(qint64 instantMs, qint64 nowMs) {
    const qint64 delta = instantMs - nowMs;
    if (std::llabs(delta) < 1000)
        return QCoreApplication::translate("TimeFormat", "now");
    if (delta > 0)
        return QCoreApplication::translate("TimeFormat", "in %1").arg(formatSpan(delta));
    return QCoreApplication::translate("TimeFormat", "%1 ago").arg(formatSpan(delta));
}

} // namespace bk::ui
