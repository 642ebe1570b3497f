#include "AuditLog.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace bk::deadletters {

namespace {

const QString kHeadKey = u"deadletters.audit.head"_s;

QString compact(const QJsonObject& o) {
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

AuditLog::AuditLog(std::shared_ptr<store::Database> db)
    : m_db(std::move(db)) {}

QString AuditLog::hashOf(const AuditEntry& e) {
    QCryptographicHash h(QCryptographicHash::Sha256);
    const QStringList parts{
        e.prevHash, QString::number(e.seq), QString::number(e.timeMs), e.user, e.action,
        e.target,   compact(e.before),      compact(e.after)};
    for (const QString& p : parts) {
        const QByteArray bytes = p.toUtf8();
        h.addData(QByteArray(QByteArray::number(bytes.size()) + ':')); // length-prefixed
        h.addData(bytes);
    }
    return QString::fromLatin1(h.result().toHex());
}

Status AuditLog::append(QSqlDatabase& db, qint64 timeMs, const QString& user, const QString& action,
                        const QString& target, const QJsonObject& before,
                        const QJsonObject& after) {
    auto last = store::Database::run(
        db, u"SELECT seq, hash FROM deadletters_audit ORDER BY seq DESC LIMIT 1"_s);
    if (!last)
        return last.error();
    AuditEntry e;
    e.seq = 1;
    e.prevHash = u""_s; // not null: the column is NOT NULL
    if (last->next()) {
        e.seq = last->value(0).toLongLong() + 1;
        e.prevHash = last->value(1).toString();
    }
    e.timeMs = timeMs;
    e.user = user.isEmpty() ? u"unknown"_s : user;
    e.action = action;
    e.target = target;
    e.before = before;
    e.after = after;
    e.hash = hashOf(e);
    auto ins = store::Database::run(
        db,
        u"INSERT INTO deadletters_audit (seq, time_ms, user_name, action, target, before_json, "
        u"after_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s,
        {e.seq, e.timeMs, e.user, e.action, e.target, compact(e.before), compact(e.after),
         e.prevHash, e.hash});
    if (!ins)
        return ins.error();
    auto head = store::Database::run(
        db,
        u"INSERT INTO bk_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
        u"value = excluded.value"_s,
        {kHeadKey, u"%1:%2"_s.arg(e.seq).arg(e.hash)});
    if (!head)
        return head.error();
    return Status::success();
}

Status AuditLog::record(qint64 timeMs, const QString& user, const QString& action,
                        const QString& target, const QJsonObject& before,
                        const QJsonObject& after) {
    return m_db->write(
        [&](QSqlDatabase& db) { return append(db, timeMs, user, action, target, before, after); });
}

Result<QList<AuditEntry>> AuditLog::entries(qint64 fromSeq, int limit) {
    auto q = m_db->exec(u"SELECT seq, time_ms, user_name, action, target, before_json, after_json, "
                        u"prev_hash, hash FROM deadletters_audit WHERE seq >= ? ORDER BY seq "
                        u"LIMIT ?"_s,
                        {fromSeq, limit});
    if (!q)
        return q.error();
    QList<AuditEntry> out;
    while (q->next()) {
        AuditEntry e;
        e.seq = q->value(0).toLongLong();
        e.timeMs = q->value(1).toLongLong();
        e.user = q->value(2).toString();
        e.action = q->value(3).toString();
        e.target = q->value(4).toString();
        e.before = QJsonDocument::fromJson(q->value(5).toString().toUtf8()).object();
        e.after = QJsonDocument::fromJson(q->value(6).toString().toUtf8()).object();
        e.prevHash = q->value(7).toString();
        e.hash = q->value(8).toString();
        out.append(e);
    }
    return out;
}

Status AuditLog::verify() {
    QString prev;
    qint64 expected = 1;
    for (;;) {
        auto batch = entries(expected, 1000);
        if (!batch)
            return batch.error();
        for (const AuditEntry& e : std::as_const(*batch)) {
            if (e.seq != expected)
                return Error::invalid(
                    u"audit log: entry %1 is missing (next entry is %2)"_s.arg(expected).arg(
                        e.seq));
            if (e.prevHash != prev)
                return Error::invalid(
                    u"audit log: entry %1 does not follow entry %2"_s.arg(e.seq).arg(e.seq - 1));
            if (hashOf(e) != e.hash)
                return Error::invalid(
                    u"audit log: entry %1 was altered (its hash does not match)"_s.arg(e.seq));
            prev = e.hash;
            ++expected;
        }
        if (batch->size() < 1000)
            break;
    }
    // Entries must start at 1 and the newest must be the recorded head.
    auto head = m_db->exec(u"SELECT value FROM bk_settings WHERE key = ?"_s, {kHeadKey});
    if (!head)
        return head.error();
    const QString recorded = head->next() ? head->value(0).toString() : QString();
    const QString actual = expected == 1 ? QString() : u"%1:%2"_s.arg(expected - 1).arg(prev);
    if (recorded != actual) {
        // A gap at the start shows up as a missing entry 1 above; this catches a cut tail.
        auto first = m_db->exec(u"SELECT MIN(seq) FROM deadletters_audit"_s);
        if (first && first->next() && !first->value(0).isNull() &&
            first->value(0).toLongLong() != 1)
            return Error::invalid(u"audit log: entry 1 is missing"_s);
        return Error::invalid(
            u"audit log: the newest entries were removed (log ends at %1, head says %2)"_s
                .arg(expected - 1)
                .arg(recorded.section(u':', 0, 0)));
    }
    return Status::success();
}

} // namespace bk::deadletters
