#include "engine/DemoSession.h"

#include "Clock.h"
#include "ConnectorCatalog.h"
#include "LogCategories.h"
#include "Workspace.h"
#include "auth/OAuthSettings.h"
#include "auth/SecretStore.h"
#include "auth/TokenRecord.h"
#include "auth/TokenStateStore.h"
#include "engine/AllMigrations.h"
#include "sandbox/Sandbox.h"
#include "store/Database.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

const QString kWebhookSecretPipedrive = u"demo-pipedrive-hook-password"_s;
const QString kWebhookSecretExact = u"demo-exact-webhook-key"_s;

struct DemoConnector {
    sandbox::Vendor vendor;
    QString id;
    QString type;
    QString name;
};

const QList<DemoConnector>& demoConnectors() {
    static const QList<DemoConnector> list{
        {sandbox::Vendor::Exact, u"exact"_s, u"exact-online"_s, u"Exact Online (NL)"_s},
        {sandbox::Vendor::Pipedrive, u"pipedrive"_s, u"pipedrive"_s, u"Pipedrive CRM"_s},
        {sandbox::Vendor::Shopify, u"shopify"_s, u"shopify"_s, u"Shopify webshop"_s},
    };
    return list;
}

// A port nobody listens on right now, for the webhook listener the sandbox must know first.
quint16 freeLoopbackPort() {
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

} // namespace

DemoSession::DemoSession(QString dataDir, double speed, QObject* parent)
    : QObject(parent)
    , m_dir(QDir(dataDir).filePath(u"demo"_s))
    , m_clock(std::make_shared<ScaledClock>(QDateTime::currentMSecsSinceEpoch(), speed))
    , m_sandbox(std::make_unique<sandbox::Sandbox>()) {}

DemoSession::~DemoSession() = default;

void DemoSession::start() {
    // A demo starts from a clean slate every time: no cursors or dead letters from before.
    QDir(m_dir).removeRecursively();
    if (!QDir().mkpath(m_dir))
        return Q_EMIT failed(tr("cannot create the demo folder %1").arg(m_dir));
    const quint16 webhookPort = freeLoopbackPort();
    const QString hooks = u"http://127.0.0.1:%1/hooks/"_s.arg(webhookPort);

    sandbox::SandboxOptions options;
    options.clock = m_clock;
    options.seed = 7;
    options.recordsPerVendor = m_recordsPerVendor;
    options.shopifyWebhooks = {hooks + u"shopify"_s,
                               sandbox::Sandbox::clientSecret(sandbox::Vendor::Shopify)};
    options.shopifyWebhooks.duplicateRate = 0.25; // Shopify delivers at least once
    options.pipedriveWebhooks = {hooks + u"pipedrive"_s, kWebhookSecretPipedrive};
    options.exactWebhooks = {hooks + u"exact"_s, kWebhookSecretExact};
    auto port = m_sandbox->start(options);
    if (!port)
        return Q_EMIT failed(tr("the sandbox did not start: %1").arg(port.error().message));
    if (auto st = writeWorkspace(webhookPort); !st)
        return Q_EMIT failed(st.error().message);
    provision();
}

Status DemoSession::writeWorkspace(quint16 webhookPort) {
    QJsonArray connectors;
    for (const auto& c : demoConnectors()) {
        QJsonObject o{{u"id"_s, c.id},
                      {u"type"_s, c.type},
                      {u"name"_s, c.name},
                      {u"baseUrl"_s, m_sandbox->baseUrl(c.vendor)},
                      {u"authBaseUrl"_s, m_sandbox->baseUrl(c.vendor)},
                      {u"statusPageUrl"_s, m_sandbox->statusPageUrl(c.vendor)},
                      {u"clientId"_s, sandbox::Sandbox::clientId(c.vendor)},
                      {u"defaultRegion"_s, u"NL"_s}};
        if (c.vendor == sandbox::Vendor::Exact)
            o.insert(u"division"_s, 123456);
        if (c.vendor == sandbox::Vendor::Pipedrive)
            o.insert(u"company"_s, u"demo-bv"_s);
        if (c.vendor == sandbox::Vendor::Shopify)
            o.insert(u"shop"_s, u"demo-shop"_s);
        connectors.append(o);
    }
    QJsonArray flows{
        QJsonObject{{u"id"_s, u"persons-to-contacts"_s},
                    {u"source"_s,
                     QJsonObject{{u"connector"_s, u"pipedrive"_s}, {u"resource"_s, u"persons"_s}}},
                    {u"destination"_s,
                     QJsonObject{{u"connector"_s, u"exact"_s}, {u"resource"_s, u"Contacts"_s}}},
                    {u"mapping"_s, u"pipedrive-person-to-exact-contact.json"_s},
                    {u"schedule"_s, u"5m"_s},
                    {u"reconcile"_s, u"1h"_s}},
        QJsonObject{{u"id"_s, u"orders-to-invoices"_s},
                    {u"source"_s,
                     QJsonObject{{u"connector"_s, u"shopify"_s}, {u"resource"_s, u"orders"_s}}},
                    {u"destination"_s, QJsonObject{{u"connector"_s, u"exact"_s},
                                                   {u"resource"_s, u"SalesInvoices"_s}}},
                    {u"mapping"_s, u"shopify-order-to-exact-invoice.json"_s},
                    {u"schedule"_s, u"2m"_s},
                    {u"reconcile"_s, u"1h"_s}}};
    // A master key for this demo only; the demo's secrets never touch the desktop keychain.
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    QSaveFile keyFile(QDir(m_dir).filePath(u"demo.key"_s));
    if (!keyFile.open(QIODevice::WriteOnly) || keyFile.write(key.toBase64()) < 0 ||
        !keyFile.commit())
        return Error::io(tr("cannot write the demo key file in %1").arg(m_dir));
    QFile::setPermissions(keyFile.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    const QJsonObject ws{
        {u"version"_s, 1},
        {u"name"_s, tr("Demo: Shopify and Pipedrive into Exact Online")},
        {u"store"_s, u"sqlite:demo.db"_s},
        {u"secrets"_s, QJsonObject{{u"store"_s, u"encrypted-db"_s}, {u"keyFile"_s, u"demo.key"_s}}},
        {u"webhooks"_s, QJsonObject{{u"listen"_s, u"127.0.0.1:%1"_s.arg(webhookPort)}}},
        {u"connectors"_s, connectors},
        {u"flows"_s, flows},
        {u"alerts"_s, QJsonArray{QJsonObject{{u"id"_s, u"desktop"_s}, {u"type"_s, u"desktop"_s}}}}};
    m_workspacePath = QDir(m_dir).filePath(u"demo.json"_s);
    QSaveFile file(m_workspacePath);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(ws).toJson(QJsonDocument::Indented)) < 0 || !file.commit())
        return Error::io(tr("cannot write the demo workspace %1").arg(m_workspacePath));
    return Status::success();
}

void DemoSession::provision() {
    auto catalog = ConnectorCatalog::load();
    if (!catalog)
        return Q_EMIT failed(catalog.error().message);
    WorkspaceLoader loader(*catalog);
    auto ws = loader.load(m_workspacePath, m_dir);
    if (!ws)
        return Q_EMIT failed(ws.error().message);
    auto db = store::Database::open(ws->store, allMigrations());
    if (!db)
        return Q_EMIT failed(db.error().message);
    auto secrets = auth::makeSecretStore(ws->secrets, *db);
    if (!secrets)
        return Q_EMIT failed(secrets.error().message);

    // What an admin does once per connection: client secret, webhook secret, first tokens.
    struct Write {
        QString key;
        QByteArray value;
    };
    QList<Write> writes;
    for (const auto& c : demoConnectors()) {
        const ConnectorConfig* config = ws->connector(c.id);
        auto settings = auth::OAuthSettings::fromDefinition(catalog->definition(c.type), *config);
        if (!settings)
            return Q_EMIT failed(settings.error().message);
        auto record = auth::TokenRecord::fromResponse(m_sandbox->issueTokensForTest(c.vendor),
                                                      m_clock->nowMs(), *settings, nullptr);
        if (!record)
            return Q_EMIT failed(record.error().message);
        record->generation = 1;
        if (auto st = auth::TokenStateStore(*db, c.id).commitTokens(*record, QString(),
                                                                    m_clock->nowMs(), u"demo"_s);
            !st)
            return Q_EMIT failed(st.error().message);
        writes.append({auth::connectorSecretKey(c.id, u"client_secret"_s),
                       sandbox::Sandbox::clientSecret(c.vendor).toUtf8()});
        writes.append({auth::connectorSecretKey(c.id, u"tokens"_s), record->toJson()});
    }
    writes.append({auth::connectorSecretKey(u"shopify"_s, u"webhook-secret"_s),
                   sandbox::Sandbox::clientSecret(sandbox::Vendor::Shopify).toUtf8()});
    writes.append({auth::connectorSecretKey(u"pipedrive"_s, u"webhook-secret"_s),
                   QByteArray("bridgekeeper:") + kWebhookSecretPipedrive.toUtf8()});
    writes.append(
        {auth::connectorSecretKey(u"exact"_s, u"webhook-secret"_s), kWebhookSecretExact.toUtf8()});

    auto pending = std::make_shared<int>(int(writes.size()));
    auto failedOnce = std::make_shared<bool>(false);
    auto store = *secrets; // kept alive by the callbacks until every write answered
    for (const auto& w : writes)
        store->write(w.key, w.value, this, [this, pending, failedOnce, store](Status st) {
            if (!st && !*failedOnce) {
                *failedOnce = true;
                Q_EMIT failed(tr("cannot store the demo secrets: %1").arg(st.error().message));
            }
            if (--*pending == 0 && !*failedOnce)
                Q_EMIT ready(m_workspacePath);
        });
}

void DemoSession::scriptIncidents() {
    using sandbox::Fault;
    using sandbox::Vendor;
    const qint64 now = m_clock->nowMs();
    auto at = [this](qint64 simulatedDelayMs, std::function<void()> fn) {
        m_clock->callAfter(simulatedDelayMs, this, std::move(fn));
    };
    // Records that cannot be valid in Exact: they must end up as dead letters, not vanish.
    at(20'000, [this] {
        m_sandbox->createRecord(Vendor::Pipedrive, u"persons"_s,
                                {{u"first_name"_s, u"Anouk"_s},
                                 {u"last_name"_s, u""_s},
                                 {u"name"_s, u"Anouk"_s},
                                 {u"phones"_s, QJsonArray{QJsonObject{{u"label"_s, u"work"_s},
                                                                      {u"value"_s, u"06-123"_s},
                                                                      {u"primary"_s, true}}}}});
        m_sandbox->createRecord(Vendor::Pipedrive, u"persons"_s,
                                {{u"first_name"_s, u"Bram"_s},
                                 {u"last_name"_s, u"de Vries"_s},
                                 {u"name"_s, u"Bram de Vries"_s},
                                 {u"emails"_s, QJsonArray{QJsonObject{{u"label"_s, u"work"_s},
                                                                      {u"value"_s, u"bram@"_s},
                                                                      {u"primary"_s, true}}}}});
        Q_EMIT incident(
            tr("Two Pipedrive persons with an empty last name and a broken e-mail were added"));
    });
    // A 429 storm at Shopify for one simulated minute.
    at(60'000, [this] {
        Fault f;
        f.kind = Fault::Kind::RateLimitStorm;
        f.vendor = Vendor::Shopify;
        f.fromMs = m_clock->nowMs();
        f.untilMs = f.fromMs + 60'000;
        f.rate = 0.6;
        m_sandbox->injectFault(f);
        Q_EMIT incident(tr("Shopify answers 429 to most calls for a minute"));
    });
    // An Exact outage of six simulated minutes: the circuit opens, then a probe closes it.
    at(150'000, [this] {
        Fault f;
        f.kind = Fault::Kind::Outage;
        f.vendor = Vendor::Exact;
        f.fromMs = m_clock->nowMs();
        f.untilMs = f.fromMs + 6 * 60'000;
        f.status = 503;
        m_sandbox->injectFault(f);
        Q_EMIT incident(tr("Exact Online is down (503) for six minutes"));
    });
    // Changes at the sources, so delta runs and webhooks (some duplicated) have work.
    for (int i = 0; i < 6; ++i)
        at(30'000 + i * 45'000, [this, i] {
            const QStringList ids = m_sandbox->recordIds(Vendor::Shopify, u"orders"_s);
            if (!ids.isEmpty())
                m_sandbox->updateRecord(Vendor::Shopify, u"orders"_s, ids.value(i * 7 % ids.size()),
                                        {{u"note"_s, tr("Changed by the demo (%1)").arg(i + 1)}});
        });
    qCInfo(lcApp).noquote() << "demo incidents scheduled from"
                            << QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODate);
}

} // namespace bk
