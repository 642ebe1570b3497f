#include "SecretStore.h"

#include "EncryptedDbSecretStore.h"
#include "KeychainSecretStore.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace bk::auth {

QString connectorSecretKey(const QString& connectorId, const QString& what) {
    return u"connector/"_s + connectorId + u"/"_s + what;
}

void postTo(QObject* context, std::function<void()> fn) {
    if (!context)
        return;
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        context,
        [guard, fn = std::move(fn)] {
            if (guard)
                fn();
        },
        Qt::QueuedConnection);
}

Result<std::shared_ptr<SecretStore>> makeSecretStore(const SecretStoreConfig& config,
                                                     std::shared_ptr<store::Database> db) {
    if (config.kind == SecretStoreConfig::Kind::Keychain)
        return std::shared_ptr<SecretStore>(std::make_shared<KeychainSecretStore>(config.service));
    if (!db)
        return Error::internal(u"the encrypted-db secret store needs an open store"_s);
    auto key = MasterKey::load(config);
    if (!key)
        return key.error();
    auto store = EncryptedDbSecretStore::open(std::move(db), std::move(*key));
    if (!store)
        return store.error();
    return std::shared_ptr<SecretStore>(*store);
}

} // namespace bk::auth
