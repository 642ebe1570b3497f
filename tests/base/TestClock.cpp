#include "Clock.h"

#include <QTest>

using namespace bk;

class TestClock : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void manualClockRunsCallbacksInOrderAtTheirTime() {
        ManualClock clock(1000);
        QObject context;
        QList<std::pair<int, qint64>> fired;
        clock.callAt(3000, &context, [&] { fired.append({3, clock.nowMs()}); });
        clock.callAt(2000, &context, [&] {
            fired.append({2, clock.nowMs()});
            clock.callAfter(500, &context, [&] { fired.append({25, clock.nowMs()}); });
        });
        clock.advance(500);
        QVERIFY(fired.isEmpty());
        clock.advance(1200);
        QCOMPARE(fired.size(), 2);
        QCOMPARE(fired[0], std::make_pair(2, qint64(2000)));
        QCOMPARE(fired[1], std::make_pair(25, qint64(2500)));
        QCOMPARE(clock.nowMs(), qint64(2700));
        QCOMPARE(clock.nextDueMs(), qint64(3000));
        clock.advance(800);
        QCOMPARE(clock.pendingCount(), 0);
        QCOMPARE(fired.size(), 3);
        QCOMPARE(fired[2], std::make_pair(3, qint64(3000)));
    }

    void deletedContextNeverRuns() {
        ManualClock clock;
        bool ran = false;
        {
            QObject context;
            clock.callAfter(10, &context, [&] { ran = true; });
        }
        clock.advance(100);
        QVERIFY(!ran);
    }

    void scaledClockRunsFaster() {
        ScaledClock clock(0, 1000.0);
        const qint64 t0 = clock.nowMs();
        QTest::qWait(20);
        QVERIFY(clock.nowMs() - t0 >= 15'000);
        QObject context;
        bool fired = false;
        clock.callAfter(60'000, &context, [&] { fired = true; }); // 60 s simulated = 60 ms real
        QTRY_VERIFY_WITH_TIMEOUT(fired, 2000);
    }
};

QTEST_GUILESS_MAIN(TestClock)
#include "TestClock.moc"
