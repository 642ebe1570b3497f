#pragma once

// Shared set-up for pipeline tests: a fresh SQLite store with the http and deadletters
// schemas, a ManualClock, the dead-letter store as sink, and a driver that lets the event
// loop deliver replies and advances the clock only when nothing else can progress.

#include "LoopbackApi.h"
#include "deadletters/DeadLetterStore.h"
#include "http/HttpMigrations.h"
#include "http/Pipeline.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace bk::testing {

struct PipelineFixture {
    QTemporaryDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>();
    std::shared_ptr<store::Database> db;
    std::shared_ptr<deadletters::DeadLetterStore> deadLetters;

    bool open(const QString& name = QStringLiteral("pipeline.db")) {
        StoreConfig c;
        c.sqlitePath = dir.filePath(name);
        c.url = QStringLiteral("sqlite:") + c.sqlitePath;
        auto opened = store::Database::open(
            c, {http::httpMigrations(), deadletters::deadlettersMigrations()});
        if (!opened) {
            qWarning("%s", qPrintable(opened.error().message));
            return false;
        }
        db = *opened;
        deadLetters = std::make_shared<deadletters::DeadLetterStore>(db, clock);
        return true;
    }

    std::unique_ptr<http::Pipeline> pipeline(const QByteArray& definition,
                                             const QByteArray& overrides = "{}",
                                             std::shared_ptr<http::AuthProvider> auth = {},
                                             bool statusPage = false) {
        ConnectorConfig c;
        c.id = QStringLiteral("api");
        c.type = QStringLiteral("test-api");
        c.clientId = QStringLiteral("client");
        c.overrides = QJsonDocument::fromJson(overrides).object();
        http::Pipeline::Options o;
        o.clock = clock;
        o.db = db;
        o.auth = std::move(auth);
        o.deadLetters = deadLetters;
        o.seed = 42;
        o.monitorStatusPage = statusPage;
        auto p = http::Pipeline::create(c, QJsonDocument::fromJson(definition).object(), o);
        if (!p) {
            qWarning("%s", qPrintable(p.error().message));
            return {};
        }
        return std::move(*p);
    }

    /// Lets queued work and replies finish (real event loop, loopback only).
    static bool settle(const http::Pipeline& p) {
        return QTest::qWaitFor([&] { return p.busy() == 0; }, 5000);
    }

    /// Advances the clock to the next due callback once nothing else can progress; returns
    /// false when there is nothing left to wait for.
    bool step(const http::Pipeline& p) {
        if (!settle(p))
            return false;
        const qint64 due = clock->nextDueMs();
        if (due < 0)
            return false;
        clock->advance(std::max<qint64>(0, due - clock->nowMs()));
        return settle(p);
    }

    /// Steps until done() or maxSteps.
    bool driveUntil(const http::Pipeline& p, const std::function<bool()>& done,
                    int maxSteps = 10'000) {
        for (int i = 0; i < maxSteps; ++i) {
            if (!settle(p))
                return false;
            if (done())
                return true;
            if (!step(p)) {
                qWarning("drive stopped: busy %d inFlight %d due %lld parked %d waiting %d "
                         "retries %d ok %d",
                         p.busy(), p.inFlight(), clock->nextDueMs(), int(p.counters().parked),
                         int(p.counters().waitingSlot), int(p.counters().retries),
                         int(p.counters().byClass.value(QStringLiteral("success"))));
                return done();
            }
        }
        return done();
    }
};

} // namespace bk::testing
