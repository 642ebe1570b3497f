#pragma once

#include "FlowRunner.h"

#include <functional>
#include <memory>

#include <QObject>
#include <QStringList>

namespace bk::sync {

/// What a resync of one record came to.
struct ResyncOutcome {
    QString flowId;
    QString sourceId;
    QString destId;
    bool ok = false; ///< the record was written and both sides now agree
    QString state;   ///< "resolved", "differing" (written, still differs) or "failed"
    QString message; ///< one human line
};

/// "Resync this record": fetches the current source record, writes it through the flow's
/// normal mapping and destination transport (an upsert: update through the id map, create
/// when the record was never written or its destination record is gone), reads the
/// destination record back, compares them field by field and updates the record's entry in
/// the flow's latest reconciliation. Records are resynced one at a time, in the order asked.
/// Lives on the flow's thread, beside its FlowRunner and Reconciler.
class RecordResyncer : public QObject {
    Q_OBJECT
public:
    RecordResyncer(FlowSpec spec, const RecordMapper& mapper, Transport& sourceTransport,
                   Transport& destinationTransport, SyncStore& store, DeadLetterSink& deadLetters,
                   std::shared_ptr<Clock> clock, QObject* parent = nullptr);

    /// Queues sourceIds; done runs once per record, in order.
    void resync(const QStringList& sourceIds, std::function<void(const ResyncOutcome&)> done);
    bool isBusy() const { return m_busy; }
    int pending() const { return int(m_queue.size()); }
    /// Drops the records not started yet; each is reported as failed with reason.
    void cancelPending(const QString& reason);
    /// cancelPending(), and the record in hand is dropped too (its answers are ignored) and
    /// reported as failed with reason.
    void abandon(const QString& reason);

private:
    struct Job {
        QString sourceId;
        std::function<void(const ResyncOutcome&)> done;
    };
    void next();
    void fetched(const Job& job, const SourceRecord& record);
    void write(const Job& job, const SourceRecord& record);
    void verify(const Job& job, const QJsonObject& mapped, const QString& destId);
    void finish(const Job& job, ResyncOutcome outcome, const QList<FieldDiff>& fields,
                bool replaceFields);

    FlowSpec m_spec;
    const RecordMapper& m_mapper;
    Transport& m_sourceTransport;
    Transport& m_destinationTransport;
    SyncStore& m_store;
    std::shared_ptr<Clock> m_clock;
    PageReader m_sourceReader;
    PageReader m_destinationReader;
    RecordWriter m_writer;
    QList<Job> m_queue;
    Job m_current;
    bool m_busy = false;
    QObject* m_calls; ///< context of the transport callbacks; replaced to drop them
};

} // namespace bk::sync
