#pragma once

#include "Result.h"
#include "Workspace.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace bk {

/// Where an import writes: the workspace's first connectorDirs folder for connector
/// definitions, the "mappings" folder next to the workspace file for mapping documents.
struct ConfigImportTargets {
    QString connectorDir; ///< empty: the workspace lists no connectorDirs
    QString mappingDir;
    QStringList catalogDirs; ///< connector folders the workspace already uses (for type checks)

    static ConfigImportTargets forWorkspace(const Workspace& workspace);
};

/// Limits that keep a hostile or broken zip from filling the disk or the memory.
struct ConfigImportLimits {
    qint64 maxEntryBytes = 2 * 1024 * 1024;  ///< one definition or document
    qint64 maxTotalBytes = 32 * 1024 * 1024; ///< everything together
    int maxEntries = 500;
};

/// One thing wrong with the zip: the entry it concerns and what is wrong, for a human.
struct ConfigImportIssue {
    QString file; ///< the entry name inside the zip ("" for the zip itself)
    QString message;
    QString toString() const; ///< "mappings/orders.json: $.fields[2]: unknown transform …"
};

/// One file the import will write.
struct ConfigImportEntry {
    enum class Kind { ConnectorDefinition, MappingDocument };
    Kind kind = Kind::ConnectorDefinition;
    QString zipName;       ///< "connectors/acme.json"
    QString target;        ///< absolute destination path
    QString id;            ///< connector type id or mapping document id
    bool replaces = false; ///< a file of that name exists and will be replaced
    QByteArray data;
};

/// A validated import: every entry parsed; nothing has been written yet.
struct ConfigImportPlan {
    QString zipPath;
    QList<ConfigImportEntry> entries;
};

/// Imports connector definitions (`connectors/*.json`) and mapping documents
/// (`mappings/*.json`) from a zip into a workspace. Every entry is validated first, as the
/// engine would parse it (catalog rules plus the pipeline, OAuth and webhook readers for
/// definitions; the mapping-document parser for documents). One bad entry refuses the whole
/// import; only a fully valid zip is written, each file staged and then renamed into place.
class ConfigImport {
public:
    /// Reads and validates zipPath. On failure issues lists every problem found (all
    /// entries are checked, not just the first bad one) and the error summarises them.
    static Result<ConfigImportPlan> plan(const QString& zipPath, const ConfigImportTargets& targets,
                                         QList<ConfigImportIssue>* issues = nullptr,
                                         const ConfigImportLimits& limits = {});

    /// Writes a plan: stages every file in its target folder, then renames them into place;
    /// if a rename fails, the files already moved are put back. Returns the written paths.
    static Result<QStringList> apply(const ConfigImportPlan& plan);
};

} // namespace bk
