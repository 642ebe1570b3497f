#pragma once

#include "Result.h"
#include "Workspace.h"

#include <functional>
#include <memory>
#include <optional>

#include <QByteArray>
#include <QObject>
#include <QString>

namespace bk::store {
class Database;
}

namespace bk::auth {

/// Health of a secret store as the console shows it.
struct SecretStoreHealth {
    bool available = false; ///< a write/read/delete round trip worked
    QString backend;        ///< "keychain (Secret Service)" or "encrypted database"
    QString message;        ///< one sentence for a human (why not, or what it is)
};

/// Where secrets live. Every operation is asynchronous: the callback runs later on
/// context's thread, exactly once, unless context was destroyed first. Values are opaque
/// bytes; every value read or written is registered with bk::Redactor.
class SecretStore {
public:
    using ReadDone = std::function<void(Result<std::optional<QByteArray>>)>;
    using WriteDone = std::function<void(Status)>;

    virtual ~SecretStore() = default;

    /// Reads key; an absent key is a success holding std::nullopt.
    virtual void read(const QString& key, QObject* context, ReadDone done) = 0;
    /// Writes key durably; success means a later read (in any process) returns value.
    virtual void write(const QString& key, const QByteArray& value, QObject* context,
                       WriteDone done) = 0;
    /// Removes key; removing an absent key succeeds.
    virtual void remove(const QString& key, QObject* context, WriteDone done) = 0;
    /// Proves the store works with a write/read/delete round trip on a probe key.
    virtual void probe(QObject* context, std::function<void(SecretStoreHealth)> done) = 0;
};

/// The namespaced key of one secret of a connector: "connector/<id>/<what>".
QString connectorSecretKey(const QString& connectorId, const QString& what);

/// Runs fn on context's thread (queued, never inline), unless context is gone by then.
void postTo(QObject* context, std::function<void()> fn);

/// Creates the store a workspace asks for. EncryptedDb needs db (opened with
/// authMigrations()) and a readable master key; Keychain uses config.service.
Result<std::shared_ptr<SecretStore>> makeSecretStore(const SecretStoreConfig& config,
                                                     std::shared_ptr<store::Database> db);

} // namespace bk::auth
