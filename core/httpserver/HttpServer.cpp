#include "HttpServer.h"

#include "LogCategories.h"

#include <atomic>
#include <chrono>
#include <cstring>
#include <netinet/in.h>
#include <optional>
#include <set>
#include <thread>

#include <QDateTime>
#include <QFile>
#include <QMutex>
#include <QThread>
#include <QUrl>

#include <microhttpd.h>

using namespace Qt::StringLiterals;

namespace bk::httpserver {

QByteArray Request::header(const QByteArray& name) const {
    for (const auto& [key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

Response Response::json(int status, const QByteArray& body) {
    return {status, {{"Content-Type"_ba, "application/json; charset=utf-8"_ba}}, body};
}

Response Response::text(int status, const QByteArray& body) {
    return {status, {{"Content-Type"_ba, "text/plain; charset=utf-8"_ba}}, body};
}

/// The shared state of a streamed body: the writer appends, MHD's content reader takes, and
/// the connection is suspended while the buffer is empty (MHD allows suspending from inside
/// the content reader, so no thread waits).
struct BodyStream::State {
    mutable QMutex mutex;
    QByteArray buffer;
    bool finished = false;
    bool aborted = false;
    bool closed = false; ///< the response was released (client gone, done, stopped)
    MHD_Connection* connection = nullptr;
    bool suspended = false;
    qint64 sent = 0;

    /// With the mutex held: lets MHD call the reader again.
    void wake() {
        if (suspended && connection) {
            suspended = false;
            MHD_resume_connection(connection);
        }
    }
};

BodyStream::BodyStream()
    : d(std::make_shared<State>()) {}

BodyStream::~BodyStream() = default;

void BodyStream::write(const QByteArray& bytes) {
    QMutexLocker lock(&d->mutex);
    if (d->finished || d->aborted || d->closed || bytes.isEmpty())
        return;
    d->buffer.append(bytes);
    d->wake();
}

void BodyStream::finish() {
    QMutexLocker lock(&d->mutex);
    d->finished = true;
    d->wake();
}

void BodyStream::abort() {
    QMutexLocker lock(&d->mutex);
    d->aborted = true;
    d->wake();
}

bool BodyStream::isClosed() const {
    QMutexLocker lock(&d->mutex);
    return d->closed;
}

qint64 BodyStream::bytesSent() const {
    QMutexLocker lock(&d->mutex);
    return d->sent;
}

namespace {

/// The hand-over point between a suspended MHD connection and whoever answers it.
struct Exchange {
    enum class State { Waiting, Ready, Drop };
    QMutex mutex;
    MHD_Connection* connection = nullptr;
    State state = State::Waiting;
    std::optional<Response> response;
};

struct Counters {
    std::atomic<quint64> accepted{0};
    std::atomic<quint64> refusedTooLarge{0};
    std::atomic<quint64> refusedOverloaded{0};
    std::atomic<quint64> dropped{0};
    std::atomic<quint64> openConnections{0};
    std::atomic<quint64> nextConnectionId{1};
};

/// Per-request state kept in MHD's con_cls from the request line to completion.
struct RequestContext {
    enum class Phase { New, Reading, Waiting };
    Phase phase = Phase::New;
    Request request;
    bool tooLarge = false;
    std::shared_ptr<Exchange> exchange;
};

/// Per-socket state kept in MHD's socket context.
struct SocketContext {
    quint64 id = 0;
    bool overloaded = false;
};

class ExchangeResponder final : public Responder {
public:
    ExchangeResponder(std::shared_ptr<Exchange> exchange, std::shared_ptr<Counters> counters)
        : m_exchange(std::move(exchange))
        , m_counters(std::move(counters)) {}

    void respond(Response response) override {
        QMutexLocker lock(&m_exchange->mutex);
        if (m_exchange->state != Exchange::State::Waiting)
            return;
        m_exchange->response = std::move(response);
        m_exchange->state = Exchange::State::Ready;
        MHD_resume_connection(m_exchange->connection);
    }

    void dropConnection() override {
        QMutexLocker lock(&m_exchange->mutex);
        if (m_exchange->state != Exchange::State::Waiting)
            return;
        m_exchange->state = Exchange::State::Drop;
        m_counters->dropped++;
        MHD_resume_connection(m_exchange->connection);
    }

private:
    std::shared_ptr<Exchange> m_exchange;
    std::shared_ptr<Counters> m_counters;
};

/// What MHD's content reader gets: the stream and the server's registry of live streams.
struct StreamHolder {
    std::shared_ptr<BodyStream::State> state;
    std::function<void()> release; ///< unregisters from the server
};

ssize_t readStream(void* cls, uint64_t pos, char* buf, size_t max) {
    Q_UNUSED(pos);
    BodyStream::State& st = *static_cast<StreamHolder*>(cls)->state;
    QMutexLocker lock(&st.mutex);
    if (st.aborted)
        return MHD_CONTENT_READER_END_WITH_ERROR;
    if (!st.buffer.isEmpty()) {
        const size_t n = std::min(max, size_t(st.buffer.size()));
        std::memcpy(buf, st.buffer.constData(), n);
        st.buffer.remove(0, qsizetype(n));
        st.sent += qint64(n);
        return ssize_t(n);
    }
    if (st.finished)
        return MHD_CONTENT_READER_END_OF_STREAM;
    // Nothing to send yet: park the connection until write()/finish()/abort() wakes it.
    st.suspended = true;
    MHD_suspend_connection(st.connection);
    return 0;
}

void releaseStream(void* cls) {
    auto* holder = static_cast<StreamHolder*>(cls);
    {
        QMutexLocker lock(&holder->state->mutex);
        holder->state->closed = true;
        holder->state->connection = nullptr;
        holder->state->suspended = false;
    }
    if (holder->release)
        holder->release();
    delete holder;
}

MHD_Result queue(MHD_Connection* connection, const Response& response, bool close = false,
                 std::function<void(const std::shared_ptr<BodyStream::State>&)> track = {},
                 std::function<void()> release = {}) {
    MHD_Response* r = nullptr;
    if (response.stream) {
        const auto& state = response.stream->state();
        {
            QMutexLocker lock(&state->mutex);
            state->connection = connection;
        }
        auto* holder = new StreamHolder{state, std::move(release)};
        r = MHD_create_response_from_callback(
            response.streamLength >= 0 ? uint64_t(response.streamLength) : MHD_SIZE_UNKNOWN, 4096,
            &readStream, holder, &releaseStream);
        if (!r) {
            delete holder;
            return MHD_NO;
        }
        if (track)
            track(state);
    } else {
        r = MHD_create_response_from_buffer(size_t(response.body.size()),
                                            const_cast<char*>(response.body.constData()),
                                            MHD_RESPMEM_MUST_COPY);
    }
    if (!r)
        return MHD_NO;
    for (const auto& [name, value] : response.headers) {
        if (MHD_add_response_header(r, name.constData(), value.constData()) == MHD_NO)
            qCDebug(lcHttp) << "server: response header refused" << name;
    }
    if (close)
        MHD_add_response_header(r, "Connection", "close");
    const MHD_Result result = MHD_queue_response(connection, unsigned(response.status), r);
    MHD_destroy_response(r);
    return result;
}

QString decodePath(const QByteArray& raw) {
    return QUrl::fromPercentEncoding(raw);
}

} // namespace

struct HttpServer::Impl {
    ServerOptions options;
    Handler handler;
    MHD_Daemon* daemon = nullptr;
    quint16 port = 0;
    QByteArray tlsKey;
    QByteArray tlsCert;
    std::shared_ptr<Counters> counters = std::make_shared<Counters>();

    QMutex pendingMutex; // guards pending, streams and stopping
    std::set<std::shared_ptr<Exchange>> pending;
    std::set<std::shared_ptr<BodyStream::State>> streams; ///< streamed bodies being sent
    bool stopping = false;

    void forget(const std::shared_ptr<Exchange>& exchange) {
        QMutexLocker lock(&pendingMutex);
        pending.erase(exchange);
    }

    static void* onUri(void* cls, const char* uri, MHD_Connection* connection) {
        Q_UNUSED(cls);
        auto* ctx = new RequestContext;
        const QByteArray raw(uri);
        const qsizetype q = raw.indexOf('?');
        ctx->request.path = decodePath(q < 0 ? raw : raw.left(q));
        if (q >= 0) {
            // Form-style clients send spaces as '+'; real vendor servers decode them so.
            QByteArray query = raw.mid(q + 1);
            query.replace('+', "%20");
            ctx->request.query = QUrlQuery(QString::fromLatin1(query));
        }
        const MHD_ConnectionInfo* info =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        if (info && info->socket_context)
            ctx->request.connectionId = static_cast<SocketContext*>(info->socket_context)->id;
        return ctx;
    }

    static void onConnection(void* cls, MHD_Connection* connection, void** socketContext,
                             MHD_ConnectionNotificationCode code) {
        Q_UNUSED(connection);
        auto* self = static_cast<Impl*>(cls);
        if (code == MHD_CONNECTION_NOTIFY_STARTED) {
            auto* sc = new SocketContext;
            sc->id = self->counters->nextConnectionId++;
            const quint64 open = ++self->counters->openConnections;
            sc->overloaded = open > quint64(self->options.maxConnections);
            *socketContext = sc;
        } else {
            self->counters->openConnections--;
            delete static_cast<SocketContext*>(*socketContext);
            *socketContext = nullptr;
        }
    }

    static void onCompleted(void* cls, MHD_Connection* connection, void** conCls,
                            MHD_RequestTerminationCode code) {
        Q_UNUSED(connection);
        Q_UNUSED(code);
        auto* self = static_cast<Impl*>(cls);
        auto* ctx = static_cast<RequestContext*>(*conCls);
        if (!ctx)
            return;
        if (ctx->exchange) {
            {
                QMutexLocker lock(&ctx->exchange->mutex);
                ctx->exchange->state = Exchange::State::Drop;
                ctx->exchange->connection = nullptr;
            }
            self->forget(ctx->exchange);
        }
        delete ctx;
        *conCls = nullptr;
    }

    static MHD_Result collectHeader(void* cls, MHD_ValueKind kind, const char* key,
                                    const char* value) {
        Q_UNUSED(kind);
        static_cast<Request*>(cls)->headers.append({QByteArray(key), QByteArray(value)});
        return MHD_YES;
    }

    static MHD_Result onAccess(void* cls, MHD_Connection* connection, const char* url,
                               const char* method, const char* version, const char* uploadData,
                               size_t* uploadSize, void** conCls) {
        Q_UNUSED(url);
        Q_UNUSED(version);
        auto* self = static_cast<Impl*>(cls);
        auto* ctx = static_cast<RequestContext*>(*conCls);
        if (!ctx)
            return MHD_NO;

        if (ctx->phase == RequestContext::Phase::New)
            return self->begin(connection, method, ctx);

        if (*uploadSize > 0) {
            if (!ctx->tooLarge) {
                ctx->request.body.append(uploadData, qsizetype(*uploadSize));
                if (ctx->request.body.size() > self->options.maxBodyBytes) {
                    // Stop keeping it; the rest is discarded and the answer is 413.
                    ctx->tooLarge = true;
                    ctx->request.body = QByteArray();
                }
            }
            *uploadSize = 0;
            return MHD_YES;
        }

        if (ctx->phase == RequestContext::Phase::Reading) {
            if (ctx->tooLarge) {
                self->counters->refusedTooLarge++;
                return queue(connection, tooLargeResponse());
            }
            return self->dispatch(connection, ctx);
        }

        // Resumed: the responder has answered or asked for the socket to be dropped.
        std::shared_ptr<Exchange> exchange = ctx->exchange;
        std::optional<Response> response;
        {
            QMutexLocker lock(&exchange->mutex);
            if (exchange->state == Exchange::State::Ready)
                response = std::move(exchange->response);
            exchange->state = Exchange::State::Drop; // any later respond() is a no-op
            exchange->connection = nullptr;
        }
        self->forget(exchange);
        ctx->exchange.reset();
        if (!response)
            return MHD_NO; // closes the socket without an answer
        if (!response->stream)
            return queue(connection, *response);
        const std::shared_ptr<BodyStream::State> state = response->stream->state();
        return queue(
            connection, *response, false,
            [self](const std::shared_ptr<BodyStream::State>& s) {
                QMutexLocker lock(&self->pendingMutex);
                self->streams.insert(s);
            },
            [self, state] {
                QMutexLocker lock(&self->pendingMutex);
                self->streams.erase(state);
            });
    }

    static Response tooLargeResponse() {
        return Response::json(413, R"({"error":"payload_too_large"})"_ba);
    }

    MHD_Result begin(MHD_Connection* connection, const char* method, RequestContext* ctx) {
        ctx->phase = RequestContext::Phase::Reading;
        const MHD_ConnectionInfo* info =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
        if (info && info->socket_context &&
            static_cast<SocketContext*>(info->socket_context)->overloaded) {
            counters->refusedOverloaded++;
            Response busy = Response::json(503, R"({"error":"server_busy"})"_ba);
            busy.headers.append({"Retry-After"_ba, "1"_ba});
            return queue(connection, busy, true);
        }
        Request& request = ctx->request;
        request.method = QByteArray(method);
        request.receivedAtMs = QDateTime::currentMSecsSinceEpoch();
        MHD_get_connection_values(connection, MHD_HEADER_KIND, &Impl::collectHeader, &request);
        const MHD_ConnectionInfo* addr =
            MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        if (addr && addr->client_addr) {
            request.peer = QHostAddress(addr->client_addr);
            if (addr->client_addr->sa_family == AF_INET)
                request.peerPort =
                    ntohs(reinterpret_cast<const sockaddr_in*>(addr->client_addr)->sin_port);
            else if (addr->client_addr->sa_family == AF_INET6)
                request.peerPort =
                    ntohs(reinterpret_cast<const sockaddr_in6*>(addr->client_addr)->sin6_port);
        }
        bool known = false;
        const qint64 length = request.header("Content-Length"_ba).trimmed().toLongLong(&known);
        if (known && length > options.maxBodyBytes) {
            if (length > options.drainRefusedBodyBytes) {
                // Refused before a byte of the body is read; the socket is closed after it.
                counters->refusedTooLarge++;
                return queue(connection, tooLargeResponse(), true);
            }
            ctx->tooLarge = true; // small enough to discard, then answer 413
        }
        return MHD_YES;
    }

    MHD_Result dispatch(MHD_Connection* connection, RequestContext* ctx) {
        auto exchange = std::make_shared<Exchange>();
        exchange->connection = connection;
        {
            QMutexLocker lock(&pendingMutex);
            if (stopping)
                return MHD_NO;
            pending.insert(exchange);
        }
        ctx->exchange = exchange;
        ctx->phase = RequestContext::Phase::Waiting;
        counters->accepted++;
        MHD_suspend_connection(connection);
        handler(ctx->request, std::make_shared<ExchangeResponder>(exchange, counters));
        return MHD_YES;
    }

    static void onLog(void* cls, const char* fmt, va_list ap) {
        Q_UNUSED(cls);
        char buffer[512];
        std::vsnprintf(buffer, sizeof buffer, fmt, ap);
        qCDebug(lcHttp) << "server:" << QByteArray(buffer).trimmed();
    }
};

HttpServer::HttpServer()
    : d(std::make_unique<Impl>()) {}

HttpServer::~HttpServer() {
    stop();
}

Status HttpServer::start(const ServerOptions& options, Handler handler) {
    if (d->daemon)
        return Error::usage(u"the HTTP server is already running"_s);
    if (!handler)
        return Error::usage(u"the HTTP server needs a handler"_s);
    d->options = options;
    d->handler = std::move(handler);
    {
        QMutexLocker lock(&d->pendingMutex);
        d->stopping = false;
    }

    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME |
                     MHD_USE_ERROR_LOG;
    sockaddr_in v4{};
    sockaddr_in6 v6{};
    const sockaddr* bindAddress = nullptr;
    if (options.address.protocol() == QAbstractSocket::IPv6Protocol) {
        flags |= MHD_USE_IPv6;
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(options.port);
        const Q_IPV6ADDR a = options.address.toIPv6Address();
        std::memcpy(&v6.sin6_addr, &a, sizeof a);
        bindAddress = reinterpret_cast<const sockaddr*>(&v6);
    } else {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(options.port);
        v4.sin_addr.s_addr = htonl(options.address.toIPv4Address());
        bindAddress = reinterpret_cast<const sockaddr*>(&v4);
    }

    const bool tls = !options.tlsCertFile.isEmpty() && !options.tlsKeyFile.isEmpty();
    if (tls) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
            return Error::internal(u"libmicrohttpd was built without TLS"_s);
        QFile cert(options.tlsCertFile), key(options.tlsKeyFile);
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
            return Error::io(u"cannot read the TLS certificate or key file"_s);
        d->tlsCert = cert.readAll();
        d->tlsKey = key.readAll();
        d->tlsCert.append('\0');
        d->tlsKey.append('\0');
        flags |= MHD_USE_TLS;
    }

    const int threads = qMax(1, options.threads);
    // Connections beyond maxConnections are still accepted (to answer 503); this is the
    // hard ceiling where libmicrohttpd itself stops accepting.
    const unsigned hardLimit = unsigned(qMax(1, options.maxConnections) + 64 * threads);

    MHD_OptionItem opts[16];
    int n = 0;
    opts[n++] = {MHD_OPTION_SOCK_ADDR, 0, const_cast<sockaddr*>(bindAddress)};
    opts[n++] = {MHD_OPTION_URI_LOG_CALLBACK, intptr_t(&Impl::onUri), d.get()};
    opts[n++] = {MHD_OPTION_NOTIFY_CONNECTION, intptr_t(&Impl::onConnection), d.get()};
    opts[n++] = {MHD_OPTION_NOTIFY_COMPLETED, intptr_t(&Impl::onCompleted), d.get()};
    opts[n++] = {MHD_OPTION_EXTERNAL_LOGGER, intptr_t(&Impl::onLog), nullptr};
    opts[n++] = {MHD_OPTION_CONNECTION_LIMIT, intptr_t(hardLimit), nullptr};
    opts[n++] = {MHD_OPTION_CONNECTION_TIMEOUT, intptr_t(qMax(1, options.connectionTimeoutSeconds)),
                 nullptr};
    if (threads > 1)
        opts[n++] = {MHD_OPTION_THREAD_POOL_SIZE, intptr_t(threads), nullptr};
    if (tls) {
        opts[n++] = {MHD_OPTION_HTTPS_MEM_CERT, 0, d->tlsCert.data()};
        opts[n++] = {MHD_OPTION_HTTPS_MEM_KEY, 0, d->tlsKey.data()};
    }
    opts[n++] = {MHD_OPTION_END, 0, nullptr};

    d->daemon = MHD_start_daemon(flags, options.port, nullptr, nullptr, &Impl::onAccess, d.get(),
                                 MHD_OPTION_ARRAY, opts, MHD_OPTION_END);
    if (!d->daemon)
        return Error::io(
            u"cannot listen on %1:%2"_s.arg(options.address.toString()).arg(options.port));
    const MHD_DaemonInfo* info = MHD_get_daemon_info(d->daemon, MHD_DAEMON_INFO_BIND_PORT);
    d->port = info ? info->port : options.port;
    qCDebug(lcHttp) << "server: listening on" << options.address.toString() << d->port;
    return Status::success();
}

void HttpServer::stop() {
    if (!d->daemon)
        return;
    std::set<std::shared_ptr<Exchange>> waiting;
    std::set<std::shared_ptr<BodyStream::State>> streams;
    {
        QMutexLocker lock(&d->pendingMutex);
        d->stopping = true;
        waiting = d->pending;
        streams = d->streams;
    }
    // A streamed body parked for more bytes is a suspended connection too: end it.
    for (const auto& stream : streams) {
        QMutexLocker lock(&stream->mutex);
        stream->aborted = true;
        stream->wake();
    }
    // libmicrohttpd must not be stopped with suspended connections: resume each one so it
    // closes, and make every outstanding responder a no-op.
    for (const auto& exchange : waiting) {
        QMutexLocker lock(&exchange->mutex);
        if (exchange->state == Exchange::State::Waiting && exchange->connection) {
            exchange->state = Exchange::State::Drop;
            MHD_resume_connection(exchange->connection);
        }
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        {
            QMutexLocker lock(&d->pendingMutex);
            if (d->pending.empty() && d->streams.empty())
                break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    MHD_stop_daemon(d->daemon);
    d->daemon = nullptr;
    d->port = 0;
    QMutexLocker lock(&d->pendingMutex);
    d->pending.clear();
    d->streams.clear();
}

bool HttpServer::isRunning() const {
    return d->daemon != nullptr;
}

quint16 HttpServer::port() const {
    return d->port;
}

ServerStats HttpServer::stats() const {
    ServerStats s;
    s.accepted = d->counters->accepted;
    s.refusedTooLarge = d->counters->refusedTooLarge;
    s.refusedOverloaded = d->counters->refusedOverloaded;
    s.dropped = d->counters->dropped;
    s.openConnections = d->counters->openConnections;
    QMutexLocker lock(&d->pendingMutex);
    s.pendingResponses = quint64(d->pending.size());
    s.streamingResponses = quint64(d->streams.size());
    return s;
}

} // namespace bk::httpserver
