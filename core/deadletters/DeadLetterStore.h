#pragma once

#include "AuditLog.h"
#include "Clock.h"
#include "DeadLetter.h"
#include "http/DeadLetterSink.h"
#include "store/Database.h"
#include "store/Migration.h"

#include <memory>
#include <optional>

namespace bk::deadletters {

/// Schema of the dead-letter queue and its audit log.
store::MigrationSet deadlettersMigrations();

/// The dead-letter queue. Nothing in it is deleted except by purge() under the explicit
/// retention setting; every operator action writes an audit entry in the same transaction.
class DeadLetterStore : public http::DeadLetterSink {
public:
    DeadLetterStore(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock);

    // http::DeadLetterSink
    Result<qint64> deadLetter(const http::Request& request, const http::Outcome& outcome,
                              const QString& sourceKey) override;
    Status replaySucceeded(const QString& deadLetterKey, const http::Outcome& outcome) override;

    Result<DeadLetter> get(qint64 id);
    /// The letter stored for an operation (Request::deadLetterKey of a replay), if any.
    Result<std::optional<DeadLetter>> bySourceKey(const QString& sourceKey);
    /// Newest first; offset/limit page for the console's lazy model.
    Result<QList<DeadLetter>> list(const Filter& filter, int offset = 0, int limit = 100);
    Result<qint64> count(const Filter& filter = {});
    Result<QHash<QString, qint64>> countByClass(const QString& state = QStringLiteral("new"));

    /// Replaces the body to send on the next replay (audited with before and after).
    Status editBody(qint64 id, const QByteArray& body, const QString& user);
    /// Marks the letter replaying and returns the request to send: same idempotency key if a
    /// replay was already under way (crash), a new one otherwise; deadLetterKey set. Optional
    /// target connector/URL send it elsewhere (audited).
    Result<http::Request> beginReplay(qint64 id, const QString& user,
                                      const QString& targetConnector = {},
                                      const QUrl& targetUrl = {});
    /// The same, sent where `to` says (another flow's mapping, another connector): the audit
    /// entry ("replay-to") holds the original and the new target; the letter remembers the
    /// target's label so its outcome reads "to flow f2: replayed: HTTP 201".
    Result<http::Request> beginReplay(qint64 id, const QString& user, const ReplayRedirect& to);
    /// Whether letter id passes filter (for inserting a new letter live into a filtered list).
    Result<bool> matches(qint64 id, const Filter& filter);
    /// The replay could not even be sent (e.g. no pipeline): back to new, audited.
    Status abortReplay(qint64 id, const QString& user, const QString& why);
    Status discard(qint64 id, const QString& user, const QString& reason);
    Status discardMany(const QList<qint64>& ids, const QString& user, const QString& reason);

    /// Retention of resolved and discarded letters; 0 keeps them forever (the default).
    Status setRetention(qint64 ms, const QString& user);
    Result<qint64> retention();
    /// Deletes resolved/discarded letters older than the retention; audited with the count.
    Result<int> purge(const QString& user);

    AuditLog& audit() { return m_audit; }

private:
    Status changeState(QSqlDatabase& db, const DeadLetter& before, State to,
                       const QString& stateReason, const QString& user, const QString& action,
                       const QJsonObject& extra = {});
    Result<DeadLetter> load(QSqlDatabase& db, qint64 id);

    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    AuditLog m_audit;
};

} // namespace bk::deadletters
