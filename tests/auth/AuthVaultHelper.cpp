// A separate engine process for TestVaultProcesses: runs a TokenVault on a shared store
// against the fake OAuth server. Modes:
//   hammer  — several threads call authorize() for --seconds, then print a JSON summary;
//   crash   — SIGKILLs itself the moment a refreshed token is about to be stored;
//   keychain-write — tries to store one secret in the OS keychain and prints the outcome.
#include "AuthTestSupport.h"
#include "auth/AuthMigrations.h"
#include "auth/EncryptedDbSecretStore.h"
#include "auth/KeychainSecretStore.h"
#include "auth/TokenVault.h"
#include "store/Database.h"

#include <cstdio>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::auth;

namespace {

class Caller : public QObject {
public:
    explicit Caller(TokenVault* vault)
        : m_vault(vault) {}
    void go() {
        if (stop)
            return;
        m_vault->authorize(this, [this](Result<http::AuthProvider::Header> r) {
            r ? ++ok : ++failed;
            go();
        });
    }
    std::atomic<bool> stop{false};
    std::atomic<int> ok{0};
    std::atomic<int> failed{0};

private:
    TokenVault* m_vault;
};

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOptions(
        {{u"db"_s, u"store"_s, u"PATH"_s},
         {u"server"_s, u"fake base URL"_s, u"URL"_s},
         {u"mode"_s, u"hammer or crash"_s, u"MODE"_s},
         {u"seconds"_s, u"how long to hammer"_s, u"S"_s, u"5"_s},
         {u"threads"_s, u"caller threads"_s, u"N"_s, u"3"_s},
         {u"min-interval"_s, u"vendor minimum between refreshes (ms)"_s, u"MS"_s, u"0"_s}});
    p.process(app);
    if (p.value(u"mode"_s) == u"keychain-write"_s) {
        KeychainSecretStore keychain(u"bk-helper-probe"_s, 100);
        QObject context;
        keychain.write(u"connector/x/tokens"_s, "never-in-plain-text", &context, [&](Status st) {
            std::printf("%s\n", st ? "stored"
                                   : qPrintable(errorCategoryName(st.error().category) + u": "_s +
                                                st.error().message));
            std::fflush(stdout);
            app.exit(st ? 0 : 1);
        });
        return app.exec();
    }
    StoreConfig c;
    c.sqlitePath = p.value(u"db"_s);
    auto db = store::Database::open(c, {authMigrations()});
    if (!db) {
        std::fprintf(stderr, "store: %s\n", qPrintable(db.error().message));
        return 2;
    }
    auto key = MasterKey::fromBase64(qgetenv("BK_HELPER_KEY"), u"BK_HELPER_KEY"_s);
    auto enc = EncryptedDbSecretStore::open(*db, *key);
    if (!enc)
        return 2;
    auto secrets = std::make_shared<authtest::FlakySecretStore>(*enc);
    const bool crash = p.value(u"mode"_s) == u"crash"_s;
    OAuthSettings s = authtest::exactSettings(p.value(u"server"_s));
    s.minRefreshIntervalMs = p.value(u"min-interval"_s).toLongLong();
    VaultOptions options;
    options.leasePollMs = 20;
    auto clock = makeSystemClock();
    TokenVault vault(s, secrets, *db, clock, nullptr, options);
    int refreshed = 0;
    QObject::connect(&vault, &TokenVault::refreshed, &app, [&](qint64) { ++refreshed; });
    std::vector<std::unique_ptr<QThread>> threads;
    std::vector<std::unique_ptr<Caller>> callers;
    QObject::connect(&vault, &TokenVault::started, &app, [&] {
        if (crash)
            secrets->killOnTokenWrite = true;
        for (int i = 0; i < p.value(u"threads"_s).toInt(); ++i) {
            auto t = std::make_unique<QThread>();
            auto caller = std::make_unique<Caller>(&vault);
            caller->moveToThread(t.get());
            t->start();
            QMetaObject::invokeMethod(caller.get(), [cp = caller.get()] { cp->go(); });
            threads.push_back(std::move(t));
            callers.push_back(std::move(caller));
        }
    });
    vault.start();
    const int ms = crash ? 15000 : p.value(u"seconds"_s).toInt() * 1000;
    QTimer::singleShot(ms, &app, [&] {
        int ok = 0, failed = 0;
        for (auto& caller : callers) {
            caller->stop = true;
            ok += caller->ok;
            failed += caller->failed;
        }
        for (auto& t : threads) {
            t->quit();
            t->wait();
        }
        const QJsonObject out{{u"ok"_s, ok}, {u"failed"_s, failed}, {u"refreshed"_s, refreshed}};
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
        std::fflush(stdout);
        app.exit(crash ? 3 : 0);
    });
    return app.exec();
}
