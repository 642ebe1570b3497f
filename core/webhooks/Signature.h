#pragma once

#include "Result.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace bk {
class Clock;
}

namespace bk::webhooks {

/// How a sender proves a delivery is genuine (connector definition `webhooks.scheme`).
enum class SignatureScheme {
    None,          ///< no verification (only for local tests and the sandbox)
    ShopifyHmac,   ///< X-Shopify-Hmac-Sha256 = base64(HMAC-SHA256(secret, raw body))
    Stripe,        ///< Stripe-Signature: t=…,v1=… over "{t}.{body}", with a replay tolerance
    ExactHashCode, ///< body {"Content":…,"HashCode":"HEX"}; HEX = HMAC-SHA256(secret, Content)
    BasicAuth,     ///< Authorization: Basic base64(user:password) (Pipedrive)
};

/// Parses a scheme name ("shopify-hmac", "stripe", "exact-hashcode", "basic-auth", "none").
Result<SignatureScheme> parseSignatureScheme(const QString& name);
QString signatureSchemeName(SignatureScheme scheme);

/// Compares two byte strings in time that depends only on their lengths (never on where
/// they first differ), so an attacker cannot find a valid signature byte by byte.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

/// Raw HMAC-SHA256 (libsodium), independent of Qt's implementation.
QByteArray hmacSha256(const QByteArray& key, const QByteArray& message);

/// What a verifier needs of one request.
struct SignedRequest {
    const QList<QPair<QByteArray, QByteArray>>* headers = nullptr;
    const QByteArray* body = nullptr;
    QByteArray header(const QByteArray& name) const;
};

/// Verifies requests for one connector. Secrets are handed in by the caller (the engine
/// reads them from the secret store) and registered with the Redactor here; several
/// secrets may be valid at once while a secret is being rotated. For basic-auth a secret
/// is "user:password".
class SignatureVerifier {
public:
    static constexpr qint64 defaultStripeToleranceMs = 300'000;

    SignatureVerifier(SignatureScheme scheme, QList<QByteArray> secrets, const Clock* clock,
                      qint64 toleranceMs = defaultStripeToleranceMs);

    SignatureScheme scheme() const { return m_scheme; }

    /// Success, or an Auth error whose message says why without quoting any secret.
    Status verify(const SignedRequest& request) const;

private:
    Status verifyShopify(const SignedRequest& r) const;
    Status verifyStripe(const SignedRequest& r) const;
    Status verifyExact(const SignedRequest& r) const;
    Status verifyBasic(const SignedRequest& r) const;

    SignatureScheme m_scheme;
    QList<QByteArray> m_secrets;
    const Clock* m_clock;
    qint64 m_toleranceMs;
};

/// Splits an Exact Online body {"Content":X,"HashCode":"H"} into X and H exactly as the
/// pattern ^{"Content":(.*),"HashCode":"(.*)"}$ would (greedy Content). False if no match.
bool splitExactBody(const QByteArray& body, QByteArray* content, QByteArray* hashCode);

} // namespace bk::webhooks
