#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace bk::sync {

/// One field of a record as reconciliation saw it on both sides.
struct FieldDiff {
    QString path;           ///< "Email", "Address.City", "Lines[2].Quantity"
    QJsonValue source;      ///< the mapped source value; Undefined when the side has none
    QJsonValue destination; ///< the destination's value; Undefined when the side has none
    bool differs = false;
};

/// Every leaf of mapped (null leaves skipped: "no value" is never a difference) beside the
/// destination's value at the same path. Objects are compared by the mapped side's keys only
/// (the destination may hold fields the mapping does not write); arrays element by element.
QList<FieldDiff> compareFields(const QJsonObject& mapped, const QJsonObject& destination);

/// The leaves of one side only (a missing record's source, an extra record's destination),
/// each marked as differing. With fields non-empty only those top-level keys are listed.
QList<FieldDiff> oneSided(const QJsonObject& record, bool isSource, const QStringList& fields = {});

/// The paths of the differing entries.
QStringList differingPaths(const QList<FieldDiff>& fields);

/// Compact JSON text of any value ("\"a\"", "12", "null", "{…}"); empty for Undefined.
QString jsonText(const QJsonValue& value);
/// The inverse of jsonText (empty → Undefined).
QJsonValue fromJsonText(const QString& text);

} // namespace bk::sync
