#pragma once

#include <optional>

#include <QJsonValue>
#include <QList>
#include <QString>

namespace bk::mapping {

/// A key under which the same person or company is found in two systems.
struct MatchKey {
    QString kind;  ///< email, phone, companyNumber, companyName
    QString value; ///< canonical: "jan@example.nl", "+31612345678", "12345678", "jansen zn"
    QString field; ///< the destination field it came from; empty when read from a source path

    bool operator==(const MatchKey&) const = default;
    QString toString() const { return kind + u':' + value; } ///< "email:jan@example.nl"
};

/// Matching keys for cross-system de-duplication. Each returns nullopt when the input cannot
/// yield a trustworthy key (an invalid phone is no key, rather than a wrong one).
namespace matchkeys {

/// The whole address lower-cased (local part too: mailboxes are matched case-insensitively).
std::optional<MatchKey> email(QStringView text);
/// E.164 without extension; the extension does not identify a different person.
std::optional<MatchKey> phone(QStringView text, QStringView defaultRegion);
/// Chamber-of-Commerce or other registration number, see company::normaliseNumber().
std::optional<MatchKey> companyNumber(QStringView text, QStringView country = u"NL");
/// Folded company name without legal form, see company::matchName().
std::optional<MatchKey> companyName(QStringView text);

/// Dispatches on kind; for values that are not text (numbers) their text form is used.
std::optional<MatchKey> make(QStringView kind, const QJsonValue& value, QStringView region);

} // namespace matchkeys
} // namespace bk::mapping
