#pragma once

#include "engine/EngineApi.h"

#include <functional>
#include <optional>

#include <QGroupBox>

class QLabel;
class QPushButton;

namespace bk::ui {

/// The selected connector's circuit breaker: its state with the cooldown until the probe,
/// the policy from the connector definition, and operator commands (force open, force
/// close, probe now, pause / resume) sent through EngineCommands.
class BreakerPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit BreakerPanel(QWidget* parent = nullptr);

    void setCommands(EngineCommands* commands);
    void setConnector(const QString& connectorId, const QString& policyText);
    void setHealth(const std::optional<ConnectorHealth>& health);
    void render(qint64 nowMs);
    QString stateText() const;

Q_SIGNALS:
    /// A command was sent (for the status bar and the event log).
    void commandSent(const QString& description);

private:
    void send(const QString& description, const std::function<void(EngineCommands*)>& fn);
    void updateButtons();

    EngineCommands* m_commands = nullptr;
    QString m_connectorId;
    std::optional<ConnectorHealth> m_health;
    QLabel* m_state;
    QLabel* m_policy;
    QPushButton* m_forceOpen;
    QPushButton* m_forceClose;
    QPushButton* m_probe;
    QPushButton* m_pause;
};

} // namespace bk::ui
