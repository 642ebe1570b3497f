#include "WorkspaceLoadJob.h"

#include <QtConcurrent/QtConcurrentRun>

namespace bk::ui {

QFuture<Result<OpenedWorkspace>> loadWorkspaceAsync(const QString& path, const QString& dataDir) {
    return QtConcurrent::run([path, dataDir]() -> Result<OpenedWorkspace> {
        auto catalog = ConnectorCatalog::load();
        if (!catalog)
            return catalog.error();
        WorkspaceLoader loader(*catalog);
        auto ws = loader.load(path, dataDir);
        if (!ws)
            return ws.error();
        auto db = store::Database::open(ws->store, {});
        if (!db)
            return Error{db.error().category,
                         QStringLiteral("%1: $.store: %2").arg(ws->filePath, db.error().message)};
        return OpenedWorkspace{*ws, *catalog, *db};
    });
}

} // namespace bk::ui
