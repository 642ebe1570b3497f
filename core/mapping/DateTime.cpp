#include "mapping/DateTime.h"

#include "mapping/Digits.h"

#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace bk::mapping {

std::optional<DateOrder> dateOrderFromString(QStringView s) {
    if (s == u"DMY")
        return DateOrder::DMY;
    if (s == u"MDY")
        return DateOrder::MDY;
    if (s == u"YMD")
        return DateOrder::YMD;
    return std::nullopt;
}

namespace datetime {

namespace {

Error fail(const QString& m) {
    return Error::invalid(m);
}

QString orderName(DateOrder o) {
    switch (o) {
    case DateOrder::DMY:
        return u"DMY"_s;
    case DateOrder::MDY:
        return u"MDY"_s;
    case DateOrder::YMD:
        return u"YMD"_s;
    }
    return {};
}

const QRegularExpression& msJsonRe() {
    static const QRegularExpression re(uR"(^\\?/Date\((-?\d{1,16})([+-]\d{4})?\)\\?/$)"_s);
    return re;
}

const QRegularExpression& isoRe() {
    static const QRegularExpression re(
        uR"(^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)"
        uR"(\s*(Z|z|UTC|[+-]\d{2}(?::?\d{2})?)?)?$)"_s);
    return re;
}

const QRegularExpression& numericRe() {
    static const QRegularExpression re(
        uR"(^(\d{1,4})([/.\- ])(\d{1,2})\2(\d{1,4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$)"_s);
    return re;
}

struct Parts {
    QDate date;
    QTime time;
    bool hasTime = false;
    std::optional<int> offsetSeconds; ///< set when the text carried Z or an offset
};

Result<QTime> makeTime(int h, int m, int s, int ms, const QString& original) {
    if (s == 60)
        return fail(u"leap second in \"%1\" is not supported"_s.arg(original));
    const QTime t(h, m, s, ms);
    if (!t.isValid())
        return fail(u"no such time in \"%1\""_s.arg(original));
    return t;
}

Result<int> parseOffset(const QString& o) {
    if (o.isEmpty() || o == u"Z" || o == u"z" || o == u"UTC")
        return 0;
    const int sign = o.front() == u'-' ? -1 : 1;
    QString digits = o.mid(1);
    digits.remove(u':');
    const int hh = digits.left(2).toInt();
    const int mm = digits.size() > 2 ? digits.mid(2, 2).toInt() : 0;
    if (hh > 18 || mm > 59)
        return fail(u"bad UTC offset \"%1\""_s.arg(o));
    return sign * (hh * 3600 + mm * 60);
}

/// The 1-3 calendar readings of a numeric date under the declared orders.
Result<QDate> resolveNumeric(const QRegularExpressionMatch& m, const QList<DateOrder>& orders,
                             const QString& original) {
    const QString g1 = m.captured(1), g2 = m.captured(3), g3 = m.captured(4);
    QList<DateOrder> candidates;
    if (g1.size() == 4) {
        candidates = {DateOrder::YMD};
    } else if (g3.size() == 4) {
        if (g1.size() > 2)
            return fail(u"\"%1\" is not a date"_s.arg(original));
        for (DateOrder o : orders) {
            if (o != DateOrder::YMD)
                candidates.append(o);
        }
        if (candidates.isEmpty())
            return fail(u"\"%1\": declare the date order (DMY or MDY)"_s.arg(original));
    } else {
        return fail(u"\"%1\" has a two-digit year, which is ambiguous"_s.arg(original));
    }
    QList<QDate> readings;
    QStringList names;
    for (DateOrder o : candidates) {
        int y = 0, mo = 0, d = 0;
        switch (o) {
        case DateOrder::DMY:
            d = g1.toInt(), mo = g2.toInt(), y = g3.toInt();
            break;
        case DateOrder::MDY:
            mo = g1.toInt(), d = g2.toInt(), y = g3.toInt();
            break;
        case DateOrder::YMD:
            y = g1.toInt(), mo = g2.toInt(), d = g3.toInt();
            break;
        }
        names.append(orderName(o));
        const QDate date(y, mo, d);
        if (date.isValid() && !readings.contains(date))
            readings.append(date);
    }
    if (readings.isEmpty())
        return fail(u"\"%1\" is not a date under %2"_s.arg(original, names.join(u'|')));
    if (readings.size() > 1) {
        return fail(u"\"%1\" is ambiguous under %2 (%3 or %4)"_s.arg(
            original, names.join(u'|'), toIsoDate(readings.at(0)), toIsoDate(readings.at(1))));
    }
    return readings.front();
}

Result<Parts> parseParts(const QString& s, const DateParseOptions& options) {
    if (auto m = isoRe().match(s); m.hasMatch()) {
        Parts p;
        p.date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        if (!p.date.isValid())
            return fail(u"no such date: \"%1\""_s.arg(s));
        if (m.hasCaptured(4)) {
            const QString frac = m.captured(7).leftJustified(3, u'0').left(3);
            auto t = makeTime(m.captured(4).toInt(), m.captured(5).toInt(), m.captured(6).toInt(),
                              frac.toInt(), s);
            if (!t)
                return t.error();
            p.time = *t;
            p.hasTime = true;
            if (m.hasCaptured(8)) {
                auto off = parseOffset(m.captured(8));
                if (!off)
                    return off.error();
                p.offsetSeconds = *off;
            }
        }
        return p;
    }
    if (auto m = numericRe().match(s); m.hasMatch()) {
        auto date = resolveNumeric(m, options.orders, s);
        if (!date)
            return date.error();
        Parts p;
        p.date = *date;
        if (m.hasCaptured(5)) {
            auto t =
                makeTime(m.captured(5).toInt(), m.captured(6).toInt(), m.captured(7).toInt(), 0, s);
            if (!t)
                return t.error();
            p.time = *t;
            p.hasTime = true;
        }
        return p;
    }
    for (const QString& format : options.formats) {
        const QDateTime dt = QDateTime::fromString(s, format);
        if (dt.isValid()) {
            Parts p;
            p.date = dt.date();
            p.time = dt.time();
            p.hasTime = format.contains(u'H') || format.contains(u'h');
            return p;
        }
        const QDate d = QDate::fromString(s, format);
        if (d.isValid()) {
            Parts p;
            p.date = d;
            return p;
        }
    }
    if (!options.formats.isEmpty())
        return fail(u"\"%1\" matches none of the declared formats"_s.arg(s));
    return fail(u"\"%1\" is not a recognised date"_s.arg(s));
}

/// Local wall time in zone → the one UTC instant it names; gaps and overlaps are errors.
Result<QDateTime> localToUtc(QDate date, QTime time, const QString& zone, const QString& original) {
    if (zone.isEmpty())
        return fail(u"\"%1\" has no UTC offset and no time zone is declared"_s.arg(original));
    if (zone == u"UTC")
        return QDateTime(date, time, Qt::UTC);
    const QTimeZone tz(zone.toUtf8());
    if (!tz.isValid())
        return fail(u"unknown time zone \"%1\""_s.arg(zone));
    const qint64 wall = QDateTime(date, time, Qt::UTC).toMSecsSinceEpoch();
    QList<int> offsets;
    for (qint64 probe : {wall - 86'400'000LL, wall, wall + 86'400'000LL}) {
        const int o = tz.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(probe, Qt::UTC));
        if (!offsets.contains(o))
            offsets.append(o);
    }
    QList<qint64> instants;
    for (int o : offsets) {
        const qint64 utc = wall - qint64(o) * 1000;
        if (tz.offsetFromUtc(QDateTime::fromMSecsSinceEpoch(utc, Qt::UTC)) == o &&
            !instants.contains(utc))
            instants.append(utc);
    }
    if (instants.isEmpty())
        return fail(u"\"%1\" does not exist in %2 (daylight-saving gap)"_s.arg(original, zone));
    if (instants.size() > 1)
        return fail(u"\"%1\" occurs twice in %2 (daylight-saving overlap)"_s.arg(original, zone));
    return QDateTime::fromMSecsSinceEpoch(instants.front(), Qt::UTC);
}

std::optional<qint64> epochMs(const QJsonValue& value, const DateParseOptions& options) {
    if (options.epoch == DateParseOptions::Epoch::None)
        return std::nullopt;
    qint64 n = 0;
    if (value.isDouble()) {
        const double d = value.toDouble();
        n = value.toInteger();
        if (double(n) != d)
            return std::nullopt;
    } else {
        bool ok = false;
        n = value.toString().trimmed().toLongLong(&ok);
        if (!ok)
            return std::nullopt;
    }
    if (options.epoch == DateParseOptions::Epoch::Seconds) {
        if (qMulOverflow(n, qint64(1000), &n))
            return std::nullopt;
    }
    return n;
}

Result<QString> textOf(const QJsonValue& value) {
    if (!value.isString())
        return fail(u"expected a date string"_s);
    const auto ascii = asciiDigits(value.toString().trimmed());
    if (!ascii)
        return fail(u"mixed digit scripts in \"%1\""_s.arg(value.toString()));
    if (ascii->isEmpty())
        return fail(u"empty date"_s);
    return *ascii;
}

} // namespace

Result<QDateTime> parseInstant(const QJsonValue& value, const DateParseOptions& options) {
    if (auto ms = epochMs(value, options))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC);
    auto text = textOf(value);
    if (!text)
        return text.error();
    if (auto m = msJsonRe().match(*text); m.hasMatch())
        return QDateTime::fromMSecsSinceEpoch(m.captured(1).toLongLong(), Qt::UTC);
    auto parts = parseParts(*text, options);
    if (!parts)
        return parts.error();
    if (parts->offsetSeconds) {
        QDateTime utc(parts->date, parts->time, Qt::UTC);
        return utc.addSecs(-*parts->offsetSeconds);
    }
    if (!parts->hasTime && options.timeZone.isEmpty())
        return fail(u"\"%1\" is a date, not an instant"_s.arg(*text));
    return localToUtc(parts->date, parts->time, options.timeZone, *text);
}

Result<QDate> parseDate(const QJsonValue& value, const DateParseOptions& options) {
    if (auto ms = epochMs(value, options))
        return QDateTime::fromMSecsSinceEpoch(*ms, Qt::UTC).date();
    auto text = textOf(value);
    if (!text)
        return text.error();
    if (auto m = msJsonRe().match(*text); m.hasMatch())
        return QDateTime::fromMSecsSinceEpoch(m.captured(1).toLongLong(), Qt::UTC).date();
    auto parts = parseParts(*text, options);
    if (!parts)
        return parts.error();
    return parts->date;
}

QString toIsoDate(QDate date) {
    return date.toString(Qt::ISODate);
}

QString toIsoInstant(const QDateTime& instant) {
    const QDateTime utc = instant.toUTC();
    return utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

QString toMsJson(const QDateTime& instant) {
    return u"/Date(%1)/"_s.arg(instant.toMSecsSinceEpoch());
}

QString toPipedriveV1(const QDateTime& instant) {
    return instant.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

} // namespace datetime
} // namespace bk::mapping
