#include "AuthTestSupport.h"
#include "FakeOAuthServer.h"
#include "Redactor.h"
#include "alerts/AlertRouter.h"
#include "alerts/AlertsMigrations.h"
#include "auth/AuthMigrations.h"
#include "auth/EncryptedDbSecretStore.h"
#include "auth/TokenVault.h"
#include "store/Database.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::auth;
using Header = http::AuthProvider::Header;

namespace {

/// Calls authorize() repeatedly from its own thread, recording every header it got.
class Hammer : public QObject {
public:
    Hammer(TokenVault* vault)
        : m_vault(vault) {}
    void go() {
        if (m_stop)
            return;
        m_vault->authorize(this, [this](Result<Header> r) {
            if (r)
                ++ok;
            else
                ++failed;
            go();
        });
    }
    std::atomic<bool> m_stop{false};
    std::atomic<int> ok{0};
    std::atomic<int> failed{0};

private:
    TokenVault* m_vault;
};

} // namespace

class TestTokenVault : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_dbSerial = 0;
    std::shared_ptr<ManualClock> m_clock;
    std::unique_ptr<FakeOAuthServer> m_server;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<authtest::FlakySecretStore> m_secrets;
    std::shared_ptr<alerts::AlertRouter> m_alerts;
    QList<alerts::AlertMessage> m_desktop;
    QNetworkAccessManager m_network;

    void setUpWorld(FakeOAuthServer::Options options = {}) {
        m_clock = std::make_shared<ManualClock>();
        m_server = std::make_unique<FakeOAuthServer>(m_clock, options);
        QVERIFY(m_server->start().ok());
        StoreConfig c;
        c.sqlitePath = m_dir.filePath(u"vault-%1.db"_s.arg(++m_dbSerial));
        auto db = store::Database::open(c, {authMigrations(), alerts::alertsMigrations()});
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        m_db = *db;
        auto enc = EncryptedDbSecretStore::open(
            m_db, *MasterKey::fromBase64(QByteArray(32, 'k').toBase64(), u"test"_s));
        QVERIFY(enc.ok());
        m_secrets = std::make_shared<authtest::FlakySecretStore>(*enc);
        AlertChannelConfig desktop;
        desktop.id = u"desktop"_s;
        desktop.kind = AlertChannelConfig::Kind::Desktop;
        desktop.minSeverity = u"info"_s;
        m_alerts = std::make_shared<alerts::AlertRouter>(QList<AlertChannelConfig>{desktop}, m_db,
                                                         m_clock, alerts::AlertRouter::Options{});
        m_desktop.clear();
        connect(m_alerts.get(), &alerts::AlertRouter::desktopAlert, this,
                [this](const alerts::AlertMessage& m) { m_desktop.append(m); });
    }

    std::unique_ptr<TokenVault> makeVault(OAuthSettings settings, VaultOptions options = {}) {
        auto vault =
            std::make_unique<TokenVault>(settings, m_secrets, m_db, m_clock, m_alerts, options);
        bool started = false;
        connect(vault.get(), &TokenVault::started, this, [&] { started = true; });
        vault->start();
        if (!QTest::qWaitFor([&] { return started; }, 5000))
            qWarning("vault did not start");
        return vault;
    }

    bool installInitial(TokenVault& vault) {
        const auto [access, refresh] = m_server->issueInitial();
        TokenRecord r;
        r.accessToken = access;
        r.refreshToken = refresh;
        r.obtainedMs = m_clock->nowMs();
        r.accessExpiresMs = r.obtainedMs + 600'000;
        std::optional<Status> st;
        vault.installTokens(r, [&](Status s) { st = s; });
        return QTest::qWaitFor([&] { return st.has_value(); }, 5000) && st->ok();
    }

    Result<Header> authorizeSync(http::AuthProvider& vault) {
        std::optional<Result<Header>> out;
        vault.authorize(this, [&](Result<Header> r) { out = r; });
        if (!authtest::waitUntil([&] { return out.has_value(); }))
            return Error::internal(u"authorize timed out"_s);
        return *out;
    }

    int apiGet(const QByteArray& headerValue) {
        QNetworkRequest req(QUrl(m_server->baseUrl() + u"/api/me"_s));
        req.setRawHeader("Authorization", headerValue);
        QNetworkReply* reply = m_network.get(req);
        if (!authtest::waitUntil([&] { return reply->isFinished(); }))
            return -1;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        return status;
    }

    bool hasAlert(const QString& key, alerts::AlertMessage::Kind kind) const {
        for (const auto& m : m_desktop)
            if (m.alert.key == key && m.kind == kind)
                return true;
        return false;
    }

private Q_SLOTS:
    void settingsFromDefinition() {
        const OAuthSettings s = authtest::exactSettings(u"https://start.exactonline.nl"_s);
        QCOMPARE(s.tokenUrl.toString(), u"https://start.exactonline.nl/api/oauth2/token"_s);
        QCOMPARE(s.minRefreshIntervalMs, 570'000);
        QCOMPARE(s.tokenEndpointDailyLimit, 200);
        QCOMPARE(s.errorBudget, 10);
        QCOMPARE(s.errorBudgetWindowMs, 3'600'000);
        QVERIFY(s.refreshTokenRotates);
        QCOMPARE(s.refreshTokenIdleLifetimeMs, 30LL * 86'400'000);
        QCOMPARE(s.headerValue(u"abc"_s), QByteArray("Bearer abc"));
    }

    void tokenResponseParsing() {
        const OAuthSettings s = authtest::exactSettings(u"https://x.test"_s);
        QJsonObject body{{u"access_token"_s, u"a-token-1"_s},
                         {u"refresh_token"_s, u"r-token-1"_s},
                         {u"expires_in"_s, u"600"_s}};
        auto r = TokenRecord::fromResponse(body, 1000, s, nullptr);
        QVERIFY(r.ok());
        QCOMPARE(r->accessExpiresMs, 601'000);
        QCOMPARE(r->refreshExpiresMs, 1000 + 30LL * 86'400'000);
        body[u"expires_in"_s] = 3600;
        body[u"refresh_expires_in"_s] = u"7200"_s;
        body.remove(u"refresh_token"_s);
        auto kept = TokenRecord::fromResponse(body, 0, s, &*r);
        QVERIFY(kept.ok());
        QCOMPARE(kept->refreshToken, u"r-token-1"_s); // no rotation: the old one stays
        QCOMPARE(kept->accessExpiresMs, 3'600'000);
        QCOMPARE(kept->refreshExpiresMs, 7'200'000);
        body[u"expires_in"_s] = u"soon"_s;
        QVERIFY(!TokenRecord::fromResponse(body, 0, s, nullptr).ok());
        QVERIFY(Redactor::redact(u"token a-token-1 here"_s).contains(Redactor::mask));
    }

    void exactTwoHoursUnderLoad() {
        setUpWorld();
        auto vault = makeVault(authtest::exactSettings(m_server->baseUrl()));
        QVERIFY(installInitial(*vault));
        QList<qint64> refreshTimes{m_clock->nowMs()};
        QList<TokenState> states;
        connect(vault.get(), &TokenVault::refreshed, this,
                [&](qint64) { refreshTimes.append(m_clock->nowMs()); });
        connect(vault.get(), &TokenVault::tokenStateChanged, this,
                [&](const TokenState& s) { states.append(s); });
        int requests = 0, failures = 0;
        const qint64 start = m_clock->nowMs();
        while (m_clock->nowMs() < start + 2 * 3'600'000) {
            m_clock->advance(5000);
            auto h = authorizeSync(*vault);
            QVERIFY2(h.ok(), h.ok() ? "" : qPrintable(h.error().message));
            ++requests;
            if (apiGet(h->second) != 200)
                ++failures;
        }
        const auto stats = m_server->stats();
        QCOMPARE(requests, 1440);
        QCOMPARE(failures, 0);
        QCOMPARE(stats.api401, 0);
        QCOMPARE(stats.oldTokenUsed, 0);
        QCOMPARE(stats.invalidGrant, 0);
        QCOMPARE(stats.tooEarly, 0);
        // One refresh per 600-s token, each inside that token's last 30 s.
        QCOMPARE(stats.refreshes, refreshTimes.size() - 1);
        QVERIFY2(stats.refreshes >= 12 && stats.refreshes <= 13,
                 qPrintable(QString::number(stats.refreshes)));
        for (int i = 1; i < refreshTimes.size(); ++i) {
            const qint64 gap = refreshTimes[i] - refreshTimes[i - 1];
            QVERIFY2(gap >= 570'000 && gap < 600'000, qPrintable(QString::number(gap)));
        }
        QCOMPARE(stats.tokenCalls, stats.refreshes);
        // The snapshots the console gets carry expiry and schedule, never a token.
        QVERIFY(!states.isEmpty());
        const TokenState last = vault->snapshot();
        QVERIFY(last.authorised);
        QVERIFY(last.nextRefreshMs > m_clock->nowMs() - 600'000);
        QVERIFY(last.nextRefreshMs < last.accessExpiresMs);
        QVERIFY(last.refreshExpiresMs > m_clock->nowMs() + 29LL * 86'400'000);
        // The stored token (another process would read this) is the current one.
        auto stored = EncryptedDbSecretStore::open(
                          m_db, *MasterKey::fromBase64(QByteArray(32, 'k').toBase64(), u"t"_s))
                          .value()
                          ->readNow(connectorSecretKey(u"exact"_s, u"tokens"_s));
        QVERIFY(stored.ok() && stored->has_value());
        auto rec = TokenRecord::fromJson(**stored);
        QVERIFY(rec.ok());
        QCOMPARE(m_server->accessValid(rec->accessToken), true);
    }

    void unauthorizedRefreshesOnceForAllCallers() {
        FakeOAuthServer::Options o;
        o.minRefreshIntervalMs = 0;
        setUpWorld(o);
        OAuthSettings s = authtest::exactSettings(m_server->baseUrl());
        s.minRefreshIntervalMs = 0;
        auto vault = makeVault(s);
        QVERIFY(installInitial(*vault));
        m_clock->advance(60'000);
        auto first = authorizeSync(*vault);
        QVERIFY(first.ok());
        // Three requests got a 401 with the same token at once: one refresh serves all.
        QList<Result<Header>> answers;
        for (int i = 0; i < 3; ++i)
            vault->unauthorized(*first, this, [&](Result<Header> r) { answers.append(r); });
        QTRY_COMPARE(answers.size(), 3);
        QCOMPARE(m_server->stats().refreshes, 1);
        for (const auto& a : answers) {
            QVERIFY(a.ok());
            QVERIFY(a->second != first->second);
            QCOMPARE(a->second, answers.first()->second);
        }
        // A late 401 for the old token just gets the new one.
        std::optional<Result<Header>> late;
        vault->unauthorized(*first, this, [&](Result<Header> r) { late = r; });
        QTRY_VERIFY(late.has_value());
        QVERIFY(late->ok());
        QCOMPARE((*late)->second, answers.first()->second);
        QCOMPARE(m_server->stats().refreshes, 1);
        QCOMPARE(apiGet((*late)->second), 200);
    }

    void exactRefusesEarlyRefreshWithoutCallingTheVendor() {
        setUpWorld();
        auto vault = makeVault(authtest::exactSettings(m_server->baseUrl()));
        QVERIFY(installInitial(*vault));
        m_clock->advance(100'000);
        auto h = authorizeSync(*vault);
        QVERIFY(h.ok());
        std::optional<Result<Header>> answer;
        vault->unauthorized(*h, this, [&](Result<Header> r) { answer = r; });
        QTRY_VERIFY(answer.has_value());
        QVERIFY(!answer->ok());
        QCOMPARE(answer->error().category, ErrorCategory::Auth);
        QCOMPARE(m_server->stats().tokenCalls, 0); // no TooEarly spent from the error budget
    }

    void tooEarlyRefusalCountsAndIsHonoured() {
        // The vendor's clock says the token is younger than ours: it refuses with Reason.
        FakeOAuthServer::Options o;
        o.minRefreshIntervalMs = 590'000;
        setUpWorld(o);
        auto vault = makeVault(authtest::exactSettings(m_server->baseUrl()));
        QVERIFY(installInitial(*vault));
        m_clock->advance(575'000);
        QTRY_COMPARE(m_server->stats().tooEarly, 1);
        auto calls = m_db->exec(u"SELECT count(*) FROM auth_token_calls WHERE ok = 0"_s);
        QVERIFY(calls.ok() && calls->next());
        QCOMPARE(calls->value(0).toInt(), 1); // counted toward the 10-errors/hour budget
        // It waits (5 s backoff) instead of hammering, then succeeds once the vendor agrees.
        m_clock->advance(4'000);
        QTest::qWait(50);
        QCOMPARE(m_server->stats().tokenCalls, 1);
        for (int i = 0; i < 4; ++i) {
            m_clock->advance(5'000);
            QTest::qWait(20);
        }
        QTRY_COMPARE(m_server->stats().refreshes, 1);
        QVERIFY(m_server->stats().tooEarly <= 3);
        auto h = authorizeSync(*vault);
        QVERIFY(h.ok());
        QCOMPARE(apiGet(h->second), 200);
    }

    void storeWriteFailsOnceThenRetried() {
        setUpWorld();
        auto vault = makeVault(authtest::exactSettings(m_server->baseUrl()));
        QVERIFY(installInitial(*vault));
        m_secrets->failWrites = 1;
        m_clock->advance(571'000); // refresh is due
        QTRY_COMPARE(m_server->stats().refreshes, 1);
        QTRY_VERIFY(hasAlert(u"auth/exact/store-write"_s, alerts::AlertMessage::Kind::Raised));
        QCOMPARE(m_desktop.first().alert.severity, alerts::Severity::Critical);
        // While the rotated token is not stored, nobody gets the new access token.
        std::optional<Result<Header>> waiting;
        vault->authorize(this, [&](Result<Header> r) { waiting = r; });
        QTest::qWait(50);
        QVERIFY(!waiting.has_value());
        // The retry after the backoff stores it; waiters get the new token; no re-auth.
        m_clock->advance(1'000);
        QTRY_VERIFY(waiting.has_value());
        QVERIFY(waiting->ok());
        QCOMPARE(apiGet((*waiting)->second), 200);
        QCOMPARE(m_secrets->tokenWrites.load(), 3); // install, failed write, retried write
        QTRY_VERIFY(hasAlert(u"auth/exact/store-write"_s, alerts::AlertMessage::Kind::Recovered));
        QCOMPARE(vault->status(), TokenVault::Status::Ready);
        QCOMPARE(m_server->stats().oldTokenUsed, 0);
        // The next cycle refreshes with the stored, rotated token.
        m_clock->advance(575'000);
        QTRY_COMPARE(m_server->stats().refreshes, 2);
        QCOMPARE(m_server->stats().oldTokenUsed, 0);
    }

    void threadsShareOneRefreshPerExpiry() {
        setUpWorld();
        auto vault = makeVault(authtest::exactSettings(m_server->baseUrl()));
        QVERIFY(installInitial(*vault));
        std::vector<std::unique_ptr<QThread>> threads;
        std::vector<std::unique_ptr<Hammer>> hammers;
        for (int i = 0; i < 4; ++i) {
            auto t = std::make_unique<QThread>();
            auto h = std::make_unique<Hammer>(vault.get());
            h->moveToThread(t.get());
            t->start();
            QMetaObject::invokeMethod(h.get(), [hp = h.get()] { hp->go(); });
            threads.push_back(std::move(t));
            hammers.push_back(std::move(h));
        }
        for (int step = 0; step < 3 * 120; ++step) { // 30 simulated minutes, 5-s steps
            m_clock->advance(5000);
            QTest::qWait(1);
        }
        for (auto& h : hammers)
            h->m_stop = true;
        for (auto& t : threads) {
            t->quit();
            t->wait();
        }
        int ok = 0;
        for (auto& h : hammers)
            ok += h->ok;
        const auto stats = m_server->stats();
        QVERIFY(ok > 100);
        QCOMPARE(stats.refreshes, 3);
        QCOMPARE(stats.tokenCalls, 3);
        QCOMPARE(stats.oldTokenUsed, 0);
        hammers.clear();
    }

    void refreshTokenExpiryWarnings() {
        setUpWorld();
        auto vault = makeVault(authtest::exactSettings(m_server->baseUrl()));
        const auto [access, refresh] = m_server->issueInitial();
        TokenRecord r;
        r.accessToken = access;
        r.refreshToken = refresh;
        r.obtainedMs = m_clock->nowMs();
        r.accessExpiresMs = 0; // lifetime unknown: no refresh scheduled, only expiry matters
        r.refreshExpiresMs = m_clock->nowMs() + 10LL * 86'400'000;
        std::optional<Status> st;
        vault->installTokens(r, [&](Status s) { st = s; });
        QTRY_VERIFY(st.has_value() && st->ok());
        QVERIFY(!hasAlert(u"auth/exact/refresh-expiry"_s, alerts::AlertMessage::Kind::Raised));
        m_clock->advance(3LL * 86'400'000 + 1000); // 7 days left
        QTRY_VERIFY(hasAlert(u"auth/exact/refresh-expiry"_s, alerts::AlertMessage::Kind::Raised));
        QCOMPARE(m_desktop.last().alert.severity, alerts::Severity::Warning);
        m_clock->advance(6LL * 86'400'000); // 1 day left: escalates to critical
        QTRY_COMPARE(m_desktop.last().alert.severity, alerts::Severity::Critical);
        QCOMPARE(vault->snapshot().refreshExpiresMs, r.refreshExpiresMs);
    }

    void rejectedRefreshMarksNeedsReauthOnce() {
        FakeOAuthServer::Options o;
        o.minRefreshIntervalMs = 0;
        setUpWorld(o);
        auto vault = makeVault(authtest::exactSettings(m_server->baseUrl()));
        TokenRecord r;
        r.accessToken = u"at-unknown-1"_s;
        r.refreshToken = u"rt-revoked-by-vendor"_s;
        r.obtainedMs = m_clock->nowMs();
        r.accessExpiresMs = r.obtainedMs + 600'000;
        std::optional<Status> st;
        vault->installTokens(r, [&](Status s) { st = s; });
        QTRY_VERIFY(st.has_value());
        m_clock->advance(580'000);
        QTRY_COMPARE(vault->status(), TokenVault::Status::NeedsReauth);
        QTRY_VERIFY(hasAlert(u"auth/exact/reauth"_s, alerts::AlertMessage::Kind::Raised));
        for (int i = 0; i < 5; ++i) {
            m_clock->advance(600'000);
            auto h = authorizeSync(*vault);
            QVERIFY(!h.ok());
            QCOMPARE(h.error().category, ErrorCategory::Auth);
        }
        QCOMPARE(m_server->stats().tokenCalls, 1); // no loop of invalid_grant
        QVERIFY(!vault->snapshot().authorised);
    }
};

QTEST_GUILESS_MAIN(TestTokenVault)
#include "TestTokenVault.moc"
