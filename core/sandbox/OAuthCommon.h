#pragma once

#include "SandboxState.h"

#include <QUrlQuery>

namespace bk::sandbox {

/// Demo login of every authorize page.
inline constexpr const char* kDemoUser = "demo";
inline constexpr const char* kDemoPassword = "demo";

/// The HTML login + consent page (GET) and its form post (POST), shared by the vendors.
Response authorizePage(SandboxState& s, Vendor vendor, const Request& request);

/// Form or JSON token-request parameters, whichever the client sent.
QUrlQuery tokenParams(const Request& request);

/// Client id/secret from Basic auth or the body; true when they match the vendor's app.
bool clientAuthenticated(Vendor vendor, const Request& request, const QUrlQuery& params,
                         QString* clientId);

/// Validates an authorization code (single use) and its PKCE verifier.
/// Returns an error description, empty on success.
QString redeemCode(SandboxState& s, Vendor vendor, const QUrlQuery& params, Code* code);

/// Looks up a bearer access token; empty error when valid.
enum class TokenCheck { Valid, Missing, Unknown, Expired, Revoked };
TokenCheck checkAccessToken(SandboxState& s, Vendor vendor, const QString& token,
                            AccessToken** out);

/// Issues an access token (and refresh token when refreshLifetimeMs > 0).
QPair<QString, QString> issueTokens(SandboxState& s, Vendor vendor, const QString& clientId,
                                    qint64 accessLifetimeMs, qint64 refreshLifetimeMs);

QByteArray bearerToken(const Request& request);

} // namespace bk::sandbox
