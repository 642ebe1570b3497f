// Refresh single-flight across engines on PostgreSQL: vaults on separate store handles (their
// own sessions) and their own threads share one rotating Exact connection. Their refreshes
// race; the advisory lock per connection lets exactly one through, and when the holder's
// database session dies mid-refresh PostgreSQL frees the lock at once, so another vault takes
// the refresh over without waiting out the 30-s refresh lease. Skipped without the PostgreSQL
// server of scripts/run-tests.sh.
#include "AuthTestSupport.h"
#include "FakeOAuthServer.h"
#include "auth/AuthMigrations.h"
#include "auth/EncryptedDbSecretStore.h"
#include "auth/TokenVault.h"
#include "store/Database.h"
#include "support/TestPostgres.h"

#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::auth;
using Header = http::AuthProvider::Header;

namespace {

const QByteArray kKey = QByteArray(32, 'r').toBase64();
constexpr qint64 kLeaseMs = 30'000; // VaultOptions default: what the lock makes unnecessary

/// One engine's vault: its own store handle (session), secret store and thread.
struct Engine {
    std::shared_ptr<store::Database> db;
    std::unique_ptr<QThread> thread;
    TokenVault* vault = nullptr;
    std::optional<Result<Header>> answer;
};

} // namespace

class TestRefreshLock : public QObject {
    Q_OBJECT

    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<FakeOAuthServer> m_server;
    StoreConfig m_config;
    std::vector<std::unique_ptr<Engine>> m_engines;
    QString m_initialAccess;

    OAuthSettings settings() const {
        OAuthSettings s = authtest::exactSettings(m_server->baseUrl());
        s.requestTimeoutMs = 1000; // a held token request fails after 1 s of real time
        return s;
    }

    Result<std::shared_ptr<store::Database>> openHandle() {
        return store::Database::open(m_config, {authMigrations()});
    }

    bool setUpWorld(int engines) {
        m_clock = std::make_shared<ManualClock>();
        m_server = std::make_unique<FakeOAuthServer>(m_clock, FakeOAuthServer::Options{});
        if (!m_server->start())
            return false;
        auto pg = test::freshPostgresStore(u"bk_refresh_"_s);
        if (!pg)
            return false;
        m_config = *pg;
        // The stored authorisation, as `auth import` leaves it. Its lifetime is unknown to the
        // vaults (no timer): the refreshes below start when each is told of a 401, at once.
        {
            auto db = openHandle();
            if (!db)
                return false;
            auto secrets = EncryptedDbSecretStore::open(*db, *MasterKey::fromBase64(kKey, u"k"_s));
            if (!secrets)
                return false;
            TokenVault vault(settings(), *secrets, *db, m_clock, nullptr);
            bool started = false;
            connect(&vault, &TokenVault::started, this, [&] { started = true; });
            vault.start();
            if (!authtest::waitUntil([&] { return started; }))
                return false;
            const auto [access, refresh] = m_server->issueInitial();
            m_initialAccess = access;
            TokenRecord r;
            r.accessToken = access;
            r.refreshToken = refresh;
            r.obtainedMs = m_clock->nowMs();
            std::optional<Status> st;
            vault.installTokens(r, [&](Status s) { st = s; });
            if (!authtest::waitUntil([&] { return st.has_value(); }) || !st->ok())
                return false;
        }
        for (int i = 0; i < engines; ++i) {
            auto e = std::make_unique<Engine>();
            auto db = openHandle();
            if (!db)
                return false;
            e->db = *db;
            auto secrets =
                EncryptedDbSecretStore::open(e->db, *MasterKey::fromBase64(kKey, u"k"_s));
            if (!secrets)
                return false;
            e->thread = std::make_unique<QThread>();
            e->thread->setObjectName(u"vault-%1"_s.arg(i));
            e->vault = new TokenVault(settings(), *secrets, e->db, m_clock, nullptr);
            e->vault->moveToThread(e->thread.get());
            connect(e->thread.get(), &QThread::finished, e->vault, &QObject::deleteLater);
            bool started = false;
            connect(e->vault, &TokenVault::started, this, [&] { started = true; });
            e->thread->start();
            QMetaObject::invokeMethod(e->vault, [v = e->vault] { v->start(); });
            if (!authtest::waitUntil([&] { return started; }))
                return false;
            if (e->vault->status() != TokenVault::Status::Ready)
                return false;
            m_engines.push_back(std::move(e));
        }
        // Exact refuses refreshes within 570 s of the last one.
        m_clock->advance(575'000);
        return true;
    }

    /// Every vault is told at the same moment that the API refused the initial token.
    void rejectEverywhere() {
        const Header rejected{"Authorization", "Bearer " + m_initialAccess.toUtf8()};
        for (auto& e : m_engines) {
            Engine* ep = e.get();
            e->vault->unauthorized(rejected, this, [ep](Result<Header> r) { ep->answer = r; });
        }
    }

    /// Moves the clock in steps of the vaults' poll interval until pred() holds; returns the
    /// clock time it took, or -1.
    template <typename Pred> qint64 advanceUntil(Pred pred, qint64 maxMs, int realWaitMs = 5) {
        const qint64 start = m_clock->nowMs();
        while (!pred()) {
            if (m_clock->nowMs() - start > maxMs)
                return -1;
            m_clock->advance(250);
            authtest::waitUntil([] { return false; }, realWaitMs);
        }
        return m_clock->nowMs() - start;
    }

    /// The value of one statement on the test database (admin view of the server).
    QVariant scalar(const QString& sql) {
        auto q = m_engines.front()->db->exec(sql);
        return q && q->next() ? q->value(0) : QVariant();
    }

    int advisoryLocks() {
        return scalar(u"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                      u"AND database = (SELECT oid FROM pg_database WHERE datname = "
                      u"current_database())"_s)
            .toInt();
    }

    bool allHave(const QByteArray& headerValue) const {
        for (const auto& e : m_engines)
            if (!e->answer || !e->answer->ok() || (*e->answer)->second != headerValue)
                return false;
        return true;
    }

    QByteArray winnerHeader() const {
        for (const auto& e : m_engines)
            if (e->answer && e->answer->ok() &&
                (*e->answer)->second != "Bearer " + m_initialAccess.toUtf8())
                return (*e->answer)->second;
        return {};
    }

private Q_SLOTS:
    void init() {
        if (!test::hasPostgres())
            QSKIP(test::noPostgresReason());
    }

    void cleanup() {
        for (auto& e : m_engines) {
            e->thread->quit();
            e->thread->wait();
        }
        m_engines.clear();
        m_server.reset();
    }

    void racingVaultsRefreshOnce() {
        QVERIFY(setUpWorld(4));
        rejectEverywhere(); // four threads reach for the lock at once
        const qint64 took = advanceUntil(
            [&] { return !winnerHeader().isEmpty() && allHave(winnerHeader()); }, 10'000);
        QVERIFY2(took >= 0, "not every vault got the refreshed token");
        const auto stats = m_server->stats();
        QCOMPARE(stats.tokenCalls, 1);
        QCOMPARE(stats.refreshes, 1);
        QCOMPARE(stats.oldTokenUsed, 0);
        QTRY_COMPARE(advisoryLocks(), 0); // given back after the tokens were stored
        auto row = m_engines.front()->db->exec(
            u"SELECT generation, lease_holder, in_flight FROM auth_connections"_s);
        QVERIFY(row && row->next());
        QCOMPARE(row->value(0).toLongLong(), 2);
        QVERIFY(row->value(1).isNull());
        QVERIFY(row->value(2).isNull());
    }

    void holderSessionDeathFreesTheRefresh() {
        QVERIFY(setUpWorld(2));
        m_server->setHoldTokenResponses(true);
        rejectEverywhere();
        // One vault holds the lock and its request is at the token endpoint, unanswered.
        QVERIFY(authtest::waitUntil([&] { return m_server->stats().held == 1; }));
        m_server->setHoldTokenResponses(false);
        // The engines' database sessions die (connections cut or killed), the holder's among
        // them; this test's own session (the first engine's handle on the main thread) stays.
        QVERIFY(scalar(u"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE "
                       u"datname = current_database() AND pid <> pg_backend_pid()"_s)
                    .toInt() >= 2);
        // The other vault takes the refresh over within a few polls, long before the holder's
        // 30-s lease would have let it (with the lease alone this times out).
        const qint64 took = advanceUntil([&] { return m_server->stats().refreshes == 1; }, 5'000);
        QVERIFY2(took >= 0, "no takeover before the lease would have ended");
        QVERIFY(took < kLeaseMs);
        qInfo() << "takeover after" << took << "ms of engine clock";
        // The old holder's request fails (timeout); it gets no lock from its dead session,
        // re-reads the store and adopts the token the other stored — no second refresh.
        // (Its waiter was served the old token when its call failed; what counts is what it
        // hands out now.)
        QVERIFY(authtest::waitUntil([&] { return !winnerHeader().isEmpty(); }));
        const QByteArray winner = winnerHeader();
        auto sameToken = [&] {
            const qint64 expires = m_engines[0]->vault->snapshot().accessExpiresMs;
            return expires > 0 && m_engines[1]->vault->snapshot().accessExpiresMs == expires;
        };
        QVERIFY(advanceUntil(sameToken, 60'000, 20) >= 0);
        for (auto& e : m_engines) {
            Engine* ep = e.get();
            ep->answer.reset();
            e->vault->authorize(this, [ep](Result<Header> r) { ep->answer = r; });
        }
        QVERIFY(authtest::waitUntil([&] { return allHave(winner); }));
        const auto stats = m_server->stats();
        QCOMPARE(stats.refreshes, 1);
        QCOMPARE(stats.oldTokenUsed, 0);
        QTRY_COMPARE(advisoryLocks(), 0);
        auto row = m_engines.front()->db->exec(u"SELECT generation, state FROM auth_connections"_s);
        QVERIFY(row && row->next());
        QCOMPARE(row->value(0).toLongLong(), 2);
        QCOMPARE(row->value(1).toString(), u"authorised"_s);
    }
};

QTEST_GUILESS_MAIN(TestRefreshLock)
#include "TestRefreshLock.moc"
