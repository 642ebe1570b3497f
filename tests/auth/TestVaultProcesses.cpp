#include "AuthTestSupport.h"
#include "FakeOAuthServer.h"
#include "alerts/AlertRouter.h"
#include "alerts/AlertsMigrations.h"
#include "auth/AuthMigrations.h"
#include "auth/EncryptedDbSecretStore.h"
#include "auth/TokenVault.h"
#include "store/Database.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::auth;
using Header = http::AuthProvider::Header;

namespace {
const QByteArray kKey = QByteArray(32, 'p').toBase64();
}

/// Several engine processes share one store: refreshes stay single-flight across them, and a
/// process killed around a refresh leaves a connection that either works or clearly asks for
/// re-authorisation.
class TestVaultProcesses : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_serial = 0;
    std::shared_ptr<Clock> m_clock = makeSystemClock();
    std::unique_ptr<FakeOAuthServer> m_server;
    QString m_dbPath;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<SecretStore> m_secrets;
    qint64 m_minIntervalMs = 0;

    void setUpWorld(qint64 lifetimeMs, qint64 minIntervalMs) {
        m_minIntervalMs = minIntervalMs;
        FakeOAuthServer::Options o;
        o.accessLifetimeMs = lifetimeMs;
        o.minRefreshIntervalMs = minIntervalMs;
        m_server = std::make_unique<FakeOAuthServer>(m_clock, o);
        QVERIFY(m_server->start().ok());
        m_dbPath = m_dir.filePath(u"shared-%1.db"_s.arg(++m_serial));
        StoreConfig c;
        c.sqlitePath = m_dbPath;
        auto db = store::Database::open(c, {authMigrations(), alerts::alertsMigrations()});
        QVERIFY(db.ok());
        m_db = *db;
        auto enc = EncryptedDbSecretStore::open(m_db, *MasterKey::fromBase64(kKey, u"k"_s));
        QVERIFY(enc.ok());
        m_secrets = *enc;
        // A first authorisation, as the console would have stored it.
        OAuthSettings s = authtest::exactSettings(m_server->baseUrl());
        s.minRefreshIntervalMs = minIntervalMs;
        TokenVault vault(s, m_secrets, m_db, m_clock, nullptr);
        bool started = false;
        connect(&vault, &TokenVault::started, this, [&] { started = true; });
        vault.start();
        QVERIFY(authtest::waitUntil([&] { return started; }));
        const auto [access, refresh] = m_server->issueInitial();
        TokenRecord r;
        r.accessToken = access;
        r.refreshToken = refresh;
        r.obtainedMs = m_clock->nowMs();
        r.accessExpiresMs = r.obtainedMs + lifetimeMs;
        std::optional<Status> st;
        vault.installTokens(r, [&](Status x) { st = x; });
        QVERIFY(authtest::waitUntil([&] { return st.has_value(); }));
        QVERIFY(st->ok());
    }

    std::unique_ptr<QProcess> helper(const QStringList& args) {
        auto p = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"BK_HELPER_KEY"_s, QString::fromLatin1(kKey));
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p->start(QString::fromUtf8(BK_AUTH_HELPER),
                 QStringList{u"--db"_s, m_dbPath, u"--server"_s, m_server->baseUrl()} + args);
        return p;
    }

    std::unique_ptr<TokenVault> restartedVault(std::shared_ptr<alerts::AlertRouter> alerts) {
        OAuthSettings s = authtest::exactSettings(m_server->baseUrl());
        s.minRefreshIntervalMs = m_minIntervalMs;
        auto vault = std::make_unique<TokenVault>(s, m_secrets, m_db, m_clock, alerts);
        bool started = false;
        connect(vault.get(), &TokenVault::started, this, [&] { started = true; });
        vault->start();
        if (!authtest::waitUntil([&] { return started; }))
            qWarning("restarted vault did not start");
        return vault;
    }

private Q_SLOTS:
    void twoProcessesOneRefreshPerExpiry() {
        // 2-s tokens, vendor minimum 1.5 s: each token must be refreshed exactly once, by one
        // of the two processes; a second refresh with the same (rotated) token would show up
        // as "Old refresh token used" at the server.
        setUpWorld(2000, 1500);
        const QStringList args{u"--mode"_s,    u"hammer"_s, u"--seconds"_s,      u"6"_s,
                               u"--threads"_s, u"3"_s,      u"--min-interval"_s, u"1500"_s};
        auto a = helper(args);
        auto b = helper(args);
        QVERIFY(a->waitForStarted() && b->waitForStarted());
        QVERIFY(authtest::waitUntil(
            [&] {
                return a->state() == QProcess::NotRunning && b->state() == QProcess::NotRunning;
            },
            30000));
        QCOMPARE(a->exitCode(), 0);
        QCOMPARE(b->exitCode(), 0);
        const QJsonObject ra = QJsonDocument::fromJson(a->readAllStandardOutput()).object();
        const QJsonObject rb = QJsonDocument::fromJson(b->readAllStandardOutput()).object();
        const auto stats = m_server->stats();
        qInfo() << "process A" << ra << "process B" << rb << "server refreshes" << stats.refreshes;
        QCOMPARE(stats.oldTokenUsed, 0);
        QCOMPARE(stats.tooEarly, 0);
        QCOMPARE(stats.invalidGrant, 0);
        QCOMPARE(ra[u"refreshed"_s].toInt() + rb[u"refreshed"_s].toInt(), stats.refreshes);
        QCOMPARE(stats.tokenCalls, stats.refreshes);
        // About one refresh per 1.6 s of the 6 s (start-up of the processes included).
        QVERIFY2(stats.refreshes >= 2 && stats.refreshes <= 5,
                 qPrintable(QString::number(stats.refreshes)));
        QVERIFY(ra[u"ok"_s].toInt() > 0 && rb[u"ok"_s].toInt() > 0);
        QCOMPARE(ra[u"failed"_s].toInt() + rb[u"failed"_s].toInt(), 0);
    }

    void killedAfterRefreshAnswerNeedsReauthorisation() {
        setUpWorld(2000, 0);
        auto p = helper({u"--mode"_s, u"crash"_s});
        QVERIFY(p->waitForStarted());
        QVERIFY(authtest::waitUntil([&] { return p->state() == QProcess::NotRunning; }, 20000));
        QCOMPARE(p->exitStatus(), QProcess::CrashExit); // SIGKILL while storing the answer
        QCOMPARE(m_server->stats().refreshes, 1);       // the vendor rotated the token

        AlertChannelConfig desktop;
        desktop.id = u"desktop"_s;
        desktop.kind = AlertChannelConfig::Kind::Desktop;
        auto alerts = std::make_shared<alerts::AlertRouter>(
            QList<AlertChannelConfig>{desktop}, m_db, m_clock, alerts::AlertRouter::Options{});
        QList<alerts::AlertMessage> shown;
        connect(alerts.get(), &alerts::AlertRouter::desktopAlert, this,
                [&](const alerts::AlertMessage& m) { shown.append(m); });
        auto vault = restartedVault(alerts);
        QCOMPARE(vault->status(), TokenVault::Status::NeedsReauth);
        QVERIFY(authtest::waitUntil([&] { return !shown.isEmpty(); }));
        QCOMPARE(shown.first().alert.key, u"auth/exact/reauth"_s);
        QCOMPARE(shown.first().alert.severity, alerts::Severity::Critical);
        QVERIFY2(shown.first().alert.message.contains(u"never stored"_s),
                 qPrintable(shown.first().alert.message));
        std::optional<Result<Header>> answer;
        vault->authorize(this, [&](Result<Header> r) { answer = r; });
        QVERIFY(authtest::waitUntil([&] { return answer.has_value(); }));
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().category, ErrorCategory::Auth);
        QTest::qWait(2500); // past the old token's expiry: still no refresh attempts
        QCOMPARE(m_server->stats().tokenCalls, 1);
        QCOMPARE(m_server->stats().oldTokenUsed, 0);
        // A second restart stays decided (persisted), it does not retry.
        vault.reset();
        auto again = restartedVault(alerts);
        QCOMPARE(again->status(), TokenVault::Status::NeedsReauth);
        QCOMPARE(m_server->stats().tokenCalls, 1);
    }

    void killedBeforeAnswerKeepsWorking() {
        setUpWorld(2000, 0);
        m_server->setHoldTokenResponses(true); // the request reaches the vendor, no answer
        auto p =
            helper({u"--mode"_s, u"hammer"_s, u"--seconds"_s, u"20"_s, u"--threads"_s, u"1"_s});
        QVERIFY(p->waitForStarted());
        QVERIFY(authtest::waitUntil([&] { return m_server->stats().held >= 1; }, 10000));
        p->kill(); // SIGKILL
        QVERIFY(p->waitForFinished(5000));
        auto marker = m_db->exec(u"SELECT in_flight FROM auth_connections"_s);
        QVERIFY(marker.ok() && marker->next());
        QCOMPARE(marker->value(0).toString(), u"sent"_s);
        m_server->setHoldTokenResponses(false);

        auto vault = restartedVault(nullptr);
        QCOMPARE(vault->status(), TokenVault::Status::Ready);
        // The stored token still works: the next refresh succeeds with it.
        const bool refreshed =
            authtest::waitUntil([&] { return m_server->stats().refreshes == 1; }, 5000);
        QVERIFY2(refreshed, qPrintable(vault->snapshot().lastRefreshMessage + u" calls "_s +
                                       QString::number(m_server->stats().tokenCalls)));
        std::optional<Result<Header>> answer;
        vault->authorize(this, [&](Result<Header> r) { answer = r; });
        QVERIFY(authtest::waitUntil([&] { return answer.has_value(); }));
        QVERIFY(answer->ok());
        QCOMPARE(m_server->stats().oldTokenUsed, 0);
        QVERIFY(m_server->accessValid(QString::fromUtf8((*answer)->second.mid(7))));
    }
};

QTEST_GUILESS_MAIN(TestVaultProcesses)
#include "TestVaultProcesses.moc"
