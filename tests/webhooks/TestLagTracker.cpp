#include "Clock.h"
#include "StoreFixture.h"
#include "webhooks/LagMonitor.h"
#include "webhooks/LagTracker.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::webhooks;

namespace {
constexpr qint64 minute = 60'000;
constexpr qint64 T0 = 1'767'225'600'000; // a minute boundary
} // namespace

class TestLagTracker : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void percentilesPerMinute() {
        LagTracker t;
        // 100 events processed in the first minute with lags 1..100 ms (from occurred-at).
        for (int i = 1; i <= 100; ++i)
            t.recordProcessed(u"shop"_s, T0 + 1000, T0 + 1000 + i / 2, T0 + 1000 + i);
        // No occurred-at: lag counts from received-at.
        t.recordProcessed(u"exact"_s, 0, T0 + 5000, T0 + 5400);
        QVERIFY(t.closeMinutes(T0 + 59'999).isEmpty()); // minute not over yet
        const QList<LagSample> s = t.closeMinutes(T0 + minute);
        QCOMPARE(s.size(), 2);
        const LagSample shop = s[0].connectorId == u"shop"_s ? s[0] : s[1];
        const LagSample exact = s[0].connectorId == u"shop"_s ? s[1] : s[0];
        QCOMPARE(shop.timeMs, T0);
        QCOMPARE(shop.p50Ms, 50.0);
        QCOMPARE(shop.p95Ms, 95.0);
        QCOMPARE(exact.p50Ms, 400.0);
    }

    void keepsADayAtMinuteResolution() {
        LagTracker t; // default keeps 26 h
        t.recordProcessed(u"shop"_s, 0, T0, T0 + 10);
        t.closeMinutes(T0 + 30 * 3600'000LL);
        const QList<LagSample> series = t.series(u"shop"_s);
        QCOMPARE(series.size(), 26 * 60);
        QVERIFY(series.last().timeMs - series.first().timeMs >= 24 * 3600'000LL);
        for (int i = 1; i < series.size(); ++i)
            QCOMPARE(series[i].timeMs - series[i - 1].timeMs, minute);
    }

    void waitingEventsCountAsLag() {
        LagTracker t;
        t.recordBacklog(u"pd"_s, 3, T0 - 10 * minute);
        t.closeMinutes(T0);
        const QList<LagSample> s = t.closeMinutes(T0 + minute);
        QCOMPARE(s.size(), 1);
        QCOMPARE(s[0].backlog, 3);
        QCOMPARE(s[0].p95Ms, double(11 * minute)); // oldest waiting event's age at minute end
    }

    void alertsOnLagBacklogAndGrowth() {
        LagOptions o;
        o.lagAlertMs = 5000;
        o.backlogAlert = 100;
        o.growingMinutes = 3;
        LagTracker t(o);
        QList<LagAlert> alerts;
        t.setAlertHandler([&](const LagAlert& a) { alerts.push_back(a); });
        qint64 now = T0;
        t.recordBacklog(u"s"_s, 0, 0);
        t.closeMinutes(now);
        // Lag above the threshold: one alert, not repeated while it lasts.
        for (int m = 0; m < 2; ++m) {
            t.recordProcessed(u"s"_s, now, now, now + 6000);
            now += minute;
            t.closeMinutes(now);
        }
        QCOMPARE(alerts.size(), 1);
        QCOMPARE(alerts[0].kind, LagAlert::Kind::LagHigh);
        QVERIFY(alerts[0].message.contains(u"lag"_s));
        // Back to normal: recovered.
        t.recordProcessed(u"s"_s, now, now, now + 10);
        now += minute;
        t.closeMinutes(now);
        QCOMPARE(alerts.size(), 2);
        QCOMPARE(alerts[1].kind, LagAlert::Kind::Recovered);
        // A backlog that grows every minute for 3 minutes, still below the limit.
        for (int b = 1; b <= 4; ++b) {
            t.recordBacklog(u"s"_s, b * 10, 0);
            now += minute;
            t.closeMinutes(now);
        }
        QCOMPARE(alerts.size(), 3);
        QCOMPARE(alerts[2].kind, LagAlert::Kind::BacklogGrowing);
        // Over the limit.
        t.recordBacklog(u"s"_s, 500, 0);
        now += minute;
        t.closeMinutes(now);
        QVERIFY(std::any_of(alerts.begin(), alerts.end(), [](const LagAlert& a) {
            return a.kind == LagAlert::Kind::BacklogHigh;
        }));
    }

    void monitorPersistsAndReloads_data() {
        QTest::addColumn<QString>("backend");
        QTest::newRow("sqlite") << u"sqlite"_s;
        QTest::newRow("postgres") << u"postgres"_s;
    }
    void monitorPersistsAndReloads() {
        QFETCH(QString, backend);
        OPEN_STORE(backend, m_dir, db);
        auto clock = std::make_shared<ManualClock>(T0);
        // Two waiting events in the inbox.
        for (int i = 0; i < 2; ++i)
            QVERIFY(db->exec(u"INSERT INTO webhooks_inbox (connector_id, dedup_key, payload_hash, "
                             "record_key, body, received_ms) VALUES ('shop', ?, 'h', 'k', ?, ?)"_s,
                             {u"d%1"_s.arg(i), "{}"_ba, T0 - minute})
                        .ok());
        QList<LagSample> seen;
        {
            LagTracker tracker;
            tracker.recordProcessed(u"shop"_s, T0, T0, T0 + 250);
            LagMonitor monitor(db, clock, &tracker);
            monitor.setSamplesListener([&](const QList<LagSample>& s) { seen += s; });
            QVERIFY(monitor.start().ok());
            clock->advance(3 * minute); // three minute boundaries, driven by the clock
            QCOMPARE(seen.size(), 3);
            QCOMPARE(seen[0].backlog, 2);
            QCOMPARE(seen[0].p50Ms, 250.0);
        }
        auto q = db->exec(u"SELECT COUNT(*) FROM webhooks_lag WHERE connector_id = 'shop'"_s);
        QVERIFY(q && q->next());
        QCOMPARE(q->value(0).toInt(), 3);
        q->finish();
        // After a restart the chart's history comes back from the store.
        LagTracker again;
        LagMonitor monitor(db, clock, &again);
        QVERIFY(monitor.start().ok());
        const QList<LagSample> series = again.series(u"shop"_s);
        QCOMPARE(series.size(), 3);
        QCOMPARE(series[0].timeMs, T0);
        QCOMPARE(series[0].p50Ms, 250.0);
        clock->advance(minute);
        QCOMPARE(again.series(u"shop"_s).size(), 4); // continues without a gap or a repeat
        QCOMPARE(again.series(u"shop"_s).last().timeMs, T0 + 3 * minute);
    }
};

QTEST_GUILESS_MAIN(TestLagTracker)
#include "TestLagTracker.moc"
