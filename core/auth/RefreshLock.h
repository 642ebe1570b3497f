#pragma once

#include "Result.h"

#include <memory>

#include <QString>

class QThread;

namespace bk::store {
class Database;
}

namespace bk::auth {

/// Cross-process single-flight of one connection's token refresh on PostgreSQL: a
/// session-level advisory lock keyed by the connection
/// (pg_try_advisory_lock(hashtextextended('bk-refresh:' || connector, 0))), taken on the
/// calling thread's store connection.
///
/// The lock lives exactly as long as the database session that took it: when the holder's
/// connection dies (process killed, backend terminated, network cut) PostgreSQL releases it at
/// once, so another engine takes the refresh over without waiting out a lease. The store
/// reconnects a lost connection transparently; the lock is then gone with the old session, and
/// stillHeld() says so (it compares the backend pid the lock was taken on with the current
/// one) — a lock is never believed held across a reconnect.
///
/// Advisory locks are re-entrant per session, so two vaults of one process that share a
/// Database and thread (the same session) would both "get" it; a process-wide registry makes
/// the second one see the lock as busy instead.
///
/// On SQLite there is no such lock: supported() is false and the refresh lease row alone
/// decides (see TokenStateStore::acquireLease). Call from the vault's thread only.
class RefreshLock {
public:
    RefreshLock(std::shared_ptr<store::Database> db, QString connectorId);
    ~RefreshLock();
    RefreshLock(const RefreshLock&) = delete;
    RefreshLock& operator=(const RefreshLock&) = delete;

    /// Whether the store is PostgreSQL (the lock exists).
    bool supported() const { return m_supported; }
    /// Takes the lock without waiting: true when this vault holds it now (or already did on
    /// the same session), false when another session (or another vault on this session)
    /// holds it.
    Result<bool> tryLock();
    /// Whether the lock was taken and the session that took it is still this thread's
    /// connection (one round trip). False after a reconnect: the lock went with the session.
    bool stillHeld();
    /// Gives the lock back when this vault took it on the current session; forgets it in
    /// every case (a lock on a dead session is already gone).
    void unlock();
    /// Whether tryLock() succeeded and unlock() has not been called (no round trip).
    bool taken() const { return m_backendPid != 0; }

private:
    QString registryKey() const;

    std::shared_ptr<store::Database> m_db;
    QString m_lockName; ///< "bk-refresh:<connector>"
    bool m_supported = false;
    qint64 m_backendPid = 0; ///< session the lock was taken on; 0 when not taken
    QString m_registered;    ///< registry entry while taken
    QThread* m_thread = nullptr;
};

} // namespace bk::auth
