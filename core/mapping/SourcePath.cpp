#include "mapping/SourcePath.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace bk::mapping {

Result<SourcePath> SourcePath::parse(const QString& text) {
    SourcePath p;
    p.m_text = text;
    QStringView rest(text);
    if (rest.startsWith(u"$.")) {
        p.m_fromRoot = true;
        rest = rest.mid(2);
    }
    if (rest.isEmpty())
        return Error::usage(u"empty source path"_s);
    qsizetype i = 0;
    auto bad = [&](const QString& why) {
        return Error::usage(u"bad source path \"%1\" at %2: %3"_s.arg(text).arg(i + 1).arg(why));
    };
    bool expectName = true;
    while (i < rest.size()) {
        if (expectName) {
            qsizetype j = i;
            while (j < rest.size() && rest[j] != u'.' && rest[j] != u'[')
                ++j;
            if (j == i)
                return bad(u"field name expected"_s);
            p.m_steps.append({Step::Kind::Field, rest.mid(i, j - i).toString(), {}, 0});
            i = j;
            expectName = false;
            continue;
        }
        if (rest[i] == u'.') {
            ++i;
            expectName = true;
            if (i == rest.size())
                return bad(u"field name expected"_s);
            continue;
        }
        // rest[i] == '['
        const qsizetype close = rest.indexOf(u']', i);
        if (close < 0)
            return bad(u"missing ]"_s);
        const QString sel = rest.mid(i + 1, close - i - 1).toString().trimmed();
        Step step;
        bool isNumber = false;
        const int index = sel.toInt(&isNumber);
        if (sel.isEmpty()) {
            return bad(u"empty selector"_s);
        } else if (isNumber) {
            if (index < 0)
                return bad(u"negative index"_s);
            step.kind = Step::Kind::Index;
            step.index = index;
        } else if (sel == u"primary") {
            step.kind = Step::Kind::Primary;
        } else if (const qsizetype eq = sel.indexOf(u'='); eq > 0) {
            step.kind = Step::Kind::Filter;
            step.key = sel.left(eq).trimmed();
            step.value = sel.mid(eq + 1).trimmed();
            if (step.key.isEmpty() || step.value.isEmpty())
                return bad(u"selector needs field=value"_s);
        } else {
            return bad(u"unknown selector [%1] (use [n], [primary] or [field=value])"_s.arg(sel));
        }
        p.m_steps.append(step);
        i = close + 1;
    }
    return p;
}

QJsonValue SourcePath::resolve(const QJsonValue& current, const QJsonValue& root) const {
    QJsonValue v = m_fromRoot ? root : current;
    for (const Step& s : m_steps) {
        switch (s.kind) {
        case Step::Kind::Field:
            if (!v.isObject())
                return QJsonValue(QJsonValue::Undefined);
            v = v.toObject().value(s.key);
            break;
        case Step::Kind::Index: {
            const QJsonArray a = v.toArray();
            if (!v.isArray() || s.index >= a.size())
                return QJsonValue(QJsonValue::Undefined);
            v = a.at(s.index);
            break;
        }
        case Step::Kind::Primary: {
            const QJsonArray a = v.toArray();
            if (!v.isArray() || a.isEmpty())
                return QJsonValue(QJsonValue::Undefined);
            QJsonValue found = a.first();
            for (const QJsonValue& e : a) {
                if (e.toObject().value(u"primary"_s).toBool()) {
                    found = e;
                    break;
                }
            }
            v = found;
            break;
        }
        case Step::Kind::Filter: {
            if (!v.isArray())
                return QJsonValue(QJsonValue::Undefined);
            QJsonValue found(QJsonValue::Undefined);
            for (const QJsonValue& e : v.toArray()) {
                const QJsonValue f = e.toObject().value(s.key);
                const QString text = f.isString() ? f.toString() : f.toVariant().toString();
                if (text == s.value) {
                    found = e;
                    break;
                }
            }
            v = found;
            break;
        }
        }
    }
    return v;
}

} // namespace bk::mapping
