#include "ExactFilter.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

std::optional<ExactFilter> ExactFilter::parse(const QString& text) {
    ExactFilter filter;
    if (text.trimmed().isEmpty())
        return filter;
    static const QRegularExpression clauseRe(
        uR"(^\s*(\w+)\s+(eq|ne|gt|ge|lt|le)\s+(datetime'([^']*)'|guid'([0-9a-fA-F-]{36})'|(-?\d+)L|(-?\d+(?:\.\d+)?)|'((?:[^']|'')*)'|(true|false))\s*$)"_s);
    static const QRegularExpression orRe(u"\\s+or\\s+"_s);
    static const QRegularExpression andRe(u"\\s+and\\s+"_s);
    for (const QString& alternative : text.split(orRe)) {
        QList<Clause> chain;
        for (const QString& part : alternative.split(andRe)) {
            const auto m = clauseRe.match(part);
            if (!m.hasMatch())
                return std::nullopt;
            Clause c{m.captured(1), m.captured(2), {}, false};
            if (m.capturedLength(4) > 0 || m.captured(3).startsWith(u"datetime"_s)) {
                QDateTime t = QDateTime::fromString(m.captured(4), Qt::ISODateWithMs);
                if (!t.isValid())
                    t = QDateTime::fromString(m.captured(4), Qt::ISODate);
                if (!t.isValid())
                    return std::nullopt;
                t.setTimeSpec(Qt::UTC);
                c.value = t.toMSecsSinceEpoch();
                c.isTime = true;
            } else if (m.capturedLength(5) > 0) {
                c.value = m.captured(5).toLower();
            } else if (m.capturedLength(6) > 0) {
                c.value = m.captured(6).toLongLong();
            } else if (m.capturedLength(7) > 0) {
                c.value = m.captured(7).toDouble();
            } else if (m.capturedLength(9) > 0) {
                c.value = m.captured(9) == u"true"_s;
            } else {
                c.value = m.captured(8).replace(u"''"_s, u"'"_s);
            }
            chain << c;
        }
        filter.m_any << chain;
    }
    return filter;
}

bool ExactFilter::test(const Clause& c, const Record& r) {
    QVariant actual;
    if (c.field == u"Timestamp"_s)
        actual = r.timestamp;
    else if (c.isTime && c.field == u"Modified"_s)
        actual = r.modifiedMs;
    else if (c.isTime && c.field == u"Created"_s)
        actual = r.createdMs;
    else {
        const QJsonValue v = r.data.value(c.field);
        if (c.value.typeId() == QMetaType::QString)
            actual =
                v.toString().toLower() == c.value.toString() ? c.value : QVariant(v.toString());
        else
            actual = v.toVariant();
    }
    const int cmp = QVariant::compare(actual, c.value) == QPartialOrdering::Less         ? -1
                    : QVariant::compare(actual, c.value) == QPartialOrdering::Greater    ? 1
                    : QVariant::compare(actual, c.value) == QPartialOrdering::Equivalent ? 0
                                                                                         : 2;
    if (cmp == 2)
        return c.op == u"ne"_s;
    if (c.op == u"eq"_s)
        return cmp == 0;
    if (c.op == u"ne"_s)
        return cmp != 0;
    if (c.op == u"gt"_s)
        return cmp > 0;
    if (c.op == u"ge"_s)
        return cmp >= 0;
    if (c.op == u"lt"_s)
        return cmp < 0;
    return cmp <= 0;
}

bool ExactFilter::matches(const Record& record) const {
    if (m_any.isEmpty())
        return true;
    for (const auto& chain : m_any) {
        bool all = true;
        for (const Clause& c : chain)
            all = all && test(c, record);
        if (all)
            return true;
    }
    return false;
}

} // namespace bk::sandbox
