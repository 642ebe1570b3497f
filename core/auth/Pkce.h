#pragma once

#include <QByteArray>

namespace bk::auth {

/// RFC 7636 proof key: a random verifier kept by the client and its S256 challenge sent in
/// the authorize URL; the token endpoint checks one against the other.
struct Pkce {
    QByteArray verifier;  ///< 43 base64url characters (32 random bytes)
    QByteArray challenge; ///< base64url(SHA-256(verifier)), no padding

    static Pkce generate();
    static QByteArray challengeFor(const QByteArray& verifier);
};

/// A random, unguessable value for the OAuth "state" parameter (base64url, 32 bytes).
QByteArray randomState();

} // namespace bk::auth
