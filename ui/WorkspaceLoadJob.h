#pragma once

#include "ConnectorCatalog.h"
#include "Result.h"
#include "Workspace.h"
#include "store/Database.h"

#include <memory>

#include <QFuture>

namespace bk::ui {

/// A workspace ready for the console: validated, with its catalog and an open store.
struct OpenedWorkspace {
    Workspace workspace;
    ConnectorCatalog catalog;
    std::shared_ptr<store::Database> database;
};

/// Loads and validates a workspace file and opens its store on a worker thread, so the
/// GUI thread never waits on the disk or the database.
QFuture<Result<OpenedWorkspace>> loadWorkspaceAsync(const QString& path, const QString& dataDir);

} // namespace bk::ui
