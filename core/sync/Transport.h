#pragma once

#include "Result.h"

#include <functional>
#include <optional>

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QUrl>

namespace bk::sync {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// One API call the sync engine wants made.
struct ApiRequest {
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers;
    QByteArray body;        ///< JSON for writes
    QString idempotencyKey; ///< sent in the connector's idempotency header when it has one
    QString sourceId;       ///< for dead letters and logs (which record this write is for)
    QString flowId;         ///< the flow that writes (for dead letters); empty for reads
};

/// What came back. error is set when the call failed for good (after the transport's
/// retries); its category says how: Permanent (4xx), Auth, RateLimited/Transient/Network
/// (gave up). A 2xx response has no error.
struct ApiOutcome {
    int status = 0;
    HeaderList headers;
    QByteArray body;
    std::optional<Error> error;
    /// The transport already stored this failure as a dead letter (core/http's Pipeline does).
    bool deadLettered = false;
    bool ok() const { return !error.has_value(); }
    QByteArray header(const QByteArray& name) const;
};

/// How the sync engine reaches an API: one request in, one outcome out, asynchronously.
/// Implemented over QNetworkAccessManager (NetworkTransport) or over core/http's Pipeline.
class Transport {
public:
    virtual ~Transport() = default;
    /// Sends request; done runs once on context's thread (never if context is destroyed).
    virtual void send(const ApiRequest& request, QObject* context,
                      std::function<void(ApiOutcome)> done) = 0;
    /// Number of HTTP calls made so far (retries included): the figure delta sync minimises.
    virtual quint64 callCount() const = 0;
};

} // namespace bk::sync
