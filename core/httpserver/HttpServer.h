#pragma once

#include "Result.h"

#include <functional>
#include <memory>

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace bk::httpserver {

/// One received HTTP request, body complete (or refused before it was read, see limits).
struct Request {
    QByteArray method; ///< "GET", "POST", …
    QString path;      ///< decoded path, no query
    QUrlQuery query;
    QList<QPair<QByteArray, QByteArray>> headers; ///< as received, names as sent
    QByteArray body;
    QHostAddress peer;
    quint16 peerPort = 0;
    qint64 receivedAtMs = 0;  ///< wall-clock ms when the headers arrived
    quint64 connectionId = 0; ///< same value for requests on one keep-alive connection

    /// Case-insensitive header lookup; empty when absent.
    QByteArray header(const QByteArray& name) const;
};

/// A response body written over time (slow drips, long streams). The writer calls write()
/// from any thread at any pace; the server sends what is there and waits (without a thread)
/// for more. Thread-safe.
class BodyStream {
public:
    BodyStream();
    ~BodyStream();
    /// Appends bytes to the body; ignored once finished, aborted or closed.
    void write(const QByteArray& bytes);
    /// The body is complete: the response ends once the written bytes are sent.
    void finish();
    /// Ends the response early: the socket closes mid-body.
    void abort();
    /// True once the client went away or the server stopped; further writes are dropped.
    bool isClosed() const;
    /// Bytes handed to the socket so far.
    qint64 bytesSent() const;

    struct State; ///< shared with the server
    const std::shared_ptr<State>& state() const { return d; }

private:
    std::shared_ptr<State> d;
};

struct Response {
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    /// Set: the body comes from this stream and `body` is ignored (headers go out at once).
    std::shared_ptr<BodyStream> stream;
    /// With a stream: the announced Content-Length; -1 sends the body chunked.
    qint64 streamLength = -1;

    static Response json(int status, const QByteArray& body);
    static Response text(int status, const QByteArray& body);
};

/// Hands the response back. May be called from any thread, at most once, at any later time
/// (delayed answers, slow drips). Calling it with dropConnection=true closes the socket
/// without an answer (simulated resets/timeouts).
class Responder {
public:
    virtual ~Responder() = default;
    virtual void respond(Response response) = 0;
    virtual void dropConnection() = 0;
};

/// Called on one of the server's worker threads for every request that passed the limits.
using Handler = std::function<void(const Request&, std::shared_ptr<Responder>)>;

struct ServerOptions {
    QHostAddress address = QHostAddress::LocalHost; ///< loopback unless configured otherwise
    quint16 port = 0;                               ///< 0 picks a free port
    int threads = 2;                                ///< worker threads polling connections
    int maxConnections = 256;      ///< beyond this: 503 with Retry-After, nothing read
    qint64 maxBodyBytes = 1 << 20; ///< beyond this (by Content-Length or while reading): 413
    /// A refused body announced with a Content-Length up to this size is read and discarded
    /// (a lingering close) so the client reliably sees the 413; larger ones get the 413 at
    /// once, unread, and the socket is closed (the client may then see a reset instead).
    qint64 drainRefusedBodyBytes = 256 * 1024;
    int connectionTimeoutSeconds = 30;
    QString tlsCertFile; ///< both set: HTTPS
    QString tlsKeyFile;
};

/// Counters of requests refused by the server itself (never reach the handler).
struct ServerStats {
    quint64 accepted = 0;
    quint64 refusedTooLarge = 0;
    quint64 refusedOverloaded = 0;
    quint64 dropped = 0;            ///< answered with dropConnection()
    quint64 openConnections = 0;    ///< sockets open right now
    quint64 pendingResponses = 0;   ///< requests handed to the handler and not yet answered
    quint64 streamingResponses = 0; ///< streamed bodies still being sent
};

/// A small HTTP/1.1 server (keep-alive, optional TLS) over libmicrohttpd, used by the API
/// sandbox, the webhook listener and the metrics endpoint. Handlers run on the server's own
/// threads and may answer later through the Responder.
class HttpServer {
public:
    HttpServer();
    ~HttpServer(); ///< stops; pending responders become no-ops

    Status start(const ServerOptions& options, Handler handler);
    void stop();
    bool isRunning() const;
    quint16 port() const;
    ServerStats stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace bk::httpserver
