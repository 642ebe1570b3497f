#include "SandboxState.h"

#include "LogCategories.h"
#include "Redactor.h"
#include "Vendors.h"
#include "WebhookSender.h"

#include <utility>

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

QByteArray toJson(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray toJson(const QJsonArray& array) {
    return QJsonDocument(array).toJson(QJsonDocument::Compact);
}

Response jsonResponse(int status, const QByteArray& body) {
    return Response::json(status, body);
}

QString endpointOf(const QString& path) {
    static const QRegularExpression guid(u"guid'[0-9a-fA-F-]{36}'"_s);
    static const QRegularExpression number(u"/\\d{1,19}(?=/|\\.json|$)"_s);
    QString e = path;
    e.replace(guid, u"guid'{id}'"_s);
    e.replace(number, u"/{id}"_s);
    return e;
}

SandboxState::SandboxState()
    : context(std::make_unique<QObject>()) {}

SandboxState::~SandboxState() = default;

QString SandboxState::baseUrl(Vendor vendor) const {
    const QString host = options.address.protocol() == QAbstractSocket::IPv6Protocol
                             ? u"[%1]"_s.arg(options.address.toString())
                             : options.address.toString();
    return u"http://%1:%2/%3"_s.arg(host).arg(server.port()).arg(vendorSlug(vendor));
}

QString SandboxState::newToken(const char* prefix) {
    QString t = QLatin1String(prefix) + u'_';
    for (int i = 0; i < 2; ++i)
        t += QString::number(tokenRng.generate(), 16).rightJustified(16, u'0');
    Redactor::registerSecret(t);
    return t;
}

QString SandboxState::newGuid() {
    const QString h = QString::number(tokenRng.generate(), 16).rightJustified(16, u'0') +
                      QString::number(tokenRng.generate(), 16).rightJustified(16, u'0');
    return h.mid(0, 8) + u'-' + h.mid(8, 4) + u"-4"_s + h.mid(13, 3) + u"-a"_s + h.mid(17, 3) +
           u'-' + h.mid(20, 12);
}

void SandboxState::logToken(Vendor vendor, const QString& grant, int status, const QString& error) {
    tokenLog.append(TokenEvent{now(), vendor, grant, status == 200, status, error});
}

void SandboxState::touch(Vendor vendor, const QString& resource, Record& record,
                         const QString& action) {
    record.modifiedMs = std::max(now(), record.modifiedMs);
    if (vendor == Vendor::Exact)
        record.timestamp = exactTimestamp++;
    stampRecord(*this, vendor, record);
    queueWebhook(vendor, resource, record, action);
}

void SandboxState::queueWebhook(Vendor vendor, const QString& resource, const Record& record,
                                const QString& action) {
    if (sender)
        sender->enqueue(vendor, resource, record, action);
}

int SandboxState::injectFault(Fault fault) {
    fault.id = nextFaultId++;
    faults.append(fault);
    qCInfo(lcSandbox) << "sandbox: fault" << fault.id << toJson(fault.toJson());
    return fault.id;
}

int SandboxState::revokeTokens(Vendor vendor) {
    int n = 0;
    for (auto& t : accessTokens) {
        if (t.vendor == vendor && !t.revoked) {
            t.revoked = true;
            ++n;
        }
    }
    for (auto& t : refreshTokens) {
        if (t.vendor == vendor && !t.revoked) {
            t.revoked = true;
            ++n;
        }
    }
    return n;
}

bool SandboxState::updateRecord(Vendor vendor, const QString& resource, const QString& id,
                                const QJsonObject& fields) {
    auto& c = data[vendor][resource].byId;
    auto it = c.find(vendor == Vendor::Exact ? id.toLower() : id.rightJustified(19, u'0'));
    if (it == c.end())
        return false;
    for (auto f = fields.begin(); f != fields.end(); ++f)
        it->second.data.insert(f.key(), f.value());
    touch(vendor, resource, it->second,
          vendor == Vendor::Exact       ? u"Update"_s
          : vendor == Vendor::Pipedrive ? u"change"_s
                                        : u"update"_s);
    return true;
}

QString SandboxState::createRecord(Vendor vendor, const QString& resource,
                                   const QJsonObject& fields) {
    auto& c = data[vendor][resource].byId;
    QString key;
    QJsonObject d = fields;
    if (vendor == Vendor::Exact) {
        key = newGuid();
        d.insert(resource == u"SalesOrders"_s     ? u"OrderID"_s
                 : resource == u"SalesInvoices"_s ? u"InvoiceID"_s
                                                  : u"ID"_s,
                 key);
        d.insert(u"Division"_s, 123456);
    } else {
        const qint64 base = vendor == Vendor::Pipedrive ? 0 : 9'000'000'000'000LL;
        const qint64 id =
            (c.empty() ? base : c.rbegin()->second.data.value(u"id"_s).toInteger()) + 1;
        key = QString::number(id).rightJustified(19, u'0');
        d.insert(u"id"_s, id);
    }
    auto [it, inserted] = c.emplace(key, Record{key, d, now(), now(), 0});
    touch(vendor, resource, it->second, vendor == Vendor::Exact ? u"Create"_s : u"create"_s);
    return vendor == Vendor::Exact ? key : QString::number(d.value(u"id"_s).toInteger());
}

QList<Fault> SandboxState::activeFaults(Vendor vendor) const {
    QList<Fault> out;
    const qint64 t = now();
    for (const Fault& f : faults) {
        if (f.vendor && *f.vendor != vendor)
            continue;
        if (f.fromMs > t || (f.untilMs > 0 && f.untilMs <= t))
            continue;
        out << f;
    }
    return out;
}

namespace {

Response outageResponse(Vendor vendor, int status) {
    switch (vendor) {
    case Vendor::Exact:
        return Response{status,
                        {{"Content-Type"_ba, "text/html; charset=utf-8"_ba}},
                        "<html><body><h1>Service Unavailable</h1></body></html>"_ba};
    case Vendor::Pipedrive:
        return jsonResponse(
            status,
            toJson(QJsonObject{{u"success"_s, false},
                               {u"error"_s, u"Requested service is not available"_s},
                               {u"error_info"_s, u"Please check developers.pipedrive.com"_s},
                               {u"data"_s, QJsonValue::Null},
                               {u"additional_data"_s, QJsonValue::Null}}));
    case Vendor::Shopify:
        return jsonResponse(status, toJson(QJsonObject{{u"errors"_s, u"Service Unavailable"_s}}));
    }
    return Response::text(status, {});
}

} // namespace

void SandboxState::handle(const Request& request,
                          std::shared_ptr<httpserver::Responder> responder) {
    const QString path = request.path;
    if (path.startsWith(u"/_admin"_s)) {
        Response r;
        {
            QMutexLocker lock(&mutex);
            r = adminApi(*this, request, path.mid(7));
        }
        responder->respond(std::move(r));
        return;
    }
    if (path.startsWith(u"/status/"_s)) {
        const QString rest = path.mid(8);
        const auto vendor = vendorFromSlug(rest.section(u'/', 0, 0));
        Response r;
        {
            QMutexLocker lock(&mutex);
            r = vendor ? statusPage(*this, *vendor, rest.mid(rest.indexOf(u'/')))
                       : jsonResponse(404, R"({"code":404,"message":"Resource not found"})"_ba);
        }
        responder->respond(std::move(r));
        return;
    }
    const QString slug = path.section(u'/', 1, 1);
    const auto vendor = vendorFromSlug(slug);
    if (!vendor) {
        responder->respond(Response::text(404, "no such simulator\n"_ba));
        return;
    }
    const QString sub = path.mid(slug.size() + 1);

    QMutexLocker lock(&mutex);
    note.clear();
    qint64 delayMs = 0;
    bool drop = false;
    bool malformed = false;
    std::optional<Fault> drip;
    QString applied;
    std::optional<Response> response;
    for (const Fault& f : activeFaults(*vendor)) {
        if (!f.pathContains.isEmpty() && !sub.contains(f.pathContains))
            continue;
        const bool hit = f.rate >= 1.0 || faultRng.generateDouble() < f.rate;
        if (!hit)
            continue;
        switch (f.kind) {
        case Fault::Kind::Latency:
            delayMs += f.delayMs;
            if (applied.isEmpty())
                applied = u"latency"_s;
            continue;
        case Fault::Kind::Malformed:
            malformed = true;
            applied = u"malformed"_s;
            continue;
        case Fault::Kind::SlowDrip:
            drip = f;
            applied = u"slow-drip"_s;
            continue;
        case Fault::Kind::Timeout:
            delayMs += f.delayMs;
            drop = true;
            break;
        case Fault::Kind::Outage:
            drop = f.dropConnection;
            response = outageResponse(*vendor, f.status);
            break;
        case Fault::Kind::ErrorRate:
            response = outageResponse(*vendor, f.status);
            break;
        case Fault::Kind::RateLimitStorm:
            response = *vendor == Vendor::Exact       ? exactRateLimited(*this, false)
                       : *vendor == Vendor::Pipedrive ? pipedriveRateLimited()
                                                      : shopifyRateLimited(*this);
            break;
        }
        applied = faultKindName(f.kind);
        break;
    }
    QString clientId;
    if (!response && !drop) {
        switch (*vendor) {
        case Vendor::Exact:
            response = exactApi(*this, request, sub, clientId);
            break;
        case Vendor::Pipedrive:
            response = pipedriveApi(*this, request, sub, clientId);
            break;
        case Vendor::Shopify:
            response = shopifyApi(*this, request, sub, clientId);
            break;
        }
        if (malformed && !response->body.isEmpty())
            response->body.truncate(response->body.size() / 2); // cut mid-document
    }
    std::function<void()> finish = [responder, drop, r = response.value_or(Response{})]() mutable {
        if (drop)
            responder->dropConnection();
        else
            responder->respond(std::move(r));
    };
    if (drip && !drop && response && !response->body.isEmpty())
        finish = [this, responder, r = *response, chunk = drip->chunkBytes,
                  pause = drip->delayMs]() mutable { dripBody(responder, r, chunk, pause); };
    // Scheduled before the request is logged, so a logged request always has its answer
    // queued on the clock (tests advance the clock once they see the request).
    if (delayMs > 0)
        clock->callAfter(delayMs, context.get(), std::move(finish));
    log.append(LoggedRequest{now(), *vendor, QString::fromLatin1(request.method), sub,
                             endpointOf(sub), drop ? 0 : response->status, clientId, applied,
                             std::exchange(note, QString())});
    lock.unlock();
    if (delayMs <= 0)
        finish();
}

void SandboxState::dripBody(const std::shared_ptr<httpserver::Responder>& responder,
                            Response response, int chunkBytes, qint64 pauseMs) {
    // Headers (with the full Content-Length) go out at once; the body trickles in chunks
    // with a pause on the sandbox clock between them, so a client's total timeout trips.
    const QByteArray body = std::move(response.body);
    auto stream = std::make_shared<httpserver::BodyStream>();
    response.body.clear();
    response.stream = stream;
    response.streamLength = body.size();
    responder->respond(std::move(response));
    auto next = std::make_shared<std::function<void(qsizetype)>>();
    *next = [this, stream, body, chunkBytes, pauseMs,
             weak = std::weak_ptr<std::function<void(qsizetype)>>(next)](qsizetype offset) {
        if (stream->isClosed())
            return; // the client gave up (or the server stopped): stop dripping
        stream->write(body.mid(offset, chunkBytes));
        const qsizetype done = offset + chunkBytes;
        if (done >= body.size()) {
            stream->finish();
            return;
        }
        if (auto self = weak.lock())
            clock->callAfter(pauseMs, context.get(), [self, done] { (*self)(done); });
    };
    (*next)(0);
}

} // namespace bk::sandbox
