#pragma once

#include "ConnectorCatalog.h"
#include "Result.h"
#include "Workspace.h"
#include "auth/TokenRecord.h"

#include <optional>

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace bk::ui::firstrun {

/// One connection the wizard sets up. The client secret and the tokens stay in memory (and
/// registered with the redactor) until Finish writes them to the secret store.
struct ConnectorDraft {
    QString id;            ///< workspace id, also the keychain namespace: connector/<id>/…
    QString type;          ///< connector definition id
    QString name;          ///< display name
    QString baseUrl;       ///< empty: the definition's
    QString authBaseUrl;   ///< empty: the definition's (or baseUrl when set)
    QString statusPageUrl; ///< empty: the definition's
    QMap<QString, QString> tenant; ///< division / shop / company, as the definition needs
    QString clientId;
    QString clientSecret;
    std::optional<auth::TokenRecord> tokens; ///< from the browser authorisation
};

/// Everything the first-run wizard collects, and the workspace JSON it becomes.
struct WorkspaceDraft {
    QString folder;      ///< data folder: the workspace file and its SQLite store go here
    QString name;        ///< human name; the file name is derived from it
    QString mappingPath; ///< ":/mappings/…" (shipped) or an absolute file path (imported)
    QString mappingId;
    QString sourceType, sourceResource, destinationType, destinationResource;
    QString schedule = QStringLiteral("5m");
    QList<ConnectorDraft> connectors; ///< [0] source, [1] destination

    /// "acme-sync" for "Acme sync!": lower-case letters, digits and dashes, never empty.
    static QString slug(const QString& text);
    /// <folder>/<slug(name)>.json
    QString workspacePath() const;
    /// Keychain service that namespaces this workspace's secrets: "bridgekeeper-<slug>".
    QString keychainService() const;
    /// The workspace file's content (no secrets in it).
    QJsonObject toJson() const;
    /// Loads toJson() back with the WorkspaceLoader exactly as the console will.
    Result<Workspace> validate(const ConnectorCatalog& catalog) const;
};

/// Tenant fields a definition's URLs need ({division}, {shop}, {company}), in that order.
QStringList tenantFields(const QJsonObject& definition);

} // namespace bk::ui::firstrun
