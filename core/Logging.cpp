#include "Logging.h"

#include "LogRing.h"
#include "Redactor.h"

#include <memory>

#include <QDir>
#include <QFileInfo>
#include <QMutex>

#include <spdlog/sinks/ansicolor_sink.h>
#include <spdlog/sinks/dist_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

// Every message passes here on its way to any sink: the one place redaction happens.
class RedactingSink final : public spdlog::sinks::dist_sink_mt {
protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        const QByteArray clean =
            Redactor::redact(QByteArray(msg.payload.data(), qsizetype(msg.payload.size())));
        spdlog::details::log_msg copy(msg);
        copy.payload = spdlog::string_view_t(clean.constData(), size_t(clean.size()));
        spdlog::sinks::dist_sink_mt::sink_it_(copy);
    }
};

// Keeps redacted messages for the UI log pane.
class RingSink final : public spdlog::sinks::base_sink<std::mutex> {
protected:
    void sink_it_(const spdlog::details::log_msg& msg) override {
        LogEntry e;
        e.timeMs =
            std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch())
                .count();
        const auto lvl = spdlog::level::to_string_view(msg.level);
        e.level = QString::fromLatin1(lvl.data(), qsizetype(lvl.size()));
        e.category = QString::fromUtf8(msg.logger_name.data(), qsizetype(msg.logger_name.size()));
        e.message = QString::fromUtf8(msg.payload.data(), qsizetype(msg.payload.size()));
        logRing().append(std::move(e));
    }
    void flush_() override {}
};

std::shared_ptr<RedactingSink> g_root;
QString g_logFile;
QtMessageHandler g_previousHandler = nullptr;

spdlog::level::level_enum levelFor(QtMsgType type) {
    switch (type) {
    case QtDebugMsg:
        return spdlog::level::debug;
    case QtInfoMsg:
        return spdlog::level::info;
    case QtWarningMsg:
        return spdlog::level::warn;
    case QtCriticalMsg:
        return spdlog::level::err;
    case QtFatalMsg:
        return spdlog::level::critical;
    }
    return spdlog::level::info;
}

std::shared_ptr<spdlog::logger> loggerFor(const char* category) {
    const std::string name = category ? category : "default";
    if (auto existing = spdlog::get(name))
        return existing;
    auto logger = std::make_shared<spdlog::logger>(name, g_root);
    logger->set_level(spdlog::level::trace); // filtering happens in the root sink
    logger->flush_on(spdlog::level::warn);
    try {
        spdlog::register_logger(logger);
    } catch (const spdlog::spdlog_ex&) {
        return spdlog::get(name); // another thread registered it first
    }
    return logger;
}

void messageHandler(QtMsgType type, const QMessageLogContext& context, const QString& message) {
    if (!g_root)
        return;
    const QByteArray utf8 = message.toUtf8();
    loggerFor(context.category)
        ->log(levelFor(type), "{}", std::string_view(utf8.constData(), size_t(utf8.size())));
    if (type == QtFatalMsg) {
        g_root->flush();
        std::abort();
    }
}

} // namespace

Status initLogging(const LoggingOptions& options) {
    auto root = std::make_shared<RedactingSink>();
    root->set_level(spdlog::level::from_str(
        options.level == u"warning"_s ? std::string("warn") : options.level.toStdString()));
    root->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %-5l [%n] %v");
    if (options.console) {
        auto console = std::make_shared<spdlog::sinks::ansicolor_stderr_sink_mt>();
        root->add_sink(console);
    }
    if (!options.logDir.isEmpty()) {
        if (!QDir().mkpath(options.logDir))
            return Error::io(u"cannot create log folder %1"_s.arg(options.logDir));
        const QString path = QDir(options.logDir).filePath(options.fileName);
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                path.toStdString(), size_t(options.maxFileBytes), size_t(options.maxFiles));
            root->add_sink(file);
        } catch (const spdlog::spdlog_ex& e) {
            return Error::io(
                u"cannot open log file %1: %2"_s.arg(path, QString::fromUtf8(e.what())));
        }
        g_logFile = path;
    }
    root->add_sink(std::make_shared<RingSink>());
    spdlog::drop_all();
    g_root = root;
    // Code that calls spdlog directly uses the default logger: route it through redaction too.
    auto fallback = std::make_shared<spdlog::logger>("bridgekeeper", g_root);
    fallback->set_level(spdlog::level::trace);
    spdlog::set_default_logger(fallback);
    // Info lines reach the file within a second even when nothing forces a flush.
    spdlog::flush_every(std::chrono::seconds(1));
    g_previousHandler = qInstallMessageHandler(messageHandler);
    return Status::success();
}

void shutdownLogging() {
    if (!g_root)
        return;
    qInstallMessageHandler(g_previousHandler);
    g_root->flush();
    spdlog::drop_all();
    spdlog::set_default_logger(std::make_shared<spdlog::logger>("bridgekeeper"));
    g_root.reset();
    g_logFile.clear();
}

LogRing& logRing() {
    static LogRing* ring = new LogRing(5000); // deliberately leaked: outlives every logger
    return *ring;
}

QString currentLogFile() {
    return g_logFile;
}

} // namespace bk
