#include "RecordResyncer.h"

#include "LogCategories.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace bk::sync {

RecordResyncer::RecordResyncer(FlowSpec spec, const RecordMapper& mapper,
                               Transport& sourceTransport, Transport& destinationTransport,
                               SyncStore& store, DeadLetterSink& deadLetters,
                               std::shared_ptr<Clock> clock, QObject* parent)
    : QObject(parent)
    , m_spec(spec)
    , m_mapper(mapper)
    , m_sourceTransport(sourceTransport)
    , m_destinationTransport(destinationTransport)
    , m_store(store)
    , m_clock(clock)
    , m_sourceReader(spec.source, spec.sourceResource)
    , m_destinationReader(spec.destination, spec.destinationResource)
    , m_writer({spec.flow.id, spec.destination, spec.destinationResource}, mapper,
               destinationTransport, store, deadLetters, clock, this)
    , m_calls(new QObject(this)) {}

void RecordResyncer::resync(const QStringList& sourceIds,
                            std::function<void(const ResyncOutcome&)> done) {
    for (const QString& id : sourceIds)
        m_queue.push_back({id, done});
    if (!m_busy)
        next();
}

void RecordResyncer::cancelPending(const QString& reason) {
    const QList<Job> dropped = std::exchange(m_queue, {});
    for (const Job& job : dropped) {
        ResyncOutcome o;
        o.flowId = m_spec.flow.id;
        o.sourceId = job.sourceId;
        o.state = u"failed"_s;
        o.message = reason;
        job.done(o);
    }
}

void RecordResyncer::abandon(const QString& reason) {
    cancelPending(reason);
    if (!m_busy || m_current.sourceId.isNull())
        return;
    delete m_calls;
    m_calls = new QObject(this);
    m_writer.abandon();
    const Job job = m_current;
    ResyncOutcome o;
    o.sourceId = job.sourceId;
    o.state = u"failed"_s;
    o.message = reason;
    finish(job, o, {}, false);
}

void RecordResyncer::next() {
    if (m_queue.isEmpty()) {
        m_busy = false;
        return;
    }
    m_busy = true;
    const Job job = m_queue.takeFirst();
    m_current = job;
    auto fail = [this, job](const QString& why) {
        ResyncOutcome o;
        o.sourceId = job.sourceId;
        o.state = u"failed"_s;
        o.message = why;
        finish(job, o, {}, false);
    };
    if (job.sourceId.isEmpty())
        return fail(tr("this record has no source record (an unlinked duplicate in the "
                       "destination); nothing to resync"));
    auto request = m_sourceReader.recordRequest(job.sourceId);
    if (!request)
        return fail(request.error().message);
    m_sourceTransport.send(*request, m_calls, [this, job, fail, url = request->url](ApiOutcome o) {
        if (!o.ok()) {
            if (o.status == 404 || o.status == 410)
                return fail(tr("the source record no longer exists (extras are never deleted)"));
            return fail(tr("reading the source record failed: %1").arg(o.error->message));
        }
        auto record = m_sourceReader.parseRecord(o, url);
        if (!record)
            return fail(record.error().message);
        fetched(job, *record);
    });
}

void RecordResyncer::fetched(const Job& job, const SourceRecord& fetchedRecord) {
    SourceRecord record = fetchedRecord;
    record.id = job.sourceId; // the id asked for, in the id map's spelling
    const MappedRecord mapped = m_mapper.map(record.data);
    ResyncOutcome failed;
    failed.sourceId = job.sourceId;
    failed.state = u"failed"_s;
    if (!mapped.violations.isEmpty()) {
        failed.message =
            tr("the source record does not map: %1").arg(mapped.violations.join(u"; "_s));
        return finish(job, failed, {}, false);
    }
    auto entry = m_store.idMapEntry(m_spec.flow.id, job.sourceId);
    if (!entry) {
        failed.message = entry.error().message;
        return finish(job, failed, {}, false);
    }
    // A single GET may not carry the change position a list page does: never move it back.
    if (*entry)
        record.position = std::max(record.position, (*entry)->sourcePosition);
    if (!*entry || (*entry)->destId.isEmpty())
        return write(job, record);
    // Linked: make sure the destination record still exists, else the write must create it.
    auto request = m_destinationReader.recordRequest((*entry)->destId);
    if (!request)
        return write(job, record); // cannot check; the update tells
    m_destinationTransport.send(*request, m_calls, [this, job, record, failed](ApiOutcome o) {
        if (!o.ok() && (o.status == 404 || o.status == 410)) {
            if (Status st = m_store.removeIdMapEntry(m_spec.flow.id, job.sourceId); !st) {
                ResyncOutcome f = failed;
                f.message = st.error().message;
                return finish(job, f, {}, false);
            }
        } else if (!o.ok()) {
            ResyncOutcome f = failed;
            f.message = tr("reading the destination record failed: %1").arg(o.error->message);
            return finish(job, f, {}, false);
        }
        write(job, record);
    });
}

void RecordResyncer::write(const Job& job, const SourceRecord& record) {
    const QJsonObject mapped = m_mapper.map(record.data).payload;
    m_writer.repair({record}, [this, job, mapped](Result<WriteStats> stats) {
        ResyncOutcome failed;
        failed.sourceId = job.sourceId;
        failed.state = u"failed"_s;
        if (!stats) {
            failed.message = stats.error().message;
            return finish(job, failed, {}, false);
        }
        if (stats->deadLettered > 0 || stats->created + stats->updated == 0) {
            failed.message = tr("the destination refused the write; it is now a dead letter of "
                                "flow %1")
                                 .arg(m_spec.flow.id);
            return finish(job, failed, {}, false);
        }
        auto entry = m_store.idMapEntry(m_spec.flow.id, job.sourceId);
        if (!entry || !*entry || (*entry)->destId.isEmpty()) {
            failed.message = entry ? tr("written, but the id map has no destination record")
                                   : entry.error().message;
            return finish(job, failed, {}, false);
        }
        verify(job, mapped, (*entry)->destId);
    });
}

void RecordResyncer::verify(const Job& job, const QJsonObject& mapped, const QString& destId) {
    ResyncOutcome out;
    out.sourceId = job.sourceId;
    out.destId = destId;
    auto request = m_destinationReader.recordRequest(destId);
    if (!request) {
        // Written through the pipeline, but nothing to read it back with: trust the write.
        out.ok = true;
        out.state = u"resolved"_s;
        out.message = tr("written to %1 (not read back: %2)").arg(destId, request.error().message);
        return finish(job, out, {}, false);
    }
    m_destinationTransport.send(
        *request, m_calls, [this, job, mapped, out, url = request->url](ApiOutcome o) mutable {
            if (!o.ok()) {
                out.state = u"failed"_s;
                out.message = tr("written, but reading it back failed: %1").arg(o.error->message);
                return finish(job, out, {}, false);
            }
            auto dest = m_destinationReader.parseRecord(o, url);
            if (!dest) {
                out.state = u"failed"_s;
                out.message =
                    tr("written, but reading it back failed: %1").arg(dest.error().message);
                return finish(job, out, {}, false);
            }
            const QList<FieldDiff> fields = compareFields(mapped, dest->data);
            const QStringList paths = differingPaths(fields);
            out.ok = paths.isEmpty();
            out.state = out.ok ? u"resolved"_s : u"differing"_s;
            out.message = out.ok ? tr("resynced: both sides agree")
                                 : tr("written, but still differs in %1").arg(paths.join(u", "_s));
            finish(job, out, fields, true);
        });
}

void RecordResyncer::finish(const Job& job, ResyncOutcome outcome, const QList<FieldDiff>& fields,
                            bool replaceFields) {
    m_current = Job{}; // callers pass their own copy of the job, never m_current itself
    outcome.flowId = m_spec.flow.id;
    ReconcileItem now;
    now.state = outcome.state;
    now.stateMessage = outcome.message;
    now.stateMs = m_clock->nowMs();
    now.destId = outcome.destId;
    now.fields = fields;
    const QStringList paths = differingPaths(fields);
    now.detail = paths.isEmpty() ? tr("in agreement after a resync") : paths.join(u", "_s);
    if (auto st = m_store.updateReconcileItem(m_spec.flow.id, outcome.sourceId, now, replaceFields);
        !st)
        qCWarning(lcSync).noquote() << "flow" << m_spec.flow.id << "resync of" << outcome.sourceId
                                    << "not recorded:" << st.error().message;
    if (outcome.ok)
        qCInfo(lcSync).noquote() << "flow" << m_spec.flow.id << "resynced" << outcome.sourceId;
    else
        qCWarning(lcSync).noquote() << "flow" << m_spec.flow.id << "resync of" << outcome.sourceId
                                    << ":" << outcome.message;
    if (job.done)
        job.done(outcome);
    // Queued: a long list of records that fail at once must not recurse.
    QMetaObject::invokeMethod(this, &RecordResyncer::next, Qt::QueuedConnection);
}

} // namespace bk::sync
