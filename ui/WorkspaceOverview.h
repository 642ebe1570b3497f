#pragma once

#include "ConnectorCatalog.h"
#include "Workspace.h"

#include <QWidget>

class QLabel;
class QStandardItemModel;
class QTableView;
class QTextBrowser;
class QTreeView;

namespace bk::ui {

/// The workspace as configured: its connectors (with the facts their definitions declare)
/// and its flows. Read-only; everything shown comes from the workspace file and catalog.
class WorkspaceOverview : public QWidget {
    Q_OBJECT
public:
    explicit WorkspaceOverview(QWidget* parent = nullptr);

    void showWorkspace(const Workspace& workspace, const ConnectorCatalog& catalog);
    void clear();

private:
    void showConnectorDetail(int row);

    Workspace m_workspace;
    ConnectorCatalog m_catalog;
    QStandardItemModel* m_connectors;
    QStandardItemModel* m_flows;
    QTreeView* m_connectorView;
    QTableView* m_flowView;
    QTextBrowser* m_detail;
};

} // namespace bk::ui
