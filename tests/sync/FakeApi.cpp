#include "FakeApi.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace bk::synctest {

using httpserver::Request;
using httpserver::Response;

namespace {

Response jsonResponse(int status, const QJsonObject& o) {
    return Response::json(status, QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QString iso(qint64 ms, int offsetSeconds = 0) {
    QDateTime t = QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
    if (offsetSeconds == 0)
        return t.toString(u"yyyy-MM-ddTHH:mm:ssZ"_s);
    return t.toOffsetFromUtc(offsetSeconds).toString(Qt::ISODate);
}

qint64 parseIso(const QString& s) {
    QDateTime t = QDateTime::fromString(s, Qt::ISODate);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

bool byModified(const FakeApi::Rec& a, const FakeApi::Rec& b) {
    return a.modifiedMs < b.modifiedMs || (a.modifiedMs == b.modifiedMs && a.id < b.id);
}

} // namespace

FakeApi::FakeApi(std::function<qint64()> now)
    : m_now(std::move(now)) {}

FakeApi::~FakeApi() {
    m_server.stop();
}

bool FakeApi::start() {
    httpserver::ServerOptions o;
    o.threads = 2;
    return m_server
        .start(o,
               [this](const Request& r, std::shared_ptr<httpserver::Responder> responder) {
                   bool drop = false;
                   int delayMs = 0;
                   Response resp = handle(r, drop, delayMs);
                   if (delayMs > 0) {
                       std::thread([responder, resp, delayMs] {
                           std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
                           responder->respond(resp);
                       }).detach();
                   } else if (drop)
                       responder->dropConnection();
                   else
                       responder->respond(resp);
               })
        .ok();
}

QString FakeApi::base(const QString& vendor) const {
    return u"http://127.0.0.1:%1/%2"_s.arg(m_server.port()).arg(vendor);
}

FakeApi::Rec& FakeApi::create(const QString& collection, const QJsonObject& fields,
                              qint64 modifiedMs) {
    Rec r;
    const int n = m_nextId++;
    r.id = collection.startsWith(u"exact-online/"_s)
               ? u"00000000-0000-4000-8000-%1"_s.arg(n, 12, 10, QChar(u'0'))
               : QString::number(n);
    r.fields = fields;
    r.modifiedMs = modifiedMs >= 0 ? modifiedMs : m_now();
    r.ts = ++m_ts;
    m_data[collection].push_back(r);
    return m_data[collection].last();
}

QString FakeApi::add(const QString& collection, const QJsonObject& fields, qint64 modifiedMs) {
    QMutexLocker lock(&m_mutex);
    return create(collection, fields, modifiedMs).id;
}

void FakeApi::update(const QString& collection, const QString& id, const QJsonObject& fields,
                     qint64 modifiedMs) {
    QMutexLocker lock(&m_mutex);
    for (Rec& r : m_data[collection])
        if (r.id == id) {
            for (auto it = fields.begin(); it != fields.end(); ++it)
                r.fields.insert(it.key(), it.value());
            r.modifiedMs = modifiedMs >= 0 ? modifiedMs : m_now();
            r.ts = ++m_ts;
        }
}

void FakeApi::remove(const QString& collection, const QString& id) {
    QMutexLocker lock(&m_mutex);
    auto& list = m_data[collection];
    list.erase(std::remove_if(list.begin(), list.end(), [&](const Rec& r) { return r.id == id; }),
               list.end());
}

QList<FakeApi::Rec> FakeApi::records(const QString& collection) const {
    QMutexLocker lock(&m_mutex);
    return m_data.value(collection);
}

int FakeApi::count(const QString& collection) const {
    QMutexLocker lock(&m_mutex);
    return int(m_data.value(collection).size());
}

void FakeApi::queueFault(const Fault& f) {
    QMutexLocker lock(&m_mutex);
    m_faults.push_back(f);
}

QStringList FakeApi::log() const {
    QMutexLocker lock(&m_mutex);
    return m_log;
}

int FakeApi::requestCount(const QString& pathPart, const QByteArray& method) const {
    QMutexLocker lock(&m_mutex);
    int n = 0;
    for (const QString& l : m_log)
        if ((pathPart.isEmpty() || l.contains(pathPart)) &&
            (method.isEmpty() || l.startsWith(QString::fromLatin1(method) + u" "_s)))
            ++n;
    return n;
}

void FakeApi::clearLog() {
    QMutexLocker lock(&m_mutex);
    m_log.clear();
}

Response FakeApi::handle(const Request& r, bool& drop, int& delayMs) {
    QMutexLocker lock(&m_mutex);
    m_log << QString::fromLatin1(r.method) + u" "_s + r.path + u"?"_s +
                 r.query.toString(QUrl::FullyDecoded);
    for (int i = 0; i < m_faults.size(); ++i) {
        const Fault f = m_faults[i];
        if (r.path.contains(f.pathPart) && (f.method.isEmpty() || f.method == r.method)) {
            m_faults.removeAt(i);
            drop = f.drop;
            delayMs = f.delayMs;
            if (f.status != 0 || f.drop) {
                Response resp{f.status, f.headers, f.body};
                return resp;
            }
            break; // a pure delay: answer normally, later
        }
    }
    const QString path = r.path;
    const int slash = int(path.indexOf(u'/', 1));
    const QString vendor = path.mid(1, slash - 1);
    const QString rest = slash > 0 ? path.mid(slash) : QString();
    if (vendor == u"exact-online"_s)
        return exact(r, rest);
    if (vendor == u"pipedrive"_s)
        return pipedrive(r, rest);
    if (vendor == u"shopify"_s)
        return shopify(r, rest);
    return Response::json(404, R"({"error":"no such vendor"})");
}

QJsonObject FakeApi::exactView(const Rec& rec) const {
    QJsonObject o = rec.fields;
    o.insert(u"ID"_s, rec.id);
    o.insert(u"Timestamp"_s, rec.ts);
    o.insert(u"Modified"_s, u"/Date(%1)/"_s.arg(rec.modifiedMs));
    return o;
}

Response FakeApi::exact(const Request& r, const QString& rest) {
    static const QRegularExpression re(
        uR"(^/api/v1/[^/]+/(sync/)?(\w+)/(\w+)(\(guid'([^']+)'\))?$)"_s);
    const auto m = re.match(rest);
    if (!m.hasMatch())
        return Response::json(404, R"({"error":{"message":{"value":"no such endpoint"}}})");
    const bool sync = !m.captured(1).isEmpty();
    const QString coll = u"exact-online/"_s + m.captured(3);
    const QString id = m.captured(5);
    auto& list = m_data[coll];
    if (r.method == "GET" && !id.isEmpty()) {
        for (const Rec& x : list)
            if (x.id == id)
                return jsonResponse(200, QJsonObject{{u"d"_s, exactView(x)}});
        return Response::json(404, R"({"error":{"message":{"value":"Not found"}}})");
    }
    if (r.method == "GET") {
        const QString filter = r.query.queryItemValue(u"$filter"_s, QUrl::FullyDecoded);
        const QString skip = r.query.queryItemValue(u"$skiptoken"_s, QUrl::FullyDecoded);
        QList<Rec> sel;
        if (sync) {
            static const QRegularExpression fr(uR"(^Timestamp gt (\d+)L$)"_s);
            const auto fm = fr.match(filter);
            if (!fm.hasMatch())
                return Response::json(
                    400, R"({"error":{"message":{"value":"Sync endpoints must be filtered."}}})");
            const qint64 after = std::max(fm.captured(1).toLongLong(), skip.toLongLong());
            for (const Rec& x : list)
                if (x.ts > after)
                    sel << x;
            std::sort(sel.begin(), sel.end(),
                      [](const Rec& a, const Rec& b) { return a.ts < b.ts; });
        } else {
            static const QRegularExpression fr(uR"(^Modified ge datetime'([^']+)'$)"_s);
            const auto fm = fr.match(filter);
            const qint64 since = fm.hasMatch() ? parseIso(fm.captured(1) + u"Z"_s) : -1;
            for (const Rec& x : list)
                if (x.modifiedMs >= since)
                    sel << x;
            std::sort(sel.begin(), sel.end(), byModified);
            sel = sel.mid(skip.toInt());
        }
        QJsonArray results;
        for (int i = 0; i < std::min<int>(m_pageSize, int(sel.size())); ++i)
            results.append(exactView(sel[i]));
        QJsonObject d{{u"results"_s, results}};
        if (sel.size() > m_pageSize) {
            QUrlQuery q;
            q.addQueryItem(u"$filter"_s, filter);
            q.addQueryItem(u"$skiptoken"_s, sync ? QString::number(sel[m_pageSize - 1].ts)
                                                 : QString::number(skip.toInt() + m_pageSize));
            QUrl next(u"http://127.0.0.1:%1/exact-online%2"_s.arg(m_server.port()).arg(rest));
            next.setQuery(q);
            d.insert(u"__next"_s, next.toString(QUrl::FullyEncoded));
        }
        return jsonResponse(200, QJsonObject{{u"d"_s, d}});
    }
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    if (r.method == "POST" && id.isEmpty()) {
        QJsonObject fields = body;
        fields.remove(u"ID"_s);
        return jsonResponse(201, QJsonObject{{u"d"_s, exactView(create(coll, fields, -1))}});
    }
    if (r.method == "PUT" && !id.isEmpty()) {
        for (Rec& x : list)
            if (x.id == id) {
                for (auto it = body.begin(); it != body.end(); ++it)
                    x.fields.insert(it.key(), it.value());
                x.modifiedMs = m_now();
                x.ts = ++m_ts;
                return Response{204, {}, {}};
            }
        return Response::json(404, R"({"error":{"message":{"value":"Not found"}}})");
    }
    return Response::json(405, R"({"error":{"message":{"value":"method"}}})");
}

QJsonObject FakeApi::pipedriveView(const Rec& rec) const {
    QJsonObject o = rec.fields;
    o.insert(u"id"_s, rec.id.toLongLong());
    o.insert(u"update_time"_s, iso(rec.modifiedMs));
    return o;
}

Response FakeApi::pipedrive(const Request& r, const QString& rest) {
    static const QRegularExpression re(uR"(^/api/v2/(\w+)(/(\d+))?$)"_s);
    const auto m = re.match(rest);
    if (!m.hasMatch())
        return Response::json(404, R"({"success":false,"error":"not found"})");
    const QString coll = u"pipedrive/"_s + m.captured(1);
    const QString id = m.captured(3);
    auto& list = m_data[coll];
    if (r.method == "GET" && !id.isEmpty()) {
        for (const Rec& x : list)
            if (x.id == id)
                return jsonResponse(
                    200, QJsonObject{{u"success"_s, true}, {u"data"_s, pipedriveView(x)}});
        return Response::json(404, R"({"success":false,"error":"not found"})");
    }
    if (r.method == "GET") {
        const QString since = r.query.queryItemValue(u"updated_since"_s, QUrl::FullyDecoded);
        const qint64 sinceMs = since.isEmpty() ? -1 : parseIso(since);
        if (!since.isEmpty() && sinceMs < 0)
            return Response::json(400, R"({"success":false,"error":"bad updated_since"})");
        const int limit = r.query.queryItemValue(u"limit"_s).toInt();
        const int offset =
            QByteArray::fromBase64(r.query.queryItemValue(u"cursor"_s).toLatin1()).toInt();
        QList<Rec> sel;
        for (const Rec& x : list)
            if (x.modifiedMs >= sinceMs)
                sel << x;
        std::sort(sel.begin(), sel.end(), byModified);
        const int pageSize = limit > 0 ? limit : 100;
        QJsonArray data;
        for (int i = offset; i < std::min<int>(offset + pageSize, int(sel.size())); ++i)
            data.append(pipedriveView(sel[i]));
        QJsonValue next = QJsonValue::Null;
        if (offset + pageSize < sel.size())
            next = QString::fromLatin1(QByteArray::number(offset + pageSize).toBase64());
        return jsonResponse(
            200, QJsonObject{{u"success"_s, true},
                             {u"data"_s, data},
                             {u"additional_data"_s, QJsonObject{{u"next_cursor"_s, next}}}});
    }
    const QJsonObject body = QJsonDocument::fromJson(r.body).object();
    if (r.method == "POST" && id.isEmpty())
        return jsonResponse(201, QJsonObject{{u"success"_s, true},
                                             {u"data"_s, pipedriveView(create(coll, body, -1))}});
    if (r.method == "PATCH" && !id.isEmpty()) {
        for (Rec& x : list)
            if (x.id == id) {
                for (auto it = body.begin(); it != body.end(); ++it)
                    x.fields.insert(it.key(), it.value());
                x.modifiedMs = m_now();
                x.ts = ++m_ts;
                return jsonResponse(
                    200, QJsonObject{{u"success"_s, true}, {u"data"_s, pipedriveView(x)}});
            }
        return Response::json(404, R"({"success":false,"error":"not found"})");
    }
    return Response::json(405, R"({"success":false,"error":"method"})");
}

QJsonObject FakeApi::shopifyView(const Rec& rec) const {
    QJsonObject o = rec.fields;
    o.insert(u"id"_s, rec.id.toLongLong());
    o.insert(u"updated_at"_s, iso(rec.modifiedMs, -4 * 3600)); // the shop's own offset
    return o;
}

Response FakeApi::shopify(const Request& r, const QString& rest) {
    static const QRegularExpression re(uR"(^/admin/api/[^/]+/(\w+?)(/(\d+))?\.json$)"_s);
    const auto m = re.match(rest);
    if (!m.hasMatch())
        return Response::json(404, R"({"errors":"Not Found"})");
    const QString name = m.captured(1);
    const QString coll = u"shopify/"_s + name;
    const QString wrapper = name.endsWith(u's') ? name.chopped(1) : name;
    const QString id = m.captured(3);
    auto& list = m_data[coll];
    if (r.method == "GET") {
        const QString pageInfo = r.query.queryItemValue(u"page_info"_s, QUrl::FullyDecoded);
        QString since = r.query.queryItemValue(u"updated_at_min"_s, QUrl::FullyDecoded);
        if (!pageInfo.isEmpty() && !since.isEmpty())
            return Response::json(
                400,
                R"({"errors":{"updated_at_min":"updated_at_min cannot be passed when page_info is present."}})");
        int offset = 0;
        if (!pageInfo.isEmpty()) {
            const QList<QByteArray> parts =
                QByteArray::fromBase64(pageInfo.toLatin1(), QByteArray::Base64UrlEncoding)
                    .split('|');
            since = QString::fromLatin1(parts.value(0));
            offset = parts.value(1).toInt();
        }
        const qint64 sinceMs = since.isEmpty() ? -1 : parseIso(since);
        const int limit = std::max(1, r.query.queryItemValue(u"limit"_s).toInt());
        QList<Rec> sel;
        for (const Rec& x : list)
            if (x.modifiedMs >= sinceMs)
                sel << x;
        std::sort(sel.begin(), sel.end(), byModified);
        QJsonArray items;
        for (int i = offset; i < std::min<int>(offset + limit, int(sel.size())); ++i)
            items.append(shopifyView(sel[i]));
        Response resp = jsonResponse(200, QJsonObject{{name, items}});
        if (offset + limit < sel.size()) {
            const QByteArray token =
                QByteArray(since.toLatin1() + '|' + QByteArray::number(offset + limit))
                    .toBase64(QByteArray::Base64UrlEncoding);
            const QString url = u"http://127.0.0.1:%1/shopify%2?limit=%3&page_info=%4"_s.arg(
                QString::number(m_server.port()), rest, QString::number(limit),
                QString::fromLatin1(token));
            resp.headers.push_back({"Link", (u"<"_s + url + u">; rel=\"next\""_s).toUtf8()});
        }
        return resp;
    }
    const QJsonObject body = QJsonDocument::fromJson(r.body).object().value(wrapper).toObject();
    if (r.method == "POST" && id.isEmpty())
        return jsonResponse(201, QJsonObject{{wrapper, shopifyView(create(coll, body, -1))}});
    if (r.method == "PUT" && !id.isEmpty()) {
        for (Rec& x : list)
            if (x.id == id) {
                for (auto it = body.begin(); it != body.end(); ++it)
                    x.fields.insert(it.key(), it.value());
                x.modifiedMs = m_now();
                x.ts = ++m_ts;
                return jsonResponse(200, QJsonObject{{wrapper, shopifyView(x)}});
            }
        return Response::json(404, R"({"errors":"Not Found"})");
    }
    return Response::json(405, R"({"errors":"method"})");
}

} // namespace bk::synctest
