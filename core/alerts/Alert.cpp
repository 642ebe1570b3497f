#include "Alert.h"

#include <QCoreApplication>

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
    // Alerts go out in the engine's language (its locale); the labels are translated too.
    QString label;
    switch (alert.severity) {
    case Severity::Info:
        label = QCoreApplication::translate("alerts", "INFO");
        break;
    case Severity::Warning:
        label = QCoreApplication::translate("alerts", "WARNING");
        break;
    case Severity::Critical:
        label = QCoreApplication::translate("alerts", "CRITICAL");
        break;
    }
    QString prefix = u"["_s + label + u"]"_s;
    if (kind == Kind::Reminder)
        prefix = QCoreApplication::translate("alerts", "[REMINDER]") + u" "_s + prefix;
    else if (kind == Kind::Recovered)
        prefix = QCoreApplication::translate("alerts", "[RECOVERED]");
    return prefix + u" "_s + alert.title + u" — "_s + alert.message;
}

} // namespace bk::alerts
