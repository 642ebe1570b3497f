#include "ShopifyGraphQlValidator.h"

#include "SandboxState.h"
#include "ShopifyGraphQlSchema.h"

#include <cmath>

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk::sandbox::graphql {

namespace {

using Kind = FieldType::Kind;

constexpr int kMaxFirst = 250;

std::optional<QString> parseSearch(const QString& text, QList<Term>& out) {
    static const QRegularExpression termRe(uR"re((\S+?):(>=|<=|>|<)?('[^']*'|"[^"]*"|\S+))re"_s);
    static const QRegularExpression splitRe(uR"re(\S+:(?:'[^']*'|"[^"]*"|\S+)|\S+)re"_s);
    auto it = splitRe.globalMatch(text);
    while (it.hasNext()) {
        const QString word = it.next().captured(0);
        if (word == u"AND"_s)
            continue;
        const auto m = termRe.match(word);
        if (!m.hasMatch() || m.capturedLength(0) != word.size())
            return u"Search term \"%1\" is not supported by the sandbox (only updated_at and "
                   "created_at with >, >=, < or <=, joined by spaces or AND)"_s.arg(word);
        Term t{m.captured(1), m.captured(2), 0};
        if (t.field != u"updated_at"_s && t.field != u"created_at"_s)
            return u"Search field \"%1\" is not supported by the sandbox (updated_at, "
                   "created_at)"_s.arg(t.field);
        if (t.op.isEmpty())
            return u"Search term \"%1\" needs a comparison (>, >=, <, <=)"_s.arg(word);
        QString value = m.captured(3);
        if (value.size() >= 2 && (value.front() == u'\'' || value.front() == u'"'))
            value = value.mid(1, value.size() - 2);
        QDateTime at = QDateTime::fromString(value, Qt::ISODateWithMs);
        if (!at.isValid() && value.size() == 10)
            at = QDateTime(QDate::fromString(value, Qt::ISODate), QTime(0, 0), Qt::UTC);
        if (!at.isValid())
            return u"\"%1\" is not a valid date or time"_s.arg(value);
        t.ms = at.toMSecsSinceEpoch();
        out << t;
    }
    return std::nullopt;
}

/// Static checks against the schema (before anything is charged) and the requested cost:
/// a connection costs 2 + first × (1 + what each node selects); objects and scalars are free.
class Validator {
public:
    Validator(const Document& document, const QJsonObject& variables)
        : m_doc(document)
        , m_vars(variables) {}

    QList<GqlError> errors;
    QHash<const Field*, Args> args;

    qint64 cost(const QList<Field>& selections, const QString& type, const QJsonArray& path) {
        qint64 total = 0;
        for (const Field& f : selections) {
            QJsonArray p = path;
            p.append(f.alias);
            if (f.name == u"__typename"_s) {
                if (!f.selections.isEmpty() || !f.arguments.isEmpty())
                    error(f, p,
                          u"Selections can't be made on scalars (field '__typename' "
                          "returns String)"_s,
                          u"selectionMismatch"_s);
                continue;
            }
            const FieldType* ft = fieldOf(type, f.name);
            if (!ft) {
                error(f, p, u"Field '%1' doesn't exist on type '%2'"_s.arg(f.name, type),
                      u"undefinedField"_s);
                continue;
            }
            if (ft->kind == Kind::Connection) {
                const Args a = connectionArgs(f, p, type == u"QueryRoot"_s);
                args.insert(&f, a);
                total +=
                    2 + qint64(a.first) * (1 + cost(f.selections, ft->type + u"Connection"_s, p));
                continue;
            }
            for (const auto& [name, value] : f.arguments)
                error(f, p, u"Field '%1' doesn't accept argument '%2'"_s.arg(f.name, name),
                      u"argumentNotAccepted"_s);
            if (ft->kind == Kind::Scalar) {
                if (!f.selections.isEmpty())
                    error(f, p,
                          u"Selections can't be made on scalars (field '%1' returns %2 but has "
                          "selections)"_s.arg(f.name, ft->type),
                          u"selectionMismatch"_s);
                continue;
            }
            if (f.selections.isEmpty()) {
                error(f, p,
                      u"Field must have selections (field '%1' returns %2 but has no "
                      "selections. Did you mean '%1 { ... }'?)"_s.arg(f.name, ft->type),
                      u"selectionMismatch"_s);
                continue;
            }
            total += cost(f.selections, ft->type, p);
        }
        return total;
    }

private:
    void error(const Field& f, const QJsonArray& path, const QString& message,
               const QString& code) {
        QJsonArray p{u"query"_s};
        for (const QJsonValue& v : path)
            p.append(v);
        errors << GqlError{message, f.at, code, p};
    }

    Args connectionArgs(const Field& f, const QJsonArray& path, bool root) {
        Args a;
        const qsizetype errorsBefore = errors.size();
        bool haveFirst = false;
        for (const auto& [name, literal] : f.arguments) {
            const auto value = resolve(literal, m_doc, m_vars);
            if (!value) {
                error(f, path,
                      u"Variable $%1 is used by %2 but not declared"_s.arg(
                          literal.text, m_doc.operationName.isEmpty() ? u"anonymous query"_s
                                                                      : m_doc.operationName),
                      u"variableNotDefined"_s);
                continue;
            }
            const QString bad = u"Argument '%1' on Field '%2' has an invalid value (%3)."_s.arg(
                name, f.name, literal.text);
            if (name == u"first"_s) {
                if (value->isNull())
                    continue;
                const double n = value->toDouble(-1);
                if (!value->isDouble() || n != std::floor(n)) {
                    error(f, path, bad + u" Expected type 'Int'."_s,
                          u"argumentLiteralsIncompatible"_s);
                } else if (n < 1 || n > kMaxFirst) {
                    error(f, path, u"The first argument must be between 1 and 250."_s,
                          u"argumentLiteralsIncompatible"_s);
                } else {
                    a.first = int(n);
                    haveFirst = true;
                }
            } else if (name == u"after"_s) {
                if (value->isNull())
                    continue;
                const QJsonObject c =
                    QJsonDocument::fromJson(QByteArray::fromBase64(value->toString().toLatin1()))
                        .object();
                if (!value->isString() || !c.contains(u"last_id"_s))
                    error(f, path, u"Invalid cursor."_s, u"argumentLiteralsIncompatible"_s);
                else
                    a.after = QPair<qint64, qint64>{c.value(u"last_value"_s).toInteger(),
                                                    c.value(u"last_id"_s).toInteger()};
            } else if (root && name == u"query"_s) {
                if (value->isNull())
                    continue;
                if (!value->isString())
                    error(f, path, bad + u" Expected type 'String'."_s,
                          u"argumentLiteralsIncompatible"_s);
                else if (auto problem = parseSearch(value->toString(), a.terms))
                    error(f, path, *problem, u"unsupported"_s);
            } else if (root && name == u"sortKey"_s) {
                const QString key = value->toString();
                if (key != u"ID"_s && key != u"UPDATED_AT"_s && key != u"CREATED_AT"_s)
                    error(f, path, bad + u" Expected ID, UPDATED_AT or CREATED_AT."_s,
                          u"argumentLiteralsIncompatible"_s);
                else
                    a.sortKey = key;
            } else if (name == u"last"_s || name == u"before"_s || name == u"reverse"_s ||
                       name == u"sortKey"_s || name == u"query"_s) {
                error(f, path,
                      u"Argument '%1' on '%2' is not supported by the sandbox's GraphQL "
                      "subset"_s.arg(name, f.name),
                      u"unsupported"_s);
            } else {
                error(f, path, u"Field '%1' doesn't accept argument '%2'"_s.arg(f.name, name),
                      u"argumentNotAccepted"_s);
            }
        }
        if (!haveFirst && errors.size() == errorsBefore)
            error(f, path, u"you must provide one of first or last"_s,
                  u"missingRequiredArguments"_s);
        return a;
    }

    const Document& m_doc;
    const QJsonObject& m_vars;
};

} // namespace

QJsonObject errorJson(const GqlError& e) {
    QJsonObject o{{u"message"_s, e.message},
                  {u"locations"_s,
                   QJsonArray{QJsonObject{{u"line"_s, e.at.line}, {u"column"_s, e.at.column}}}}};
    if (!e.path.isEmpty())
        o.insert(u"path"_s, e.path);
    o.insert(u"extensions"_s, QJsonObject{{u"code"_s, e.code}});
    return o;
}

QString encodeCursor(qint64 value, qint64 id) {
    return QString::fromLatin1(
        toJson(QJsonObject{{u"last_id"_s, id}, {u"last_value"_s, value}}).toBase64());
}

Validation validate(const Document& document, const QJsonObject& variables) {
    Validator validator(document, variables);
    Validation v;
    v.requestedCost = validator.cost(document.selections, u"QueryRoot"_s, {});
    v.errors = validator.errors;
    v.args = validator.args;
    return v;
}

} // namespace bk::sandbox::graphql
