#include "HealthStyle.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPixmap>

namespace bk::ui {

QString healthText(std::optional<HealthState> state) {
    if (!state)
        return QCoreApplication::translate("Health", "no report yet");
    switch (*state) {
    case HealthState::NeedsReauth:
        return QCoreApplication::translate("Health", "needs re-authorisation");
    case HealthState::CircuitOpen:
        return QCoreApplication::translate("Health", "circuit open");
    case HealthState::VendorOutage:
        return QCoreApplication::translate("Health", "vendor outage");
    case HealthState::RateLimited:
        return QCoreApplication::translate("Health", "rate-limited");
    case HealthState::Degraded:
        return QCoreApplication::translate("Health", "degraded");
    case HealthState::Healthy:
        return QCoreApplication::translate("Health", "healthy");
    case HealthState::Paused:
        return QCoreApplication::translate("Health", "paused");
    case HealthState::Disabled:
        return QCoreApplication::translate("Health", "disabled");
    }
    return {};
}

QColor healthColor(std::optional<HealthState> state) {
    if (!state)
        return QColor(0xb0, 0xb0, 0xb0);
    switch (*state) {
    case HealthState::NeedsReauth:
        return QColor(0xb7, 0x1c, 0x1c);
    case HealthState::CircuitOpen:
        return QColor(0xd3, 0x2f, 0x2f);
    case HealthState::VendorOutage:
        return QColor(0xe6, 0x51, 0x00);
    case HealthState::RateLimited:
        return QColor(0xf9, 0xa8, 0x25);
    case HealthState::Degraded:
        return QColor(0xef, 0x8f, 0x00);
    case HealthState::Healthy:
        return QColor(0x2e, 0x7d, 0x32);
    case HealthState::Paused:
        return QColor(0x60, 0x7d, 0x8b);
    case HealthState::Disabled:
        return QColor(0x9e, 0x9e, 0x9e);
    }
    return {};
}

int attentionRank(std::optional<HealthState> state) {
    // The enum is declared worst first.
    return state ? int(*state) : int(HealthState::Disabled) + 1;
}

std::optional<HealthState> worstOf(const QList<std::optional<HealthState>>& states) {
    std::optional<HealthState> worst;
    for (const auto& s : states)
        if (s && (!worst || attentionRank(s) < attentionRank(worst)))
            worst = s;
    return worst;
}

QIcon dotIcon(const QColor& colour, int size) {
    QPixmap pm(size, size);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(colour.darker(140), 1));
    p.setBrush(colour);
    p.drawEllipse(QRectF(1.5, 1.5, size - 3, size - 3));
    return QIcon(pm);
}

QColor okColour() {
    return QColor(0x2e, 0x7d, 0x32);
}
QColor warnColour() {
    return QColor(0xc7, 0x7c, 0x00);
}
QColor badColour() {
    return QColor(0xc6, 0x28, 0x28);
}

} // namespace bk::ui
