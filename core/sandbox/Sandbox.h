#pragma once

#include "Clock.h"
#include "Result.h"

#include <memory>

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace bk::sandbox {

/// The simulated vendors; their URL prefix is vendorSlug().
enum class Vendor { Exact, Pipedrive, Shopify };
QString vendorSlug(Vendor vendor);
std::optional<Vendor> vendorFromSlug(const QString& slug);
const QList<Vendor>& allVendors();

/// Where the sandbox posts a vendor's webhooks, and with which secret.
struct WebhookReceiver {
    QString url;    ///< empty: no webhooks for this vendor
    QString secret; ///< Shopify: HMAC key; Exact: HashCode key; Pipedrive: basic-auth password
    QString username = QStringLiteral("bridgekeeper"); ///< Pipedrive basic-auth user
    double duplicateRate = 0;                          ///< chance an event is delivered twice
    double dropRate = 0;                               ///< chance an event is never delivered
    double reorderRate = 0; ///< chance an event is held back behind later ones
};

/// The vendors' documented limits; change them only to test a boundary quickly.
struct SandboxLimits {
    int exactPerMinute = 60;
    int exactPerDay = 5000;
    int exactErrorsPerHour = 10;
    int exactTokenCallsPerDay = 200;  ///< token-endpoint calls per client and user per UTC day
    int exactTokenCapStatus = 400;    ///< refusal status beyond it (not captured; chosen)
    int pipedriveBurst = 80;          ///< per token per rolling 2 s (OAuth app, Lite plan)
    int pipedriveDailyTokens = 30000; ///< per company per UTC day
    int shopifyBucket = 40;
    double shopifyLeakPerSecond = 2;
    /// GraphQL Admin API cost bucket per app+shop. The current bucket sizes are not
    /// published; 1000 points restoring 50/s are the older documented limits (Standard
    /// plans now restore 100/s, Advanced 200, Plus 1000).
    int shopifyGraphQlBucket = 1000;
    double shopifyGraphQlRestorePerSecond = 50;
    int shopifyGraphQlMaxQueryCost = 1000; ///< single-query maximum
};

struct SandboxOptions {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;             ///< 0: a free port
    std::shared_ptr<Clock> clock; ///< null: the system clock
    quint64 seed = 42;
    int recordsPerVendor = 2000; ///< size of the main collection per vendor
    WebhookReceiver exactWebhooks;
    WebhookReceiver pipedriveWebhooks;
    WebhookReceiver shopifyWebhooks;
    int serverThreads = 2;
    SandboxLimits limits;
};

/// One injected fault. Times are on the sandbox clock; untilMs <= 0 means "until cleared".
struct Fault {
    enum class Kind { Outage, ErrorRate, Latency, Timeout, RateLimitStorm, Malformed, SlowDrip };
    Kind kind = Kind::Outage;
    std::optional<Vendor> vendor; ///< none: every vendor
    QString pathContains;         ///< empty: every API path of the vendor
    qint64 fromMs = 0;
    qint64 untilMs = 0;
    int status = 503;            ///< Outage/ErrorRate status
    bool dropConnection = false; ///< Outage: close the socket instead of answering
    double rate = 1.0;           ///< ErrorRate/Malformed/RateLimitStorm: chance per request
    qint64 delayMs = 0;          ///< Latency: added delay; Timeout: delay before the socket drops;
                                 ///< SlowDrip: pause between two chunks of the body
    int chunkBytes = 64;         ///< SlowDrip: body bytes per chunk
    int id = 0;                  ///< set by injectFault()

    static Result<Fault> fromJson(const QJsonObject& json, qint64 nowMs);
    QJsonObject toJson() const;
};

/// One request as the sandbox saw and answered it.
struct LoggedRequest {
    qint64 atMs = 0;
    Vendor vendor = Vendor::Exact;
    QString method;
    QString path;
    QString endpoint; ///< path with ids replaced by {id}, for grouping
    int status = 0;
    QString clientId;
    QString fault; ///< name of the fault that answered, if any
    /// A vendor refusal worth telling apart from its status: "graphql-throttled",
    /// "graphql-max-cost" (HTTP 200 answers) or "token-cap" (Exact's daily token calls).
    QString note;
};

/// A token endpoint outcome.
struct TokenEvent {
    qint64 atMs = 0;
    Vendor vendor = Vendor::Exact;
    QString grantType;
    bool issued = false;
    int status = 0;
    QString error; ///< error code (and description) when refused
};

/// One webhook delivery attempt.
struct WebhookDelivery {
    qint64 atMs = 0;
    Vendor vendor = Vendor::Exact;
    QString topic;
    QString eventId;
    int attempt = 1;
    int status = 0;       ///< 0: network error or timeout
    bool dropped = false; ///< never sent
    QString dropReason;   ///< "chaos" (dropRate), "ban" (Pipedrive ban), "deleted" (webhook gone)
};

class SandboxState;

/// Local simulators of Exact Online, Pipedrive and Shopify (OAuth, resources, rate limits,
/// webhooks, status pages) on one loopback HTTP server, with fault injection and a
/// request log. Thread-safe; timed work runs on the thread that created the Sandbox.
class Sandbox {
public:
    Sandbox();
    ~Sandbox();

    /// Generates the data from the seed and starts listening; returns the bound port.
    Result<quint16> start(const SandboxOptions& options);
    void stop();
    quint16 port() const;
    /// e.g. http://127.0.0.1:8480/exact-online
    QString baseUrl(Vendor vendor) const;
    QString statusPageUrl(Vendor vendor) const;

    /// Applies a scenario file (seed-independent faults and webhook settings), see docs.
    Status loadScenario(const QString& path);
    Status applyScenario(const QJsonObject& scenario);
    int injectFault(Fault fault);
    void clearFaults();

    /// Revokes every token of a vendor (access and refresh); returns how many.
    int revokeTokens(Vendor vendor);
    /// Issues a token pair directly (skips the browser step), as the token endpoint would.
    QJsonObject issueTokensForTest(Vendor vendor);

    /// Changes fields of a record (bumps its modified time, fires webhooks); false if absent.
    bool updateRecord(Vendor vendor, const QString& resource, const QString& id,
                      const QJsonObject& fields);
    /// Creates a record in the vendor's shape; returns its id.
    QString createRecord(Vendor vendor, const QString& resource, const QJsonObject& fields);
    int recordCount(Vendor vendor, const QString& resource) const;
    QJsonObject record(Vendor vendor, const QString& resource, const QString& id) const;
    QStringList recordIds(Vendor vendor, const QString& resource) const;

    QList<LoggedRequest> requests() const;
    int countRequests(Vendor vendor, const QString& endpointContains = {}, int status = 0) const;
    QList<TokenEvent> tokenEvents() const;
    QList<WebhookDelivery> webhookDeliveries() const;
    void clearLog();

    static QString clientId(Vendor vendor);
    static QString clientSecret(Vendor vendor);

private:
    std::unique_ptr<SandboxState> d;
};

} // namespace bk::sandbox
