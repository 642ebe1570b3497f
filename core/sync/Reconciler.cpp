#include "Reconciler.h"

#include "LogCategories.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace bk::sync {

Reconciler::Reconciler(FlowSpec spec, const RecordMapper& mapper, Transport& sourceTransport,
                       Transport& destinationTransport, SyncStore& store,
                       DeadLetterSink& deadLetters, std::shared_ptr<Clock> clock, QObject* parent)
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

void Reconciler::abandon() {
    if (!m_done)
        return;
    delete m_calls;
    m_calls = new QObject(this);
    m_writer.abandon();
    auto done = std::exchange(m_done, nullptr);
    done(Error{
        ErrorCategory::Transient,
        u"the reconciliation of \"%1\" was stopped before it finished"_s.arg(m_spec.flow.id)});
}

void Reconciler::run(bool repair, std::function<void(Result<ReconcileReport>)> done) {
    if (m_done) {
        done(Error{ErrorCategory::Usage,
                   u"a reconciliation of \"%1\" is already running"_s.arg(m_spec.flow.id)});
        return;
    }
    m_done = std::move(done);
    m_repair = repair;
    m_report = ReconcileReport{};
    m_report.flowId = m_spec.flow.id;
    m_report.startedMs = m_clock->nowMs();
    m_source = std::make_shared<Records>();
    m_destination = std::make_shared<Records>();
    readAll(m_sourceReader, m_sourceTransport, m_sourceReader.firstRequest(-1), m_source,
            [this](Status st) {
                if (!st)
                    return finish(st.error());
                readAll(m_destinationReader, m_destinationTransport,
                        m_destinationReader.firstRequest(-1), m_destination, [this](Status st2) {
                            if (!st2)
                                return finish(st2.error());
                            compare();
                        });
            });
}

void Reconciler::readAll(PageReader& reader, Transport& transport, const ApiRequest& request,
                         std::shared_ptr<Records> into, std::function<void(Status)> done) {
    transport.send(
        request, m_calls, [this, &reader, &transport, request, into, done](ApiOutcome o) {
            if (!o.ok())
                return done(Error{o.error->category, u"reading %1 failed: %2"_s.arg(
                                                         request.url.path(), o.error->message)});
            auto page = reader.parse(o, request.url);
            if (!page)
                return done(page.error());
            into->append(page->records);
            if (page->next.isEmpty())
                return done(Status::success());
            readAll(reader, transport, reader.nextRequest(page->next), into, done);
        });
}

namespace {

QStringList keysOf(const QJsonObject& rec, const QStringList& fields) {
    QStringList keys;
    for (const QString& f : fields) {
        const QString v = rec.value(f).toVariant().toString();
        if (!v.isEmpty())
            keys << f + u"="_s + canonicalMatchValue(v);
    }
    return keys;
}

} // namespace

void Reconciler::compare() {
    const QString flow = m_spec.flow.id;
    const QString destKey =
        m_spec.destination.connectorId + u"/"_s + m_spec.destinationResource.name;
    auto idMap = m_store.idMap(flow);
    if (!idMap)
        return finish(idMap.error());
    QHash<QString, IdMapEntry> bySource;
    QSet<QString> linkedDest;
    for (const IdMapEntry& e : *idMap) {
        bySource.insert(e.sourceId, e);
        if (!e.destId.isEmpty())
            linkedDest.insert(e.destId);
    }
    QHash<QString, QJsonObject> dest;
    for (const SourceRecord& r : *m_destination)
        dest.insert(r.id, r.data);
    m_report.sourceCount = int(m_source->size());
    m_report.destCount = int(m_destination->size());

    const QStringList matchFields = m_mapper.matchFields();
    QHash<QString, QString> keyOwner; // match key → linked destination id
    QList<SourceRecord> toRepair;
    QSet<QString> sourceIds;
    for (const SourceRecord& s : *m_source) {
        sourceIds.insert(s.id);
        const MappedRecord mapped = m_mapper.map(s.data);
        if (!mapped.violations.isEmpty())
            continue; // invalid at the source: a dead letter, not a difference
        const IdMapEntry e = bySource.value(s.id);
        if (e.destId.isEmpty() || !dest.contains(e.destId)) {
            m_report.items.push_back(reconcileItem(
                u"missing"_s, s.id, e.destId,
                e.destId.isEmpty() ? u"never written"_s : u"destination record is gone"_s,
                oneSided(mapped.payload, true)));
            toRepair << s;
            continue;
        }
        const QJsonObject& d = dest[e.destId];
        // Duplicates are judged by e-mail only: people legitimately share phone numbers.
        for (const QString& k : keysOf(d, matchFields))
            if (k.contains(u'@'))
                keyOwner.insert(k, e.destId);
        if (contentHash(mapped.payload) == contentHash(d, mapped.payload.keys()))
            continue;
        QList<FieldDiff> fields = compareFields(mapped.payload, d);
        const QStringList paths = differingPaths(fields);
        if (paths.isEmpty())
            continue;
        m_report.items.push_back(
            reconcileItem(u"differing"_s, s.id, e.destId, paths.join(u", "_s), std::move(fields)));
        toRepair << s;
    }
    const QStringList mappedFields = m_mapper.mappedFields();
    for (const IdMapEntry& e : *idMap)
        if (!sourceIds.contains(e.sourceId) && dest.contains(e.destId))
            m_report.items.push_back(reconcileItem(u"extra"_s, e.sourceId, e.destId,
                                                   u"source record no longer exists"_s,
                                                   oneSided(dest[e.destId], false, mappedFields)));
    // The index is rebuilt from what the destination holds now: no key points at a gone record.
    if (Status st = m_store.clearMatches(destKey); !st)
        return finish(st.error());
    for (const SourceRecord& d : *m_destination) {
        const QStringList keys = keysOf(d.data, matchFields);
        if (!linkedDest.contains(d.id)) {
            for (const QString& k : keys)
                if (keyOwner.contains(k) && keyOwner.value(k) != d.id) {
                    m_report.items.push_back(
                        reconcileItem(u"extra"_s, QString(), d.id,
                                      u"duplicate of %1 (%2)"_s.arg(keyOwner.value(k), k),
                                      oneSided(d.data, false, mappedFields)));
                    break;
                }
        }
        // Keep the match index current for first-contact matching.
        if (Status st = m_store.putMatches(destKey, keys, d.id); !st)
            return finish(st.error());
    }
    for (const ReconcileItem& it : m_report.items) {
        if (it.kind == u"missing"_s)
            ++m_report.missing;
        else if (it.kind == u"differing"_s)
            ++m_report.differing;
        else
            ++m_report.extra;
    }
    if (!m_repair || toRepair.isEmpty())
        return finish(m_report);
    // A link to a vanished destination record is dropped so the repair creates it anew.
    for (const SourceRecord& s : toRepair) {
        const IdMapEntry e = bySource.value(s.id);
        if (!e.sourceId.isEmpty() && (e.destId.isEmpty() || !dest.contains(e.destId)))
            if (Status st = m_store.removeIdMapEntry(flow, s.id); !st)
                return finish(st.error());
    }
    m_writer.repair(toRepair, [this](Result<WriteStats> stats) {
        if (!stats)
            return finish(stats.error());
        m_report.repaired = stats->created + stats->updated;
        finish(m_report);
    });
}

void Reconciler::finish(Result<ReconcileReport> result) {
    auto done = std::move(m_done);
    m_done = nullptr;
    if (result) {
        result->finishedMs = m_clock->nowMs();
        result->ok = true;
        result->message = u"%1 missing, %2 differing, %3 extra%4"_s.arg(result->missing)
                              .arg(result->differing)
                              .arg(result->extra)
                              .arg(m_repair ? u", %1 repaired"_s.arg(result->repaired) : QString());
        auto id = m_store.saveReconcile(*result);
        if (!id) {
            result = id.error();
        } else {
            result->id = *id;
        }
    } else {
        ReconcileReport failed;
        failed.flowId = m_spec.flow.id;
        failed.startedMs = m_report.startedMs;
        failed.finishedMs = m_clock->nowMs();
        failed.ok = false;
        failed.message = result.error().message;
        (void)m_store.saveReconcile(failed);
        qCWarning(lcSync) << "reconciliation of" << m_spec.flow.id << "failed:" << failed.message;
    }
    if (done)
        done(std::move(result));
}

} // namespace bk::sync
