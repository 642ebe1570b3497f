#include "Pkce.h"

#include <QCryptographicHash>

#include <sodium.h>

namespace bk::auth {

namespace {

QByteArray randomUrlSafe(int bytes) {
    QByteArray raw(bytes, Qt::Uninitialized);
    if (sodium_init() < 0)
        qFatal("libsodium could not be initialised");
    randombytes_buf(raw.data(), size_t(raw.size()));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

QByteArray Pkce::challengeFor(const QByteArray& verifier) {
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Pkce Pkce::generate() {
    Pkce p;
    p.verifier = randomUrlSafe(32);
    p.challenge = challengeFor(p.verifier);
    return p;
}

QByteArray randomState() {
    return randomUrlSafe(32);
}

} // namespace bk::auth
