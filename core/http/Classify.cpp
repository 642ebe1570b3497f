#include "Classify.h"

#include "Redactor.h"

#include <QDateTime>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace bk::http {

OutcomeClass classify(int httpStatus, QNetworkReply::NetworkError error) {
    if (httpStatus <= 0) {
        // No HTTP answer at all: timeout, refused, reset, DNS, TLS — all "network".
        Q_UNUSED(error);
        return OutcomeClass::Network;
    }
    if (httpStatus >= 200 && httpStatus < 300)
        return OutcomeClass::Success;
    if (httpStatus == 401)
        return OutcomeClass::Auth;
    if (httpStatus == 429)
        return OutcomeClass::RateLimited;
    if (httpStatus >= 500)
        return OutcomeClass::Transient;
    return OutcomeClass::Permanent; // other 4xx (and odd 1xx/3xx answers we cannot act on)
}

std::optional<qint64> parseRetryAfter(const QByteArray& raw, qint64 nowMs) {
    const QByteArray value = raw.trimmed();
    if (value.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double seconds = value.toDouble(&ok);
    if (ok) {
        if (seconds < 0)
            return std::nullopt;
        return qint64(seconds * 1000.0 + 0.5);
    }
    // HTTP-date (IMF-fixdate), e.g. "Wed, 21 Oct 2015 07:28:00 GMT"; RFC 850 and asctime too.
    const QString text = QString::fromLatin1(value);
    const QLocale c = QLocale::c();
    for (const QString& fmt : {u"ddd, dd MMM yyyy HH:mm:ss 'GMT'"_s,
                               u"dddd, dd-MMM-yy HH:mm:ss 'GMT'"_s, u"ddd MMM d HH:mm:ss yyyy"_s}) {
        QDateTime t = c.toDateTime(text, fmt);
        if (t.isValid()) {
            t.setTimeSpec(Qt::UTC);
            if (t.date().year() < 1970)
                t = t.addYears(100);
            return std::max<qint64>(0, t.toMSecsSinceEpoch() - nowMs);
        }
    }
    return std::nullopt;
}

QString bodyExcerpt(const QByteArray& body, int maxChars) {
    QString text = Redactor::redact(QString::fromUtf8(body.left(maxChars * 4)));
    if (text.size() > maxChars)
        text = text.left(maxChars) + u"…"_s;
    return text;
}

} // namespace bk::http
