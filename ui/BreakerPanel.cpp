#include "BreakerPanel.h"

#include "HealthStyle.h"
#include "TimeFormat.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace bk::ui {

BreakerPanel::BreakerPanel(QWidget* parent)
    : QGroupBox(tr("Circuit breaker"), parent)
    , m_state(new QLabel(this))
    , m_policy(new QLabel(this))
    , m_forceOpen(new QPushButton(tr("Force &open"), this))
    , m_forceClose(new QPushButton(tr("Force &close"), this))
    , m_probe(new QPushButton(tr("&Probe now"), this))
    , m_pause(new QPushButton(tr("Pa&use"), this)) {
    m_forceOpen->setObjectName(QStringLiteral("forceOpen"));
    m_forceClose->setObjectName(QStringLiteral("forceClose"));
    m_probe->setObjectName(QStringLiteral("probeNow"));
    m_pause->setObjectName(QStringLiteral("pauseResume"));
    m_state->setAccessibleName(tr("Breaker state"));
    m_state->setWordWrap(true);
    m_policy->setAccessibleName(tr("Breaker policy"));
    m_policy->setWordWrap(true);
    m_forceOpen->setAccessibleName(tr("Force the circuit open"));
    m_forceOpen->setToolTip(tr("Stop all calls to this connector until the circuit is closed"));
    m_forceClose->setAccessibleName(tr("Force the circuit closed"));
    m_forceClose->setToolTip(tr("Resume calls at once, without waiting for the probe"));
    m_probe->setAccessibleName(tr("Probe the connector now"));
    m_probe->setToolTip(tr("Send the probe request now instead of at the end of the cooldown"));
    m_pause->setAccessibleName(tr("Pause or resume the connector"));

    auto* grid = new QGridLayout(this);
    grid->addWidget(m_state, 0, 0, 1, 4);
    grid->addWidget(m_policy, 1, 0, 1, 4);
    grid->addWidget(m_forceOpen, 2, 0);
    grid->addWidget(m_forceClose, 2, 1);
    grid->addWidget(m_probe, 2, 2);
    grid->addWidget(m_pause, 2, 3);

    connect(m_forceOpen, &QPushButton::clicked, this, [this] {
        send(tr("Forced the circuit of %1 open").arg(m_connectorId),
             [id = m_connectorId](EngineCommands* c) { c->forceBreaker(id, true); });
    });
    connect(m_forceClose, &QPushButton::clicked, this, [this] {
        send(tr("Forced the circuit of %1 closed").arg(m_connectorId),
             [id = m_connectorId](EngineCommands* c) { c->forceBreaker(id, false); });
    });
    connect(m_probe, &QPushButton::clicked, this, [this] {
        send(tr("Asked for a probe of %1").arg(m_connectorId),
             [id = m_connectorId](EngineCommands* c) { c->probeNow(id); });
    });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (m_health && m_health->state == HealthState::Paused)
            send(tr("Resumed %1").arg(m_connectorId),
                 [id = m_connectorId](EngineCommands* c) { c->resumeConnector(id); });
        else
            send(tr("Paused %1").arg(m_connectorId),
                 [id = m_connectorId](EngineCommands* c) { c->pauseConnector(id); });
    });
    updateButtons();
    render(0);
}

void BreakerPanel::setCommands(EngineCommands* commands) {
    m_commands = commands;
    updateButtons();
}

void BreakerPanel::setConnector(const QString& connectorId, const QString& policyText) {
    m_connectorId = connectorId;
    m_policy->setText(policyText);
    m_policy->setVisible(!policyText.isEmpty());
    updateButtons();
}

void BreakerPanel::setHealth(const std::optional<ConnectorHealth>& health) {
    m_health = health;
    updateButtons();
}

void BreakerPanel::send(const QString& description,
                        const std::function<void(EngineCommands*)>& fn) {
    if (!m_commands || m_connectorId.isEmpty())
        return;
    fn(m_commands); // returns at once; the outcome arrives as a health snapshot
    Q_EMIT commandSent(description);
}

void BreakerPanel::updateButtons() {
    const bool can = m_commands && !m_connectorId.isEmpty();
    const bool open = m_health && m_health->state == HealthState::CircuitOpen;
    const bool paused = m_health && m_health->state == HealthState::Paused;
    m_forceOpen->setEnabled(can && !open);
    m_forceClose->setEnabled(can && open);
    m_probe->setEnabled(can && open);
    m_pause->setEnabled(can);
    m_pause->setText(paused ? tr("Res&ume") : tr("Pa&use"));
}

void BreakerPanel::render(qint64 now) {
    QString text;
    QColor colour;
    if (!m_health) {
        text = tr("no report yet");
    } else if (m_health->state == HealthState::CircuitOpen) {
        colour = healthColor(HealthState::CircuitOpen);
        if (m_health->nextProbeMs > now)
            text = tr("Open — probe in %1 (cooldown)")
                       .arg(formatCountdown(m_health->nextProbeMs - now));
        else
            text = tr("Open — probe due");
        if (m_health->sinceMs > 0)
            text += tr("; opened %1").arg(formatRelative(m_health->sinceMs, now));
    } else {
        colour = okColour();
        text = tr("Closed");
        if (m_health->requestsFailed > 0 || m_health->retries > 0)
            text += tr(" — %1 failed, %2 retried so far")
                        .arg(m_health->requestsFailed)
                        .arg(m_health->retries);
    }
    if (m_state->text() != text)
        m_state->setText(text);
    const QString style =
        colour.isValid() ? u"color: %1; font-weight: bold;"_s.arg(colour.name()) : QString();
    if (m_state->styleSheet() != style)
        m_state->setStyleSheet(style);
}

QString BreakerPanel::stateText() const {
    return m_state->text();
}

} // namespace bk::ui
