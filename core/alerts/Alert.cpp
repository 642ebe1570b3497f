#include "Alert.h"

using namespace Qt::StringLiterals;

namespace bk::alerts {

QString severityName(Severity severity) {
    switch (severity) {
    case Severity::Info:
        return u"info"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Critical:
        return u"critical"_s;
    }
    return u"warning"_s;
}

Severity severityFromName(const QString& name) {
    if (name == u"info"_s)
        return Severity::Info;
    if (name == u"critical"_s)
        return Severity::Critical;
    return Severity::Warning;
}

QString AlertMessage::text() const {
    QString prefix = u"["_s + severityName(alert.severity).toUpper() + u"]"_s;
    if (kind == Kind::Reminder)
        prefix = u"[REMINDER] "_s + prefix;
    else if (kind == Kind::Recovered)
        prefix = u"[RECOVERED]"_s;
    return prefix + u" "_s + alert.title + u" — "_s + alert.message;
}

} // namespace bk::alerts
