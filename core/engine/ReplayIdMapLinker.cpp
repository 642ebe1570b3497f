#include "engine/ReplayIdMapLinker.h"

#include "LogCategories.h"
#include "deadletters/DeadLetterStore.h"
#include "sync/FlowRunner.h"
#include "sync/RecordWriter.h"
#include "sync/SyncStore.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

// The destination id in an update URL: the path matched against the resource's update path
// ("/crm/Contacts(guid'{id}')", "/persons/{id}"), both under the connector's API base.
QString idInUpdatePath(const sync::ConnectorDef& def, const sync::ResourceDef& res,
                       const QString& path) {
    if (!res.updatePath.contains(u"{id}"_s))
        return {};
    const QString marker = u"BKIDMARKER"_s;
    QString pattern = QRegularExpression::escape(
        def.url(QString(res.updatePath).replace(u"{id}"_s, marker)).path());
    pattern.replace(marker, u"([^/]+)"_s);
    const auto m = QRegularExpression(u"^"_s + pattern + u"$"_s).match(path);
    return m.hasMatch() ? m.captured(1) : QString();
}

} // namespace

ReplayIdMapLinker::ReplayIdMapLinker(std::shared_ptr<deadletters::DeadLetterStore> letters,
                                     std::shared_ptr<sync::SyncStore> idMap, Workspace workspace,
                                     ConnectorCatalog catalog, std::shared_ptr<Clock> clock)
    : m_letters(std::move(letters))
    , m_idMap(std::move(idMap))
    , m_ws(std::move(workspace))
    , m_catalog(std::move(catalog))
    , m_clock(std::move(clock)) {}

Result<qint64> ReplayIdMapLinker::deadLetter(const http::Request& request,
                                             const http::Outcome& outcome,
                                             const QString& sourceKey) {
    return m_letters->deadLetter(request, outcome, sourceKey);
}

Status ReplayIdMapLinker::replaySucceeded(const QString& key, const http::Outcome& outcome) {
    return m_letters->replaySucceeded(key, outcome);
}

Status ReplayIdMapLinker::replayedRequestSucceeded(const http::Request& sent,
                                                   const http::Outcome& outcome) {
    if (Status st = m_letters->replaySucceeded(sent.deadLetterKey, outcome); !st)
        return st;
    auto letter = m_letters->bySourceKey(sent.deadLetterKey);
    if (!letter || !*letter) {
        qCWarning(lcDeadLetters).noquote()
            << "replayed operation" << sent.deadLetterKey
            << "not linked to its flow:" << (letter ? u"no dead letter"_s : letter.error().message);
        return Status::success();
    }
    auto linked = link(**letter, sent, outcome);
    if (!linked)
        qCWarning(lcSync).noquote()
            << "dead letter" << (*letter)->id
            << "replayed, but its flow's id map was not updated:" << linked.error().message;
    else if (!linked->isEmpty())
        qCInfo(lcSync).noquote() << "dead letter" << (*letter)->id << "replayed: flow"
                                 << sent.flowId << "record" << sent.recordIds.value(0)
                                 << "is destination record" << *linked;
    return Status::success();
}

Result<QString> ReplayIdMapLinker::link(const deadletters::DeadLetter& letter,
                                        const http::Request& sent, const http::Outcome& outcome) {
    // The flow that wrote: a replay through another flow carries that flow.
    const QString flowId = sent.flowId.isEmpty() ? letter.flowId : sent.flowId;
    const QStringList ids = sent.recordIds.isEmpty() ? letter.recordIds : sent.recordIds;
    if (flowId.isEmpty() || ids.size() != 1 || ids.first().isEmpty())
        return QString(); // not one flow record (a batch, or a plain API call)
    const QString sourceId = ids.first();
    auto spec = sync::resolveFlow(m_ws, m_catalog, flowId);
    if (!spec)
        return QString(); // a flow that is no longer in the workspace
    // Sent to another connector (another account): the flow's id map does not describe it.
    if (sent.connectorId != spec->flow.destinationConnector)
        return QString();
    // Through another flow: its id map may only learn ids of the source it reads itself.
    if (!letter.flowId.isEmpty() && letter.flowId != flowId) {
        const FlowConfig* own = m_ws.flow(letter.flowId);
        if (!own || own->sourceConnector != spec->flow.sourceConnector)
            return QString();
    }
    const sync::ResourceDef& res = spec->destinationResource;
    const QString path = sent.url.path();
    const bool create = !res.writePath.isEmpty() && sent.method == res.createMethod.toLatin1() &&
                        path == spec->destination.url(res.writePath).path();
    QString destId;
    if (create) {
        destId = sync::createdRecordId(spec->destination, res,
                                       QJsonDocument::fromJson(outcome.body).object());
        if (destId.isEmpty())
            return Error{ErrorCategory::Protocol,
                         u"created, but the response carries no \"%1\""_s.arg(res.idField)};
    } else if (sent.method == res.updateMethod.toLatin1()) {
        destId = idInUpdatePath(spec->destination, res, path);
    }
    if (destId.isEmpty())
        return QString(); // neither a create nor an update of the flow's destination resource

    auto existing = m_idMap->idMapEntry(flowId, sourceId);
    if (!existing)
        return existing.error();
    if (*existing && (*existing)->state == u"ok"_s && !(*existing)->destId.isEmpty() &&
        (*existing)->destId != destId) {
        // A sync run linked the record meanwhile (it changed at the source and was written):
        // that link stays; the replay made a second destination record.
        return Error{ErrorCategory::Invalid,
                     u"flow %1 already links record %2 to %3; the replay wrote %4 besides"_s.arg(
                         flowId, sourceId, (*existing)->destId, destId)};
    }
    // Hashed as the sync hashes a mapped record: the payload without the body wrapper.
    QJsonObject payload = QJsonDocument::fromJson(sent.body).object();
    if (!res.bodyWrapper.isEmpty() && payload.value(res.bodyWrapper).isObject())
        payload = payload.value(res.bodyWrapper).toObject();
    sync::IdMapEntry e;
    e.sourceId = sourceId;
    e.destId = destId;
    e.sourcePosition = *existing ? (*existing)->sourcePosition : -1;
    e.contentHash = sync::contentHash(payload);
    e.state = u"ok"_s;
    const QString destKey = spec->destination.connectorId + u"/"_s + res.name;
    if (Status st = m_idMap->recordWritten(flowId, e, destKey, {}, m_clock->nowMs()); !st)
        return st.error();
    return destId;
}

} // namespace bk
