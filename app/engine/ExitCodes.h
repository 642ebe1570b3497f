#pragma once

namespace bk::cli {

/// Exit codes of bridgekeeper-engine; operators' scripts depend on them (docs/cli.md).
enum ExitCode : int {
    ExitOk = 0,          ///< the command did what was asked
    ExitFailed = 1,      ///< the command ran and failed (sync error, replay refused, …)
    ExitUsage = 2,       ///< bad arguments or a bad workspace file
    ExitStore = 3,       ///< the store cannot be opened, or was written by a newer build
    ExitUnavailable = 4, ///< the capability is not part of this build
};

} // namespace bk::cli
