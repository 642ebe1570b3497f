#pragma once

#include "Sandbox.h"
#include "httpserver/HttpServer.h"

#include <deque>
#include <map>

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QObject>
#include <QRandomGenerator64>

namespace bk::sandbox {

using httpserver::Request;
using httpserver::Response;

/// One stored record in its vendor's JSON shape plus the times the filters look at.
struct Record {
    QString id;
    QJsonObject data;
    qint64 createdMs = 0;
    qint64 modifiedMs = 0;
    qint64 timestamp = 0; ///< Exact row version
};

/// Records of one resource, kept in id order for stable paging.
struct Collection {
    std::map<QString, Record> byId; // QString order; ids are zero-padded or GUIDs
};

struct Code {
    Vendor vendor;
    QString clientId;
    QString redirectUri;
    QString challenge;
    QString challengeMethod;
    qint64 expiresMs = 0;
    bool expiring = false; ///< Shopify: expiring offline token requested at authorize time
};

struct AccessToken {
    Vendor vendor;
    QString clientId;
    qint64 expiresMs = 0; ///< 0: never (Shopify non-expiring)
    QString refreshToken; ///< the refresh token issued with it
    bool revoked = false;
};

struct RefreshToken {
    Vendor vendor;
    QString clientId;
    qint64 issuedMs = 0; ///< when the access token issued with it was handed out
    qint64 lastUsedMs = 0;
    qint64 expiresMs = 0; ///< absolute (Shopify) or idle-based (Exact, Pipedrive)
    QString replacedBy;   ///< set once rotated
    QString accessToken;  ///< the access token issued with it
    bool revoked = false;
};

/// All mutable simulator state; every member is guarded by `mutex`.
class SandboxState {
public:
    SandboxState();
    ~SandboxState();

    mutable QMutex mutex;
    SandboxOptions options;
    std::shared_ptr<Clock> clock;
    std::unique_ptr<QObject> context;      ///< timers and webhook sends live on its thread
    class WebhookSender* sender = nullptr; ///< child of context
    httpserver::HttpServer server;
    QRandomGenerator64 faultRng;
    QRandomGenerator64 webhookRng;
    QRandomGenerator64 tokenRng;
    quint64 idCounter = 0;

    std::map<Vendor, std::map<QString, Collection>> data;
    qint64 exactTimestamp = 1; ///< next Exact row version

    QHash<QString, Code> codes;
    QHash<QString, AccessToken> accessTokens;
    QHash<QString, RefreshToken> refreshTokens;

    // Exact limits, keyed "client|division"
    QHash<QString, QPair<qint64, int>> exactMinute; ///< minute start -> count
    QHash<QString, QPair<qint64, int>> exactDay;    ///< day start -> count
    QHash<QString, std::deque<qint64>> exactErrors; ///< "client|division|endpoint"
    QHash<QString, qint64> exactBlockedUntil;
    QHash<QString, QPair<qint64, int>> exactTokenCalls; ///< "client|user": day start -> calls
    // Pipedrive limits
    QHash<QString, std::deque<qint64>> pipedriveBurst; ///< per access token
    QHash<QString, QPair<qint64, int>> pipedriveDaily; ///< per company: day start -> tokens
    // Shopify leaky bucket per shop: level and last update
    double shopifyLevel = 0;
    qint64 shopifyLastMs = 0;
    /// Shopify GraphQL cost bucket per "client|shop": points available, last restore time
    QHash<QString, QPair<double, qint64>> shopifyGraphQlBuckets;

    /// Pipedrive's webhook ban system for the one simulated subscription.
    struct PipedriveHookHealth {
        int banCounter = 0;       ///< failed first attempts since the last ban
        qint64 bannedUntil = 0;   ///< events before this time are lost
        qint64 failingSince = -1; ///< first failure since the last success, -1: none
        bool deleted = false;     ///< no success for 3 days: the webhook is gone
    } pipedriveHook;

    QList<Fault> faults;
    int nextFaultId = 1;

    QList<LoggedRequest> log;
    QString note; ///< set by a handler for the request being answered, logged with it
    QList<TokenEvent> tokenLog;
    QList<WebhookDelivery> webhookLog;

    // helpers (call with mutex held)
    qint64 now() const { return clock->nowMs(); }
    QString baseUrl(Vendor vendor) const;
    QString newToken(const char* prefix);
    QString newGuid();
    void logToken(Vendor vendor, const QString& grant, int status, const QString& error);
    /// Records a change and queues the vendor's webhook for it.
    void touch(Vendor vendor, const QString& resource, Record& record, const QString& action);
    void queueWebhook(Vendor vendor, const QString& resource, const Record& record,
                      const QString& action);

    int injectFault(Fault fault);
    int revokeTokens(Vendor vendor);
    bool updateRecord(Vendor vendor, const QString& resource, const QString& id,
                      const QJsonObject& fields);
    QString createRecord(Vendor vendor, const QString& resource, const QJsonObject& fields);
    /// Faults in force now for a vendor (every path when path is empty).
    QList<Fault> activeFaults(Vendor vendor) const;

    /// Answers with the headers at once and the body in chunks, pauseMs apart (slow drip).
    void dripBody(const std::shared_ptr<httpserver::Responder>& responder, Response response,
                  int chunkBytes, qint64 pauseMs);

    /// Entry point from the HTTP server's threads.
    void handle(const Request& request, std::shared_ptr<httpserver::Responder> responder);
};

QByteArray toJson(const QJsonObject& object);
QByteArray toJson(const QJsonArray& array);
Response jsonResponse(int status, const QByteArray& body);
/// Replaces ids in a path by {id} so requests group by endpoint.
QString endpointOf(const QString& path);

} // namespace bk::sandbox
