#include "WorkspaceDraft.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

namespace {
const QString kShippedPrefix = u":/mappings/"_s;
} // namespace

QString WorkspaceDraft::slug(const QString& text) {
    QString s = text.normalized(QString::NormalizationForm_KD).toLower();
    s.replace(QRegularExpression(u"[^a-z0-9]+"_s), u"-"_s);
    s.remove(QRegularExpression(u"^-+|-+$"_s));
    s.truncate(48);
    if (s.endsWith(u'-'))
        s.chop(1);
    return s.isEmpty() ? u"workspace"_s : s;
}

QString WorkspaceDraft::workspacePath() const {
    return QDir(folder).absoluteFilePath(slug(name) + u".json"_s);
}

QString WorkspaceDraft::keychainService() const {
    return u"bridgekeeper-"_s + slug(name);
}

QJsonObject WorkspaceDraft::toJson() const {
    QJsonArray connectorArray;
    for (const ConnectorDraft& c : connectors) {
        QJsonObject o{{u"id"_s, c.id}, {u"type"_s, c.type}, {u"name"_s, c.name}};
        if (!c.baseUrl.isEmpty())
            o.insert(u"baseUrl"_s, c.baseUrl);
        if (!c.authBaseUrl.isEmpty())
            o.insert(u"authBaseUrl"_s, c.authBaseUrl);
        if (!c.statusPageUrl.isEmpty())
            o.insert(u"statusPageUrl"_s, c.statusPageUrl);
        if (!c.clientId.isEmpty())
            o.insert(u"clientId"_s, c.clientId);
        for (auto it = c.tenant.begin(); it != c.tenant.end(); ++it)
            o.insert(it.key(), it.value());
        connectorArray.append(o);
    }
    // A shipped document is named by its file name, so the workspace survives an upgrade.
    const QString mapping = mappingPath.startsWith(kShippedPrefix)
                                ? mappingPath.mid(kShippedPrefix.size())
                                : mappingPath;
    QJsonArray flows;
    if (connectors.size() == 2)
        flows.append(QJsonObject{
            {u"id"_s, slug(mappingId)},
            {u"source"_s,
             QJsonObject{{u"connector"_s, connectors[0].id}, {u"resource"_s, sourceResource}}},
            {u"destination"_s,
             QJsonObject{{u"connector"_s, connectors[1].id}, {u"resource"_s, destinationResource}}},
            {u"mapping"_s, mapping},
            {u"schedule"_s, schedule},
            {u"reconcile"_s, u"6h"_s}});
    return QJsonObject{
        {u"version"_s, 1},
        {u"name"_s, name},
        {u"store"_s, QString(u"sqlite:"_s + slug(name) + u".db"_s)},
        {u"secrets"_s, QJsonObject{{u"store"_s, u"keychain"_s}, {u"service"_s, keychainService()}}},
        {u"connectors"_s, connectorArray},
        {u"flows"_s, flows},
        {u"alerts"_s, QJsonArray{QJsonObject{{u"id"_s, u"desktop"_s},
                                             {u"type"_s, u"desktop"_s},
                                             {u"minSeverity"_s, u"warning"_s}}}}};
}

Result<Workspace> WorkspaceDraft::validate(const ConnectorCatalog& catalog) const {
    WorkspaceLoader loader(catalog);
    return loader.loadFromJson(QJsonDocument(toJson()).toJson(), workspacePath(), folder);
}

QStringList tenantFields(const QJsonObject& definition) {
    const QByteArray text = QJsonDocument(definition).toJson(QJsonDocument::Compact);
    QStringList fields;
    for (const char* name : {"division", "shop", "company"})
        if (text.contains(QByteArray(QByteArray("{") + name + "}")))
            fields.append(QString::fromLatin1(name));
    return fields;
}

} // namespace bk::ui::firstrun
