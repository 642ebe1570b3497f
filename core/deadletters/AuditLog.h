#pragma once

#include "Result.h"
#include "store/Database.h"

#include <memory>

#include <QJsonObject>

namespace bk::deadletters {

/// One operator action (edit, replay, discard, bulk action, breaker override, retention).
struct AuditEntry {
    qint64 seq = 0;
    qint64 timeMs = 0;
    QString user;
    QString action;
    QString target; ///< e.g. "dead-letter 17", "connector exact"
    QJsonObject before;
    QJsonObject after;
    QString prevHash;
    QString hash;
};

/// Append-only, hash-chained audit log: each entry's SHA-256 covers its content and the
/// previous entry's hash, and sequence numbers are gapless, so verify() notices an entry that
/// was altered, removed or inserted. The newest hash is also kept in bk_settings, so cutting
/// off the tail is noticed too.
class AuditLog {
public:
    explicit AuditLog(std::shared_ptr<store::Database> db);

    /// Appends inside an open write transaction (so the audited change and its entry commit
    /// together).
    static Status append(QSqlDatabase& db, qint64 timeMs, const QString& user,
                         const QString& action, const QString& target, const QJsonObject& before,
                         const QJsonObject& after);
    /// Appends in its own transaction (actions outside the dead-letter store, e.g. breakers).
    Status record(qint64 timeMs, const QString& user, const QString& action, const QString& target,
                  const QJsonObject& before, const QJsonObject& after);

    Result<QList<AuditEntry>> entries(qint64 fromSeq = 1, int limit = 1000);
    /// Success, or an Error naming the first entry that does not match the chain.
    Status verify();

    static QString hashOf(const AuditEntry& e);

private:
    std::shared_ptr<store::Database> m_db;
};

} // namespace bk::deadletters
