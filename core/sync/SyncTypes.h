#pragma once

#include "Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace bk::sync {

/// One record read from a source, with its position in the change order.
struct SourceRecord {
    QString id;
    QJsonObject data;
    /// Change position: epoch ms of the updated-at field, or the Exact `Timestamp` counter.
    qint64 position = -1;
};

/// Where a flow's delta sync stands: every change up to (position, lastId) is written or
/// dead-lettered. position -1 means no cursor yet (the next run is the initial bulk sync).
struct Cursor {
    qint64 position = -1;
    QString lastId;
    bool valid() const { return position >= 0; }
    /// Orders changes: by position, then by id.
    static bool before(qint64 posA, const QString& idA, qint64 posB, const QString& idB) {
        return posA < posB || (posA == posB && idA < idB);
    }
};

/// The result of mapping one source record to a destination payload.
struct MappedRecord {
    QJsonObject payload;
    QStringList violations;           ///< non-empty: the record is invalid (dead letter)
    QMap<QString, QString> matchKeys; ///< destination field → canonical value (e-mail, phone)
};

/// Maps a source record to a destination payload. Implemented over core/mapping's
/// MappingDocument; tests use small mappers of their own.
class RecordMapper {
public:
    virtual ~RecordMapper() = default;
    virtual MappedRecord map(const QJsonObject& source) const = 0;
    /// Destination fields the mapping writes: reconciliation compares only these.
    virtual QStringList mappedFields() const = 0;
    /// Destination fields used to find an existing destination record on first contact.
    virtual QStringList matchFields() const = 0;
};

/// A failed operation handed to the dead-letter queue.
struct FailedOperation {
    QString flowId;
    QString connectorId; ///< the connector the operation was for
    QString sourceId;
    QString errorClass; ///< "invalid", "permanent", "exhausted", "auth"
    QString reason;     ///< one human line, e.g. "422: email has already been taken"
    QByteArray method;
    QString url;
    QByteArray body;
    int httpStatus = 0;
};

/// Where permanent failures go. Implemented over core/deadletters when it is linked;
/// SyncStore has a fallback table of its own.
class DeadLetterSink {
public:
    virtual ~DeadLetterSink() = default;
    /// Stores the failure durably; only after success may the cursor pass the record.
    virtual Status add(const FailedOperation& failure) = 0;
};

/// SHA-256 (hex) over the compact JSON of the fields of payload named in fields (all when
/// fields is empty). Keys are sorted by QJsonObject, so equal content gives equal hashes.
QByteArray contentHash(const QJsonObject& payload, const QStringList& fields = {});

/// Canonical form of a match-key value: trimmed, e-mail lower-cased, phone reduced to
/// '+' and digits, so "+31 6 1234-5678" and "+31612345678" meet.
QString canonicalMatchValue(const QString& value);

} // namespace bk::sync
