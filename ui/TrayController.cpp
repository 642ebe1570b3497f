#include "TrayController.h"

#include "EventLogModel.h"
#include "HealthStyle.h"

#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace bk::ui {

TrayController::TrayController(std::shared_ptr<Clock> clock, QObject* parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_tray(new QSystemTrayIcon(this)) {
    setWorstState(std::nullopt, tr("No engine report yet"));
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger || r == QSystemTrayIcon::DoubleClick)
            Q_EMIT activated();
    });
}

TrayController::~TrayController() = default;

void TrayController::show(QMenu* menu) {
    m_tray->setContextMenu(menu);
    if (QSystemTrayIcon::isSystemTrayAvailable())
        m_tray->show();
}

void TrayController::setWorstState(std::optional<HealthState> state, const QString& summary) {
    const QColor colour = healthColor(state);
    const QString tip = tr("Bridgekeeper — %1").arg(summary);
    if (colour != m_colour)
        m_tray->setIcon(dotIcon(colour, 32));
    m_colour = colour;
    if (tip != m_toolTip)
        m_tray->setToolTip(tip);
    m_toolTip = tip;
}

void TrayController::notify(const EngineEvent& event, const QString& connectorName) {
    const int rank = EventLogModel::severityRank(event.severity);
    if (rank < 1)
        return;
    const qint64 now = m_clock->nowMs();
    if (m_lastShownMs >= 0 && now - m_lastShownMs < kMinGapMs) {
        ++m_suppressed;
        m_suppressedCritical = m_suppressedCritical || rank == 2;
        if (!m_flushScheduled) {
            m_flushScheduled = true;
            m_clock->callAt(m_lastShownMs + kMinGapMs, this, [this] { flushSuppressed(); });
        }
        return;
    }
    const QString title =
        rank == 2 ? tr("%1: critical").arg(connectorName) : tr("%1: warning").arg(connectorName);
    emitNotification(title, event.message, rank == 2);
}

void TrayController::flushSuppressed() {
    m_flushScheduled = false;
    if (m_suppressed == 0)
        return;
    const int n = std::exchange(m_suppressed, 0);
    const bool critical = std::exchange(m_suppressedCritical, false);
    emitNotification(tr("Bridgekeeper"), tr("%n more alert(s); see the alert history.", nullptr, n),
                     critical);
}

void TrayController::emitNotification(const QString& title, const QString& message, bool critical) {
    m_lastShownMs = m_clock->nowMs();
    if (m_tray->isVisible())
        m_tray->showMessage(title, message,
                            critical ? QSystemTrayIcon::Critical : QSystemTrayIcon::Warning,
                            10'000);
    Q_EMIT notified(title, message);
}

} // namespace bk::ui
