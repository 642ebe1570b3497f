#include "Clock.h"
#include "engine/MetricsServer.h"
#include "engine/SnapshotRecorder.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;

class TestMetricsServer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void recorderCoalescesAndServesMetrics() {
        StoreConfig c;
        c.sqlitePath = m_dir.filePath(u"m.db"_s);
        auto db = store::Database::open(c, {SnapshotStore::migrations()});
        QVERIFY(db.ok());
        auto clock = std::make_shared<ManualClock>(1'000'000);
        EngineSignals source;
        SnapshotRecorder recorder(clock, *db, u"engine-1"_s, 2000);
        recorder.follow(&source);

        for (int i = 0; i < 100; ++i)
            Q_EMIT source.rateGaugeChanged(
                {u"shop"_s, u"rest-bucket"_s, u"leaky-bucket"_s, double(i % 40), 40, 0, true, 0});
        Q_EMIT source.connectorHealthChanged(
            {u"shop"_s, HealthState::RateLimited, u"bucket full"_s, 0, 0, 100, 3, 7, 1});
        TokenState t;
        t.connectorId = u"shop"_s;
        t.accessExpiresMs = 1'000'000 + 3'600'000;
        Q_EMIT source.tokenStateChanged(t);

        // Nothing written before the interval; one write after it.
        QCOMPARE(SnapshotStore(*db).loadAll()->gauges.size(), 0);
        QCOMPARE(clock->pendingCount(), 1);
        clock->advance(2000);
        auto all = SnapshotStore(*db).loadAll();
        QCOMPARE(all->gauges.size(), 1);
        QCOMPARE(all->gauges[0].used, 99.0 - 80.0);
        QCOMPARE(all->health[0].state, HealthState::RateLimited);

        MetricsServer server(
            &recorder, [clock] { return clock->nowMs(); },
            [] { return QByteArray("bridgekeeper_leases_held 2\n"); });
        ListenConfig listen;
        listen.port = 0;
        QVERIFY(server.start(listen).ok());
        QNetworkAccessManager nam;
        QNetworkReply* reply =
            nam.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(server.port()))));
        QSignalSpy done(reply, &QNetworkReply::finished);
        QVERIFY(done.wait(5000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(reply->header(QNetworkRequest::ContentTypeHeader)
                    .toString()
                    .startsWith(u"text/plain"_s));
        const QByteArray text = reply->readAll();
        QVERIFY2(text.contains(
                     "bridgekeeper_connector_state{connector=\"shop\",state=\"rate-limited\"} 1"),
                 text.constData());
        QVERIFY(text.contains(
            "bridgekeeper_token_seconds_to_expiry{connector=\"shop\",token=\"access\"} 3598"));
        QVERIFY(text.contains(
            "bridgekeeper_quota_limit{connector=\"shop\",policy=\"rest-bucket\"} 40"));
        QVERIFY(text.endsWith("bridgekeeper_leases_held 2\n"));
        reply->deleteLater();

        QNetworkReply* other =
            nam.get(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/"_s.arg(server.port()))));
        QSignalSpy otherDone(other, &QNetworkReply::finished);
        QVERIFY(otherDone.wait(5000));
        QCOMPARE(other->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        other->deleteLater();
    }
};

QTEST_GUILESS_MAIN(TestMetricsServer)
#include "TestMetricsServer.moc"
