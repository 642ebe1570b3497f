#pragma once

#include "engine/Snapshots.h"

#include <optional>

#include <QColor>
#include <QIcon>
#include <QString>

namespace bk::ui {

/// How the console words and colours a connector's health. std::nullopt means the engine
/// has not reported on the connector yet.
QString healthText(std::optional<HealthState> state);
QColor healthColor(std::optional<HealthState> state);

/// 0 is the state that most needs attention; unknown sorts after every known state.
int attentionRank(std::optional<HealthState> state);

/// The state of states that needs the most attention, or nullopt when none is known.
std::optional<HealthState> worstOf(const QList<std::optional<HealthState>>& states);

/// A filled circle of colour, size px, for lists, the tray and the window.
QIcon dotIcon(const QColor& colour, int size = 16);

/// Colours for thresholds shared by the panels (quota, countdowns).
QColor okColour();
QColor warnColour();
QColor badColour();

} // namespace bk::ui
