#include "GraphQlParser.h"

using namespace Qt::StringLiterals;

namespace bk::sandbox::graphql {

const Value* Field::argument(const QString& argName) const {
    for (const auto& [name, value] : arguments) {
        if (name == argName)
            return &value;
    }
    return nullptr;
}

namespace {

struct Token {
    enum class Kind { End, Punct, Name, Int, Float, String };
    Kind kind = Kind::End;
    QString text;
    Location at;
};

/// Thrown inside the parser only; parse() turns it into a ParseError value.
struct Failure {
    ParseError error;
};

[[noreturn]] void fail(const QString& message, Location at, const QString& code = u"parseError"_s) {
    throw Failure{ParseError{message, at, code}};
}

class Lexer {
public:
    explicit Lexer(const QString& text)
        : m_text(text) {}

    Token next() {
        skipIgnored();
        Token t;
        t.at = {m_line, int(m_pos - m_lineStart) + 1};
        if (m_pos >= m_text.size())
            return t;
        const QChar c = m_text.at(m_pos);
        if (c == u'.') {
            if (m_text.mid(m_pos, 3) == u"..."_s)
                fail(u"Fragment spreads are not supported by the sandbox's GraphQL subset"_s, t.at,
                     u"unsupported"_s);
            fail(u"Unexpected character \".\""_s, t.at);
        }
        if (QStringView(u"!$():=@[]{}|").contains(c)) {
            ++m_pos;
            t.kind = Token::Kind::Punct;
            t.text = c;
            return t;
        }
        if (c == u'_' || (c.isLetter() && c.unicode() < 128)) {
            const qsizetype start = m_pos;
            while (m_pos < m_text.size() && isNameChar(m_text.at(m_pos)))
                ++m_pos;
            t.kind = Token::Kind::Name;
            t.text = m_text.mid(start, m_pos - start);
            return t;
        }
        if (c == u'-' || c.isDigit())
            return number(t);
        if (c == u'"')
            return string(t);
        fail(u"Unexpected character \"%1\""_s.arg(c), t.at);
    }

private:
    static bool isNameChar(QChar c) {
        return c == u'_' || (c.unicode() < 128 && (c.isLetter() || c.isDigit()));
    }

    void skipIgnored() {
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos);
            if (c == u'\n') {
                ++m_pos;
                ++m_line;
                m_lineStart = m_pos;
            } else if (c == u' ' || c == u'\t' || c == u'\r' || c == u',' || c == QChar(0xFEFF)) {
                ++m_pos; // commas are insignificant in GraphQL
            } else if (c == u'#') {
                while (m_pos < m_text.size() && m_text.at(m_pos) != u'\n')
                    ++m_pos;
            } else {
                return;
            }
        }
    }

    Token number(Token t) {
        const qsizetype start = m_pos;
        if (m_text.at(m_pos) == u'-')
            ++m_pos;
        auto digits = [&] {
            const qsizetype from = m_pos;
            while (m_pos < m_text.size() && m_text.at(m_pos).isDigit())
                ++m_pos;
            return m_pos > from;
        };
        if (!digits())
            fail(u"Invalid number"_s, t.at);
        t.kind = Token::Kind::Int;
        if (m_pos < m_text.size() && m_text.at(m_pos) == u'.') {
            ++m_pos;
            if (!digits())
                fail(u"Invalid number"_s, t.at);
            t.kind = Token::Kind::Float;
        }
        if (m_pos < m_text.size() && (m_text.at(m_pos) == u'e' || m_text.at(m_pos) == u'E')) {
            ++m_pos;
            if (m_pos < m_text.size() && (m_text.at(m_pos) == u'+' || m_text.at(m_pos) == u'-'))
                ++m_pos;
            if (!digits())
                fail(u"Invalid number"_s, t.at);
            t.kind = Token::Kind::Float;
        }
        if (m_pos < m_text.size() && (isNameChar(m_text.at(m_pos)) || m_text.at(m_pos) == u'.'))
            fail(u"Invalid number"_s, t.at);
        t.text = m_text.mid(start, m_pos - start);
        return t;
    }

    Token string(Token t) {
        if (m_text.mid(m_pos, 3) == u"\"\"\""_s)
            fail(u"Block strings are not supported by the sandbox's GraphQL subset"_s, t.at,
                 u"unsupported"_s);
        ++m_pos;
        QString out;
        while (true) {
            if (m_pos >= m_text.size() || m_text.at(m_pos) == u'\n')
                fail(u"Unterminated string"_s, t.at);
            const QChar c = m_text.at(m_pos++);
            if (c == u'"')
                break;
            if (c != u'\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                fail(u"Unterminated string"_s, t.at);
            const QChar e = m_text.at(m_pos++);
            switch (e.unicode()) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'b':
                out += u'\b';
                break;
            case 'f':
                out += u'\f';
                break;
            case 'n':
                out += u'\n';
                break;
            case 'r':
                out += u'\r';
                break;
            case 't':
                out += u'\t';
                break;
            case 'u': {
                bool ok = false;
                const ushort code = m_text.mid(m_pos, 4).toUShort(&ok, 16);
                if (!ok || m_text.mid(m_pos, 4).size() != 4)
                    fail(u"Invalid unicode escape in a string"_s, t.at);
                out += QChar(code);
                m_pos += 4;
                break;
            }
            default:
                fail(u"Invalid escape \"\\%1\" in a string"_s.arg(e), t.at);
            }
        }
        t.kind = Token::Kind::String;
        t.text = out;
        return t;
    }

    const QString& m_text;
    qsizetype m_pos = 0;
    int m_line = 1;
    qsizetype m_lineStart = 0;
};

class Parser {
public:
    explicit Parser(const QString& text)
        : m_lexer(text) {
        advance();
    }

    Document document() {
        Document d;
        if (isPunct(u"{")) {
            d.selections = selectionSet();
        } else if (m_token.kind == Token::Kind::Name && m_token.text == u"query"_s) {
            advance();
            if (m_token.kind == Token::Kind::Name) {
                d.operationName = m_token.text;
                advance();
            }
            if (isPunct(u"("))
                d.variables = variableDefinitions();
            refuseDirective();
            d.selections = selectionSet();
        } else if (m_token.kind == Token::Kind::Name &&
                   (m_token.text == u"mutation"_s || m_token.text == u"subscription"_s ||
                    m_token.text == u"fragment"_s)) {
            fail(u"%1 operations are not supported by the sandbox's GraphQL subset (queries only)"_s
                     .arg(m_token.text),
                 m_token.at, u"unsupported"_s);
        } else {
            unexpected();
        }
        if (m_token.kind != Token::Kind::End) {
            if (m_token.kind == Token::Kind::Name || isPunct(u"{"))
                fail(u"Only one operation per document is supported by the sandbox's GraphQL "
                     "subset"_s,
                     m_token.at, u"unsupported"_s);
            unexpected();
        }
        return d;
    }

private:
    void advance() { m_token = m_lexer.next(); }
    bool isPunct(QStringView p) const {
        return m_token.kind == Token::Kind::Punct && m_token.text == p;
    }
    [[noreturn]] void unexpected() {
        if (m_token.kind == Token::Kind::End)
            fail(u"Unexpected end of document"_s, m_token.at);
        fail(u"Unexpected \"%1\""_s.arg(m_token.text), m_token.at);
    }
    void expect(QStringView p) {
        if (!isPunct(p))
            unexpected();
        advance();
    }
    QString name() {
        if (m_token.kind != Token::Kind::Name)
            unexpected();
        QString n = m_token.text;
        advance();
        return n;
    }
    void refuseDirective() {
        if (isPunct(u"@"))
            fail(u"Directives are not supported by the sandbox's GraphQL subset"_s, m_token.at,
                 u"unsupported"_s);
    }

    QList<VariableDefinition> variableDefinitions() {
        expect(u"(");
        QList<VariableDefinition> out;
        while (!isPunct(u")")) {
            expect(u"$");
            VariableDefinition v;
            v.name = name();
            expect(u":");
            v.type = type();
            if (isPunct(u"=")) {
                advance();
                const Value def = value();
                if (def.kind == Value::Kind::Variable)
                    fail(u"A default value cannot be a variable"_s, def.at);
                v.defaultValue = def;
            }
            out << v;
        }
        advance();
        return out;
    }

    QString type() {
        QString t;
        if (isPunct(u"[")) {
            advance();
            t = u'[' + type() + u']';
            expect(u"]");
        } else {
            t = name();
        }
        if (isPunct(u"!")) {
            advance();
            t += u'!';
        }
        return t;
    }

    QList<Field> selectionSet() {
        // Bounded so a hostile body cannot exhaust the stack (the subset needs about 8).
        constexpr int kMaxDepth = 32;
        if (++m_depth > kMaxDepth)
            fail(u"Selections nested deeper than %1 levels are not supported by the sandbox"_s.arg(
                     kMaxDepth),
                 m_token.at, u"unsupported"_s);
        expect(u"{");
        QList<Field> out;
        if (isPunct(u"}"))
            unexpected(); // a selection set must not be empty
        while (!isPunct(u"}")) {
            if (m_token.kind == Token::Kind::End)
                unexpected();
            out << field();
        }
        advance();
        --m_depth;
        return out;
    }

    Field field() {
        Field f;
        f.at = m_token.at;
        f.name = name();
        if (isPunct(u":")) {
            advance();
            f.alias = f.name;
            f.name = name();
        } else {
            f.alias = f.name;
        }
        if (isPunct(u"(")) {
            advance();
            if (isPunct(u")"))
                unexpected();
            while (!isPunct(u")")) {
                const QString argName = name();
                expect(u":");
                if (f.argument(argName))
                    fail(u"There can be only one argument named \"%1\""_s.arg(argName), m_token.at);
                f.arguments.append({argName, value()});
            }
            advance();
        }
        refuseDirective();
        if (isPunct(u"{"))
            f.selections = selectionSet();
        return f;
    }

    Value value() {
        Value v;
        v.at = m_token.at;
        if (isPunct(u"$")) {
            advance();
            v.kind = Value::Kind::Variable;
            v.text = name();
            return v;
        }
        if (isPunct(u"[") || isPunct(u"{"))
            fail(u"List and object values are not supported by the sandbox's GraphQL subset"_s,
                 m_token.at, u"unsupported"_s);
        switch (m_token.kind) {
        case Token::Kind::Int:
            v.kind = Value::Kind::Int;
            break;
        case Token::Kind::Float:
            v.kind = Value::Kind::Float;
            break;
        case Token::Kind::String:
            v.kind = Value::Kind::String;
            break;
        case Token::Kind::Name:
            v.kind = m_token.text == u"true"_s || m_token.text == u"false"_s ? Value::Kind::Boolean
                     : m_token.text == u"null"_s                             ? Value::Kind::Null
                                                                             : Value::Kind::Enum;
            break;
        default:
            unexpected();
        }
        v.text = m_token.text;
        advance();
        return v;
    }

    Lexer m_lexer;
    Token m_token;
    int m_depth = 0;
};

} // namespace

std::variant<Document, ParseError> parse(const QString& text) {
    try {
        Parser parser(text);
        return parser.document();
    } catch (const Failure& failure) {
        return failure.error;
    }
}

std::optional<QJsonValue> resolve(const Value& value, const Document& document,
                                  const QJsonObject& variables) {
    switch (value.kind) {
    case Value::Kind::Int:
        return QJsonValue(value.text.toLongLong());
    case Value::Kind::Float:
        return QJsonValue(value.text.toDouble());
    case Value::Kind::String:
    case Value::Kind::Enum:
        return QJsonValue(value.text);
    case Value::Kind::Boolean:
        return QJsonValue(value.text == u"true"_s);
    case Value::Kind::Null:
        return QJsonValue(QJsonValue::Null);
    case Value::Kind::Variable:
        for (const VariableDefinition& v : document.variables) {
            if (v.name != value.text)
                continue;
            if (variables.contains(v.name))
                return variables.value(v.name);
            if (v.defaultValue)
                return resolve(*v.defaultValue, document, variables);
            return QJsonValue(QJsonValue::Null);
        }
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace bk::sandbox::graphql
