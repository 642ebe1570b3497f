#pragma once

#include "Clock.h"
#include "PageReader.h"
#include "ProgressMeter.h"
#include "RecordWriter.h"
#include "SyncStore.h"
#include "Workspace.h"
#include "engine/Snapshots.h"

#include <functional>
#include <memory>

#include <QObject>

namespace bk::sync {

/// Everything one flow needs, resolved from the workspace and the connector catalog.
struct FlowSpec {
    FlowConfig flow;
    ConnectorDef source;
    ResourceDef sourceResource;
    ConnectorDef destination;
    ResourceDef destinationResource;
    /// Re-read window behind the cursor: tolerates clock skew and late commits at the source.
    qint64 overlapMs = 60'000;
    /// The same for counter positions (Exact Timestamp); 0 re-reads only the last change.
    qint64 overlapTicks = 0;

    /// Overlap in the unit of the source resource's positions.
    qint64 overlap() const {
        return sourceResource.delta.style == DeltaStyle::ODataTimestamp ? overlapTicks : overlapMs;
    }
};

/// Resolves a flow of ws against catalog: both connectors' definitions, both resources,
/// options ("overlap": duration, "overlapTicks": integer). Errors name the flow and the field.
Result<FlowSpec> resolveFlow(const Workspace& ws, const ConnectorCatalog& catalog,
                             const QString& flowId);

/// The outcome of one run.
struct RunSummary {
    bool bulk = false;
    bool completed = false; ///< false: stopped or paused part-way; the next run resumes
    qint64 read = 0;
    int pages = 0;
    WriteStats writes;
    quint64 readCalls = 0;  ///< source calls (pages, retries included)
    quint64 indexCalls = 0; ///< destination reads to index match keys (initial sync only)
    Cursor cursor;
};

/// Runs one sync cycle of a flow: reads changes since cursor − overlap page by page, writes
/// each page, records the page durably, and only then moves on. The cursor advances per page
/// when the source hands out changes in order, otherwise at the end of the run; an
/// interrupted run resumes from its stored next page. Lives on one thread.
class FlowRunner : public QObject {
    Q_OBJECT
public:
    FlowRunner(FlowSpec spec, const RecordMapper& mapper, Transport& sourceTransport,
               Transport& destinationTransport, SyncStore& store, DeadLetterSink& deadLetters,
               std::shared_ptr<Clock> clock, QObject* parent = nullptr);

    /// Starts a run; done runs once when it completes, stops or fails (a failed read leaves
    /// the cursor where the last durable page put it).
    void start(std::function<void(Result<RunSummary>)> done);
    bool isRunning() const { return static_cast<bool>(m_done); }

    /// Holds the run after the page in hand is durable; resume() continues it.
    void pause();
    void resume();
    bool isPaused() const { return m_paused; }
    /// Ends the run after the page in hand is durable (graceful shutdown).
    void stop();
    /// Ends the run now, without waiting for the page in hand (a shutdown that cannot wait
    /// for a vendor's retries): the cursor and run state stay at the last durable page,
    /// records already written stay in the id map, and the next run reads the page again.
    void abandon();

    FlowProgress progress() const { return m_progress; }

Q_SIGNALS:
    void progressChanged(const bk::FlowProgress& progress);

private:
    void fetch(const ApiRequest& request);
    /// Before an initial bulk sync: reads the destination once so first-contact records
    /// find existing destination records by their match keys.
    void indexDestination(const ApiRequest& request, std::function<void()> then);
    void onPage(const ApiRequest& request, const ApiOutcome& outcome);
    void afterWrite(const Page& page, const WriteStats& stats);
    void continueOrFinish();
    void finish(Result<RunSummary> result);
    void publish();

    FlowSpec m_spec;
    const RecordMapper& m_mapper;
    Transport& m_sourceTransport;
    Transport& m_destinationTransport;
    SyncStore& m_store;
    std::shared_ptr<Clock> m_clock;
    PageReader m_reader;
    PageReader m_destinationReader;
    RecordWriter m_writer;
    ProgressMeter m_meter;
    FlowProgress m_progress;
    std::function<void(Result<RunSummary>)> m_done;
    RunSummary m_summary;
    Cursor m_cursor; ///< durable cursor at run start (advances with ordered pages)
    RunState m_run;  ///< this run's durable state
    QString m_next;  ///< next page to read; empty at the end
    bool m_paused = false;
    bool m_stop = false;
    bool m_waitingResume = false;
    QObject* m_calls; ///< context of the transport callbacks; replaced to drop them
    quint64 m_callsAtStart = 0;
    quint64 m_destCallsAtStart = 0;
};

} // namespace bk::sync
