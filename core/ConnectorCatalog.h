#pragma once

#include "Result.h"

#include <QJsonObject>
#include <QMap>
#include <QStringList>

namespace bk {

/// The connector definitions available to a workspace: the ones shipped in the binary
/// (resources/connectors/*.json, compiled in as :/connectors/) plus any extra folders.
/// It holds the raw JSON; core/sync interprets the details.
class ConnectorCatalog {
public:
    /// Loads the shipped definitions, then every *.json in extraDirs (a later file with the
    /// same "id" replaces an earlier one). A definition that is not valid JSON or has no "id"
    /// is an error naming the file.
    static Result<ConnectorCatalog> load(const QStringList& extraDirs = {});

    bool contains(const QString& type) const { return m_definitions.contains(type); }
    QJsonObject definition(const QString& type) const { return m_definitions.value(type); }
    QString sourceFile(const QString& type) const { return m_files.value(type); }
    QStringList types() const { return m_definitions.keys(); }

    /// For tests: a catalog with the definitions given.
    void insert(const QString& type, const QJsonObject& definition, const QString& file = {});

private:
    QMap<QString, QJsonObject> m_definitions;
    QMap<QString, QString> m_files;
};

} // namespace bk
