// `bridgekeeper-engine sandbox`: serves the Exact Online, Pipedrive and Shopify simulators
// on one loopback port until SIGTERM or SIGINT.
#include "CommandContext.h"
#include "Commands.h"
#include "ExitCodes.h"
#include "sandbox/Sandbox.h"

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QSocketNotifier>

using namespace Qt::StringLiterals;

namespace bk::cli {

namespace {

int g_signalPipe[2] = {-1, -1};

// Async-signal-safe: only writes one byte; the event loop does the rest.
void onTerminationSignal(int) {
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &byte, 1);
}

bool installTerminationPipe() {
    if (::pipe2(g_signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    struct sigaction action {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    return ::sigaction(SIGTERM, &action, nullptr) == 0 &&
           ::sigaction(SIGINT, &action, nullptr) == 0;
}

} // namespace

int sandboxCommand(const QStringList& args) {
    CommandContext ctx(u"sandbox"_s, args);
    ctx.parser().addOption(
        {u"listen"_s, QCoreApplication::translate("cli", "Address to serve the simulators on."),
         u"HOST:PORT"_s, u"127.0.0.1:8480"_s});
    ctx.parser().addOption(
        {u"seed"_s,
         QCoreApplication::translate("cli", "Seed of the generated data and injected faults."),
         u"N"_s, u"42"_s});
    ctx.parser().addOption(
        {u"speed"_s,
         QCoreApplication::translate("cli", "Run the simulated clock this many times faster."),
         u"FACTOR"_s, u"1"_s});
    ctx.parser().addOption(
        {u"scenario"_s,
         QCoreApplication::translate("cli", "Scenario file with faults and webhook receivers."),
         u"FILE"_s});
    ctx.parser().addOption(
        {u"records"_s,
         QCoreApplication::translate("cli", "Records in each vendor's main collection."), u"N"_s,
         u"2000"_s});
    if (!ctx.parse())
        return ctx.parser().isSet(u"help"_s) ? ExitOk : ExitUsage;
    auto listen = WorkspaceLoader::parseListen(ctx.parser().value(u"listen"_s));
    if (!listen)
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate("cli", "--listen: ") + listen.error().message);
    bool ok = false;
    const quint64 seed = ctx.parser().value(u"seed"_s).toULongLong(&ok);
    if (!ok)
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate("cli", "--seed: not a whole number"));
    const double speed = ctx.parser().value(u"speed"_s).toDouble(&ok);
    if (!ok || speed <= 0)
        return ctx.fail(ExitUsage,
                        QCoreApplication::translate("cli", "--speed: must be a number above 0"));
    const int records = ctx.parser().value(u"records"_s).toInt(&ok);
    if (!ok || records < 1 || records > 200'000)
        return ctx.fail(ExitUsage, QCoreApplication::translate(
                                       "cli", "--records: must be between 1 and 200000"));

    sandbox::SandboxOptions options;
    options.address = listen->address;
    options.port = listen->port;
    options.seed = seed;
    options.recordsPerVendor = records;
    if (speed != 1.0)
        options.clock = std::make_shared<ScaledClock>(QDateTime::currentMSecsSinceEpoch(), speed);

    sandbox::Sandbox sandbox;
    auto port = sandbox.start(options);
    if (!port)
        return ctx.fail(ExitFailed, port.error().message);
    if (ctx.parser().isSet(u"scenario"_s)) {
        if (Status loaded = sandbox.loadScenario(ctx.parser().value(u"scenario"_s)); !loaded)
            return ctx.fail(ExitUsage, QCoreApplication::translate("cli", "--scenario: ") +
                                           loaded.error().message);
    }
    if (!installTerminationPipe())
        return ctx.fail(ExitFailed, QCoreApplication::translate(
                                        "cli", "cannot install the SIGTERM/SIGINT handler"));

    QTextStream& out = ctx.out();
    for (sandbox::Vendor v : sandbox::allVendors())
        out << sandbox::vendorSlug(v) << u"  "_s << sandbox.baseUrl(v) << u"  status: "_s
            << sandbox.statusPageUrl(v) << Qt::endl;
    QString admin = sandbox.baseUrl(sandbox::Vendor::Exact);
    admin.chop(sandbox::vendorSlug(sandbox::Vendor::Exact).size());
    out << u"admin  "_s << admin << u"_admin/"_s << Qt::endl;
    out << QCoreApplication::translate("cli",
                                       "seed %1, clock speed %2x; stop with Ctrl+C or SIGTERM")
               .arg(seed)
               .arg(speed)
        << Qt::endl;

    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [] {
        char buffer[16];
        while (::read(g_signalPipe[0], buffer, sizeof buffer) > 0) {
        }
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    sandbox.stop();
    out << QCoreApplication::translate("cli", "sandbox stopped") << Qt::endl;
    return ExitOk;
}

} // namespace bk::cli
