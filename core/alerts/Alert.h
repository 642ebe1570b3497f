#pragma once

#include <QMetaType>
#include <QString>

namespace bk::alerts {

enum class Severity { Info, Warning, Critical };

QString severityName(Severity severity);
/// "info", "warning", "critical" → Severity; anything else → Warning.
Severity severityFromName(const QString& name);

/// One incident a human must hear about. key identifies the incident across repeats
/// (e.g. "auth/exact/reauth"): raising the same key again is de-duplicated.
struct Alert {
    QString key;
    QString connectorId;
    Severity severity = Severity::Warning;
    QString title;   ///< short, e.g. "Exact Online needs re-authorisation"
    QString message; ///< one or two sentences: what happened and what to do
};

/// A message as delivered to channels: the alert plus why it is sent now.
struct AlertMessage {
    enum class Kind { Raised, Reminder, Recovered };
    Alert alert;
    Kind kind = Kind::Raised;
    qint64 timeMs = 0;
    QString text() const; ///< one line for chat and desktop: "[CRITICAL] title — message"
};

} // namespace bk::alerts

Q_DECLARE_METATYPE(bk::alerts::AlertMessage)
