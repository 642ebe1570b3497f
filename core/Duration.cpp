#include "Duration.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk {

std::optional<qint64> parseDurationMs(const QString& text) {
    static const QRegularExpression re(uR"(^\s*(\d{1,12})\s*(ms|s|m|h|d)?\s*$)"_s);
    const auto m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 n = m.captured(1).toLongLong();
    const QString unit = m.captured(2);
    if (unit == u"ms"_s)
        return n;
    if (unit.isEmpty() || unit == u"s"_s)
        return n * 1000;
    if (unit == u"m"_s)
        return n * 60'000;
    if (unit == u"h"_s)
        return n * 3'600'000;
    return n * 86'400'000;
}

QString formatDurationMs(qint64 ms) {
    if (ms % 86'400'000 == 0 && ms > 0)
        return u"%1d"_s.arg(ms / 86'400'000);
    if (ms % 3'600'000 == 0 && ms > 0)
        return u"%1h"_s.arg(ms / 3'600'000);
    if (ms % 60'000 == 0 && ms > 0)
        return u"%1m"_s.arg(ms / 60'000);
    if (ms % 1000 == 0)
        return u"%1s"_s.arg(ms / 1000);
    return u"%1ms"_s.arg(ms);
}

} // namespace bk
