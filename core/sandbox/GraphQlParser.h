#pragma once

#include <optional>
#include <variant>

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace bk::sandbox::graphql {

/// Where something is in the query text (1-based), for GraphQL error locations.
struct Location {
    int line = 1;
    int column = 1;
};

/// An argument value: a literal or a $variable reference.
struct Value {
    enum class Kind { Int, Float, String, Boolean, Null, Enum, Variable };
    Kind kind = Kind::Null;
    QString text; ///< the literal as written (strings unescaped), or the variable name
    Location at;
};

struct Field {
    QString alias; ///< the response key: the alias, else the name
    QString name;
    QList<QPair<QString, Value>> arguments;
    QList<Field> selections;
    Location at;

    const Value* argument(const QString& argName) const;
};

struct VariableDefinition {
    QString name;
    QString type; ///< as written, e.g. "Int!" or "String"
    std::optional<Value> defaultValue;
};

/// One query operation (the subset has no fragments, directives, mutations or lists).
struct Document {
    QString operationName;
    QList<VariableDefinition> variables;
    QList<Field> selections;
};

/// A GraphQL-shaped error: message, location and an extensions.code.
struct ParseError {
    QString message;
    Location at;
    QString code = QStringLiteral("parseError");
};

/// Parses the query text with a small, strict tokenizer. Accepts exactly one `query`
/// operation (or the `{ … }` shorthand) with variables, aliases, arguments of scalar, enum
/// and variable values, and nested selections. Everything else (fragments, spreads,
/// directives, list/object values, block strings, mutations, subscriptions, several
/// operations) is refused with a ParseError that says so.
std::variant<Document, ParseError> parse(const QString& text);

/// Resolves a value against the request's variables; nullopt if an undeclared variable.
std::optional<QJsonValue> resolve(const Value& value, const Document& document,
                                  const QJsonObject& variables);

} // namespace bk::sandbox::graphql
