#pragma once

#include "Clock.h"
#include "engine/EngineApi.h"

#include <functional>
#include <memory>
#include <optional>

#include <QWidget>

class QLabel;
class QTableView;

namespace bk::ui {

class BreakerPanel;
class LagChart;
class LagHistory;
class RateGaugeModel;
class TokenPanel;

/// Everything about the selected connector: state line, tokens, circuit breaker, one
/// gauge per rate-limit policy and the webhook-lag chart. Renders only; the dashboard
/// feeds it snapshots.
class ConnectorDetail : public QWidget {
    Q_OBJECT
public:
    ConnectorDetail(std::shared_ptr<Clock> clock, RateGaugeModel* gauges, const LagHistory* lag,
                    QWidget* parent = nullptr);

    void setCommands(EngineCommands* commands);
    void setReauthoriseHook(std::function<void(const QString&)> hook);
    void setConnector(const QString& connectorId, const QString& name,
                      const QString& breakerPolicy);
    void setHealth(const std::optional<ConnectorHealth>& health);
    void setToken(const std::optional<TokenState>& token);
    void render(qint64 nowMs);

    QString connectorId() const { return m_connectorId; }
    TokenPanel* tokenPanel() const { return m_token; }
    BreakerPanel* breakerPanel() const { return m_breaker; }
    LagChart* lagChart() const { return m_chart; }
    QTableView* gaugeView() const { return m_gaugeView; }
    QString stateText() const;

Q_SIGNALS:
    void commandSent(const QString& description);

private:
    std::shared_ptr<Clock> m_clock;
    QString m_connectorId;
    std::optional<ConnectorHealth> m_health;
    QLabel* m_title;
    QLabel* m_state;
    TokenPanel* m_token;
    BreakerPanel* m_breaker;
    QTableView* m_gaugeView;
    LagChart* m_chart;
};

} // namespace bk::ui
