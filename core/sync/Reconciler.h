#pragma once

#include "FlowRunner.h"

#include <functional>
#include <memory>

#include <QHash>
#include <QObject>

namespace bk::sync {

/// Compares both sides of a flow through the id map and a content hash of the mapped fields:
/// - missing:   a source record with no destination counterpart (never written, or its
///              destination record is gone);
/// - differing: both exist but the destination's mapped fields differ from the mapping of
///              the source record;
/// - extra:     a destination record linked to a source record that no longer exists, or an
///              unlinked destination record sharing an e-mail match key with a linked one —
///              a duplicate (phones are shared legitimately, so they do not count here).
/// It also refreshes the destination match index. With repair, missing and differing records
/// are written again. The report is stored and returned.
class Reconciler : public QObject {
    Q_OBJECT
public:
    Reconciler(FlowSpec spec, const RecordMapper& mapper, Transport& sourceTransport,
               Transport& destinationTransport, SyncStore& store, DeadLetterSink& deadLetters,
               std::shared_ptr<Clock> clock, QObject* parent = nullptr);

    void run(bool repair, std::function<void(Result<ReconcileReport>)> done);
    bool isRunning() const { return static_cast<bool>(m_done); }
    /// Ends a running reconciliation now (shutdown): done gets an error, nothing is stored.
    void abandon();

private:
    using Records = QList<SourceRecord>;
    void readAll(PageReader& reader, Transport& transport, const ApiRequest& request,
                 std::shared_ptr<Records> into, std::function<void(Status)> done);
    void compare();
    void finish(Result<ReconcileReport> result);

    FlowSpec m_spec;
    const RecordMapper& m_mapper;
    Transport& m_sourceTransport;
    Transport& m_destinationTransport;
    SyncStore& m_store;
    std::shared_ptr<Clock> m_clock;
    PageReader m_sourceReader;
    PageReader m_destinationReader;
    RecordWriter m_writer;
    std::shared_ptr<Records> m_source;
    std::shared_ptr<Records> m_destination;
    ReconcileReport m_report;
    bool m_repair = false;
    QObject* m_calls; ///< context of the transport callbacks; replaced to drop them
    std::function<void(Result<ReconcileReport>)> m_done;
};

} // namespace bk::sync
