#pragma once

#include "Result.h"

#include <QString>

namespace bk {

/// The folder for the store, logs and other state. --data-dir wins; otherwise the XDG data
/// location ($XDG_DATA_HOME/bridgekeeper, usually ~/.local/share/bridgekeeper).
/// Creates the folder and proves it is writable, or says why not.
Result<QString> resolveDataDir(const QString& overrideDir);

/// Folder of the shipped resources when running from an install tree (connector definitions
/// and mappings are compiled in; this is for docs and samples).
QString sampleWorkspacePath();

} // namespace bk
