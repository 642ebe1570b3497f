#pragma once

#include "Clock.h"
#include "engine/Snapshots.h"

#include <memory>
#include <optional>

#include <QColor>
#include <QObject>

class QSystemTrayIcon;
class QMenu;

namespace bk::ui {

/// The tray icon (its colour follows the connector that needs the most attention) and
/// desktop notifications for warning and critical events. Notifications are throttled:
/// at most one every 5 seconds of the clock; what arrives meanwhile is summed up in one.
class TrayController : public QObject {
    Q_OBJECT
public:
    TrayController(std::shared_ptr<Clock> clock, QObject* parent = nullptr);
    ~TrayController() override;

    /// Shows the tray icon when the desktop has a tray.
    void show(QMenu* menu);
    void setWorstState(std::optional<HealthState> state, const QString& summary);
    /// Raises a desktop notification for warning/critical events; ignores the rest.
    void notify(const EngineEvent& event, const QString& connectorName);

    QColor colour() const { return m_colour; }
    QString toolTip() const { return m_toolTip; }

Q_SIGNALS:
    /// A notification went out (also when no tray exists to show it).
    void notified(const QString& title, const QString& message);
    void activated();

private:
    void emitNotification(const QString& title, const QString& message, bool critical);
    void flushSuppressed();

    std::shared_ptr<Clock> m_clock;
    QSystemTrayIcon* m_tray = nullptr;
    QColor m_colour;
    QString m_toolTip;
    qint64 m_lastShownMs = -1;
    int m_suppressed = 0;
    bool m_suppressedCritical = false;
    bool m_flushScheduled = false;
    static constexpr qint64 kMinGapMs = 5000;
};

} // namespace bk::ui
