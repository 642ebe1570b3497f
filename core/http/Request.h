#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace bk::http {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

/// One operation inside a batch request: its own record id and body, so a failure of this
/// item alone can become its own outcome and dead letter.
struct BatchItem {
    QString recordId;
    QByteArray body;
};

/// Everything the pipeline needs to send one operation and, if it fails for good, to
/// explain and replay it. A plain value: copyable across threads.
struct Request {
    QByteArray method = "GET";
    QUrl url;
    HeaderList headers; ///< never the auth header: the AuthProvider adds that at send time
    QByteArray body;
    QString connectorId;
    QString flowId;
    QStringList recordIds;
    QString endpointKey;         ///< rate/error budget key, e.g. "GET /crm/Accounts"; empty: path
    QString costKey;             ///< cost-budget key, e.g. "GET:list"; empty: method
    QString idempotencyKey;      ///< sent as Idempotency-Key when set
    QList<BatchItem> batchItems; ///< non-empty: this request carries these operations
    QJsonObject batchSpec;       ///< BatchSpec::toJson() of the endpoint (how to split results)
    QString deadLetterKey;       ///< set on replays: the dead letter this operation resolves
    /// The caller redoes this operation from its own durable state after a crash (a sync
    /// flow's run re-reads the page in hand): an engine that recovers it from a dead owner's
    /// outbox drops it instead of sending it a second time beside the caller's own redo.
    bool callerRedoes = false;

    /// The error-budget/endpoint key actually used (endpointKey or "METHOD /path").
    QString effectiveEndpoint() const;
    QByteArray header(const QByteArray& name) const;

    /// JSON for storage (outbox, dead letters). Secret headers are removed first.
    QJsonObject toJson() const;
    static Request fromJson(const QJsonObject& json);
};

/// Headers that carry credentials and never go to disk or into a dead letter.
bool isSecretHeader(const QByteArray& name);
HeaderList withoutSecretHeaders(const HeaderList& headers);

/// What became of an attempt or an operation.
enum class OutcomeClass {
    Success,     ///< 2xx
    Permanent,   ///< 4xx other than 401 and 429: retrying cannot fix it
    RateLimited, ///< 429
    Transient,   ///< 5xx
    Network,     ///< timeout, refused, reset, DNS
    Auth,        ///< 401 after one refresh and one retry, or no credentials at all
    Invalid,     ///< refused before sending: failed mapping or destination validation
};
QString outcomeClassName(OutcomeClass c);
OutcomeClass outcomeClassFromName(const QString& name);

/// One try on the wire.
struct Attempt {
    qint64 timeMs = 0;
    int status = 0; ///< HTTP status, 0 for a network failure
    OutcomeClass cls = OutcomeClass::Success;
    QString excerpt;        ///< start of the response body or the network error text
    qint64 waitAfterMs = 0; ///< the wait chosen before the next attempt

    QJsonObject toJson() const;
    static Attempt fromJson(const QJsonObject& json);
};

/// A batch item's own result after the batch response was split.
struct ItemOutcome {
    QString recordId;
    QByteArray body; ///< the item as sent
    bool ok = true;
    int status = 200;
    QString reason;
};

/// The final word on an operation.
struct Outcome {
    OutcomeClass cls = OutcomeClass::Success;
    int status = 0;
    HeaderList headers;
    QByteArray body;
    QList<Attempt> attempts;
    QString reason;           ///< one human sentence when not a success
    QList<ItemOutcome> items; ///< batch requests: per-item results
    qint64 deadLetterId = 0;  ///< set when the operation (or the whole batch) was dead-lettered
    QList<qint64> itemDeadLetterIds;

    bool ok() const { return cls == OutcomeClass::Success; }
};

} // namespace bk::http
