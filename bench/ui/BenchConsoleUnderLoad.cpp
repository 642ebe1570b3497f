// The console as `bridgekeeper --demo` runs it — the real MainWindow (offscreen), the real
// in-process Engine through ConsoleSession, DemoSession's sandbox on an accelerated clock —
// with a bulk sync of several thousand records running and signed Shopify webhooks posted to
// the engine's listener at load from outside the GUI thread (a sender thread, or wrk as
// another process), while the operator clicks through the tabs. A 5 ms heartbeat timer on
// the GUI thread measures event-loop stalls (how much later than its period each beat came).
// With --probe, every event delivery on the GUI thread is timed and the slow ones are listed
// by receiver class and event type: what a stall came from.
//
// Usage: BenchConsoleUnderLoad [--seconds 20] [--records 5000] [--speed 30]
//                              [--webhook-rate 200 | --wrk CONNECTIONS] [--probe]
//                              [--tab-ms 500] [--keep]
//   --probe  time GUI-thread event deliveries during stalls and sample the GUI thread's stack
//            whenever the heartbeat is 30 ms late
//   --keep   keep the data folder (store, console.log) and print where it is

#include "ConsoleSession.h"
#include "DashboardPage.h"
#include "Logging.h"
#include "MainWindow.h"
#include "StallProbe.h"
#include "StallSampler.h"
#include "WebhookLoad.h"
#include "engine/DemoSession.h"
#include "engine/Engine.h"
#include "sandbox/Sandbox.h"

#include <cstdio>
#include <functional>
#include <map>

#include <QDir>
#include <QFile>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace bk;
using bk::sandbox::Vendor;

namespace {

struct Options {
    int seconds = 20;
    int records = 5000;
    double speed = 30;
    int webhookRate = 200;
    int wrkConnections = 0;
    bool probe = false;
    bool keep = false;
    int tabMs = 500;
};

Options parse(const QStringList& args) {
    Options o;
    for (int i = 1; i < args.size(); ++i) {
        const QString& key = args[i];
        const QString value = args.value(i + 1);
        if (key == u"--probe"_s || key == u"--keep"_s) {
            (key == u"--probe"_s ? o.probe : o.keep) = true;
            continue;
        }
        ++i;
        if (key == u"--seconds"_s)
            o.seconds = std::max(1, value.toInt());
        else if (key == u"--records"_s)
            o.records = std::max(1, value.toInt());
        else if (key == u"--speed"_s)
            o.speed = std::max(1.0, value.toDouble());
        else if (key == u"--webhook-rate"_s)
            o.webhookRate = std::max(1, value.toInt());
        else if (key == u"--wrk"_s)
            o.wrkConnections = std::max(1, value.toInt());
        else if (key == u"--tab-ms"_s)
            o.tabMs = std::max(50, value.toInt());
        else
            std::fprintf(stderr, "ignoring unknown option %s\n", qPrintable(key));
    }
    return o;
}

QString loadAverage() {
    QFile f(u"/proc/loadavg"_s);
    return f.open(QIODevice::ReadOnly) ? QString::fromLatin1(f.readAll()).section(u' ', 0, 2)
                                       : u"?"_s;
}

int exactRecords(sandbox::Sandbox* box) {
    return box->recordCount(Vendor::Exact, u"Contacts"_s) +
           box->recordCount(Vendor::Exact, u"SalesInvoices"_s);
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("BK_NO_DIALOGS", "1"); // a failure is printed, not shown in a message box
    bench::ProbeApplication app(argc, argv);
    QApplication::setApplicationName(u"bridgekeeper-bench"_s);
    QApplication::setOrganizationName(u"bridgekeeper-bench"_s);
    const Options o = parse(app.arguments());
    QTemporaryDir dir;
    dir.setAutoRemove(!o.keep);
    LoggingOptions logging;
    logging.logDir = QDir(dir.path()).filePath(u"logs"_s);
    logging.fileName = u"console.log"_s;
    logging.console = false; // the figures stay readable; the file and the log tab get it all
    if (auto st = initLogging(logging); !st) {
        std::fprintf(stderr, "logging: %s\n", qPrintable(st.error().message));
        return 2;
    }
    const QString loadBefore = loadAverage();

    DemoSession demo(dir.path(), o.speed);
    demo.setRecordsPerVendor(o.records);
    ui::MainWindow window(dir.path(), demo.clock());
    window.resize(1440, 900);
    window.show();
    ConsoleSession session(dir.path(), &window, demo.clock());
    auto fail = [](const QString& message) {
        std::fprintf(stderr, "BenchConsoleUnderLoad: %s\n", qPrintable(message));
        QCoreApplication::exit(1);
    };
    QObject::connect(&demo, &DemoSession::failed, &app, fail);
    QObject::connect(&session, &ConsoleSession::engineFailed, &app, fail);

    // The heartbeat: how late each 5 ms beat comes is how long the event loop was busy.
    constexpr int kBeatMs = 5;
    std::vector<double> stalls;
    std::size_t steadyFrom = 0;
    QElapsedTimer sinceBeat;
    QTimer beat;
    beat.setTimerType(Qt::PreciseTimer);
    beat.setInterval(kBeatMs);
    std::unique_ptr<bench::StallSampler> sampler;
    if (o.probe)
        sampler = std::make_unique<bench::StallSampler>(30);
    std::vector<std::pair<double, double>> worst; // (stall ms, seconds into the run)
    QElapsedTimer wall;
    QObject::connect(&beat, &QTimer::timeout, &app, [&] {
        const double stall = std::max(0.0, double(sinceBeat.nsecsElapsed()) / 1e6 - kBeatMs);
        sinceBeat.restart();
        stalls.push_back(stall);
        if (stall > 16)
            worst.emplace_back(stall, double(wall.elapsed()) / 1000.0 - stall / 1000.0);
        if (sampler) {
            app.closeWindow(stall, 16);
            sampler->beat();
        }
    });

    // What the operator does meanwhile: every tab in turn, and another connector each time
    // the dashboard comes round.
    QTimer clicker;
    int tab = 0, connector = 0;
    QObject::connect(&clicker, &QTimer::timeout, &app, [&] {
        QTabWidget* pages = window.pages();
        tab = (tab + 1) % pages->count();
        pages->setCurrentIndex(tab);
        if (tab == 0) {
            static const QStringList ids{u"exact"_s, u"pipedrive"_s, u"shopify"_s};
            window.dashboard()->selectConnector(ids.at(connector++ % ids.size()));
        }
    });

    struct Flow {
        qint64 done = 0, total = 0;
    };
    std::map<QString, Flow> flows;
    int exactBefore = 0, exactAfter = 0;
    std::unique_ptr<bench::WebhookSenderThread> sender;
    std::unique_ptr<bench::WrkLoad> wrk;

    QObject::connect(&session, &ConsoleSession::engineStarted, &app, [&] {
        Engine* engine = session.engine();
        QObject::connect(engine->engineSignals(), &EngineSignals::flowProgressChanged, &app,
                         [&](const FlowProgress& p) {
                             Flow& f = flows[p.flowId];
                             f.done = std::max(f.done, p.done);
                             f.total = std::max(f.total, p.total);
                         });
        // The engine starts its webhook intake after the window got it: from then on is the
        // steady state (the beat that ends the start-up is the first one skipped).
        // The webhook load starts once the listener listens (its secrets are read first).
        QObject::connect(engine, &Engine::webhooksStarted, &app, [&, engine] {
            steadyFrom = stalls.size() + 1;
            const QUrl url(u"http://127.0.0.1:%1/hooks/shopify"_s.arg(
                engine->workspace().webhooks.listen.port));
            const auto deliveries =
                bench::signedDeliveries(sandbox::Sandbox::clientSecret(Vendor::Shopify).toUtf8());
            if (o.wrkConnections > 0) {
                QByteArray lines;
                for (const auto& d : deliveries)
                    lines += d.signature + '\t' + d.body + '\n';
                const QString file = QDir(dir.path()).filePath(u"requests.txt"_s);
                QFile f(file);
                if (!f.open(QIODevice::WriteOnly) || f.write(lines) != lines.size())
                    return fail(u"cannot write %1"_s.arg(file));
                f.close();
                wrk = std::make_unique<bench::WrkLoad>(file);
                wrk->start(url, o.wrkConnections,
                           std::max(1, o.seconds - int(wall.elapsed() / 1000)));
            } else {
                sender =
                    std::make_unique<bench::WebhookSenderThread>(url, deliveries, o.webhookRate);
                sender->start();
            }
        });
        exactBefore = exactRecords(demo.sandbox());
        if (o.probe)
            app.enable();
        wall.start();
        sinceBeat.start();
        beat.start();
        if (sampler)
            sampler->start();
        clicker.start(o.tabMs);
        QTimer::singleShot(o.seconds * 1000, &app, [&] {
            beat.stop();
            if (sampler)
                sampler->stop();
            clicker.stop();
            app.disable();
            exactAfter = exactRecords(demo.sandbox());
            if (sender)
                sender->finish();
            if (wrk)
                wrk->finish();
            QCoreApplication::quit();
        });
    });
    // As ConsoleSession::openDemo, without the scripted incidents: an Exact outage would stop
    // the bulk sync this benchmark needs running.
    window.setRememberRecent(false);
    QObject::connect(&demo, &DemoSession::ready, &session, &ConsoleSession::open);
    demo.start();
    const int rc = app.exec();
    const double seconds = double(wall.elapsed()) / 1000.0;
    const QString loadAfter = loadAverage();
    session.stop();
    if (o.keep)
        std::printf("data, store and log kept in %s\n", qPrintable(dir.path()));
    if (rc != 0)
        return rc;

    std::printf("console under load: %.1f s, demo at %.0fx, %d records per vendor, window "
                "1440x900 (%s), heartbeat every %d ms, a tab click every %d ms\n",
                seconds, o.speed, o.records, qPrintable(QApplication::platformName()), kBeatMs,
                o.tabMs);
    std::printf("  load average before %s, after %s (%d cores)\n", qPrintable(loadBefore),
                qPrintable(loadAfter), QThread::idealThreadCount());
    for (const auto& [id, f] : flows)
        std::printf("  flow %s: %lld of %lld records done\n", qPrintable(id),
                    static_cast<long long>(f.done), static_cast<long long>(f.total));
    std::printf("  records written to Exact during the run: %d\n", exactAfter - exactBefore);
    std::printf("  sandbox requests: exact %d, pipedrive %d, shopify %d\n",
                demo.sandbox()->countRequests(Vendor::Exact),
                demo.sandbox()->countRequests(Vendor::Pipedrive),
                demo.sandbox()->countRequests(Vendor::Shopify));
    if (sender)
        std::printf("  webhooks (sender thread, %d/s): %lld sent, %lld accepted (2xx), %lld "
                    "refused or failed\n",
                    o.webhookRate, static_cast<long long>(sender->sent.load()),
                    static_cast<long long>(sender->accepted.load()),
                    static_cast<long long>(sender->refused.load()));
    if (wrk) {
        if (wrk->requests < 0)
            std::printf("  webhooks (wrk): no figures: %s\n", qPrintable(wrk->error));
        else
            std::printf("  webhooks (wrk, %d connections): %lld sent, %lld accepted (2xx), %lld "
                        "not 2xx\n",
                        o.wrkConnections, static_cast<long long>(wrk->requests),
                        static_cast<long long>(wrk->requests - wrk->non2xx),
                        static_cast<long long>(wrk->non2xx));
    }
    const auto over = [&](double ms) {
        return std::count_if(stalls.begin(), stalls.end(), [ms](double s) { return s > ms; });
    };
    std::printf("  heartbeats: %zu\n", stalls.size());
    std::printf("  event-loop stall p50 %.2f ms, p99 %.2f ms, max %.2f ms; stalls > 16 ms: %ld, "
                "> 100 ms: %ld\n",
                bench::percentile(stalls, 0.50), bench::percentile(stalls, 0.99),
                stalls.empty() ? 0.0 : *std::max_element(stalls.begin(), stalls.end()),
                long(over(16)), long(over(100)));
    if (steadyFrom > 0 && steadyFrom < stalls.size()) {
        const std::vector<double> steady(stalls.begin() + long(steadyFrom), stalls.end());
        std::printf(
            "  after the webhook intake started (%zu beats): stall p50 %.2f ms, p99 %.2f ms, "
            "max %.2f ms; > 16 ms: %ld, > 100 ms: %ld\n",
            steady.size(), bench::percentile(steady, 0.50), bench::percentile(steady, 0.99),
            *std::max_element(steady.begin(), steady.end()),
            long(std::count_if(steady.begin(), steady.end(), [](double x) { return x > 16; })),
            long(std::count_if(steady.begin(), steady.end(), [](double x) { return x > 100; })));
    }
    std::sort(worst.begin(), worst.end(), std::greater<>());
    for (std::size_t i = 0; i < std::min<std::size_t>(worst.size(), 5); ++i)
        std::printf("    stall of %.1f ms at %.1f s\n", worst[i].first, worst[i].second);
    if (sampler) {
        app.print(stdout, 15);
        sampler->print(stdout, 6, 22);
    }
    return 0;
}
