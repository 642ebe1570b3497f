#pragma once

#include "Clock.h"
#include "ConnectorCatalog.h"
#include "Result.h"
#include "WorkspaceDraft.h"

#include <functional>
#include <memory>

#include <QObject>

namespace bk::ui::firstrun {

/// Finish of the first-run wizard, without blocking the GUI thread:
/// 1. the draft's JSON is loaded back with the WorkspaceLoader (nothing is written if it fails);
/// 2. client secrets and tokens go to the workspace's secret store (the OS keychain) under
///    connector/<id>/client_secret and connector/<id>/tokens;
/// 3. on a worker thread: the store is created with every module's schema, the token
///    bookkeeping committed, the workspace file written atomically and loaded again.
/// done runs once on this object's thread with the workspace path or the reason.
class WorkspaceWriter : public QObject {
    Q_OBJECT
public:
    WorkspaceWriter(ConnectorCatalog catalog, std::shared_ptr<Clock> clock,
                    QObject* parent = nullptr);

    void save(const WorkspaceDraft& draft, std::function<void(Result<QString>)> done);

Q_SIGNALS:
    /// A step began, in words (shown on the summary page).
    void progress(const QString& step);

private:
    void writeFiles(const WorkspaceDraft& draft, std::function<void(Result<QString>)> done);

    ConnectorCatalog m_catalog;
    std::shared_ptr<Clock> m_clock;
};

} // namespace bk::ui::firstrun
