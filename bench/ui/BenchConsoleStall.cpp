// Floods the console with engine snapshots from a worker thread (thousands per second,
// through a real EngineSignals, queued like the engine's) while the window is shown, and
// measures how long the GUI event loop stalls: a 5 ms heartbeat timer whose gaps are
// timed with QElapsedTimer. Prints p50 / p99 / max stall in ms.
//
// Usage: BenchConsoleStall [--seconds N] [--rate SNAPSHOTS_PER_SECOND] [--connectors N]

#include "DashboardPage.h"
#include "MainWindow.h"
#include "engine/EngineApi.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <thread>

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {

struct Options {
    int seconds = 10;
    int rate = 5000;
    int connectors = 20;
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const QByteArray key = argv[i];
        const int value = QByteArray(argv[i + 1]).toInt();
        if (key == "--seconds")
            o.seconds = std::max(1, value);
        else if (key == "--rate")
            o.rate = std::max(1, value);
        else if (key == "--connectors")
            o.connectors = std::max(1, value);
    }
    return o;
}

// Emits a mix like a busy engine: mostly gauges and lag, some health, flows and events.
void flood(bk::EngineSignals* out, const Options& o, std::atomic<bool>& stop,
           std::atomic<qint64>& sent) {
    const QStringList ids = [&] {
        QStringList l{u"exact"_s, u"pipedrive"_s, u"shopify"_s};
        for (int i = 3; i < o.connectors; ++i)
            l << u"extra-%1"_s.arg(i);
        return l;
    }();
    QElapsedTimer t;
    t.start();
    qint64 n = 0;
    while (!stop.load()) {
        const qint64 due = t.nsecsElapsed() * o.rate / 1'000'000'000;
        for (; n < due; ++n) {
            const QString& id = ids.at(int(n % ids.size()));
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            switch (n % 10) {
            case 0:
            case 1: {
                bk::ConnectorHealth h;
                h.connectorId = id;
                h.state =
                    (n / 10) % 50 == 0 ? bk::HealthState::CircuitOpen : bk::HealthState::Healthy;
                h.nextProbeMs = now + 60'000;
                h.requestsOk = quint64(n);
                h.reason = u"snapshot %1"_s.arg(n);
                Q_EMIT out->connectorHealthChanged(h);
                break;
            }
            case 2:
            case 3:
            case 4: {
                bk::RateGauge g;
                g.connectorId = id;
                g.policyId = n % 2 ? u"minutely"_s : u"daily"_s;
                g.kind = u"fixed-window"_s;
                g.used = double(n % 60);
                g.limit = 60;
                g.resetAtMs = now + 30'000;
                g.fromServer = true;
                Q_EMIT out->rateGaugeChanged(g);
                break;
            }
            case 5:
            case 6:
            case 7:
                Q_EMIT out->lagSampled(bk::LagSample{id, now, 500.0 + double(n % 300),
                                                     2000.0 + double(n % 900), int(n % 40)});
                break;
            case 8: {
                bk::FlowProgress p;
                p.flowId = n % 20 < 10 ? u"persons-to-contacts"_s : u"orders-to-invoices"_s;
                p.running = true;
                p.bulk = true;
                p.done = n;
                p.total = 10'000'000;
                p.etaMs = 600'000;
                Q_EMIT out->flowProgressChanged(p);
                break;
            }
            case 9: {
                bk::TokenState tok;
                tok.connectorId = id;
                tok.authorised = true;
                tok.nextRefreshMs = now + 300'000;
                tok.refreshExpiresMs = now + 30LL * 86'400'000;
                Q_EMIT out->tokenStateChanged(tok);
                if (n % 50 == 9)
                    Q_EMIT out->eventRaised(bk::EngineEvent{n, now, id, u"alert"_s,
                                                            n % 100 == 9 ? u"warning"_s : u"info"_s,
                                                            u"event %1"_s.arg(n)});
                break;
            }
            }
        }
        sent.store(n);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t i = std::min(v.size() - 1, std::size_t(std::ceil(p * double(v.size()))) - 1);
    return v[i];
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"bridgekeeper-bench"_s);
    const Options o = parse(argc, argv);
    QTemporaryDir data;
    bk::EngineSignals engineSignals;
    bk::ui::MainWindow window(data.path());
    window.attachEngine(&engineSignals, nullptr);
    window.resize(1440, 900);
    window.show();

    constexpr int kBeatMs = 5;
    std::vector<double> gaps;
    QElapsedTimer sinceBeat;
    QTimer beat;
    beat.setTimerType(Qt::PreciseTimer);
    beat.setInterval(kBeatMs);
    QObject::connect(&beat, &QTimer::timeout, &app, [&] {
        gaps.push_back(double(sinceBeat.nsecsElapsed()) / 1e6 - kBeatMs);
        sinceBeat.restart();
    });

    std::atomic<bool> stop{false};
    std::atomic<qint64> sent{0};
    std::thread worker;
    QObject::connect(&window, &bk::ui::MainWindow::workspaceOpened, &app, [&] {
        window.dashboard()->selectConnector(u"exact"_s);
        sinceBeat.start();
        beat.start();
        worker = std::thread([&] { flood(&engineSignals, o, stop, sent); });
        QTimer::singleShot(o.seconds * 1000, &app, [&] {
            stop.store(true);
            worker.join();
            beat.stop();
            // Drain what is still queued, then report.
            QTimer::singleShot(200, &app, [&] { QCoreApplication::quit(); });
        });
    });
    window.openWorkspace(QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json"));
    const int rc = app.exec();

    std::vector<double> stalls;
    stalls.reserve(gaps.size());
    for (double g : gaps)
        stalls.push_back(std::max(0.0, g));
    std::printf("console stall benchmark: %d s, target %d snapshots/s, %d connectors, window "
                "1440x900 (%s)\n",
                o.seconds, o.rate, o.connectors, qPrintable(QApplication::platformName()));
    std::printf("  snapshots sent: %lld (%.0f/s)\n", static_cast<long long>(sent.load()),
                double(sent.load()) / o.seconds);
    std::printf("  heartbeats: %zu (every %d ms)\n", gaps.size(), kBeatMs);
    std::printf("  event-loop stall p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                percentile(stalls, 0.50), percentile(stalls, 0.99),
                stalls.empty() ? 0.0 : *std::max_element(stalls.begin(), stalls.end()));
    return rc;
}
