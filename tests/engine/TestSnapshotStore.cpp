#include "engine/MetricsText.h"
#include "engine/SnapshotJson.h"
#include "engine/SnapshotStore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;

class TestSnapshotStore : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    std::shared_ptr<store::Database> open() {
        StoreConfig c;
        c.sqlitePath = m_dir.filePath(u"snap.db"_s);
        auto db = store::Database::open(c, {SnapshotStore::migrations()});
        if (!db)
            qFatal("%s", qPrintable(db.error().message));
        return *db;
    }

private Q_SLOTS:
    void healthKeysRoundTrip() {
        for (auto s : {HealthState::NeedsReauth, HealthState::CircuitOpen,
                       HealthState::VendorOutage, HealthState::RateLimited, HealthState::Degraded,
                       HealthState::Healthy, HealthState::Paused, HealthState::Disabled})
            QCOMPARE(healthStateFromKey(healthStateKey(s)), std::optional<HealthState>(s));
        QVERIFY(!healthStateFromKey(u"on-fire"_s));
    }

    void savedSnapshotsAreReadByAnotherStoreObject() {
        auto db = open();
        SnapshotStore writer(db, u"engine-a"_s);
        ConnectorHealth h{
            u"exact"_s, HealthState::CircuitOpen, u"5 consecutive 503s"_s, 1000, 301000, 7, 5, 9,
            2};
        TokenState t;
        t.connectorId = u"exact"_s;
        t.authorised = true;
        t.accessExpiresMs = 600'000;
        t.refreshExpiresMs = 30LL * 86'400'000;
        RateGauge g{u"exact"_s, u"minutely"_s, u"fixed-window"_s, 58, 60, 60'000, true, 1};
        LagSample l{u"shopify"_s, 5, 120, 900, 3};
        FlowProgress f;
        f.flowId = u"orders-to-invoices"_s;
        f.done = 1234;
        f.total = 5000;
        QVERIFY(writer.save({h}, {t}, {g}, {l}, {f}).ok());
        h.state = HealthState::Healthy; // a second save replaces, never duplicates
        QVERIFY(writer.save({h}, {}, {}, {}, {}).ok());

        SnapshotStore reader(open(), u"console"_s);
        auto all = reader.loadAll();
        QVERIFY(all.ok());
        QCOMPARE(all->health.size(), 1);
        QCOMPARE(all->health[0].state, HealthState::Healthy);
        QCOMPARE(all->health[0].reason, u"5 consecutive 503s"_s);
        QCOMPARE(all->tokens[0].refreshExpiresMs, 30LL * 86'400'000);
        QCOMPARE(all->gauges[0].used, 58.0);
        QVERIFY(all->gauges[0].fromServer);
        QCOMPARE(all->lags[0].p95Ms, 900.0);
        QCOMPARE(all->flows[0].total, qint64(5000));
        QCOMPARE(all->engineOf.value(u"health/exact"_s), u"engine-a"_s);
    }

    void prometheusTextIsWellFormed() {
        SnapshotStore::All all;
        all.health << ConnectorHealth{
            u"ex\"act"_s, HealthState::RateLimited, {}, 0, 0, 10, 1, 2, 3};
        TokenState t;
        t.connectorId = u"exact"_s;
        t.accessExpiresMs = 90'000;
        all.tokens << t;
        all.gauges << RateGauge{u"exact"_s, u"daily"_s, u"daily-quota"_s, 4766, 5000, 0, true, 0};
        const QByteArray text = renderPrometheus(all, 30'000);
        QVERIFY(text.contains("# TYPE bridgekeeper_requests_total counter\n"));
        QVERIFY(text.contains(
            "bridgekeeper_connector_state{connector=\"ex\\\"act\",state=\"rate-limited\"} 1\n"));
        QVERIFY(text.contains(
            "bridgekeeper_token_seconds_to_expiry{connector=\"exact\",token=\"access\"} 60\n"));
        QVERIFY(
            text.contains("bridgekeeper_quota_used{connector=\"exact\",policy=\"daily\"} 4766\n"));
        for (const QByteArray& line : text.split('\n'))
            QVERIFY2(line.isEmpty() || line.startsWith('#') || line.count(' ') == 1,
                     line.constData());
    }
};

QTEST_GUILESS_MAIN(TestSnapshotStore)
#include "TestSnapshotStore.moc"
