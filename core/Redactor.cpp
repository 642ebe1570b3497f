#include "Redactor.h"

#include <algorithm>

#include <QReadWriteLock>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

QReadWriteLock& secretsLock() {
    static QReadWriteLock lock;
    return lock;
}

QSet<QString>& secrets() {
    static QSet<QString> values;
    return values;
}

// Field names whose values are credentials, in JSON, form bodies, query strings and headers.
const QString kSecretNames = u"access_token|refresh_token|id_token|client_secret|"
                             u"password|passwd|secret|api_token|apikey|api_key|"
                             u"code_verifier|x-shopify-access-token|webhook_secret|token"_s;

const std::vector<QRegularExpression>& patterns() {
    static const std::vector<QRegularExpression> list = [] {
        const auto ci = QRegularExpression::CaseInsensitiveOption;
        std::vector<QRegularExpression> p;
        // Authorization: Bearer xyz / Basic xyz / Proxy-Authorization
        p.emplace_back(
            uR"(((?:proxy-)?authorization\s*[:=]\s*"?(?:(?:bearer|basic|token)\s+)?)[^\s",;]+)"_s,
            ci);
        // "access_token": "xyz"  (JSON, possibly escaped quotes)
        p.emplace_back(
            uR"(((?:\\?")(?:)"_s + kSecretNames + uR"()(?:\\?")\s*:\s*(?:\\?"))[^"\\]*)"_s, ci);
        // access_token=xyz (forms, query strings, key=value logs)
        p.emplace_back(
            uR"(((?:^|[?&\s;,(])(?:)"_s + kSecretNames + uR"()\s*[=:]\s*)[^&\s"',;)]+)"_s, ci);
        // scheme://user:password@host
        p.emplace_back(uR"((\w+://[^\s:/@]+:)[^\s@/]+(@))"_s, ci);
        return p;
    }();
    return list;
}

} // namespace

void Redactor::registerSecret(const QString& value) {
    if (value.size() < 6)
        return;
    QWriteLocker lock(&secretsLock());
    secrets().insert(value);
}

void Redactor::forgetSecret(const QString& value) {
    QWriteLocker lock(&secretsLock());
    secrets().remove(value);
}

void Redactor::clearRegisteredSecrets() {
    QWriteLocker lock(&secretsLock());
    secrets().clear();
}

QString Redactor::redact(QString text) {
    {
        QReadLocker lock(&secretsLock());
        // Longest first, so a secret that contains another is masked whole.
        QList<QString> values(secrets().cbegin(), secrets().cend());
        std::sort(values.begin(), values.end(),
                  [](const QString& a, const QString& b) { return a.size() > b.size(); });
        for (const QString& v : values)
            text.replace(v, mask);
    }
    const auto& list = patterns();
    for (size_t i = 0; i < list.size(); ++i) {
        const auto& re = list[i];
        if (i == 3)
            text.replace(re, u"\\1"_s + mask + u"\\2"_s);
        else
            text.replace(re, u"\\1"_s + mask);
    }
    return text;
}

QByteArray Redactor::redact(const QByteArray& utf8) {
    return redact(QString::fromUtf8(utf8)).toUtf8();
}

} // namespace bk
