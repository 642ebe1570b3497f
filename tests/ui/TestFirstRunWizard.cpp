// The first-run wizard end to end with real widgets against the in-process sandbox: every
// page filled in as an admin would, both OAuth sign-ins completed in the embedded Qt
// WebEngine browser, Finish writes a workspace the loader accepts (secrets in the real
// keychain, none in the file), the console opens it and the first sync writes records into
// the sandbox's Exact Online. Also: each page refuses bad input with a message.

#include "AuthorisePage.h"
#include "BrowserLogin.h"
#include "ConnectorPage.h"
#include "ConsoleSession.h"
#include "FirstRunWizard.h"
#include "MainWindow.h"
#include "MappingPage.h"
#include "WizardContext.h"
#include "auth/KeychainSecretStore.h"
#include "auth/TokenRecord.h"
#include "sandbox/Sandbox.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using bk::sandbox::Sandbox;
using bk::sandbox::Vendor;
using bk::ui::firstrun::FirstRunWizard;
namespace fr = bk::ui::firstrun;

namespace {

QLineEdit* edit(QWizard& w, int pageId, const QString& name) {
    return w.page(pageId)->findChild<QLineEdit*>(name);
}

QString errorText(QWizard& w, int pageId) {
    auto* label = w.page(pageId)->findChild<QLabel*>(u"errorLabel"_s);
    return label && label->isVisibleTo(w.page(pageId)) ? label->text() : QString();
}

// With BK_WIZARD_SHOTS=DIR set, each page is saved as DIR/page-<id>.png before Next (docs).
void clickNext(QWizard& w) {
    const QString shots = qEnvironmentVariable("BK_WIZARD_SHOTS");
    if (!shots.isEmpty())
        w.grab().save(QDir(shots).filePath(u"page-%1.png"_s.arg(w.currentId())));
    w.button(QWizard::NextButton)->click();
}

// Reads one secret from the real keychain (asynchronous API, waited on with the event loop).
// nullopt: the keychain failed; an empty inner optional: no such key.
std::optional<std::optional<QByteArray>> readSecret(const QString& service, const QString& key) {
    bk::auth::KeychainSecretStore store(service);
    QObject context;
    std::optional<bk::Result<std::optional<QByteArray>>> answer;
    store.read(key, &context, [&](bk::Result<std::optional<QByteArray>> r) { answer = r; });
    if (!QTest::qWaitFor([&] { return answer.has_value(); }, 20'000) || !*answer)
        return std::nullopt;
    return std::optional<std::optional<QByteArray>>(**answer);
}

} // namespace

class TestFirstRunWizard : public QObject {
    Q_OBJECT

    std::unique_ptr<Sandbox> m_sandbox;
    std::optional<bk::ConnectorCatalog> m_catalog;

    void fillConnector(FirstRunWizard& w, int pageId, Vendor vendor, const QString& tenantField,
                       const QString& tenantValue) {
        QCOMPARE(w.currentId(), pageId);
        edit(w, pageId, u"baseUrl"_s)->setText(m_sandbox->baseUrl(vendor));
        edit(w, pageId, u"authBaseUrl"_s)->setText(m_sandbox->baseUrl(vendor));
        edit(w, pageId, u"statusPageUrl"_s)->setText(m_sandbox->statusPageUrl(vendor));
        QVERIFY(edit(w, pageId, tenantField)->isVisibleTo(w.page(pageId)));
        edit(w, pageId, tenantField)->setText(tenantValue);
        edit(w, pageId, u"clientId"_s)->setText(Sandbox::clientId(vendor));
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled()); // no secret yet
        edit(w, pageId, u"clientSecret"_s)->setText(Sandbox::clientSecret(vendor));
        QVERIFY(w.button(QWizard::NextButton)->isEnabled());
        clickNext(w);
        QCOMPARE(errorText(w, pageId), QString());
    }

    void selectMapping(FirstRunWizard& w, const QString& fileName) {
        auto* list = w.page(fr::MappingPageId)->findChild<QListWidget*>(u"mappings"_s);
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->data(Qt::UserRole).toString().endsWith(fileName))
                list->setCurrentRow(i);
        QVERIFY(list->currentItem()->data(Qt::UserRole).toString().endsWith(fileName));
    }

    // Signs connection index in through the page's browser dialog with the sandbox login.
    void signIn(FirstRunWizard& w, int index) {
        auto* button =
            w.page(fr::AuthorisePageId)->findChild<QAbstractButton*>(u"signIn%1"_s.arg(index));
        QVERIFY(button);
        button->click();
        QPointer<bk::ui::ReauthoriseDialog> dialog = w.authorisePage()->dialog();
        QVERIFY(dialog);
        QSignalSpy loaded(dialog->view(), &QWebEngineView::loadFinished);
        QSignalSpy urls(dialog->view(), &QWebEngineView::urlChanged);
        QVERIFY(browser::waitForLoginPage(dialog->view(), loaded));
        QVERIFY(browser::submit(dialog->view(), u"allow"_s));
        auto* status =
            w.page(fr::AuthorisePageId)->findChild<QLabel*>(u"authStatus%1"_s.arg(index));
        QTRY_VERIFY2_WITH_TIMEOUT(w.draft().connectors[index].tokens.has_value(),
                                  qPrintable(status->text()), 30'000);
        // The browser followed the vendor's redirect to Bridgekeeper's loopback listener.
        auto redirected = [&urls] {
            for (const auto& args : urls) {
                const QUrl url = args.value(0).toUrl();
                if (url.host() == u"127.0.0.1"_s && url.path() == u"/callback"_s &&
                    QUrlQuery(url).hasQueryItem(u"code"_s))
                    return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(redirected(), 10'000);
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 10'000); // closes by itself
        QVERIFY(status->text().contains(u"Signed in"_s));
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(u"workspaces/recent"_s);
        auto catalog = bk::ConnectorCatalog::load();
        QVERIFY(catalog);
        m_catalog = *catalog;
        m_sandbox = std::make_unique<Sandbox>();
        bk::sandbox::SandboxOptions options;
        options.seed = 11;
        options.recordsPerVendor = 25;
        auto port = m_sandbox->start(options);
        QVERIFY2(port, port ? "" : qPrintable(port.error().message));
    }

    void cleanupTestCase() { m_sandbox.reset(); }

    void findsExistingWorkspaces() {
        QTemporaryDir dir;
        QCOMPARE(fr::findExistingWorkspace(dir.path()), QString()); // first run
        QFile other(dir.filePath(u"notes.json"_s));
        QVERIFY(other.open(QIODevice::WriteOnly));
        other.write(R"({"something": "else"})");
        other.close();
        QCOMPARE(fr::findExistingWorkspace(dir.path()), QString());
        QVERIFY(QFile::copy(QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json"),
                            dir.filePath(u"ops.json"_s)));
        QCOMPARE(fr::findExistingWorkspace(dir.path()), dir.filePath(u"ops.json"_s));
        // A recent workspace that was deleted is skipped; one that exists wins.
        fr::addRecentWorkspace(dir.filePath(u"gone.json"_s));
        QCOMPARE(fr::findExistingWorkspace(dir.path()), dir.filePath(u"ops.json"_s));
        fr::addRecentWorkspace(QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json"));
        QCOMPARE(fr::findExistingWorkspace(dir.path()),
                 QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json"));
        QSettings().remove(u"workspaces/recent"_s);
    }

    void demoAndExistingFileFinishAtOnce() {
        QTemporaryDir dir;
        {
            FirstRunWizard w(dir.path(), *m_catalog, bk::makeSystemClock());
            w.show();
            QVERIFY(w.button(QWizard::NextButton)->isEnabled()); // "create" leads on
            w.findChild<QRadioButton*>(u"demoChoice"_s)->setChecked(true);
            QVERIFY(w.button(QWizard::FinishButton)->isVisible());
            QVERIFY(!w.button(QWizard::NextButton)->isEnabled());
            QSignalSpy demo(&w, &FirstRunWizard::demoChosen);
            w.button(QWizard::FinishButton)->click();
            QCOMPARE(demo.count(), 1);
            QVERIFY(!w.isVisible());
        }
        {
            FirstRunWizard w(dir.path(), *m_catalog, bk::makeSystemClock());
            w.show();
            w.findChild<QRadioButton*>(u"openChoice"_s)->setChecked(true);
            const QString sample =
                QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json");
            edit(w, fr::WelcomePageId, u"existingFile"_s)->setText(sample);
            QSignalSpy chosen(&w, &FirstRunWizard::workspaceChosen);
            w.button(QWizard::FinishButton)->click();
            QCOMPARE(chosen.count(), 1);
            QCOMPARE(chosen.at(0).at(0).toString(), QFileInfo(sample).absoluteFilePath());
            QCOMPARE(chosen.at(0).at(1).toBool(), false);
            QCOMPARE(QSettings().value(u"workspaces/recent"_s).toStringList().value(0),
                     QFileInfo(sample).absoluteFilePath());
        }
        QSettings().remove(u"workspaces/recent"_s);
    }

    void pagesRefuseBadInput() {
        QTemporaryDir dir;
        FirstRunWizard w(dir.path(), *m_catalog, bk::makeSystemClock());
        w.show();
        QCOMPARE(w.currentId(), int(fr::WelcomePageId));
        // Open an existing file: Next/Finish needs a path, and a broken file is refused.
        w.findChild<QRadioButton*>(u"openChoice"_s)->setChecked(true);
        QVERIFY(!w.button(QWizard::FinishButton)->isEnabled());
        QFile broken(dir.filePath(u"broken.json"_s));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write(R"({"version": 1, "connectors": [{"id": "x", "type": "sap"}]})");
        broken.close();
        edit(w, fr::WelcomePageId, u"existingFile"_s)->setText(broken.fileName());
        QSignalSpy chosen(&w, &FirstRunWizard::workspaceChosen);
        QVERIFY(w.button(QWizard::FinishButton)->isVisible());
        QVERIFY(w.button(QWizard::FinishButton)->isEnabled());
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled());
        w.button(QWizard::FinishButton)->click();
        QVERIFY2(errorText(w, fr::WelcomePageId).contains(u"$.connectors[0].type"_s),
                 qPrintable(errorText(w, fr::WelcomePageId)));
        QCOMPARE(chosen.count(), 0);
        QVERIFY(w.isVisible());

        w.findChild<QRadioButton*>(u"createChoice"_s)->setChecked(true);
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::FolderPageId));
        edit(w, fr::FolderPageId, u"folder"_s)->setText(u"relative/folder"_s);
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::FolderPageId));
        QVERIFY(errorText(w, fr::FolderPageId).contains(u"full path"_s));
        edit(w, fr::FolderPageId, u"folder"_s)->setText(dir.path());
        edit(w, fr::FolderPageId, u"workspaceName"_s)->setText(u"Broken"_s); // broken.json exists
        clickNext(w);
        QVERIFY(errorText(w, fr::FolderPageId).contains(u"already exists"_s));
        edit(w, fr::FolderPageId, u"workspaceName"_s)->setText(u"Shop sync"_s);
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::MappingPageId));

        // An imported mapping document is validated before it is offered.
        auto* mapping = static_cast<fr::MappingPage*>(w.page(fr::MappingPageId));
        QFile bad(dir.filePath(u"bad-mapping.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"id": "x", "source": {"connectorType": "shopify", "resource": "orders"},
                     "destination": {"connectorType": "exact-online", "resource": "SalesInvoices"},
                     "fields": [{"target": "Description", "source": "note", "transforms": ["phoen"]}]})");
        bad.close();
        QVERIFY(!mapping->importDocument(bad.fileName()));
        QVERIFY(errorText(w, fr::MappingPageId).contains(u"$.fields[0].transforms[0]"_s));
        const QString good = dir.filePath(u"orders.json"_s);
        QVERIFY(QFile::copy(
            QStringLiteral(BK_SOURCE_DIR "/resources/mappings/shopify-order-to-exact-invoice.json"),
            good));
        QVERIFY(mapping->importDocument(good));
        QCOMPARE(errorText(w, fr::MappingPageId), QString());
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::SourcePageId));
        QCOMPARE(w.draft().mappingPath, good);
        QCOMPARE(w.draft().connectors.value(0).type, u"shopify"_s);
        QCOMPARE(w.draft().connectors.value(1).type, u"exact-online"_s);

        // The source page asks for the shop (Shopify's URLs need it), not a division.
        QVERIFY(edit(w, fr::SourcePageId, u"shop"_s)->isVisibleTo(w.page(fr::SourcePageId)));
        QVERIFY(!edit(w, fr::SourcePageId, u"division"_s)->isVisibleTo(w.page(fr::SourcePageId)));
        edit(w, fr::SourcePageId, u"shop"_s)->setText(u"demo-shop"_s);
        edit(w, fr::SourcePageId, u"clientId"_s)->setText(u"id"_s);
        edit(w, fr::SourcePageId, u"clientSecret"_s)->setText(u"secret"_s);
        edit(w, fr::SourcePageId, u"baseUrl"_s)->setText(u"ftp://example.com"_s);
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::SourcePageId));
        QVERIFY(errorText(w, fr::SourcePageId).contains(u"http(s)"_s));
        edit(w, fr::SourcePageId, u"baseUrl"_s)->setText(u"https://example.com"_s);
        edit(w, fr::SourcePageId, u"shop"_s)->setText(u"Demo Shop!"_s);
        clickNext(w);
        QVERIFY(errorText(w, fr::SourcePageId).contains(u"shop"_s));
        edit(w, fr::SourcePageId, u"shop"_s)->setText(u"demo-shop"_s);
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::DestinationPageId));
        QVERIFY(edit(w, fr::DestinationPageId, u"division"_s)
                    ->isVisibleTo(w.page(fr::DestinationPageId)));

        // Back and Next keep what was typed; Cancel leaves nothing behind.
        w.back();
        QCOMPARE(edit(w, fr::SourcePageId, u"shop"_s)->text(), u"demo-shop"_s);
        w.button(QWizard::CancelButton)->click();
        QVERIFY(!w.isVisible());
        QVERIFY(!QFileInfo::exists(dir.filePath(u"shop-sync.json"_s)));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"shop-sync.db"_s)));
        const auto none =
            readSecret(u"bridgekeeper-shop-sync"_s, u"connector/shopify/client_secret"_s);
        QVERIFY(none && !none->has_value());
    }

    void createsWorkspaceSignsInAndStartsFirstSync() {
        QTemporaryDir dir;
        const QString folder = dir.filePath(u"data"_s);
        FirstRunWizard w(dir.path(), *m_catalog, bk::makeSystemClock());
        w.show();
        QVERIFY(w.findChild<QRadioButton*>(u"createChoice"_s)->isChecked());
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::FolderPageId));
        QCOMPARE(edit(w, fr::FolderPageId, u"folder"_s)->text(),
                 QDir::toNativeSeparators(dir.path()));
        edit(w, fr::FolderPageId, u"folder"_s)->setText(folder);
        edit(w, fr::FolderPageId, u"workspaceName"_s)->setText(u"Acme CRM sync"_s);
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::MappingPageId));
        QVERIFY(QFileInfo(folder).isDir()); // created and proven writable

        selectMapping(w, u"pipedrive-person-to-exact-contact.json"_s);
        clickNext(w);
        fillConnector(w, fr::SourcePageId, Vendor::Pipedrive, u"company"_s, u"demo-bv"_s);
        fillConnector(w, fr::DestinationPageId, Vendor::Exact, u"division"_s, u"123456"_s);
        QCOMPARE(w.currentId(), int(fr::AuthorisePageId));
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled());

        m_sandbox->clearLog();
        signIn(w, 0);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!w.button(QWizard::NextButton)->isEnabled());
        signIn(w, 1);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(w.button(QWizard::NextButton)->isEnabled());
        int codeGrants = 0;
        for (const auto& e : m_sandbox->tokenEvents())
            codeGrants += e.grantType == u"authorization_code"_s && e.issued;
        QCOMPARE(codeGrants, 2);
        clickNext(w);
        QCOMPARE(w.currentId(), int(fr::SummaryPageId));
        const QString summary = w.page(fr::SummaryPageId)->findChild<QLabel*>(u"summary"_s)->text();
        QVERIFY(summary.contains(u"Acme CRM sync"_s));
        QVERIFY(summary.contains(u"signed in"_s));
        QVERIFY(!summary.contains(Sandbox::clientSecret(Vendor::Exact)));

        // What the console does with the answer (app/console/main.cpp): open it, start it.
        // The test first reads the keychain itself: QtKeychain's job queue is not safe to use
        // from the test and the engine's connector threads at the same time.
        std::unique_ptr<bk::ui::MainWindow> window;
        std::unique_ptr<bk::ConsoleSession> session;
        auto openInConsole = [&](const QString& path) {
            auto clock = bk::makeSystemClock();
            window = std::make_unique<bk::ui::MainWindow>(folder, clock);
            session = std::make_unique<bk::ConsoleSession>(folder, window.get(), clock);
            window->show();
            session->open(path);
        };
        QSignalSpy chosen(&w, &FirstRunWizard::workspaceChosen);
        w.button(QWizard::FinishButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(chosen.count(), 1, 30'000);
        QVERIFY(!w.isVisible());
        const QString path = chosen.at(0).at(0).toString();
        QCOMPARE(path, QDir(folder).filePath(u"acme-crm-sync.json"_s));
        QVERIFY(chosen.at(0).at(1).toBool());
        QCOMPARE(QSettings().value(u"workspaces/recent"_s).toStringList().value(0), path);

        // The file loads, names no secret, and the secrets are in the keychain.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray json = file.readAll();
        for (Vendor v : {Vendor::Exact, Vendor::Pipedrive}) {
            QVERIFY(!json.contains(Sandbox::clientSecret(v).toUtf8()));
            QVERIFY(!json.contains(
                w.draft().connectors[v == Vendor::Exact ? 1 : 0].tokens->accessToken.toUtf8()));
        }
        bk::WorkspaceLoader loader(*m_catalog);
        auto ws = loader.load(path, folder);
        QVERIFY2(ws, ws ? "" : qPrintable(ws.error().message));
        QCOMPARE(ws->connectors.size(), 2);
        QCOMPARE(ws->flows.size(), 1);
        QCOMPARE(ws->flows[0].sourceConnector, u"pipedrive"_s);
        QCOMPARE(ws->flows[0].destinationConnector, u"exact-online"_s);
        QCOMPARE(ws->secrets.service, u"bridgekeeper-acme-crm-sync"_s);
        const auto secret =
            readSecret(ws->secrets.service, u"connector/exact-online/client_secret"_s);
        QVERIFY(secret && secret->has_value());
        QCOMPARE(**secret, Sandbox::clientSecret(Vendor::Exact).toUtf8());
        auto tokens = readSecret(ws->secrets.service, u"connector/pipedrive/tokens"_s);
        QVERIFY(tokens && tokens->has_value());
        auto record = bk::auth::TokenRecord::fromJson(**tokens);
        QVERIFY(record);
        QCOMPARE(record->accessToken, w.draft().connectors[0].tokens->accessToken);

        // The console opens it and the first sync runs: persons read from Pipedrive with the
        // new tokens, contacts created in Exact Online.
        openInConsole(path);
        QSignalSpy started(session.get(), &bk::ConsoleSession::engineStarted);
        QSignalSpy failed(session.get(), &bk::ConsoleSession::engineFailed);
        QTRY_VERIFY_WITH_TIMEOUT(started.count() == 1 || failed.count() > 0, 30'000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed[0][0].toString()));
        auto created = [this] {
            int n = 0;
            const QList<bk::sandbox::LoggedRequest> log = m_sandbox->requests();
            for (const auto& r : log)
                n += r.vendor == Vendor::Exact && r.method == u"POST"_s &&
                     r.endpoint.contains(u"Contacts"_s, Qt::CaseInsensitive) && r.status < 300;
            return n;
        };
        QTRY_VERIFY_WITH_TIMEOUT(created() >= 5, 90'000);
        QVERIFY(m_sandbox->countRequests(Vendor::Pipedrive, u"persons"_s, 200) > 0);
        session->stop();
    }
};

QTEST_MAIN(TestFirstRunWizard)
#include "TestFirstRunWizard.moc"
