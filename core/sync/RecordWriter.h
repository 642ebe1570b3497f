#pragma once

#include "Clock.h"
#include "SyncDefinition.h"
#include "SyncStore.h"
#include "Transport.h"

#include <functional>
#include <memory>

#include <QObject>

namespace bk::sync {

/// The id of the record a create made, from the create's response body: under the resource's
/// body wrapper, the connector's record path, or a batch result's "body"/"data"/"record"; else
/// the body itself. Empty when the response names none.
QString createdRecordId(const ConnectorDef& connector, const ResourceDef& resource,
                        const QJsonObject& responseBody);

/// What happened to the records of one page.
struct WriteStats {
    int created = 0;
    int updated = 0;
    int unchanged = 0; ///< already written at this version or with equal content (overlap)
    int deadLettered = 0;
    int calls = 0; ///< write calls made (batches count once)
};

/// Writes mapped records to a destination resource: create or update decided by the id map
/// and, on first contact, by the match index; batched through the resource's batch endpoint
/// when it has one; every failure dead-lettered with its reason. Every outcome is made
/// durable (id map or dead letter) before done() runs, so the caller may then move its cursor.
class RecordWriter : public QObject {
    Q_OBJECT
public:
    struct Target {
        QString flowId;
        ConnectorDef connector;
        ResourceDef resource;
    };

    RecordWriter(Target target, const RecordMapper& mapper, Transport& transport, SyncStore& store,
                 DeadLetterSink& deadLetters, std::shared_ptr<Clock> clock,
                 QObject* parent = nullptr);

    /// Maps and writes records; done runs once with the stats or with a store error (then
    /// nothing may be assumed durable for the records not yet recorded).
    void write(const QList<SourceRecord>& records, std::function<void(Result<WriteStats>)> done);

    /// Writes given records unconditionally (reconciliation repair): version checks skipped.
    void repair(const QList<SourceRecord>& records, std::function<void(Result<WriteStats>)> done);

    /// Drops the writes in flight (shutdown): their answers are ignored and done never runs.
    /// What was recorded before stays; the rest is written again by the next run.
    void abandon();

private:
    struct Op;
    struct Job;
    void prepare(std::shared_ptr<Job> job, bool force);
    void sendNext(std::shared_ptr<Job> job);
    void sendSingle(std::shared_ptr<Job> job, int index);
    void sendBatch(std::shared_ptr<Job> job, int from, int count);
    Status resolve(Op& op, const ApiOutcome& outcome, const QJsonObject& responseBody);
    Status deadLetter(const Op& op, const QString& errorClass, const QString& reason, int status);
    QString destKey() const;

    Target m_target;
    const RecordMapper& m_mapper;
    Transport& m_transport;
    SyncStore& m_store;
    DeadLetterSink& m_deadLetters;
    std::shared_ptr<Clock> m_clock;
    QObject* m_calls; ///< context of the transport callbacks; replaced to drop them
};

} // namespace bk::sync
