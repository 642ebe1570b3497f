// Database::write() and Database::exec(): busy retries and PostgreSQL connection loss.
//
// What is safe to repeat after the connection to the server was lost:
// - a failure before COMMIT was sent (BEGIN, any statement of fn, the id query): the server
//   rolls back every transaction of a connection that is gone, so fn runs again from scratch;
// - a COMMIT whose answer was lost is the one ambiguous case: it may or may not have been
//   applied. Re-running fn blindly could apply it twice, giving up could lose it. So the
//   transaction id is asked right before COMMIT (txid_current_if_assigned(), no id is spent
//   on a transaction that wrote nothing) and, after reconnecting, txid_status() tells
//   'committed' (report success, do not repeat), 'aborted' (run fn again) or 'in progress'
//   (the old backend is still finishing: wait and ask again). When even that cannot be
//   answered within the budget the write fails with "outcome unknown"; the callers' unique
//   keys (webhook dedup keys, outbox idempotency keys, one dead letter per operation) make a
//   later repeat by the caller harmless.
// - a write statement sent through exec() (autocommit) has no such id and is not repeated.
#include "Database.h"

#include <QSqlError>
#include <QThread>

using namespace Qt::StringLiterals;

namespace bk::store {

namespace {

QString sqlError(const QSqlError& e) {
    return (e.databaseText().isEmpty() ? e.text() : e.databaseText()).trimmed();
}

constexpr int kBusyAttempts = 50;

// A statement that only reads, so repeating it on a new connection changes nothing.
bool isRead(const QString& sql) {
    const QString head = sql.trimmed().left(8).toUpper();
    return head.startsWith(u"SELECT"_s) || head.startsWith(u"SHOW"_s);
}

} // namespace

struct Database::WriteAttempt {
    enum Kind {
        Done,          ///< status is final
        Busy,          ///< locked or serialization failure: run again
        Lost,          ///< connection lost before COMMIT: nothing applied, run again
        CommitUnknown, ///< COMMIT sent, answer lost: ask the server about xid
    };
    Kind kind = Done;
    Status status;
    bool sleep = false; ///< Busy: wait a moment before the next attempt
    QVariant xid;       ///< CommitUnknown: the transaction id (null: it wrote nothing)
};

Database::WriteAttempt Database::writeOnce(const std::function<Status(QSqlDatabase&)>& fn) {
    // QPSQL closes a connection it found broken; a statement on it then fails without an
    // error of its own ("QSqlQuery::exec: database not open").
    const auto lost = [this](const QSqlDatabase& db, const QSqlError& e) {
        return !m_dialect.isSqlite() && (!db.isOpen() || m_dialect.isConnectionLost(e));
    };
    auto conn = connection();
    if (!conn)
        return {noteUnreachable(conn.error().message) ? WriteAttempt::Lost : WriteAttempt::Done,
                conn.error()};
    QSqlDatabase& db = *conn;
    QSqlQuery begin(db);
    if (!begin.exec(m_dialect.beginWrite())) {
        const QString why = sqlError(begin.lastError());
        if (lost(db, begin.lastError())) {
            noteLost(why);
            return {WriteAttempt::Lost, Error::database(why)};
        }
        if (m_dialect.isBusyError(why))
            return {WriteAttempt::Busy, Error::database(why), true};
        return {WriteAttempt::Done,
                Error::database(u"cannot start a transaction on %1: %2"_s.arg(describe(), why))};
    }
    Status st = fn(db);
    if (!st) {
        // fn may have run its statements with QSqlQuery directly, so the rollback is the test
        // of the connection: on a lost connection it fails too.
        QSqlQuery end(db);
        if (!end.exec(u"ROLLBACK"_s) && lost(db, end.lastError())) {
            noteLost(st.error().message);
            return {WriteAttempt::Lost, st};
        }
        if (st.error().category == ErrorCategory::Database &&
            m_dialect.isBusyError(st.error().message))
            return {WriteAttempt::Busy, st, false};
        return {WriteAttempt::Done, st};
    }
    QVariant xid;
    if (!m_dialect.isSqlite()) {
        QSqlQuery id(db);
        if (!id.exec(m_dialect.transactionId())) {
            const QString why = sqlError(id.lastError());
            if (lost(db, id.lastError())) {
                noteLost(why);
                return {WriteAttempt::Lost, Error::database(why)};
            }
            QSqlQuery(db).exec(u"ROLLBACK"_s);
            return {WriteAttempt::Done,
                    Error::database(
                        u"cannot read the transaction id on %1: %2"_s.arg(describe(), why))};
        }
        if (id.next())
            xid = id.value(0);
    }
    QSqlQuery end(db);
    if (!end.exec(u"COMMIT"_s)) {
        const QString why = sqlError(end.lastError());
        if (lost(db, end.lastError())) {
            noteLost(why);
            if (xid.isNull()) // wrote nothing: there is nothing that could be applied twice
                return {WriteAttempt::Lost, Error::database(why)};
            return {WriteAttempt::CommitUnknown, Error::database(why), false, xid};
        }
        QSqlQuery(db).exec(u"ROLLBACK"_s);
        if (m_dialect.isBusyError(why))
            return {WriteAttempt::Busy, Error::database(why), false};
        return {WriteAttempt::Done,
                Error::database(u"cannot commit to %1: %2"_s.arg(describe(), why))};
    }
    return {WriteAttempt::Done, Status::success()};
}

Database::CommitOutcome Database::resolveCommit(const QVariant& xid, Backoff& backoff,
                                                QString* why) {
    while (backoff.wait()) {
        QString status;
        {
            auto conn = connection();
            if (!conn) {
                *why = conn.error().message;
                noteUnreachable(*why);
                continue;
            }
            auto q = run(*conn, m_dialect.transactionStatus(), {xid});
            if (!q) {
                *why = q.error().message;
                if (!connectionLost())
                    return CommitOutcome::Unknown;
                noteLost(*why);
                continue;
            }
            status = q->next() ? q->value(0).toString() : QString();
        }
        if (status == u"committed"_s)
            return CommitOutcome::Committed;
        if (status == u"aborted"_s)
            return CommitOutcome::NotCommitted;
        if (status != u"in progress"_s) {
            *why = u"the server no longer knows transaction %1"_s.arg(xid.toString());
            return CommitOutcome::Unknown;
        }
        *why = u"transaction %1 is still finishing on the old connection"_s.arg(xid.toString());
    }
    return CommitOutcome::Unknown;
}

Error Database::gaveUp(const Backoff& backoff, const QString& why) const {
    return Error::database(u"%1 stayed unreachable for %2 s (%3 attempts): %4"_s.arg(
        describe(), QString::number(double(backoff.elapsedMs()) / 1000.0, 'f', 1),
        QString::number(backoff.attempts()), why.simplified()));
}

Status Database::write(const std::function<Status(QSqlDatabase&)>& fn) {
    return write(fn, reconnectPolicy());
}

Status Database::write(const std::function<Status(QSqlDatabase&)>& fn,
                       const ReconnectPolicy& policy) {
    Backoff backoff(policy);
    int busy = 0;
    for (;;) {
        WriteAttempt a = writeOnce(fn);
        switch (a.kind) {
        case WriteAttempt::Done:
            return a.status;
        case WriteAttempt::Busy:
            if (++busy >= kBusyAttempts)
                return a.status;
            if (a.sleep)
                QThread::msleep(20); // worker threads only; the GUI never writes directly
            continue;
        case WriteAttempt::Lost:
            if (!backoff.wait())
                return gaveUp(backoff, a.status.error().message);
            continue;
        case WriteAttempt::CommitUnknown: {
            QString why = a.status.error().message;
            switch (resolveCommit(a.xid, backoff, &why)) {
            case CommitOutcome::Committed:
                return Status::success();
            case CommitOutcome::NotCommitted:
                continue; // rolled back by the server: run fn again
            case CommitOutcome::Unknown:
                return Error::database(
                    u"the outcome of a commit to %1 is unknown (the connection was lost while "
                    u"committing): %2"_s.arg(describe(), why.simplified()));
            }
        }
        }
    }
}

Result<QSqlQuery> Database::exec(const QString& sql, const QVariantList& binds) {
    Backoff backoff(reconnectPolicy());
    for (;;) {
        QString why;
        {
            auto db = connection();
            if (db) {
                auto q = run(*db, sql, binds);
                if (q || !connectionLost())
                    return q;
                noteLost(q.error().message);
                if (!isRead(sql))
                    return Error::database(
                        u"%1 (the connection was lost; the statement may or may not have been "
                        u"applied and is not repeated)"_s.arg(q.error().message));
                why = q.error().message;
            } else if (!noteUnreachable(db.error().message)) {
                return db.error();
            } else {
                why = db.error().message;
            }
        }
        if (!backoff.wait())
            return gaveUp(backoff, why);
    }
}

} // namespace bk::store
