#include "RecordWriter.h"

#include "LogCategories.h"

#include <algorithm>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

using namespace Qt::StringLiterals;

namespace bk::sync {

struct RecordWriter::Op {
    QString sourceId;
    qint64 position = -1;
    QJsonObject payload;
    QByteArray hash;
    QStringList matchKeys;
    bool create = true;
    QString destId;
    QString idemKey;
    QByteArray method;
    QString path; ///< relative to the API base
    QByteArray body;
    bool single = false; ///< send alone even when the resource has a batch endpoint
};

struct RecordWriter::Job {
    QList<Op> ops;
    int next = 0;
    WriteStats stats;
    std::function<void(Result<WriteStats>)> done;
    bool failed = false;
};

namespace {

QString errorClass(const Error& e) {
    switch (e.category) {
    case ErrorCategory::Permanent:
        return u"permanent"_s;
    case ErrorCategory::Invalid:
        return u"invalid"_s;
    case ErrorCategory::Auth:
        return u"auth"_s;
    default:
        return u"exhausted"_s;
    }
}

QString idString(const QJsonValue& v) {
    return v.isDouble() ? QString::number(qint64(v.toDouble())) : v.toString();
}

} // namespace

QString createdRecordId(const ConnectorDef& connector, const ResourceDef& resource,
                        const QJsonObject& body) {
    QList<QJsonObject> candidates;
    if (!resource.bodyWrapper.isEmpty())
        candidates << body.value(resource.bodyWrapper).toObject();
    if (!connector.recordPath.isEmpty())
        candidates << jsonPath(body, connector.recordPath).toObject();
    for (const QString& k : {u"body"_s, u"data"_s, u"record"_s})
        candidates << body.value(k).toObject();
    candidates << body;
    for (const QJsonObject& rec : std::as_const(candidates)) {
        const QString id = idString(rec.value(resource.idField));
        if (!id.isEmpty())
            return id;
    }
    return {};
}

RecordWriter::RecordWriter(Target target, const RecordMapper& mapper, Transport& transport,
                           SyncStore& store, DeadLetterSink& deadLetters,
                           std::shared_ptr<Clock> clock, QObject* parent)
    : QObject(parent)
    , m_target(std::move(target))
    , m_mapper(mapper)
    , m_transport(transport)
    , m_store(store)
    , m_deadLetters(deadLetters)
    , m_clock(std::move(clock))
    , m_calls(new QObject(this)) {}

void RecordWriter::abandon() {
    delete m_calls;
    m_calls = new QObject(this);
}

QString RecordWriter::destKey() const {
    return m_target.connector.connectorId + u"/"_s + m_target.resource.name;
}

void RecordWriter::write(const QList<SourceRecord>& records,
                         std::function<void(Result<WriteStats>)> done) {
    auto job = std::make_shared<Job>();
    job->done = std::move(done);
    for (const SourceRecord& r : records) {
        Op op;
        op.sourceId = r.id;
        op.position = r.position;
        op.payload = r.data;
        job->ops.push_back(op);
    }
    prepare(job, false);
}

void RecordWriter::repair(const QList<SourceRecord>& records,
                          std::function<void(Result<WriteStats>)> done) {
    auto job = std::make_shared<Job>();
    job->done = std::move(done);
    for (const SourceRecord& r : records) {
        Op op;
        op.sourceId = r.id;
        op.position = r.position;
        op.payload = r.data;
        job->ops.push_back(op);
    }
    prepare(job, true);
}

// Maps each record and decides create / update / skip. Store work only, no network.
void RecordWriter::prepare(std::shared_ptr<Job> job, bool force) {
    const ResourceDef& res = m_target.resource;
    QList<Op> ops;
    QSet<QString> claimed;      // destination ids matched by earlier records of this page
    QList<IdMapEntry> inFlight; // creates about to be sent, on record before they are
    for (Op& op : job->ops) {
        auto entry = m_store.idMapEntry(m_target.flowId, op.sourceId);
        if (!entry)
            return job->done(entry.error());
        const MappedRecord mapped = m_mapper.map(op.payload);
        if (!mapped.violations.isEmpty()) {
            // The same invalid version seen again (overlap) is not dead-lettered twice.
            const QByteArray sourceHash = contentHash(op.payload);
            if (*entry && (*entry)->state == u"invalid"_s && (*entry)->contentHash == sourceHash) {
                ++job->stats.unchanged;
                continue;
            }
            op.body = QJsonDocument(op.payload).toJson(QJsonDocument::Compact);
            if (Status st = deadLetter(op, u"invalid"_s, mapped.violations.join(u"; "_s), 0); !st)
                return job->done(st.error());
            ++job->stats.deadLettered;
            if (!*entry || (*entry)->state != u"ok"_s) {
                IdMapEntry invalid;
                invalid.sourceId = op.sourceId;
                invalid.sourcePosition = op.position;
                invalid.contentHash = sourceHash;
                invalid.state = u"invalid"_s;
                if (Status st = m_store.putIdMapEntry(m_target.flowId, invalid, m_clock->nowMs());
                    !st)
                    return job->done(st.error());
            }
            continue;
        }
        op.payload = mapped.payload;
        op.hash = contentHash(mapped.payload);
        for (auto it = mapped.matchKeys.begin(); it != mapped.matchKeys.end(); ++it)
            if (!it.value().isEmpty())
                op.matchKeys << it.key() + u"="_s + canonicalMatchValue(it.value());
        if (*entry && (*entry)->state == u"ok"_s && !force) {
            const IdMapEntry& e = **entry;
            if (e.contentHash == op.hash) {
                // Seen in the overlap, or only unmapped fields changed: nothing to send.
                if (e.sourcePosition != op.position) {
                    IdMapEntry moved = e;
                    moved.sourcePosition = std::max(e.sourcePosition, op.position);
                    if (Status st = m_store.putIdMapEntry(m_target.flowId, moved, m_clock->nowMs());
                        !st)
                        return job->done(st.error());
                }
                ++job->stats.unchanged;
                continue;
            }
        }
        if (*entry && (*entry)->state == u"ok"_s && !(*entry)->destId.isEmpty()) {
            op.create = false;
            op.destId = (*entry)->destId;
        } else {
            auto match = m_store.findMatch(destKey(), op.matchKeys);
            if (!match)
                return job->done(match.error());
            // A match already linked to another source record (or claimed earlier in this
            // page) belongs to someone else: two people may share a phone. Then create.
            if (!match->isEmpty() && !claimed.contains(*match)) {
                auto owner = m_store.linkedSource(m_target.flowId, *match);
                if (!owner)
                    return job->done(owner.error());
                if (!owner->isEmpty() && *owner != op.sourceId)
                    match->clear();
            } else {
                match->clear();
            }
            if (!match->isEmpty()) {
                op.create = false;
                op.destId = *match;
                claimed.insert(*match);
            } else {
                // A create in flight keeps its key, so a resend after a lost answer is deduped.
                op.idemKey =
                    *entry && !(*entry)->idempotencyKey.isEmpty()
                        ? (*entry)->idempotencyKey
                        : QString::fromLatin1(QCryptographicHash::hash(
                                                  QString(m_target.flowId + u"|"_s + op.sourceId +
                                                          u"|"_s + QString::fromLatin1(op.hash))
                                                      .toUtf8(),
                                                  QCryptographicHash::Sha256)
                                                  .toHex()
                                                  .left(32));
                // The create in flight is remembered before it is sent. With an idempotency
                // key a resend (replay, next run) carries the same key. Without one the marker
                // says "in doubt": if the process dies before the answer is on record, the next
                // run re-reads the destination and links a create that did land by its match
                // keys instead of sending it again (FlowRunner::start).
                const bool keyed = !m_target.connector.idempotencyHeader.isEmpty();
                if (keyed || !op.matchKeys.isEmpty()) {
                    IdMapEntry marker;
                    marker.sourceId = op.sourceId;
                    marker.sourcePosition = op.position;
                    marker.contentHash = op.hash;
                    marker.state = u"creating"_s;
                    marker.idempotencyKey = keyed ? op.idemKey : QString();
                    inFlight << marker;
                }
            }
        }
        QJsonObject body = op.payload;
        if (!res.bodyWrapper.isEmpty())
            body = QJsonObject{{res.bodyWrapper, body}};
        op.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
        if (op.create) {
            op.method = res.createMethod.toLatin1();
            op.path = res.writePath;
        } else {
            op.method = res.updateMethod.toLatin1();
            op.path = QString(res.updatePath).replace(u"{id}"_s, op.destId);
        }
        ops.push_back(op);
    }
    if (Status st = m_store.putIdMapEntries(m_target.flowId, inFlight, m_clock->nowMs()); !st)
        return job->done(st.error());
    // Updates first, then the creates together, so creates fill whole batches.
    std::stable_partition(ops.begin(), ops.end(), [](const Op& op) { return !op.create; });
    job->ops = ops;
    job->next = 0;
    sendNext(job);
}

void RecordWriter::sendNext(std::shared_ptr<Job> job) {
    if (job->next >= job->ops.size()) {
        job->done(job->stats);
        return;
    }
    // Consecutive creates go through the batch endpoint when the resource has one.
    const BatchDef& b = m_target.resource.batch;
    int n = 0;
    while (b.maxItems > 1 && n < b.maxItems && job->next + n < job->ops.size() &&
           job->ops[job->next + n].create && !job->ops[job->next + n].single)
        ++n;
    if (n > 1) {
        const int from = job->next;
        job->next += n;
        sendBatch(job, from, n);
    } else {
        sendSingle(job, job->next++);
    }
}

void RecordWriter::sendSingle(std::shared_ptr<Job> job, int index) {
    const Op& op = job->ops[index];
    ApiRequest req;
    req.method = op.method;
    req.url = m_target.connector.url(op.path);
    req.body = op.body;
    req.idempotencyKey = op.idemKey;
    req.sourceId = op.sourceId;
    req.flowId = m_target.flowId;
    ++job->stats.calls;
    m_transport.send(req, m_calls, [this, job, index](ApiOutcome o) {
        QJsonObject body = QJsonDocument::fromJson(o.body).object();
        if (Status st = resolve(job->ops[index], o, body); !st)
            return job->done(st.error());
        if (o.ok())
            ++(job->ops[index].create ? job->stats.created : job->stats.updated);
        else
            ++job->stats.deadLettered;
        sendNext(job);
    });
}

void RecordWriter::sendBatch(std::shared_ptr<Job> job, int from, int count) {
    const BatchDef& b = m_target.resource.batch;
    QJsonArray items;
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        items.append(QJsonDocument::fromJson(job->ops[from + i].body).object());
        ids << job->ops[from + i].sourceId;
    }
    ApiRequest req;
    req.method = b.method;
    req.url = m_target.connector.url(b.path);
    req.body = QJsonDocument(QJsonObject{{b.itemsKey, items}}).toJson(QJsonDocument::Compact);
    req.sourceId = ids.join(u',');
    req.flowId = m_target.flowId;
    ++job->stats.calls;
    m_transport.send(req, m_calls, [this, job, from, count](ApiOutcome o) {
        const BatchDef& bd = m_target.resource.batch;
        QJsonArray results;
        if (o.ok())
            results = jsonPath(QJsonDocument::fromJson(o.body).object(), bd.resultsPath).toArray();
        QList<int> resend;
        for (int i = 0; i < count; ++i) {
            Op& op = job->ops[from + i];
            ApiOutcome item;
            if (!o.ok()) {
                item = o; // the whole batch failed for good: every item carries its error
            } else if (i >= results.size()) {
                item.error =
                    Error{ErrorCategory::Protocol, u"batch response has no result %1"_s.arg(i)};
            } else {
                const QJsonObject r = results.at(i).toObject();
                item.status = r.value(bd.statusField).toInt(200);
                item.body = QJsonDocument(r).toJson(QJsonDocument::Compact);
                if (item.status == 429 || item.status >= 500) {
                    resend << from + i; // retried alone through the transport's policy
                    continue;
                }
                if (item.status < 200 || item.status >= 300) {
                    const QJsonValue err = r.value(bd.errorField);
                    const QString why =
                        err.isString()
                            ? err.toString()
                            : QString::fromUtf8(
                                  QJsonDocument(err.toObject()).toJson(QJsonDocument::Compact));
                    item.error =
                        Error{item.status == 401 || item.status == 403 ? ErrorCategory::Auth
                                                                       : ErrorCategory::Permanent,
                              u"HTTP %1: %2"_s.arg(item.status).arg(why.left(300))};
                }
            }
            if (Status st = resolve(op, item, QJsonDocument::fromJson(item.body).object()); !st)
                return job->done(st.error());
            if (item.ok())
                ++(op.create ? job->stats.created : job->stats.updated);
            else
                ++job->stats.deadLettered;
        }
        if (!resend.isEmpty()) {
            // Items the batch could not take now go next, one call each, so the transport's
            // retry policy (Retry-After, backoff) applies to them.
            QList<Op> again;
            for (int idx : resend) {
                again << job->ops[idx];
                again.last().single = true;
            }
            job->ops = job->ops.mid(0, job->next) + again + job->ops.mid(job->next);
        }
        sendNext(job);
    });
}

Status RecordWriter::resolve(Op& op, const ApiOutcome& o, const QJsonObject& body) {
    if (!o.ok()) {
        const QString cls = errorClass(*o.error);
        // A refused create made nothing: forget its marker so the next attempt is fresh.
        // A create that gave up may have landed: with an idempotency key, keep the key for
        // the replay. Without one the outcome is on record (the dead letter), so it is no
        // longer in doubt.
        const bool keyed = !m_target.connector.idempotencyHeader.isEmpty();
        if (op.create && (!keyed || cls != u"exhausted"_s))
            if (Status st = m_store.removeIdMapEntry(m_target.flowId, op.sourceId); !st)
                return st;
        if (o.deadLettered)
            return Status::success();
        return deadLetter(op, cls, o.error->message, o.status);
    }
    QString destId = op.destId;
    if (op.create) {
        destId = createdRecordId(m_target.connector, m_target.resource, body);
        if (destId.isEmpty()) {
            qCWarning(lcSync) << "create of" << op.sourceId << "answered without an id";
            return deadLetter(
                op, u"permanent"_s,
                u"created, but the response carries no \"%1\""_s.arg(m_target.resource.idField),
                o.status);
        }
    }
    IdMapEntry e;
    e.sourceId = op.sourceId;
    e.destId = destId;
    e.sourcePosition = op.position;
    e.contentHash = op.hash;
    e.state = u"ok"_s;
    return m_store.recordWritten(m_target.flowId, e, destKey(), op.matchKeys, m_clock->nowMs());
}

Status RecordWriter::deadLetter(const Op& op, const QString& cls, const QString& reason,
                                int status) {
    FailedOperation f;
    f.flowId = m_target.flowId;
    f.connectorId = m_target.connector.connectorId;
    f.sourceId = op.sourceId;
    f.errorClass = cls;
    f.reason = reason;
    f.method = op.method;
    f.url = op.path.isEmpty() ? QString() : m_target.connector.url(op.path).toString();
    f.body = op.body;
    f.httpStatus = status;
    qCInfo(lcSync) << "dead letter" << cls << "for" << op.sourceId << ":" << reason;
    return m_deadLetters.add(f);
}

} // namespace bk::sync
