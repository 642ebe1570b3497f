#include "WorkspaceOverview.h"

#include "Duration.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QTextBrowser>
#include <QTreeView>
#include <QVBoxLayout>

namespace bk::ui {

namespace {

QString rateLimitLine(const QJsonObject& p) {
    const QString kind = p.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("leaky-bucket"))
        return QObject::tr("leaky bucket of %1, leaking %2 per second")
            .arg(p.value(QLatin1String("capacity")).toInt())
            .arg(p.value(QLatin1String("leakPerSecond")).toDouble());
    if (kind == QLatin1String("fixed-window") || kind == QLatin1String("sliding-window"))
        return QObject::tr("%1 per %2 (%3)")
            .arg(p.value(QLatin1String("limit")).toInt())
            .arg(p.value(QLatin1String("window")).toString(), kind);
    if (kind == QLatin1String("daily-quota"))
        return QObject::tr("%1 per day, reset at %2 UTC")
            .arg(p.value(QLatin1String("limit")).toInt())
            .arg(p.value(QLatin1String("resetUtc")).toString());
    if (kind == QLatin1String("error-budget"))
        return QObject::tr("at most %1 errors per %2, else blocked for %3")
            .arg(p.value(QLatin1String("limit")).toInt())
            .arg(p.value(QLatin1String("window")).toString(),
                 p.value(QLatin1String("blockFor")).toString());
    return kind;
}

} // namespace

WorkspaceOverview::WorkspaceOverview(QWidget* parent)
    : QWidget(parent)
    , m_connectors(new QStandardItemModel(this))
    , m_flows(new QStandardItemModel(this))
    , m_connectorView(new QTreeView(this))
    , m_flowView(new QTableView(this))
    , m_detail(new QTextBrowser(this)) {
    m_connectorView->setModel(m_connectors);
    m_connectorView->setRootIsDecorated(false);
    m_connectorView->setAlternatingRowColors(true);
    m_connectorView->setAccessibleName(tr("Connectors"));
    m_flowView->setModel(m_flows);
    m_flowView->horizontalHeader()->setStretchLastSection(true);
    m_flowView->verticalHeader()->hide();
    m_flowView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_flowView->setAccessibleName(tr("Flows"));
    m_detail->setAccessibleName(tr("Connector detail"));
    m_detail->setOpenLinks(false);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(m_connectorView);
    top->addWidget(m_detail);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);

    auto* flowsLabel = new QLabel(tr("Flows"), this);
    flowsLabel->setBuddy(m_flowView);
    auto* flowsBox = new QWidget(this);
    auto* flowsLayout = new QVBoxLayout(flowsBox);
    flowsLayout->setContentsMargins(0, 0, 0, 0);
    flowsLayout->addWidget(flowsLabel);
    flowsLayout->addWidget(m_flowView);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(flowsBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_connectorView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { showConnectorDetail(current.row()); });
    clear();
}

void WorkspaceOverview::clear() {
    m_connectors->clear();
    m_connectors->setHorizontalHeaderLabels({tr("Connector"), tr("Type"), tr("Enabled")});
    m_flows->clear();
    m_flows->setHorizontalHeaderLabels(
        {tr("Flow"), tr("Source"), tr("Destination"), tr("Schedule"), tr("Reconcile")});
    m_detail->setPlainText(tr("No workspace is open."));
}

void WorkspaceOverview::showWorkspace(const Workspace& workspace, const ConnectorCatalog& catalog) {
    clear();
    m_workspace = workspace;
    m_catalog = catalog;
    for (const auto& c : workspace.connectors) {
        auto* name = new QStandardItem(c.displayName);
        name->setToolTip(c.id);
        auto* type =
            new QStandardItem(catalog.definition(c.type).value(QLatin1String("name")).toString());
        auto* enabled = new QStandardItem(c.enabled ? tr("yes") : tr("no"));
        for (auto* item : {name, type, enabled})
            item->setEditable(false);
        m_connectors->appendRow({name, type, enabled});
    }
    for (const auto& f : workspace.flows) {
        QList<QStandardItem*> row{
            new QStandardItem(f.id),
            new QStandardItem(f.sourceConnector + QLatin1Char('/') + f.sourceResource),
            new QStandardItem(f.destinationConnector + QLatin1Char('/') + f.destinationResource),
            new QStandardItem(tr("every %1").arg(formatDurationMs(f.intervalMs))),
            new QStandardItem(tr("every %1").arg(formatDurationMs(f.reconcileIntervalMs)))};
        for (auto* item : row)
            item->setEditable(false);
        m_flows->appendRow(row);
    }
    m_connectorView->resizeColumnToContents(0);
    m_flowView->resizeColumnsToContents();
    if (m_connectors->rowCount() > 0)
        m_connectorView->setCurrentIndex(m_connectors->index(0, 0));
    else
        m_detail->setPlainText(tr("This workspace has no connectors."));
}

void WorkspaceOverview::showConnectorDetail(int row) {
    if (row < 0 || row >= m_workspace.connectors.size())
        return;
    const ConnectorConfig& c = m_workspace.connectors.at(row);
    const QJsonObject def = m_catalog.definition(c.type);
    const QJsonObject auth = def.value(QLatin1String("auth")).toObject();
    QString html =
        QStringLiteral("<h3>%1</h3><table cellspacing=4>").arg(c.displayName.toHtmlEscaped());
    auto row2 = [&html](const QString& k, const QString& v) {
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                    .arg(k.toHtmlEscaped(), v.toHtmlEscaped());
    };
    row2(tr("Id"), c.id);
    row2(tr("Type"), def.value(QLatin1String("name")).toString());
    row2(tr("API base"), c.baseUrl.isEmpty() ? def.value(QLatin1String("baseUrl")).toString()
                                             : c.baseUrl.toString());
    if (!c.clientId.isEmpty())
        row2(tr("Client id"), c.clientId);
    if (!c.division.isEmpty())
        row2(tr("Division"), c.division);
    if (!c.shop.isEmpty())
        row2(tr("Shop"), c.shop);
    row2(tr("Access token lifetime"), auth.value(QLatin1String("accessTokenLifetime")).toString());
    row2(tr("Refresh token rotates"),
         auth.value(QLatin1String("refreshTokenRotates")).toBool() ? tr("yes") : tr("no"));
    for (const auto& v : def.value(QLatin1String("rateLimits")).toArray()) {
        const QJsonObject p = v.toObject();
        row2(tr("Rate limit \"%1\"").arg(p.value(QLatin1String("id")).toString()),
             rateLimitLine(p));
    }
    html += QStringLiteral("</table>");
    m_detail->setHtml(html);
}

} // namespace bk::ui
