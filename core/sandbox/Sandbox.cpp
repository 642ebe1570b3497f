#include "Sandbox.h"

#include "LogCategories.h"
#include "OAuthCommon.h"
#include "Redactor.h"
#include "Vendors.h"
#include "WebhookSender.h"

#include <QFile>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace bk::sandbox {

QString vendorSlug(Vendor vendor) {
    switch (vendor) {
    case Vendor::Exact:
        return u"exact-online"_s;
    case Vendor::Pipedrive:
        return u"pipedrive"_s;
    case Vendor::Shopify:
        return u"shopify"_s;
    }
    return {};
}

std::optional<Vendor> vendorFromSlug(const QString& slug) {
    for (Vendor v : allVendors()) {
        if (vendorSlug(v) == slug)
            return v;
    }
    return std::nullopt;
}

const QList<Vendor>& allVendors() {
    static const QList<Vendor> all = {Vendor::Exact, Vendor::Pipedrive, Vendor::Shopify};
    return all;
}

QString Sandbox::clientId(Vendor vendor) {
    return u"sandbox-%1-client"_s.arg(vendor == Vendor::Exact ? u"exact"_s : vendorSlug(vendor));
}

QString Sandbox::clientSecret(Vendor vendor) {
    return u"sandbox-%1-secret"_s.arg(vendor == Vendor::Exact ? u"exact"_s : vendorSlug(vendor));
}

Sandbox::Sandbox()
    : d(std::make_unique<SandboxState>()) {}

Sandbox::~Sandbox() {
    stop();
}

Result<quint16> Sandbox::start(const SandboxOptions& options) {
    if (d->server.isRunning())
        return Error::usage(u"the sandbox is already running"_s);
    {
        QMutexLocker lock(&d->mutex);
        d->options = options;
        d->clock = options.clock ? options.clock : makeSystemClock();
        d->faultRng.seed(options.seed ^ 0x9e3779b97f4a7c15ULL);
        d->webhookRng.seed(options.seed + 2);
        d->tokenRng.seed(options.seed + 1);
        for (Vendor v : allVendors())
            Redactor::registerSecret(clientSecret(v));
        for (const WebhookReceiver* r :
             {&options.exactWebhooks, &options.pipedriveWebhooks, &options.shopifyWebhooks}) {
            if (!r->secret.isEmpty())
                Redactor::registerSecret(r->secret);
        }
        generateData(*d);
        if (!d->sender)
            d->sender = new WebhookSender(d.get(), d->context.get());
    }
    httpserver::ServerOptions server;
    server.address = options.address;
    server.port = options.port;
    server.threads = options.serverThreads;
    SandboxState* state = d.get();
    const Status started =
        d->server.start(server, [state](const httpserver::Request& request,
                                        std::shared_ptr<httpserver::Responder> responder) {
            state->handle(request, std::move(responder));
        });
    if (!started)
        return started.error();
    qCInfo(lcSandbox) << "sandbox: listening on port" << d->server.port() << "seed" << options.seed;
    return d->server.port();
}

void Sandbox::stop() {
    d->server.stop();
}

quint16 Sandbox::port() const {
    return d->server.port();
}

QString Sandbox::baseUrl(Vendor vendor) const {
    QMutexLocker lock(&d->mutex);
    return d->baseUrl(vendor);
}

QString Sandbox::statusPageUrl(Vendor vendor) const {
    QMutexLocker lock(&d->mutex);
    QString url = d->baseUrl(vendor);
    url.chop(vendorSlug(vendor).size());
    return url + u"status/"_s + vendorSlug(vendor) + u"/api/v2/status.json"_s;
}

Status Sandbox::loadScenario(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::io(u"cannot read the scenario file %1"_s.arg(path));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return Error::invalid(u"%1: not a JSON object (%2)"_s.arg(path, parseError.errorString()));
    return applyScenario(doc.object());
}

Status Sandbox::applyScenario(const QJsonObject& scenario) {
    QMutexLocker lock(&d->mutex);
    QList<Fault> faults;
    for (const QJsonValue& v : scenario.value(u"faults"_s).toArray()) {
        auto f = Fault::fromJson(v.toObject(), d->now());
        if (!f)
            return f.error();
        faults << f.value();
    }
    const QJsonObject limits = scenario.value(u"limits"_s).toObject();
    SandboxLimits& l = d->options.limits;
    const QList<QPair<QString, int*>> ints = {
        {u"exactPerMinute"_s, &l.exactPerMinute},
        {u"exactPerDay"_s, &l.exactPerDay},
        {u"exactErrorsPerHour"_s, &l.exactErrorsPerHour},
        {u"exactTokenCallsPerDay"_s, &l.exactTokenCallsPerDay},
        {u"exactTokenCapStatus"_s, &l.exactTokenCapStatus},
        {u"pipedriveBurst"_s, &l.pipedriveBurst},
        {u"pipedriveDailyTokens"_s, &l.pipedriveDailyTokens},
        {u"shopifyBucket"_s, &l.shopifyBucket},
        {u"shopifyGraphQlBucket"_s, &l.shopifyGraphQlBucket},
        {u"shopifyGraphQlMaxQueryCost"_s, &l.shopifyGraphQlMaxQueryCost}};
    const QList<QPair<QString, double*>> reals = {
        {u"shopifyLeakPerSecond"_s, &l.shopifyLeakPerSecond},
        {u"shopifyGraphQlRestorePerSecond"_s, &l.shopifyGraphQlRestorePerSecond}};
    for (auto it = limits.begin(); it != limits.end(); ++it) {
        bool known = false;
        for (const auto& [name, field] : ints)
            known = known || name == it.key();
        for (const auto& [name, field] : reals)
            known = known || name == it.key();
        if (!known)
            return Error::invalid(u"limits: unknown limit \"%1\""_s.arg(it.key()));
        if (!it.value().isDouble() || it.value().toDouble() <= 0)
            return Error::invalid(u"limits: %1 must be a positive number"_s.arg(it.key()));
    }
    const QJsonObject hooks = scenario.value(u"webhooks"_s).toObject();
    for (auto it = hooks.begin(); it != hooks.end(); ++it) {
        const auto vendor = vendorFromSlug(it.key());
        if (!vendor)
            return Error::invalid(u"webhooks: unknown vendor \"%1\""_s.arg(it.key()));
        WebhookReceiver& r = *vendor == Vendor::Exact       ? d->options.exactWebhooks
                             : *vendor == Vendor::Pipedrive ? d->options.pipedriveWebhooks
                                                            : d->options.shopifyWebhooks;
        const QJsonObject o = it.value().toObject();
        r.url = o.value(u"url"_s).toString(r.url);
        r.secret = o.value(u"secret"_s).toString(r.secret);
        r.username = o.value(u"username"_s).toString(r.username);
        r.duplicateRate = o.value(u"duplicateRate"_s).toDouble(r.duplicateRate);
        r.dropRate = o.value(u"dropRate"_s).toDouble(r.dropRate);
        r.reorderRate = o.value(u"reorderRate"_s).toDouble(r.reorderRate);
        if (!r.secret.isEmpty())
            Redactor::registerSecret(r.secret);
        if (*vendor == Vendor::Pipedrive)
            d->pipedriveHook = {}; // a (re)configured subscription starts with a clean record
    }
    for (const auto& [name, field] : ints)
        *field = limits.value(name).toInt(*field);
    for (const auto& [name, field] : reals)
        *field = limits.value(name).toDouble(*field);
    for (const Fault& f : faults)
        d->injectFault(f);
    return Status::success();
}

int Sandbox::injectFault(Fault fault) {
    QMutexLocker lock(&d->mutex);
    return d->injectFault(std::move(fault));
}

void Sandbox::clearFaults() {
    QMutexLocker lock(&d->mutex);
    d->faults.clear();
}

int Sandbox::revokeTokens(Vendor vendor) {
    QMutexLocker lock(&d->mutex);
    return d->revokeTokens(vendor);
}

QJsonObject Sandbox::issueTokensForTest(Vendor vendor) {
    QMutexLocker lock(&d->mutex);
    const qint64 access = vendor == Vendor::Exact ? 600'000 : 3'600'000;
    const qint64 refresh = vendor == Vendor::Exact       ? 30LL * 86'400'000
                           : vendor == Vendor::Pipedrive ? 60LL * 86'400'000
                                                         : 90LL * 86'400'000;
    const auto [a, r] = issueTokens(*d, vendor, clientId(vendor), access, refresh);
    d->logToken(vendor, u"test"_s, 200, {});
    return {{u"access_token"_s, a}, {u"refresh_token"_s, r}, {u"expires_in"_s, access / 1000}};
}

bool Sandbox::updateRecord(Vendor vendor, const QString& resource, const QString& id,
                           const QJsonObject& fields) {
    QMutexLocker lock(&d->mutex);
    return d->updateRecord(vendor, resource, id, fields);
}

QString Sandbox::createRecord(Vendor vendor, const QString& resource, const QJsonObject& fields) {
    QMutexLocker lock(&d->mutex);
    return d->createRecord(vendor, resource, fields);
}

int Sandbox::recordCount(Vendor vendor, const QString& resource) const {
    QMutexLocker lock(&d->mutex);
    return int(d->data[vendor][resource].byId.size());
}

QJsonObject Sandbox::record(Vendor vendor, const QString& resource, const QString& id) const {
    QMutexLocker lock(&d->mutex);
    const auto& c = d->data[vendor][resource].byId;
    auto it = c.find(vendor == Vendor::Exact ? id.toLower() : id.rightJustified(19, u'0'));
    return it == c.end() ? QJsonObject() : it->second.data;
}

QStringList Sandbox::recordIds(Vendor vendor, const QString& resource) const {
    QMutexLocker lock(&d->mutex);
    QStringList ids;
    for (const auto& [key, r] : d->data[vendor][resource].byId)
        ids << (vendor == Vendor::Exact ? key : QString::number(r.data.value(u"id"_s).toInteger()));
    return ids;
}

QList<LoggedRequest> Sandbox::requests() const {
    QMutexLocker lock(&d->mutex);
    return d->log;
}

int Sandbox::countRequests(Vendor vendor, const QString& endpointContains, int status) const {
    QMutexLocker lock(&d->mutex);
    int n = 0;
    for (const LoggedRequest& r : d->log) {
        if (r.vendor == vendor && (status == 0 || r.status == status) &&
            (endpointContains.isEmpty() || r.endpoint.contains(endpointContains)))
            ++n;
    }
    return n;
}

QList<TokenEvent> Sandbox::tokenEvents() const {
    QMutexLocker lock(&d->mutex);
    return d->tokenLog;
}

QList<WebhookDelivery> Sandbox::webhookDeliveries() const {
    QMutexLocker lock(&d->mutex);
    return d->webhookLog;
}

void Sandbox::clearLog() {
    QMutexLocker lock(&d->mutex);
    d->log.clear();
    d->tokenLog.clear();
    d->webhookLog.clear();
}

} // namespace bk::sandbox
