#pragma once

#include "Clock.h"
#include "ConnectorCatalog.h"
#include "LagHistory.h"
#include "Workspace.h"
#include "engine/EngineApi.h"

#include <functional>
#include <memory>

#include <QHash>
#include <QSet>
#include <QTimer>
#include <QWidget>

class QSortFilterProxyModel;
class QTableView;

namespace bk::ui {

class ConnectorDetail;
class ConnectorStatusModel;
class EventLogModel;
class FlowProgressModel;
class RateGaugeModel;

/// The live dashboard: connector list with health, the selected connector's detail, sync
/// progress per flow and recent events. Every snapshot slot is O(1) (store and mark);
/// views refresh at most every 100 ms, countdowns once per clock second via tick().
class DashboardPage : public QWidget {
    Q_OBJECT
public:
    DashboardPage(std::shared_ptr<Clock> clock, QWidget* parent = nullptr);

    void setWorkspace(const Workspace& workspace, const ConnectorCatalog& catalog);
    /// Subscribes to the engine's signals; commands go to commands (may be null).
    void attachEngine(EngineSignals* engineSignals, EngineCommands* commands);
    void setReauthoriseHook(std::function<void(const QString&)> hook);
    void selectConnector(const QString& connectorId);
    /// Re-renders countdowns and relative times for nowMs.
    void tick(qint64 nowMs);
    /// Applies every buffered snapshot now (tests, screenshots).
    void flushAll();

    ConnectorStatusModel* connectorModel() const { return m_connectors; }
    RateGaugeModel* gaugeModel() const { return m_gauges; }
    FlowProgressModel* flowModel() const { return m_flows; }
    EventLogModel* eventModel() const { return m_events; }
    ConnectorDetail* detail() const { return m_detail; }
    QTableView* connectorView() const { return m_connectorView; }

Q_SIGNALS:
    void commandSent(const QString& description);
    /// The operator asked to see which records of flowId differ (the flow table's context
    /// menu, Ctrl+D, or activating its reconciliation cell).
    void reconciliationRequested(const QString& flowId);

private:
    void onHealth(const ConnectorHealth& health);
    void onToken(const TokenState& token);
    void onLag(const LagSample& sample);
    void scheduleRefresh();
    void refresh();
    void showSelected();
    QString breakerPolicyText(const QString& connectorId) const;

    std::shared_ptr<Clock> m_clock;
    Workspace m_workspace;
    ConnectorCatalog m_catalog;
    ConnectorStatusModel* m_connectors;
    RateGaugeModel* m_gauges;
    FlowProgressModel* m_flows;
    EventLogModel* m_events;
    LagHistory m_lag;
    QHash<QString, TokenState> m_tokens;
    QSet<QString> m_lagDirty;
    bool m_detailDirty = false;
    QTimer m_refreshTimer;
    QSortFilterProxyModel* m_connectorProxy;
    QTableView* m_connectorView;
    QTableView* m_flowView;
    QTableView* m_eventView;
    ConnectorDetail* m_detail;
    QString m_selected;
    QList<QMetaObject::Connection> m_engineConnections;
};

} // namespace bk::ui
