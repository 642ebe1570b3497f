#pragma once

#include "Result.h"

#include <QString>

namespace bk {

class LogRing;

struct LoggingOptions {
    /// Folder for bridgekeeper.log and its rotated copies; empty means no file sink.
    QString logDir;
    QString fileName = QStringLiteral("bridgekeeper.log");
    bool console = true;
    /// Minimum level: "trace", "debug", "info", "warning", "error".
    QString level = QStringLiteral("info");
    qint64 maxFileBytes = 5 * 1024 * 1024;
    int maxFiles = 5;
};

/// Routes every Qt log message (qCInfo, qWarning, …) through the redactor into spdlog sinks:
/// the console, a size-rotated file and the in-memory ring. Call once, early in main().
Status initLogging(const LoggingOptions& options);

/// Flushes and detaches the sinks; Qt messages go back to Qt's default handler.
void shutdownLogging();

/// The ring of recent (redacted) messages for the UI log pane. Lives until process exit.
LogRing& logRing();

/// Path of the current log file, or empty when logging to a file is off.
QString currentLogFile();

} // namespace bk
