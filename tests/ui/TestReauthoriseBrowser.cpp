// The console's Re-authorise… for an existing connection, end to end with real parts: the
// engine runs a workspace wired to the in-process sandbox (secrets in the real keychain),
// ConsoleSession opens ui::ReauthoriseDialog, the test logs in and consents inside the
// embedded Qt WebEngine browser, and the new tokens must be in the keychain. A denied
// consent and a wrong password end clearly, with the old tokens untouched.

#include "BrowserLogin.h"
#include "ConsoleSession.h"
#include "MainWindow.h"
#include "ReauthoriseDialog.h"
#include "Workspace.h"
#include "auth/KeychainSecretStore.h"
#include "auth/OAuthSettings.h"
#include "auth/TokenRecord.h"
#include "auth/TokenVault.h"
#include "engine/ConnectorRuntime.h"
#include "engine/Engine.h"
#include "sandbox/Sandbox.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using bk::sandbox::Sandbox;
using bk::sandbox::Vendor;

namespace {
const QString kService = u"bridgekeeper-reauth-test"_s;
const QString kTokensKey = u"connector/crm/tokens"_s;
} // namespace

class TestReauthoriseBrowser : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<Sandbox> m_sandbox;
    bk::auth::KeychainSecretStore m_keychain{kService};
    std::unique_ptr<bk::ui::MainWindow> m_window;
    std::unique_ptr<bk::ConsoleSession> m_session;

    bk::Status writeSecret(const QString& key, const QByteArray& value) {
        std::optional<bk::Status> outcome;
        m_keychain.write(key, value, this, [&](bk::Status st) { outcome = st; });
        if (!QTest::qWaitFor([&] { return outcome.has_value(); }, 20'000))
            return bk::Error::io(u"keychain write timed out"_s);
        return *outcome;
    }

    std::optional<bk::auth::TokenRecord> storedTokens() {
        std::optional<bk::Result<std::optional<QByteArray>>> answer;
        m_keychain.read(kTokensKey, this,
                        [&](bk::Result<std::optional<QByteArray>> r) { answer = r; });
        if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20'000) || !*answer ||
            !(*answer)->has_value())
            return std::nullopt;
        auto record = bk::auth::TokenRecord::fromJson(***answer);
        return record ? std::optional(*record) : std::nullopt;
    }

    // Opens Re-authorise… as the console's button does and waits for the sign-in page.
    QPointer<bk::ui::ReauthoriseDialog> openDialog() {
        // A dialog of an earlier test function is deleted first (WA_DeleteOnClose).
        if (!QTest::qWaitFor(
                [&] { return m_window->findChildren<bk::ui::ReauthoriseDialog*>().isEmpty(); },
                10'000))
            return {};
        m_session->reauthorise(u"crm"_s);
        QPointer<bk::ui::ReauthoriseDialog> dialog =
            m_window->findChild<bk::ui::ReauthoriseDialog*>();
        if (!dialog)
            return {};
        QSignalSpy loaded(dialog->view(), &QWebEngineView::loadFinished);
        if (!browser::waitForLoginPage(dialog->view(), loaded))
            return {};
        return dialog;
    }

    static QString statusText(bk::ui::ReauthoriseDialog* dialog) {
        return dialog->findChildren<QLabel*>().value(0)->text();
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_sandbox = std::make_unique<Sandbox>();
        bk::sandbox::SandboxOptions options;
        options.recordsPerVendor = 10;
        auto port = m_sandbox->start(options);
        QVERIFY(port);

        // An existing workspace with one Pipedrive connection, already authorised once.
        const QString base = m_sandbox->baseUrl(Vendor::Pipedrive);
        const QJsonObject ws{
            {u"version"_s, 1},
            {u"name"_s, u"Re-authorise test"_s},
            {u"secrets"_s, QJsonObject{{u"store"_s, u"keychain"_s}, {u"service"_s, kService}}},
            {u"connectors"_s, QJsonArray{QJsonObject{
                                  {u"id"_s, u"crm"_s},
                                  {u"type"_s, u"pipedrive"_s},
                                  {u"name"_s, u"Pipedrive CRM"_s},
                                  {u"baseUrl"_s, base},
                                  {u"authBaseUrl"_s, base},
                                  {u"statusPageUrl"_s, m_sandbox->statusPageUrl(Vendor::Pipedrive)},
                                  {u"clientId"_s, Sandbox::clientId(Vendor::Pipedrive)},
                                  {u"company"_s, u"demo-bv"_s}}}}};
        const QString path = m_dir.filePath(u"reauth.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(ws).toJson());
        file.close();
        auto catalog = bk::ConnectorCatalog::load();
        QVERIFY(catalog);
        bk::WorkspaceLoader loader(*catalog);
        auto loaded = loader.load(path, m_dir.path());
        QVERIFY2(loaded, loaded ? "" : qPrintable(loaded.error().message));
        auto settings = bk::auth::OAuthSettings::fromDefinition(catalog->definition(u"pipedrive"_s),
                                                                *loaded->connector(u"crm"_s));
        QVERIFY(settings);
        auto first = bk::auth::TokenRecord::fromResponse(
            m_sandbox->issueTokensForTest(Vendor::Pipedrive), QDateTime::currentMSecsSinceEpoch(),
            *settings, nullptr);
        QVERIFY(first);
        first->generation = 1;
        QVERIFY(writeSecret(u"connector/crm/client_secret"_s,
                            Sandbox::clientSecret(Vendor::Pipedrive).toUtf8()));
        QVERIFY(writeSecret(kTokensKey, first->toJson()));

        auto clock = bk::makeSystemClock();
        m_window = std::make_unique<bk::ui::MainWindow>(m_dir.path(), clock);
        m_session = std::make_unique<bk::ConsoleSession>(m_dir.path(), m_window.get(), clock);
        m_window->show();
        QSignalSpy started(m_session.get(), &bk::ConsoleSession::engineStarted);
        QSignalSpy failed(m_session.get(), &bk::ConsoleSession::engineFailed);
        m_session->open(path);
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), 30'000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
        // QtKeychain queues its jobs in one unsynchronised executor: the test reads the
        // keychain only while the engine's vault (on its own thread) is not using it.
        bk::ConnectorRuntime* runtime = m_session->engine()->runtime(u"crm"_s);
        QVERIFY(runtime && runtime->vault());
        QTRY_VERIFY_WITH_TIMEOUT(runtime->vault()->status() == bk::auth::TokenVault::Status::Ready,
                                 30'000);
    }

    void cleanupTestCase() {
        if (m_session)
            m_session->stop();
        m_session.reset();
        m_window.reset();
        m_sandbox.reset();
    }

    void loginAndConsentStoresNewTokens() {
        const auto before = storedTokens();
        QVERIFY(before);
        m_sandbox->clearLog();
        auto dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->view()->url().path().endsWith(u"/oauth/authorize"_s));
        QCOMPARE(QUrlQuery(dialog->view()->url()).queryItemValue(u"code_challenge_method"_s),
                 u"S256"_s);
        QSignalSpy accepted(dialog.data(), &QDialog::accepted);
        QVERIFY(browser::submit(dialog->view(), u"allow"_s));
        QTRY_COMPARE_WITH_TIMEOUT(accepted.count(), 1, 30'000); // closes by itself
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 10'000);

        const auto after = storedTokens();
        QVERIFY(after);
        QVERIFY(after->generation > before->generation);
        QVERIFY(after->accessToken != before->accessToken);
        QVERIFY(after->refreshToken != before->refreshToken);
        int codeGrants = 0;
        for (const auto& e : m_sandbox->tokenEvents())
            codeGrants += e.grantType == u"authorization_code"_s && e.issued;
        QCOMPARE(codeGrants, 1);
    }

    void deniedConsentFailsClearly() {
        const auto before = storedTokens();
        QVERIFY(before);
        m_sandbox->clearLog();
        auto dialog = openDialog();
        QVERIFY(dialog);
        QVERIFY(browser::submit(dialog->view(), u"deny"_s));
        QTRY_VERIFY_WITH_TIMEOUT(statusText(dialog).contains(u"did not complete"_s), 30'000);
        QVERIFY2(statusText(dialog).contains(u"user_denied"_s), qPrintable(statusText(dialog)));
        auto* box = dialog->findChild<QDialogButtonBox*>();
        QVERIFY(box->button(QDialogButtonBox::Close));
        QVERIFY(!box->button(QDialogButtonBox::Cancel));
        QVERIFY(dialog->isVisible()); // stays open so the admin reads why
        for (const auto& e : m_sandbox->tokenEvents())
            QVERIFY(e.grantType != u"authorization_code"_s);
        const auto after = storedTokens();
        QVERIFY(after);
        QCOMPARE(after->generation, before->generation);
        QCOMPARE(after->accessToken, before->accessToken);
        box->button(QDialogButtonBox::Close)->click();
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 10'000);
    }

    void wrongPasswordStaysOnPageAndCancelStoresNothing() {
        const auto before = storedTokens();
        QVERIFY(before);
        auto dialog = openDialog();
        QVERIFY(dialog);
        QSignalSpy loaded(dialog->view(), &QWebEngineView::loadFinished);
        QVERIFY(browser::submit(dialog->view(), u"allow"_s, u"demo"_s, u"wrong"_s));
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 30'000);
        auto error = std::make_shared<QString>();
        dialog->view()->page()->runJavaScript(
            u"(document.getElementById('error')||{}).textContent||''"_s,
            [error](const QVariant& v) { *error = v.toString(); });
        QTRY_VERIFY_WITH_TIMEOUT(error->contains(u"Wrong user name or password"_s), 10'000);
        QVERIFY(dialog->isVisible());
        dialog->close(); // Cancel: the engine's flow stops, nothing stored
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 10'000);
        const auto after = storedTokens();
        QVERIFY(after);
        QCOMPARE(after->generation, before->generation);
    }
};

QTEST_MAIN(TestReauthoriseBrowser)
#include "TestReauthoriseBrowser.moc"
