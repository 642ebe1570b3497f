#include "engine/Snapshots.h"

#include <QCoreApplication>

namespace bk {

QString healthStateString(HealthState state) {
    switch (state) {
    case HealthState::NeedsReauth:
        return QCoreApplication::translate("bk::Health", "needs re-authorisation");
    case HealthState::CircuitOpen:
        return QCoreApplication::translate("bk::Health", "circuit open");
    case HealthState::VendorOutage:
        return QCoreApplication::translate("bk::Health", "vendor outage");
    case HealthState::RateLimited:
        return QCoreApplication::translate("bk::Health", "rate-limited");
    case HealthState::Degraded:
        return QCoreApplication::translate("bk::Health", "degraded");
    case HealthState::Healthy:
        return QCoreApplication::translate("bk::Health", "healthy");
    case HealthState::Paused:
        return QCoreApplication::translate("bk::Health", "paused");
    case HealthState::Disabled:
        return QCoreApplication::translate("bk::Health", "disabled");
    }
    return {};
}

} // namespace bk
