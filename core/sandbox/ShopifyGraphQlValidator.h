#pragma once

#include "GraphQlParser.h"

#include <QHash>
#include <QJsonArray>

namespace bk::sandbox::graphql {

/// One GraphQL error: message, location, path and extensions.code.
struct GqlError {
    QString message;
    Location at;
    QString code;
    QJsonArray path;
};
QJsonObject errorJson(const GqlError& error);

/// A `query:` search term the subset understands: updated_at/created_at with > >= < <=.
struct Term {
    QString field;
    QString op;
    qint64 ms = 0;
};

/// Resolved arguments of one connection field.
struct Args {
    int first = 0;
    std::optional<QPair<qint64, qint64>> after; ///< (last_value, last_id) or (index, 0)
    QList<Term> terms;
    QString sortKey = QStringLiteral("ID");
};

/// The opaque cursor of a row: base64 of {"last_id","last_value"}.
QString encodeCursor(qint64 value, qint64 id);

/// What the static check found: errors (nothing may run then), each connection field's
/// resolved arguments, and the requested cost.
struct Validation {
    QList<GqlError> errors;
    QHash<const Field*, Args> args; ///< keyed by the document's own Field objects
    qint64 requestedCost = 0;
};

/// Checks the document against the subset's schema before anything is charged, and computes
/// the requested cost: a connection costs 2 + first × (1 + what each node selects); objects
/// and scalars are free.
Validation validate(const Document& document, const QJsonObject& variables);

} // namespace bk::sandbox::graphql
