#include "Signature.h"

#include "Clock.h"
#include "Redactor.h"

#include <mutex>

#include <sodium.h>

using namespace Qt::StringLiterals;

namespace bk::webhooks {

namespace {

Error authError(const QString& why) {
    return {ErrorCategory::Auth, why};
}

void ensureSodium() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0)
            qFatal("libsodium could not be initialised");
    });
}

} // namespace

Result<SignatureScheme> parseSignatureScheme(const QString& name) {
    if (name == u"shopify-hmac"_s)
        return SignatureScheme::ShopifyHmac;
    if (name == u"stripe"_s)
        return SignatureScheme::Stripe;
    if (name == u"exact-hashcode"_s)
        return SignatureScheme::ExactHashCode;
    if (name == u"basic-auth"_s)
        return SignatureScheme::BasicAuth;
    if (name == u"none"_s)
        return SignatureScheme::None;
    return Error::usage(u"unknown webhook signature scheme \"%1\""_s.arg(name));
}

QString signatureSchemeName(SignatureScheme scheme) {
    switch (scheme) {
    case SignatureScheme::None:
        return u"none"_s;
    case SignatureScheme::ShopifyHmac:
        return u"shopify-hmac"_s;
    case SignatureScheme::Stripe:
        return u"stripe"_s;
    case SignatureScheme::ExactHashCode:
        return u"exact-hashcode"_s;
    case SignatureScheme::BasicAuth:
        return u"basic-auth"_s;
    }
    return {};
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b) {
    // Lengths are public (a signature's length is fixed by its scheme); contents are not.
    if (a.size() != b.size() || a.isEmpty())
        return false;
    ensureSodium();
    return sodium_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

QByteArray hmacSha256(const QByteArray& key, const QByteArray& message) {
    ensureSodium();
    crypto_auth_hmacsha256_state state;
    crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.constData()),
                                size_t(key.size()));
    crypto_auth_hmacsha256_update(&state,
                                  reinterpret_cast<const unsigned char*>(message.constData()),
                                  quint64(message.size()));
    QByteArray out(crypto_auth_hmacsha256_BYTES, Qt::Uninitialized);
    crypto_auth_hmacsha256_final(&state, reinterpret_cast<unsigned char*>(out.data()));
    sodium_memzero(&state, sizeof state);
    return out;
}

QByteArray SignedRequest::header(const QByteArray& name) const {
    if (!headers)
        return {};
    for (const auto& [key, value] : *headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

bool splitExactBody(const QByteArray& body, QByteArray* content, QByteArray* hashCode) {
    static const QByteArray prefix = QByteArrayLiteral("{\"Content\":");
    static const QByteArray marker = QByteArrayLiteral(",\"HashCode\":\"");
    static const QByteArray suffix = QByteArrayLiteral("\"}");
    if (!body.startsWith(prefix) || !body.endsWith(suffix))
        return false;
    const qsizetype end = body.size() - suffix.size();
    const qsizetype at = body.lastIndexOf(marker, end - marker.size());
    if (at < prefix.size())
        return false;
    *content = body.mid(prefix.size(), at - prefix.size());
    *hashCode = body.mid(at + marker.size(), end - at - marker.size());
    return true;
}

SignatureVerifier::SignatureVerifier(SignatureScheme scheme, QList<QByteArray> secrets,
                                     const Clock* clock, qint64 toleranceMs)
    : m_scheme(scheme)
    , m_secrets(std::move(secrets))
    , m_clock(clock)
    , m_toleranceMs(toleranceMs) {
    for (const QByteArray& s : m_secrets) {
        Redactor::registerSecret(QString::fromUtf8(s));
        if (m_scheme == SignatureScheme::BasicAuth) {
            Redactor::registerSecret(QString::fromLatin1(s.toBase64()));
            const qsizetype colon = s.indexOf(':');
            if (colon >= 0)
                Redactor::registerSecret(QString::fromUtf8(s.mid(colon + 1)));
        }
    }
}

Status SignatureVerifier::verify(const SignedRequest& request) const {
    switch (m_scheme) {
    case SignatureScheme::None:
        return Status::success();
    case SignatureScheme::ShopifyHmac:
        return verifyShopify(request);
    case SignatureScheme::Stripe:
        return verifyStripe(request);
    case SignatureScheme::ExactHashCode:
        return verifyExact(request);
    case SignatureScheme::BasicAuth:
        return verifyBasic(request);
    }
    return authError(u"unsupported signature scheme"_s);
}

Status SignatureVerifier::verifyShopify(const SignedRequest& r) const {
    QByteArray given = r.header(QByteArrayLiteral("X-Shopify-Hmac-Sha256"));
    if (given.isEmpty())
        given = r.header(QByteArrayLiteral("Shopify-Hmac-Sha256"));
    if (given.isEmpty())
        return authError(u"missing X-Shopify-Hmac-Sha256 header"_s);
    const QByteArray givenRaw = QByteArray::fromBase64(given.trimmed());
    bool match = false;
    // Every secret is tried (no early exit) so the timing does not tell which one matched.
    for (const QByteArray& secret : m_secrets)
        match |= constantTimeEquals(hmacSha256(secret, *r.body), givenRaw);
    return match ? Status::success() : authError(u"HMAC signature does not match"_s);
}

Status SignatureVerifier::verifyStripe(const SignedRequest& r) const {
    const QByteArray header = r.header(QByteArrayLiteral("Stripe-Signature"));
    if (header.isEmpty())
        return authError(u"missing Stripe-Signature header"_s);
    QByteArray timestamp;
    QList<QByteArray> candidates;
    for (const QByteArray& part : header.split(',')) {
        const qsizetype eq = part.indexOf('=');
        if (eq <= 0)
            continue;
        const QByteArray key = part.left(eq).trimmed();
        const QByteArray value = part.mid(eq + 1).trimmed();
        if (key == "t")
            timestamp = value;
        else if (key == "v1") // other schemes (v0, …) are ignored on purpose
            candidates.push_back(QByteArray::fromHex(value));
    }
    bool numeric = false;
    const qint64 t = timestamp.toLongLong(&numeric);
    if (!numeric)
        return authError(u"Stripe-Signature has no valid timestamp"_s);
    if (candidates.isEmpty())
        return authError(u"Stripe-Signature has no v1 signature"_s);
    const qint64 nowMs = m_clock ? m_clock->nowMs() : 0;
    if (qAbs(nowMs - t * 1000) > m_toleranceMs)
        return authError(
            u"Stripe-Signature timestamp is outside the %1 s tolerance (replay?)"_s.arg(
                m_toleranceMs / 1000));
    const QByteArray signedPayload = timestamp + '.' + *r.body;
    bool match = false;
    for (const QByteArray& secret : m_secrets) {
        const QByteArray expected = hmacSha256(secret, signedPayload);
        for (const QByteArray& c : candidates)
            match |= constantTimeEquals(expected, c);
    }
    return match ? Status::success() : authError(u"Stripe signature does not match"_s);
}

Status SignatureVerifier::verifyExact(const SignedRequest& r) const {
    QByteArray content;
    QByteArray hashCode;
    if (!splitExactBody(*r.body, &content, &hashCode))
        return authError(u"body is not {\"Content\":…,\"HashCode\":\"…\"}"_s);
    const QByteArray given = hashCode.toUpper();
    bool match = false;
    for (const QByteArray& secret : m_secrets)
        match |= constantTimeEquals(hmacSha256(secret, content).toHex().toUpper(), given);
    return match ? Status::success() : authError(u"HashCode does not match"_s);
}

Status SignatureVerifier::verifyBasic(const SignedRequest& r) const {
    const QByteArray header = r.header(QByteArrayLiteral("Authorization")).trimmed();
    if (header.isEmpty())
        return authError(u"missing Authorization header"_s);
    if (!header.startsWith("Basic ") && !header.startsWith("basic "))
        return authError(u"Authorization is not Basic"_s);
    const QByteArray given = QByteArray::fromBase64(header.mid(6).trimmed());
    bool match = false;
    for (const QByteArray& secret : m_secrets)
        match |= constantTimeEquals(secret, given);
    return match ? Status::success() : authError(u"basic credentials do not match"_s);
}

} // namespace bk::webhooks
