#include "ConnectorDetail.h"

#include "BreakerPanel.h"
#include "Delegates.h"
#include "HealthStyle.h"
#include "LagChart.h"
#include "RateGaugeModel.h"
#include "TimeFormat.h"
#include "TokenPanel.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

ConnectorDetail::ConnectorDetail(std::shared_ptr<Clock> clock, RateGaugeModel* gauges,
                                 const LagHistory* lag, QWidget* parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_token(new TokenPanel(this))
    , m_breaker(new BreakerPanel(this))
    , m_gaugeView(new QTableView(this))
    , m_chart(new LagChart(clock, lag, this)) {
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAccessibleName(tr("Selected connector"));
    m_state->setAccessibleName(tr("Connector state"));
    m_state->setWordWrap(true);
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    m_gaugeView->setModel(gauges);
    m_gaugeView->setItemDelegateForColumn(
        RateGaugeModel::UsageColumn,
        new GaugeDelegate(RateGaugeModel::FractionRole, GaugeDelegate::Style::Quota, m_gaugeView));
    m_gaugeView->verticalHeader()->hide();
    m_gaugeView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_gaugeView->horizontalHeader()->setSectionResizeMode(RateGaugeModel::UsageColumn,
                                                          QHeaderView::Stretch);
    m_gaugeView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_gaugeView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_gaugeView->setAccessibleName(tr("Rate-limit gauges"));
    m_gaugeView->setMinimumHeight(110);
    m_gaugeView->setTabKeyNavigation(false);
    auto* gaugeBox = new QGroupBox(tr("Rate limits"), this);
    auto* gaugeLayout = new QVBoxLayout(gaugeBox);
    gaugeLayout->addWidget(m_gaugeView);

    auto* header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addWidget(m_state, 1);
    auto* panels = new QHBoxLayout;
    panels->addWidget(m_token, 1);
    panels->addWidget(m_breaker, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addLayout(panels);
    layout->addWidget(gaugeBox, 1);
    layout->addWidget(m_chart, 3);

    connect(m_breaker, &BreakerPanel::commandSent, this, &ConnectorDetail::commandSent);
    setConnector(QString(), QString(), QString());
}

void ConnectorDetail::setCommands(EngineCommands* commands) {
    m_breaker->setCommands(commands);
}

void ConnectorDetail::setReauthoriseHook(std::function<void(const QString&)> hook) {
    m_token->setReauthoriseHook(std::move(hook));
}

void ConnectorDetail::setConnector(const QString& connectorId, const QString& name,
                                   const QString& breakerPolicy) {
    m_connectorId = connectorId;
    m_title->setText(connectorId.isEmpty() ? tr("No connector selected") : name);
    m_token->setConnector(connectorId);
    m_breaker->setConnector(connectorId, breakerPolicy);
    m_chart->setConnector(connectorId);
}

void ConnectorDetail::setHealth(const std::optional<ConnectorHealth>& health) {
    m_health = health;
    m_breaker->setHealth(health);
}

void ConnectorDetail::setToken(const std::optional<TokenState>& token) {
    m_token->setToken(token);
}

void ConnectorDetail::render(qint64 now) {
    QString text;
    std::optional<HealthState> state;
    if (m_health) {
        state = m_health->state;
        text = healthText(state);
        if (m_health->state == HealthState::CircuitOpen && m_health->nextProbeMs > now)
            text += tr(" — probe in %1").arg(formatCountdown(m_health->nextProbeMs - now));
        if (!m_health->reason.isEmpty())
            text += u" — "_s + m_health->reason;
    } else if (!m_connectorId.isEmpty()) {
        text = healthText(state);
    }
    const QString style =
        u"color: %1; font-weight: bold;"_s.arg(healthColor(state).darker(110).name());
    if (m_state->text() != text)
        m_state->setText(text);
    if (m_state->styleSheet() != style)
        m_state->setStyleSheet(style);
    m_token->render(now);
    m_breaker->render(now);
    m_chart->tick(now);
}

QString ConnectorDetail::stateText() const {
    return m_state->text();
}

} // namespace bk::ui
