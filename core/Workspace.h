#pragma once

#include "ConnectorCatalog.h"
#include "Result.h"

#include <QHostAddress>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace bk {

/// Where the SQL store lives. Parsed from "sqlite:PATH" or "postgresql://user@host:port/db".
struct StoreConfig {
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    QString url;        ///< as written in the workspace
    QString sqlitePath; ///< absolute path (Sqlite)
    QString host;       ///< Postgres
    int port = 5432;
    QString database;
    QString user;
    QString options; ///< Postgres connect options from the query string
};

/// Where secrets (tokens, client secrets, webhook secrets) are kept.
struct SecretStoreConfig {
    enum class Kind { Keychain, EncryptedDb };
    Kind kind = Kind::Keychain;
    QString service = QStringLiteral("bridgekeeper"); ///< keychain service / namespace
    QString keyFile;                                  ///< EncryptedDb: master key file
    QString keyEnv;                                   ///< EncryptedDb: master key variable
};

/// A listening socket (webhooks, metrics).
struct ListenConfig {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;
    bool enabled = false;
};

struct WebhookConfig {
    ListenConfig listen;
    qint64 maxBodyBytes = 1024 * 1024;
    int maxConnections = 256;
    QString tlsCertFile;
    QString tlsKeyFile;
    qint64 dedupRetentionMs = 7LL * 86'400'000;
    qint64 lagAlertMs = 5 * 60'000;
};

/// One configured connection to an API, of a type from the connector catalog.
struct ConnectorConfig {
    QString id;
    QString type;
    QString displayName;
    bool enabled = true;
    QUrl baseUrl;       ///< API base; overrides the definition's default
    QUrl authBaseUrl;   ///< OAuth base; overrides the definition's default
    QUrl statusPageUrl; ///< overrides the definition's status page
    QString clientId;
    QString division;      ///< Exact Online division
    QString shop;          ///< Shopify shop
    QString company;       ///< Pipedrive company domain
    QString defaultRegion; ///< phone default region (ISO 3166-1 alpha-2)
    QJsonObject overrides; ///< per-workspace overrides of definition fields (retry, rate limits, …)
    QJsonObject raw;       ///< the whole entry as written
};

/// One sync flow: source resource → mapping document → destination resource.
struct FlowConfig {
    QString id;
    bool enabled = true;
    QString sourceConnector;
    QString sourceResource;
    QString destinationConnector;
    QString destinationResource;
    QString mappingFile; ///< absolute path or ":/mappings/…"
    qint64 intervalMs = 5 * 60'000;
    qint64 reconcileIntervalMs = 6 * 3'600'000;
    QJsonObject raw;
};

/// One place alerts go: a desktop notification, a Slack-compatible webhook or e-mail.
struct AlertChannelConfig {
    enum class Kind { Desktop, Slack, Email };
    QString id;
    Kind kind = Kind::Desktop;
    QString minSeverity = QStringLiteral("warning"); ///< info, warning, critical
    QUrl url;                                        ///< Slack
    QUrl smtpUrl;                                    ///< Email: smtp://host:port or smtps://
    QString from;
    QStringList to;
    QString username;
    bool requireTls = true;
    QJsonObject raw;
};

/// Coordination of several engines sharing one store (see docs/fleet.md).
struct FleetConfig {
    qint64 leaseMs = 30'000; ///< fleet.leaseSeconds: how long a flow's lease lasts unrenewed
};

/// A loaded, validated workspace file.
struct Workspace {
    QString filePath; ///< absolute
    QString name;
    StoreConfig store;
    SecretStoreConfig secrets;
    WebhookConfig webhooks;
    ListenConfig metrics;
    FleetConfig fleet;
    QList<ConnectorConfig> connectors;
    QList<FlowConfig> flows;
    QList<AlertChannelConfig> alerts;
    QStringList connectorDirs; ///< absolute; load the catalog with these for this workspace
    QJsonObject raw;

    const ConnectorConfig* connector(const QString& id) const;
    const FlowConfig* flow(const QString& id) const;
};

/// One thing wrong with a workspace file: which file, which field, what is wrong.
struct WorkspaceIssue {
    QString file;
    QString jsonPath; ///< e.g. $.connectors[1].type
    QString message;
    QString toString() const;
};

/// Reads and validates workspace files.
class WorkspaceLoader {
public:
    explicit WorkspaceLoader(ConnectorCatalog catalog);

    /// Loads path. dataDir is where a default store goes when the file names none.
    /// On failure the Error's message is the first issue's line; issues() lists all of them.
    Result<Workspace> load(const QString& path, const QString& dataDir);
    Result<Workspace> loadFromJson(const QByteArray& json, const QString& path,
                                   const QString& dataDir);
    const QList<WorkspaceIssue>& issues() const { return m_issues; }

    /// Parses a store URL; relative SQLite paths resolve against baseDir.
    static Result<StoreConfig> parseStoreUrl(const QString& url, const QString& baseDir);
    /// Parses "HOST:PORT" (HOST may be an IPv4/IPv6 literal or "localhost").
    static Result<ListenConfig> parseListen(const QString& text);

private:
    ConnectorCatalog m_catalog;
    QList<WorkspaceIssue> m_issues;
};

} // namespace bk
