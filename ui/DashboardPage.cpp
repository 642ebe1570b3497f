#include "DashboardPage.h"

#include "ConnectorDetail.h"
#include "ConnectorStatusModel.h"
#include "Delegates.h"
#include "Duration.h"
#include "EventLogModel.h"
#include "FlowProgressModel.h"
#include "LagChart.h"
#include "RateGaugeModel.h"

#include <QAction>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonObject>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {

QTableView* makeTable(QAbstractItemModel* model, int sortRole, const QString& name, QWidget* parent,
                      QSortFilterProxyModel** proxyOut = nullptr) {
    auto* proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(sortRole);
    auto* view = new QTableView(parent);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder); // source order until the user sorts
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false); // Tab moves between panes; arrows move within
    view->setAccessibleName(name);
    if (proxyOut)
        *proxyOut = proxy;
    return view;
}

QGroupBox* boxed(const QString& title, QWidget* content, QWidget* parent) {
    auto* box = new QGroupBox(title, parent);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(content);
    return box;
}

} // namespace

DashboardPage::DashboardPage(std::shared_ptr<Clock> clock, QWidget* parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_connectors(new ConnectorStatusModel(clock, this))
    , m_gauges(new RateGaugeModel(clock, this))
    , m_flows(new FlowProgressModel(clock, this))
    , m_events(new EventLogModel(clock, 500, QString(), this)) {
    m_connectorView = makeTable(m_connectors, ConnectorStatusModel::SortRole, tr("Connectors"),
                                this, &m_connectorProxy);
    m_connectorView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_connectorView->horizontalHeader()->setSectionResizeMode(ConnectorStatusModel::DetailColumn,
                                                              QHeaderView::Interactive);
    m_connectorView->horizontalHeader()->setStretchLastSection(true);
    m_flowView = makeTable(m_flows, FlowProgressModel::SortRole, tr("Sync progress"), this);
    m_flowView->setItemDelegateForColumn(FlowProgressModel::ProgressColumn,
                                         new GaugeDelegate(FlowProgressModel::FractionRole,
                                                           GaugeDelegate::Style::Progress,
                                                           m_flowView));
    m_flowView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_flowView->horizontalHeader()->setStretchLastSection(true);
    // From a flow to the records its last reconciliation found different.
    auto* showDiff = new QAction(tr("Show reconciliation &differences"), m_flowView);
    showDiff->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    showDiff->setShortcutContext(Qt::WidgetShortcut);
    connect(showDiff, &QAction::triggered, this, [this] {
        const QString id =
            m_flowView->currentIndex().data(FlowProgressModel::FlowIdRole).toString();
        if (!id.isEmpty())
            Q_EMIT reconciliationRequested(id);
    });
    m_flowView->addAction(showDiff);
    m_flowView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_flowView, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (index.column() == FlowProgressModel::ReconcileColumn)
            Q_EMIT reconciliationRequested(index.data(FlowProgressModel::FlowIdRole).toString());
    });
    m_eventView = makeTable(m_events, EventLogModel::SortRole, tr("Recent events"), this);
    m_eventView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_eventView->horizontalHeader()->setStretchLastSection(true);

    m_detail = new ConnectorDetail(clock, m_gauges, &m_lag, this);
    connect(m_detail, &ConnectorDetail::commandSent, this, &DashboardPage::commandSent);

    auto* top = new QSplitter(Qt::Horizontal, this);
    top->addWidget(boxed(tr("Connectors"), m_connectorView, this));
    top->addWidget(m_detail);
    top->setStretchFactor(0, 2);
    top->setStretchFactor(1, 3);
    auto* bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(boxed(tr("Sync progress"), m_flowView, this));
    bottom->addWidget(boxed(tr("Recent events"), m_eventView, this));
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    bottom->setSizes({780, 660});
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    // Room for the connector columns and for a few flows and events below.
    top->setSizes({620, 820});
    split->setSizes({600, 240});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    setTabOrder(m_connectorView, m_detail);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(100);
    connect(&m_refreshTimer, &QTimer::timeout, this, &DashboardPage::refresh);

    connect(m_connectorView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                const QString id = current.data(ConnectorStatusModel::ConnectorIdRole).toString();
                if (id != m_selected) {
                    m_selected = id;
                    showSelected();
                }
            });
    connect(m_connectors, &ConnectorStatusModel::healthApplied, this,
            [this](const QStringList& ids) {
                if (m_selected.isEmpty() && m_connectors->rowCount() > 0)
                    selectConnector(m_connectors->connectorId(0));
                else if (ids.contains(m_selected)) {
                    m_detail->setHealth(m_connectors->health(m_selected));
                    m_detail->render(m_clock->nowMs());
                }
            });
    connect(m_connectors, &QAbstractItemModel::modelReset, this, [this] {
        m_selected.clear();
        if (m_connectors->rowCount() > 0)
            selectConnector(m_connectors->connectorId(0));
        else
            showSelected();
    });
    showSelected();
}

void DashboardPage::setWorkspace(const Workspace& workspace, const ConnectorCatalog& catalog) {
    m_workspace = workspace;
    m_catalog = catalog;
    QList<ConnectorStatusModel::Entry> connectors;
    QHash<QString, QString> names;
    for (const ConnectorConfig& c : workspace.connectors) {
        connectors.append({c.id, c.displayName.isEmpty() ? c.id : c.displayName, c.enabled});
        names.insert(c.id, connectors.constLast().name);
    }
    QList<FlowProgressModel::Entry> flows;
    for (const FlowConfig& f : workspace.flows)
        flows.append({f.id, u"%1/%2 → %3/%4"_s.arg(f.sourceConnector, f.sourceResource,
                                                   f.destinationConnector, f.destinationResource)});
    m_events->setConnectorNames(names);
    m_detail->lagChart()->setThresholdMs(workspace.webhooks.lagAlertMs);
    m_flows->setFlows(flows);
    m_connectors->setConnectors(connectors); // resets and selects the first connector
}

void DashboardPage::attachEngine(EngineSignals* engineSignals, EngineCommands* commands) {
    for (const auto& c : std::as_const(m_engineConnections))
        disconnect(c);
    m_engineConnections.clear();
    m_detail->setCommands(commands);
    if (!engineSignals)
        return;
    // Queued across threads by Qt; each slot only stores the value and marks it dirty.
    m_engineConnections = {
        connect(engineSignals, &EngineSignals::connectorHealthChanged, this,
                &DashboardPage::onHealth),
        connect(engineSignals, &EngineSignals::tokenStateChanged, this, &DashboardPage::onToken),
        connect(engineSignals, &EngineSignals::rateGaugeChanged, m_gauges,
                &RateGaugeModel::applyGauge),
        connect(engineSignals, &EngineSignals::lagSampled, this, &DashboardPage::onLag),
        connect(engineSignals, &EngineSignals::flowProgressChanged, m_flows,
                &FlowProgressModel::applyProgress),
        connect(engineSignals, &EngineSignals::eventRaised, m_events, &EventLogModel::applyEvent),
    };
}

void DashboardPage::setReauthoriseHook(std::function<void(const QString&)> hook) {
    m_detail->setReauthoriseHook(std::move(hook));
}

void DashboardPage::onHealth(const ConnectorHealth& health) {
    m_connectors->applyHealth(health);
}

void DashboardPage::onToken(const TokenState& token) {
    m_tokens.insert(token.connectorId, token);
    if (token.connectorId == m_selected) {
        m_detailDirty = true;
        scheduleRefresh();
    }
}

void DashboardPage::onLag(const LagSample& sample) {
    m_lag.add(sample);
    m_lagDirty.insert(sample.connectorId);
    scheduleRefresh();
}

void DashboardPage::scheduleRefresh() {
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void DashboardPage::refresh() {
    m_refreshTimer.stop();
    if (m_lagDirty.contains(m_selected))
        m_detail->lagChart()->update(m_selected);
    m_lagDirty.clear();
    if (m_detailDirty) {
        m_detailDirty = false;
        if (auto it = m_tokens.constFind(m_selected); it != m_tokens.cend())
            m_detail->setToken(*it);
        m_detail->render(m_clock->nowMs());
    }
}

void DashboardPage::flushAll() {
    m_connectors->flush();
    m_gauges->flush();
    m_flows->flush();
    m_events->flush();
    refresh();
}

void DashboardPage::selectConnector(const QString& connectorId) {
    const int row = m_connectors->rowOf(connectorId);
    if (row < 0)
        return;
    const QModelIndex proxyIndex = m_connectorProxy->mapFromSource(m_connectors->index(row, 0));
    m_connectorView->setCurrentIndex(proxyIndex);
    if (m_selected != connectorId) { // no current-row change when the row already was current
        m_selected = connectorId;
        showSelected();
    }
}

QString DashboardPage::breakerPolicyText(const QString& connectorId) const {
    const ConnectorConfig* c = m_workspace.connector(connectorId);
    if (!c)
        return QString();
    QJsonObject breaker = m_catalog.definition(c->type).value(u"breaker"_s).toObject();
    const QJsonObject overridden = c->overrides.value(u"breaker"_s).toObject();
    for (auto it = overridden.begin(); it != overridden.end(); ++it)
        breaker.insert(it.key(), it.value());
    if (breaker.isEmpty())
        return QString();
    const int threshold = breaker.value(u"failureThreshold"_s).toInt();
    const auto cooldown = parseDurationMs(breaker.value(u"cooldown"_s).toString());
    return tr("Opens after %1 consecutive failures; cooldown %2, then one probe.")
        .arg(threshold)
        .arg(cooldown ? formatDurationMs(*cooldown) : tr("unknown"));
}

void DashboardPage::showSelected() {
    m_detail->setConnector(m_selected, m_connectors->connectorName(m_selected),
                           breakerPolicyText(m_selected));
    m_gauges->setConnector(m_selected);
    m_detail->setHealth(m_connectors->health(m_selected));
    const auto it = m_tokens.constFind(m_selected);
    m_detail->setToken(it != m_tokens.cend() ? std::optional<TokenState>(*it) : std::nullopt);
    m_detail->render(m_clock->nowMs());
}

void DashboardPage::tick(qint64 nowMs) {
    m_connectors->tick();
    m_gauges->tick();
    m_flows->tick();
    m_detail->render(nowMs);
}

} // namespace bk::ui
