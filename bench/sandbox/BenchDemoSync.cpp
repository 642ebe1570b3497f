// bench_demo_sync [speed=60] [realSeconds=60]: the demo as `bridgekeeper --demo` runs it,
// without a window, then how many Shopify orders became Exact invoices and how many went
// to the dead-letter queue (and why).

#include "ConnectorCatalog.h"
#include "Workspace.h"
#include "deadletters/DeadLetterStore.h"
#include "engine/AllMigrations.h"
#include "engine/DemoSession.h"
#include "engine/Engine.h"
#include "sandbox/Sandbox.h"

#include <cstdio>
#include <map>

#include <QCoreApplication>
#include <QTemporaryDir>
#include <QTimer>

using namespace bk;
using namespace Qt::StringLiterals;

namespace {

void report(Engine& engine, sandbox::Sandbox& box, int invoicesBefore, int contactsBefore) {
    auto letters = engine.deadLetters();
    for (const auto& [flow, made] :
         {std::pair{u"orders-to-invoices"_s,
                    box.recordCount(sandbox::Vendor::Exact, u"SalesInvoices"_s) - invoicesBefore},
          std::pair{u"persons-to-contacts"_s,
                    box.recordCount(sandbox::Vendor::Exact, u"Contacts"_s) - contactsBefore}}) {
        deadletters::Filter filter;
        filter.flowId = flow;
        const auto list = letters->list(filter, 0, 100'000);
        std::map<QString, int> reasons;
        if (list)
            for (const auto& l : *list)
                ++reasons[l.reason.left(110)];
        std::printf("%s: %d records created in Exact, %d dead letters\n", qPrintable(flow), made,
                    list ? int(list->size()) : -1);
        for (const auto& [reason, n] : reasons)
            std::printf("  %4d x %s\n", n, qPrintable(reason));
    }
    std::printf("shopify orders in the sandbox: %d\n",
                box.recordCount(sandbox::Vendor::Shopify, u"orders"_s));
    std::printf("exact calls: %d (429: %d, 503: %d)\n", box.countRequests(sandbox::Vendor::Exact),
                box.countRequests(sandbox::Vendor::Exact, {}, 429),
                box.countRequests(sandbox::Vendor::Exact, {}, 503));
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const double speed = argc > 1 ? QByteArray(argv[1]).toDouble() : 60.0;
    const int seconds = argc > 2 ? QByteArray(argv[2]).toInt() : 60;
    QTemporaryDir dir;
    DemoSession demo(dir.path(), speed);
    std::unique_ptr<Engine> engine;
    int invoicesBefore = 0, contactsBefore = 0;
    QObject::connect(&demo, &DemoSession::failed, &app, [](const QString& message) {
        std::fprintf(stderr, "demo failed: %s\n", qPrintable(message));
        QCoreApplication::exit(1);
    });
    QObject::connect(&demo, &DemoSession::ready, &app, [&](const QString& path) {
        auto catalog = ConnectorCatalog::load();
        auto ws = catalog ? WorkspaceLoader(*catalog).load(path, dir.path())
                          : Result<Workspace>(catalog.error());
        auto db = ws ? store::Database::open(ws->store, allMigrations())
                     : Result<std::shared_ptr<store::Database>>(ws.error());
        if (!db) {
            std::fprintf(stderr, "cannot load the demo: %s\n", qPrintable(db.error().message));
            return QCoreApplication::exit(1);
        }
        EngineOptions options;
        options.workspace = *ws;
        options.catalog = *catalog;
        options.db = *db;
        options.clock = demo.clock();
        engine = std::make_unique<Engine>(options);
        if (auto st = engine->start(); !st) {
            std::fprintf(stderr, "engine: %s\n", qPrintable(st.error().message));
            return QCoreApplication::exit(1);
        }
        invoicesBefore = demo.sandbox()->recordCount(sandbox::Vendor::Exact, u"SalesInvoices"_s);
        contactsBefore = demo.sandbox()->recordCount(sandbox::Vendor::Exact, u"Contacts"_s);
        demo.scriptIncidents();
        QTimer::singleShot(seconds * 1000, &app, [&] {
            std::printf("after %d s at %.0fx (%.0f simulated minutes):\n", seconds, speed,
                        seconds * speed / 60.0);
            report(*engine, *demo.sandbox(), invoicesBefore, contactsBefore);
            engine->shutdown(10'000);
            QCoreApplication::quit();
        });
    });
    demo.start();
    return app.exec();
}
