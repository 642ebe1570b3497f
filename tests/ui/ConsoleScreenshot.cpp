// Renders the console driven by the FakeEngine demo scene and saves it as a PNG.
// Usage: ConsoleScreenshot OUT.png [PAGE] — PAGE is the tab index (0 dashboard, 1 alerts,
// 2 retry schedule, 3 workspace). Run under Xvfb or offscreen; QT_SCALE_FACTOR=2 for 200 %.

#include "DashboardPage.h"
#include "DemoScene.h"
#include "MainWindow.h"

#include <cstdio>

#include <QApplication>
#include <QDateTime>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTimer>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"bridgekeeper-screenshot"_s);
    if (argc < 2) {
        std::fprintf(stderr, "usage: ConsoleScreenshot OUT.png [PAGE]\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    const int page = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 0;
    QTemporaryDir data;
    // A fixed moment so screenshots are reproducible.
    const qint64 start = QDateTime(QDate(2026, 3, 12), QTime(14, 42, 17)).toMSecsSinceEpoch();
    auto clock = std::make_shared<bk::ManualClock>(start);
    FakeEngine engine;
    bk::ui::MainWindow window(data.path(), clock);
    window.attachEngine(&engine.engineSignals, &engine);
    window.setKeychainHealthHook([] { return u"Secret Service answers (gnome-keyring)"_s; });
    window.setReauthoriseHook([](const QString&) {});
    window.resize(1440, 900);
    window.show();
    QObject::connect(&window, &bk::ui::MainWindow::workspaceFailed, &app, [](const QString& m) {
        std::fprintf(stderr, "%s\n", qPrintable(m));
        QCoreApplication::exit(1);
    });
    QObject::connect(&window, &bk::ui::MainWindow::workspaceOpened, &app, [&] {
        playDemoScene(engine, clock->nowMs());
        window.dashboard()->flushAll();
        window.dashboard()->selectConnector(u"exact"_s);
        window.pages()->setCurrentIndex(page);
        QTimer::singleShot(400, &window, [&] {
            clock->advance(1000); // one tick so every countdown is rendered
            window.dashboard()->flushAll();
            QTimer::singleShot(200, &window, [&] {
                const bool ok = window.grab().save(out);
                std::fprintf(stderr, "%s %s\n", ok ? "saved" : "could not save", qPrintable(out));
                QCoreApplication::exit(ok ? 0 : 1);
            });
        });
    });
    window.openWorkspace(QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json"));
    return app.exec();
}
