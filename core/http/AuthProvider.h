#pragma once

#include "Result.h"

#include <functional>

#include <QByteArray>
#include <QObject>
#include <QPair>

namespace bk::http {

/// How the request pipeline obtains credentials for a connector. Implemented by core/auth
/// (OAuth token vault); the pipeline never sees refresh tokens or client secrets.
class AuthProvider {
public:
    using Header = QPair<QByteArray, QByteArray>; ///< e.g. {"Authorization", "Bearer …"}

    virtual ~AuthProvider() = default;

    /// Produces the header for the next request, refreshing first if the access token is
    /// expired or inside its refresh margin. done runs on context's thread, once; an Error
    /// of category Auth means a human must re-authorise.
    virtual void authorize(QObject* context, std::function<void(Result<Header>)> done) = 0;

    /// The server answered 401 to a request carrying rejected. Refresh once (single-flight:
    /// if another caller already refreshed past rejected, just hand back the new header),
    /// then call done with the header to retry with, or an Auth error.
    virtual void unauthorized(const Header& rejected, QObject* context,
                              std::function<void(Result<Header>)> done) = 0;
};

} // namespace bk::http
