#include "RefreshLock.h"

#include "LogCategories.h"
#include "store/Database.h"

#include <mutex>

#include <QHash>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

/// Locks held by vaults of this process, by (store handle, thread, connector): the sessions
/// they were taken on. A second vault on the same session must not re-enter the lock.
std::mutex g_registryMutex;
QHash<QString, const RefreshLock*>& registry() {
    static QHash<QString, const RefreshLock*> held;
    return held;
}

} // namespace

RefreshLock::RefreshLock(std::shared_ptr<store::Database> db, QString connectorId)
    : m_db(std::move(db))
    , m_lockName(u"bk-refresh:"_s + connectorId)
    , m_supported(m_db && !m_db->dialect().isSqlite()) {}

RefreshLock::~RefreshLock() {
    // Only the thread whose session took the lock can give it back; elsewhere the session
    // releases it when that thread's connection closes.
    if (taken() && QThread::currentThread() == m_thread)
        unlock();
    else if (!m_registered.isEmpty()) {
        std::lock_guard lock(g_registryMutex);
        registry().remove(m_registered);
    }
}

QString RefreshLock::registryKey() const {
    return u"%1/%2/%3"_s.arg(quintptr(m_db.get()), 0, 16)
        .arg(quintptr(QThread::currentThread()), 0, 16)
        .arg(m_lockName);
}

Result<bool> RefreshLock::tryLock() {
    if (!m_supported)
        return true;
    if (taken() && stillHeld())
        return true;
    unlock(); // a lock of a lost session is gone; forget it before taking it afresh
    const QString key = registryKey();
    {
        std::lock_guard lock(g_registryMutex);
        if (registry().contains(key))
            return false; // another vault on this very session holds it
        registry().insert(key, this);
    }
    auto q = m_db->exec(u"SELECT pg_try_advisory_lock(hashtextextended(?, 0)), pg_backend_pid()"_s,
                        {m_lockName});
    if (!q || !q->next()) {
        std::lock_guard lock(g_registryMutex);
        registry().remove(key);
        if (!q)
            return q.error();
        return Error::database(u"the refresh lock query returned no row"_s);
    }
    if (!q->value(0).toBool()) {
        std::lock_guard lock(g_registryMutex);
        registry().remove(key);
        return false;
    }
    m_backendPid = q->value(1).toLongLong();
    m_registered = key;
    m_thread = QThread::currentThread();
    return true;
}

bool RefreshLock::stillHeld() {
    if (!m_supported)
        return true;
    if (!taken())
        return false;
    auto q = m_db->exec(u"SELECT pg_backend_pid()"_s);
    return q && q->next() && q->value(0).toLongLong() == m_backendPid;
}

void RefreshLock::unlock() {
    if (!taken())
        return;
    // One statement: unlock only on the session that took it. exec() may run it on a new
    // connection after a loss; the pid then differs and nothing is unlocked (nothing is held).
    auto q = m_db->exec(u"SELECT CASE WHEN pg_backend_pid() = ? THEN "
                        u"pg_advisory_unlock(hashtextextended(?, 0)) ELSE false END"_s,
                        {m_backendPid, m_lockName});
    if (!q)
        qCWarning(lcAuth).noquote() << "cannot release the refresh lock" << m_lockName << ":"
                                    << q.error().message << "(it goes with the session)";
    m_backendPid = 0;
    m_thread = nullptr;
    std::lock_guard lock(g_registryMutex);
    registry().remove(m_registered);
    m_registered.clear();
}

} // namespace bk::auth
