#pragma once

#include <QByteArray>
#include <QString>

namespace bk {

/// Removes secrets from text before it reaches any log sink, crash output or export.
/// Two nets: patterns that recognise credentials by their shape (Authorization headers,
/// token fields in JSON and form bodies, passwords in URLs), and every secret value the
/// process has registered (tokens, client secrets, webhook secrets) wherever it appears.
class Redactor {
public:
    static inline const QString mask = QStringLiteral("[REDACTED]");

    /// Remembers value as secret for the life of the process. Values shorter than
    /// 6 characters are ignored: masking them would shred ordinary text.
    static void registerSecret(const QString& value);
    static void forgetSecret(const QString& value);

    static QString redact(QString text);
    static QByteArray redact(const QByteArray& utf8);

    /// Drops every registered value (tests only).
    static void clearRegisteredSecrets();
};

} // namespace bk
