#include "engine/DestinationLookupResolver.h"

#include "engine/ConnectorRuntime.h"
#include "http/Pipeline.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSemaphore>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace bk {

DestinationLookupResolver::DestinationLookupResolver(ConnectorRuntime* destination,
                                                     sync::ConnectorDef definition,
                                                     qint64 timeoutMs)
    : m_onPipeline([destination](std::function<void(http::Pipeline*)> fn) {
        if (!destination || !destination->pipeline())
            return fn(nullptr);
        destination->post([destination, fn] { fn(destination->pipeline()); });
    })
    , m_def(std::move(definition))
    , m_timeoutMs(timeoutMs) {}

DestinationLookupResolver::DestinationLookupResolver(http::Pipeline* destination,
                                                     sync::ConnectorDef definition,
                                                     qint64 timeoutMs)
    : m_onPipeline(
          [p = QPointer<http::Pipeline>(destination)](std::function<void(http::Pipeline*)> fn) {
              if (!p)
                  return fn(nullptr);
              QMetaObject::invokeMethod(
                  p.data(), [p, fn] { fn(p.data()); }, Qt::QueuedConnection);
          })
    , m_def(std::move(definition))
    , m_timeoutMs(timeoutMs) {}

Result<std::optional<QJsonValue>>
DestinationLookupResolver::resolve(const mapping::LookupRequest& request) {
    if (m_cancelled)
        return Error{ErrorCategory::Transient,
                     u"the engine is stopping; the record is retried on the next run"_s};
    const QString value = request.key.toVariant().toString();
    const QString cacheKey = request.resource + u'|' + request.keyField + u'|' + value;
    {
        QMutexLocker lock(&m_mutex);
        if (m_cache.contains(cacheKey))
            return std::optional<QJsonValue>(m_cache.value(cacheKey));
    }
    const sync::ResourceDef* resource = m_def.resource(request.resource);
    if (!resource)
        return Error::invalid(
            u"the destination has no resource \"%1\" to look up"_s.arg(request.resource));
    if (m_def.pagination.style != sync::PaginationStyle::ODataNext)
        return Error{
            ErrorCategory::Unsupported,
            u"lookups need an OData destination in this build (%1 is not)"_s.arg(m_def.type)};

    QUrl url = m_def.url(resource->listPath);
    QUrlQuery query(url);
    QString literal = value;
    literal.replace(u'\'', u"''"_s); // OData string literal escaping
    query.addQueryItem(u"$filter"_s, u"%1 eq '%2'"_s.arg(request.keyField, literal));
    query.addQueryItem(u"$select"_s, request.resultField);
    url.setQuery(query);
    http::Request get;
    get.method = "GET";
    get.url = url;
    get.connectorId = m_def.connectorId;
    get.endpointKey = u"GET "_s + resource->listPath;

    struct Answer {
        QSemaphore done;
        http::Outcome outcome;
    };
    auto answer = std::make_shared<Answer>();
    m_onPipeline([get, answer](http::Pipeline* pipeline) {
        if (!pipeline) {
            answer->outcome.cls = http::OutcomeClass::Permanent;
            answer->outcome.reason = u"no pipeline for the lookup's destination"_s;
            answer->done.release();
            return;
        }
        auto sent = pipeline->send(get, pipeline, [answer](const http::Outcome& o) {
            answer->outcome = o;
            answer->done.release();
        });
        if (!sent) {
            answer->outcome.cls = http::OutcomeClass::Permanent;
            answer->outcome.reason = sent.error().message;
            answer->done.release();
        }
    });
    if (!answer->done.tryAcquire(1, int(m_timeoutMs)))
        return Error{ErrorCategory::Transient,
                     u"lookup of %1.%2 timed out"_s.arg(request.resource, request.keyField)};
    if (!answer->outcome.ok())
        return Error{ErrorCategory::Transient,
                     u"lookup of %1.%2 failed: %3"_s.arg(request.resource, request.keyField,
                                                         answer->outcome.reason)};
    const QJsonObject body = QJsonDocument::fromJson(answer->outcome.body).object();
    const QJsonArray results = sync::jsonPath(body, m_def.pagination.resultsPath).toArray();
    if (results.isEmpty())
        return std::optional<QJsonValue>(); // no such record: a violation, not an error
    const QJsonValue found = results.first().toObject().value(request.resultField);
    if (found.isUndefined() || found.isNull())
        return std::optional<QJsonValue>();
    QMutexLocker lock(&m_mutex);
    m_cache.insert(cacheKey, found);
    return std::optional<QJsonValue>(found);
}

} // namespace bk
