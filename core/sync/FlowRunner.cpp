#include "FlowRunner.h"

#include "Duration.h"
#include "LogCategories.h"

using namespace Qt::StringLiterals;

namespace bk::sync {

Result<FlowSpec> resolveFlow(const Workspace& ws, const ConnectorCatalog& catalog,
                             const QString& flowId) {
    const FlowConfig* flow = ws.flow(flowId);
    if (!flow)
        return Error::usage(u"%1: $.flows: no flow with id \"%2\""_s.arg(ws.filePath, flowId));
    FlowSpec spec;
    spec.flow = *flow;
    auto side = [&](const QString& connectorId, const QString& resource, ConnectorDef& def,
                    ResourceDef& res, const QString& role) -> Status {
        const ConnectorConfig* c = ws.connector(connectorId);
        if (!c)
            return Error::usage(u"flow \"%1\": %2 connector \"%3\" is not in the workspace"_s.arg(
                flowId, role, connectorId));
        if (!catalog.contains(c->type))
            return Error::usage(
                u"flow \"%1\": connector type \"%2\" is unknown"_s.arg(flowId, c->type));
        auto parsed = parseConnectorDef(catalog.definition(c->type), *c);
        if (!parsed)
            return parsed.error();
        def = *parsed;
        const ResourceDef* r = def.resource(resource);
        if (!r)
            return Error::usage(u"flow \"%1\": %2 resource \"%3\" is not defined for \"%4\""_s.arg(
                flowId, role, resource, c->type));
        res = *r;
        return Status::success();
    };
    if (Status st = side(flow->sourceConnector, flow->sourceResource, spec.source,
                         spec.sourceResource, u"source"_s);
        !st)
        return st.error();
    if (Status st = side(flow->destinationConnector, flow->destinationResource, spec.destination,
                         spec.destinationResource, u"destination"_s);
        !st)
        return st.error();
    if (!spec.destinationResource.writable())
        return Error::usage(u"flow \"%1\": destination resource \"%2\" has no write path"_s.arg(
            flowId, flow->destinationResource));
    const QJsonObject options = flow->raw.value(u"options"_s).toObject();
    if (options.contains(u"overlap"_s)) {
        auto ms = parseDurationMs(options.value(u"overlap"_s).toString());
        if (!ms)
            return Error::usage(
                u"%1: $.flows[%2].options.overlap: not a duration"_s.arg(ws.filePath, flowId));
        spec.overlapMs = *ms;
    }
    spec.overlapTicks = options.value(u"overlapTicks"_s).toInteger(spec.overlapTicks);
    return spec;
}

FlowRunner::FlowRunner(FlowSpec spec, const RecordMapper& mapper, Transport& sourceTransport,
                       Transport& destinationTransport, SyncStore& store,
                       DeadLetterSink& deadLetters, std::shared_ptr<Clock> clock, QObject* parent)
    : QObject(parent)
    , m_spec(spec)
    , m_mapper(mapper)
    , m_sourceTransport(sourceTransport)
    , m_destinationTransport(destinationTransport)
    , m_store(store)
    , m_clock(clock)
    , m_reader(spec.source, spec.sourceResource)
    , m_destinationReader(spec.destination, spec.destinationResource)
    , m_writer({spec.flow.id, spec.destination, spec.destinationResource}, mapper,
               destinationTransport, store, deadLetters, clock, this)
    , m_calls(new QObject(this)) {
    m_progress.flowId = spec.flow.id;
}

void FlowRunner::start(std::function<void(Result<RunSummary>)> done) {
    if (m_done) {
        done(Error{ErrorCategory::Usage, u"flow \"%1\" is already running"_s.arg(m_spec.flow.id)});
        return;
    }
    m_done = std::move(done);
    m_stop = false;
    m_summary = RunSummary{};
    m_callsAtStart = m_sourceTransport.callCount();
    m_destCallsAtStart = m_destinationTransport.callCount();
    auto cursor = m_store.cursor(m_spec.flow.id);
    if (!cursor)
        return finish(cursor.error());
    auto run = m_store.runState(m_spec.flow.id);
    if (!run)
        return finish(run.error());
    m_cursor = *cursor;
    m_run = *run;
    ApiRequest first;
    const bool fresh = m_run.next.isEmpty();
    if (!fresh) {
        qCInfo(lcSync) << "flow" << m_spec.flow.id << "resumes an interrupted run at" << m_run.done;
        first = m_reader.nextRequest(m_run.next);
    } else {
        m_run = RunState{};
        m_run.bulk = !m_cursor.valid();
        const qint64 since =
            m_cursor.valid() ? std::max<qint64>(0, m_cursor.position - m_spec.overlap()) : -1;
        first = m_reader.firstRequest(since);
    }
    m_summary.bulk = m_run.bulk;
    m_progress.running = true;
    m_progress.bulk = m_run.bulk;
    m_progress.done = m_run.done;
    m_progress.total = m_run.total;
    m_meter.start(m_clock->nowMs(), m_run.done, m_run.total);
    publish();
    if (m_mapper.matchFields().isEmpty())
        return fetch(first);
    auto inDoubt = m_store.countCreatesInDoubt(m_spec.flow.id);
    if (!inDoubt)
        return finish(inDoubt.error());
    if (*inDoubt > 0) {
        // An earlier run died with creates on the wire (crash, SIGKILL, an engine of a fleet
        // lost): re-read the destination so a create that landed is linked, not sent again.
        qCInfo(lcSync) << "flow" << m_spec.flow.id << "has" << *inDoubt
                       << "create(s) without a recorded outcome; re-reading the destination";
        return indexDestination(m_destinationReader.firstRequest(-1), [this, first] {
            if (Status st = m_store.dropCreatesInDoubt(m_spec.flow.id); !st)
                return finish(st.error());
            fetch(first);
        });
    }
    if (fresh && m_run.bulk)
        return indexDestination(m_destinationReader.firstRequest(-1),
                                [this, first] { fetch(first); });
    fetch(first);
}

void FlowRunner::indexDestination(const ApiRequest& request, std::function<void()> then) {
    m_destinationTransport.send(request, m_calls, [this, request, then](ApiOutcome o) {
        if (!o.ok())
            return finish(Error{o.error->category,
                                u"indexing the destination failed: %1"_s.arg(o.error->message)});
        auto page = m_destinationReader.parse(o, request.url);
        if (!page)
            return finish(page.error());
        const QString key =
            m_spec.destination.connectorId + u"/"_s + m_spec.destinationResource.name;
        const QStringList fields = m_mapper.matchFields();
        for (const SourceRecord& r : page->records) {
            QStringList keys;
            for (const QString& f : fields) {
                const QString v = r.data.value(f).toVariant().toString();
                if (!v.isEmpty())
                    keys << f + u"="_s + canonicalMatchValue(v);
            }
            if (Status st = m_store.putMatches(key, keys, r.id); !st)
                return finish(st.error());
        }
        if (page->next.isEmpty())
            return then();
        indexDestination(m_destinationReader.nextRequest(page->next), then);
    });
}

void FlowRunner::fetch(const ApiRequest& request) {
    m_sourceTransport.send(request, m_calls, [this, request](ApiOutcome o) { onPage(request, o); });
}

void FlowRunner::onPage(const ApiRequest& request, const ApiOutcome& outcome) {
    if (!outcome.ok()) {
        if (!m_run.next.isEmpty() && outcome.error->category == ErrorCategory::Permanent) {
            // A stored page token the API no longer accepts: restart from the cursor next time.
            RunState cleared;
            (void)m_store.savePage(m_spec.flow.id, cleared, std::nullopt);
        }
        return finish(
            Error{outcome.error->category,
                  u"reading %1 failed: %2"_s.arg(request.url.path(), outcome.error->message)});
    }
    auto page = m_reader.parse(outcome, request.url);
    if (!page)
        return finish(page.error());
    ++m_summary.pages;
    m_summary.read += page->records.size();
    if (page->total >= 0 && m_run.total < 0) {
        m_run.total = page->total;
        m_meter.setTotal(page->total);
    }
    const Page p = *page;
    m_writer.write(p.records, [this, p](Result<WriteStats> stats) {
        if (!stats)
            return finish(stats.error());
        afterWrite(p, *stats);
    });
}

void FlowRunner::afterWrite(const Page& page, const WriteStats& stats) {
    WriteStats& w = m_summary.writes;
    w.created += stats.created;
    w.updated += stats.updated;
    w.unchanged += stats.unchanged;
    w.deadLettered += stats.deadLettered;
    w.calls += stats.calls;
    for (const SourceRecord& r : page.records)
        if (r.position >= 0 && !Cursor::before(r.position, r.id, m_run.maxPosition, m_run.maxId)) {
            m_run.maxPosition = r.position;
            m_run.maxId = r.id;
        }
    m_run.done += page.records.size();
    m_run.next = page.next;
    // Every record of this page is now in the id map or a dead letter: the page is durable.
    std::optional<Cursor> advance;
    if (m_spec.sourceResource.delta.ordered && m_run.maxPosition >= 0 &&
        Cursor::before(m_cursor.position, m_cursor.lastId, m_run.maxPosition, m_run.maxId)) {
        m_cursor = Cursor{m_run.maxPosition, m_run.maxId};
        advance = m_cursor;
    }
    if (Status st = page.next.isEmpty() ? Status::success()
                                        : m_store.savePage(m_spec.flow.id, m_run, advance);
        !st)
        return finish(st.error());
    m_meter.update(m_clock->nowMs(), m_run.done);
    m_progress.done = m_run.done;
    m_progress.total = m_run.total;
    m_progress.ratePerSecond = m_meter.ratePerSecond();
    m_progress.etaMs = m_meter.etaMs();
    publish();
    m_next = page.next;
    continueOrFinish();
}

void FlowRunner::continueOrFinish() {
    if (m_next.isEmpty()) {
        Cursor end = m_cursor;
        if (m_run.maxPosition >= 0 &&
            Cursor::before(end.position, end.lastId, m_run.maxPosition, m_run.maxId))
            end = Cursor{m_run.maxPosition, m_run.maxId};
        if (Status st = m_store.finishRun(m_spec.flow.id, end); !st)
            return finish(st.error());
        m_summary.completed = true;
        m_summary.cursor = end;
        return finish(m_summary);
    }
    if (m_stop) {
        m_summary.cursor = m_cursor;
        return finish(m_summary);
    }
    if (m_paused) {
        m_waitingResume = true;
        return;
    }
    fetch(m_reader.nextRequest(m_next));
}

void FlowRunner::pause() {
    m_paused = true;
}

void FlowRunner::resume() {
    m_paused = false;
    if (m_waitingResume) {
        m_waitingResume = false;
        continueOrFinish();
    }
}

void FlowRunner::stop() {
    m_stop = true;
    if (m_waitingResume) {
        m_waitingResume = false;
        continueOrFinish();
    }
}

void FlowRunner::abandon() {
    if (!m_done)
        return;
    // The answers still outstanding never arrive: the page in hand is simply not durable.
    delete m_calls;
    m_calls = new QObject(this);
    m_writer.abandon();
    m_waitingResume = false;
    qCInfo(lcSync) << "flow" << m_spec.flow.id << "run abandoned at" << m_run.done
                   << "records; it resumes from the last durable page";
    m_summary.cursor = m_cursor;
    finish(m_summary);
}

void FlowRunner::finish(Result<RunSummary> result) {
    auto done = std::move(m_done);
    m_done = nullptr;
    m_progress.running = false;
    m_progress.bulk = false;
    m_progress.lastRunMs = m_clock->nowMs();
    m_progress.lastRunOk = result.ok();
    if (result) {
        result->readCalls = m_sourceTransport.callCount() - m_callsAtStart;
        if (&m_sourceTransport != &m_destinationTransport)
            result->indexCalls = m_destinationTransport.callCount() - m_destCallsAtStart -
                                 quint64(result->writes.calls);
        const WriteStats& w = result->writes;
        m_progress.lastRunMessage =
            u"%1 read, %2 created, %3 updated, %4 unchanged, %5 dead letters%6"_s.arg(result->read)
                .arg(w.created)
                .arg(w.updated)
                .arg(w.unchanged)
                .arg(w.deadLettered)
                .arg(result->completed ? QString() : u" (interrupted; resumes)"_s);
    } else {
        m_progress.lastRunMessage = result.error().message;
        qCWarning(lcSync) << "flow" << m_spec.flow.id << "run failed:" << result.error().message;
    }
    m_progress.etaMs = -1;
    publish();
    if (done)
        done(std::move(result));
}

void FlowRunner::publish() {
    Q_EMIT progressChanged(m_progress);
}

} // namespace bk::sync
