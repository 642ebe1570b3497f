#include "engine/ReplayPlanner.h"

#include "deadletters/DeadLetterStore.h"
#include "mapping/DestinationSchema.h"
#include "sync/FlowRunner.h"
#include "sync/SyncDefinition.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

QList<DryRunViolation> toDryRun(const QList<mapping::Violation>& violations) {
    QList<DryRunViolation> out;
    for (const auto& v : violations)
        out.append(
            {v.field.isEmpty() ? u"$"_s : u"$."_s + v.field, v.rule, v.message, v.valueExcerpt});
    return out;
}

// The resource (name, body wrapper) of a definition whose write or update path the URL path
// ends with. Read from the definition itself: a connector need not be readable by the sync
// engine to take writes.
std::optional<std::pair<QString, QString>> resourceForPath(const QJsonObject& definition,
                                                           const QString& path) {
    static const QRegularExpression placeholder(u"\\\\\\{[^}]*\\\\\\}"_s);
    const QJsonObject resources = definition.value(u"resources"_s).toObject();
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        const QJsonObject res = it->toObject();
        for (const char* key : {"writePath", "updatePath"}) {
            const QString p = res.value(QLatin1String(key)).toString();
            if (p.isEmpty())
                continue;
            QString re = QRegularExpression::escape(p);
            re.replace(placeholder, u"[^/]+"_s);
            if (QRegularExpression(re + u"$"_s).match(path).hasMatch())
                return std::make_pair(it.key(), res.value(u"bodyWrapper"_s).toString());
        }
    }
    return std::nullopt;
}

} // namespace

ReplayPlanner::ReplayPlanner(Workspace workspace, ConnectorCatalog catalog,
                             ResolverLookup resolvers)
    : m_ws(std::move(workspace))
    , m_catalog(std::move(catalog))
    , m_resolvers(std::move(resolvers)) {}

QString ReplayPlanner::typeOf(const QString& connectorId) const {
    const ConnectorConfig* c = m_ws.connector(connectorId);
    return c ? c->type : QString();
}

QList<ReplayTargetOption> ReplayPlanner::targetsFor(const deadletters::DeadLetter& d) const {
    QList<ReplayTargetOption> out;
    if (d.isSourceRecord()) {
        // Flows that read the same kind of record: same source connector type and resource.
        const FlowConfig* own = nullptr;
        for (const auto& f : m_ws.flows)
            if (f.id == d.flowId)
                own = &f;
        for (const auto& f : m_ws.flows) {
            if (f.id == d.flowId)
                continue;
            if (own && (typeOf(f.sourceConnector) != typeOf(own->sourceConnector) ||
                        f.sourceResource != own->sourceResource))
                continue;
            out.append({{ReplayTarget::Kind::Flow, f.id},
                        tr("Flow %1").arg(f.id),
                        tr("map with %1, write to %2/%3")
                            .arg(f.mappingFile, f.destinationConnector, f.destinationResource)});
        }
        return out;
    }
    // Request letters: the same resource on another connector of the same type.
    const QString type = typeOf(d.connectorId);
    if (type.isEmpty())
        return out;
    for (const auto& c : m_ws.connectors) {
        if (c.id == d.connectorId || c.type != type)
            continue;
        auto plan = asRequest(d, d.request.body, c.id);
        out.append({{ReplayTarget::Kind::Connector, c.id},
                    tr("Connector %1").arg(c.id),
                    plan ? QString(QString::fromLatin1(plan->request.method) + u' ' +
                                   plan->request.url.toString())
                         : plan.error().message});
    }
    return out;
}

Result<std::shared_ptr<const mapping::Mapper>> ReplayPlanner::mapperFor(const FlowConfig& f) const {
    QMutexLocker lock(&m_mutex);
    if (auto it = m_mappers.find(f.id); it != m_mappers.end())
        return it->second;
    auto mapper = mapping::Mapper::load(f.mappingFile, m_catalog);
    if (!mapper)
        return mapper.error();
    auto shared = std::make_shared<const mapping::Mapper>(std::move(*mapper));
    m_mappers.emplace(f.id, shared);
    return shared;
}

Result<ReplayPlanner::Plan> ReplayPlanner::throughFlow(const deadletters::DeadLetter& d,
                                                       const QByteArray& body,
                                                       const QString& flowId) const {
    auto spec = sync::resolveFlow(m_ws, m_catalog, flowId);
    if (!spec)
        return spec.error();
    if (!spec->destinationResource.writable())
        return Error::usage(
            tr("resource %1 of %2 cannot be written")
                .arg(spec->destinationResource.name, spec->flow.destinationConnector));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (!doc.isObject())
        return Error::invalid(tr("the payload is not a JSON object: %1")
                                  .arg(pe.error ? pe.errorString() : u"not an object"_s));
    auto mapper = mapperFor(spec->flow);
    if (!mapper)
        return mapper.error();
    mapping::MapContext ctx;
    const ConnectorConfig* source = m_ws.connector(spec->flow.sourceConnector);
    ctx.defaultRegion = source ? source->defaultRegion : QString();
    if (ctx.defaultRegion.isEmpty() && source)
        ctx.defaultRegion = m_catalog.definition(source->type).value(u"defaultRegion"_s).toString();
    ctx.resolver = m_resolvers ? m_resolvers(flowId) : nullptr;
    auto mapped = (*mapper)->map(doc.object(), ctx);
    if (!mapped)
        return Error{mapped.error().category,
                     tr("mapping could not run: %1").arg(mapped.error().message)};

    Plan p;
    p.schemaName = spec->destination.type + u'/' + spec->destinationResource.name;
    p.violations = toDryRun(mapped->violations);
    QJsonObject out = mapped->payload;
    if (!spec->destinationResource.bodyWrapper.isEmpty())
        out = QJsonObject{{spec->destinationResource.bodyWrapper, out}};
    p.redirect.connectorId = spec->flow.destinationConnector;
    p.redirect.flowId = flowId;
    p.redirect.method = spec->destinationResource.createMethod.toLatin1();
    p.redirect.url = spec->destination.url(spec->destinationResource.writePath);
    p.redirect.body = QJsonDocument(out).toJson(QJsonDocument::Compact);
    p.redirect.label = u"flow "_s + flowId;
    p.request = d.request;
    p.request.connectorId = p.redirect.connectorId;
    p.request.flowId = flowId;
    p.request.method = p.redirect.method;
    p.request.url = p.redirect.url;
    p.request.body = *p.redirect.body;
    if (p.request.header("Content-Type").isEmpty())
        p.request.headers.append(
            qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    return p;
}

Result<ReplayPlanner::Plan> ReplayPlanner::asRequest(const deadletters::DeadLetter& d,
                                                     const QByteArray& body,
                                                     const QString& toConnector) const {
    Plan p;
    p.request = d.request;
    p.request.body = body;
    const ConnectorConfig* own = m_ws.connector(d.connectorId);
    // The connector type: from the workspace, else a letter whose connector id is a type.
    QString type = own ? own->type : d.connectorId;
    if (!toConnector.isEmpty() && toConnector != d.connectorId) {
        const ConnectorConfig* target = m_ws.connector(toConnector);
        if (!target)
            return Error::usage(tr("connector \"%1\" is not in this workspace").arg(toConnector));
        if (!own || own->type != target->type)
            return Error::usage(
                tr("%1 is not of the same type as %2").arg(toConnector, d.connectorId));
        auto ownDef = sync::parseConnectorDef(m_catalog.definition(own->type), *own);
        if (!ownDef)
            return ownDef.error();
        auto targetDef = sync::parseConnectorDef(m_catalog.definition(target->type), *target);
        if (!targetDef)
            return targetDef.error();
        // Same path below the API base, on the other connector's base.
        const QString base = ownDef->apiBase.path();
        QString path = d.request.url.path();
        QString prefix = base.endsWith(u'/') ? base.chopped(1) : base;
        if (d.request.url.host() != ownDef->apiBase.host() || !path.startsWith(prefix))
            return Error::invalid(tr("the letter's URL %1 is not below %2's API base")
                                      .arg(d.request.url.toString(), d.connectorId));
        QString rest = path.mid(prefix.size());
        if (d.request.url.hasQuery())
            rest += u'?' + d.request.url.query(QUrl::FullyEncoded);
        p.redirect.connectorId = toConnector;
        p.redirect.url = targetDef->url(rest);
        p.redirect.label = u"connector "_s + toConnector;
        p.request.connectorId = toConnector;
        p.request.url = p.redirect.url;
        type = target->type;
    }
    if (!m_catalog.contains(type))
        return p; // no definition to find a schema in: sent as is, not validated
    const auto res = resourceForPath(m_catalog.definition(type), d.request.url.path());
    if (!res)
        return p;
    auto schema = mapping::DestinationSchema::fromCatalog(m_catalog, type, res->first);
    if (!schema)
        return p;
    p.schemaName = type + u'/' + res->first;
    const QString wrapper = res->second;
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (!doc.isObject()) {
        p.violations.append({u"$"_s, u"json"_s,
                             pe.error ? pe.errorString() : u"not a JSON object"_s,
                             QString::fromUtf8(body.left(60))});
        return p;
    }
    QJsonObject payload = doc.object();
    QString prefix;
    if (!wrapper.isEmpty() && payload.value(wrapper).isObject()) {
        payload = payload.value(wrapper).toObject();
        prefix = wrapper + u'.';
    }
    for (DryRunViolation v : toDryRun(schema->validate(payload))) {
        if (!prefix.isEmpty())
            v.path = u"$."_s + prefix + v.path.mid(2);
        p.violations.append(v);
    }
    return p;
}

Result<ReplayPlanner::Plan> ReplayPlanner::plan(const deadletters::DeadLetter& d,
                                                const QByteArray& editedBody,
                                                const ReplayTarget& target) const {
    const QByteArray body = editedBody.isEmpty() ? d.request.body : editedBody;
    switch (target.kind) {
    case ReplayTarget::Kind::Original:
        if (d.isSourceRecord()) {
            if (d.flowId.isEmpty())
                return Error::usage(tr("dead letter %1 has neither a URL nor a flow").arg(d.id));
            return throughFlow(d, body, d.flowId);
        }
        return asRequest(d, body, {});
    case ReplayTarget::Kind::Flow:
        if (!d.isSourceRecord())
            return Error::usage(
                tr("dead letter %1 holds a request, not a source record: it can go to "
                   "another connector, not through a flow")
                    .arg(d.id));
        return throughFlow(d, body, target.id);
    case ReplayTarget::Kind::Connector:
        if (d.isSourceRecord())
            return Error::usage(
                tr("dead letter %1 holds a source record: replay it through a flow").arg(d.id));
        return asRequest(d, body, target.id);
    }
    return Error::usage(tr("unknown replay target"));
}

Result<ReplayPlanner::Plan> ReplayPlanner::planToSend(const deadletters::DeadLetter& d,
                                                      const QByteArray& editedBody,
                                                      const ReplayTarget& target) const {
    auto p = plan(d, editedBody, target);
    if (!p || p->violations.isEmpty())
        return p;
    const auto& v = p->violations.first();
    return Error::invalid(tr("the payload does not fit %1: %2 (%3) and %n more", nullptr,
                             int(p->violations.size() - 1))
                              .arg(p->schemaName, v.path, v.message));
}

QString ReplayPlanner::sender(const deadletters::DeadLetter& d, const Plan& p) {
    return p.redirect.connectorId.isEmpty() ? d.connectorId : p.redirect.connectorId;
}

Result<http::Request> ReplayPlanner::begin(deadletters::DeadLetterStore& store,
                                           const deadletters::DeadLetter& d,
                                           const QByteArray& editedBody, const Plan& p,
                                           const QString& user) {
    if (!editedBody.isEmpty())
        if (auto st = store.editBody(d.id, editedBody, user); !st)
            return st.error();
    return store.beginReplay(d.id, user, p.redirect);
}

DryRunResult ReplayPlanner::dryRun(const deadletters::DeadLetter& d, const QByteArray& editedBody,
                                   const ReplayTarget& target) const {
    DryRunResult r;
    r.deadLetterId = d.id;
    r.target = target;
    auto p = plan(d, editedBody, target);
    if (!p) {
        r.error = p.error().message;
        return r;
    }
    r.connectorId = p->request.connectorId;
    r.method = QString::fromLatin1(p->request.method);
    r.url = p->request.url.toString();
    r.body = p->request.body;
    r.schemaName = p->schemaName;
    r.violations = p->violations;
    return r;
}

} // namespace bk
