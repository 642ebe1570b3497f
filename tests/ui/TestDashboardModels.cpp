// The console's models on their own: Model/View contracts (QAbstractItemModelTester),
// coalesced updates, sorting on the typed role, and the pure retry and lag calculations.

#include "ConnectorStatusModel.h"
#include "EventLogModel.h"
#include "FlowProgressModel.h"
#include "LagHistory.h"
#include "RateGaugeModel.h"
#include "RetrySchedule.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace Qt::StringLiterals;
using bk::HealthState;
using bk::ui::ConnectorStatusModel;

namespace {
constexpr qint64 kStart = 1'767'225'600'000;

bk::ConnectorHealth health(const QString& id, HealthState s, quint64 ok = 0) {
    bk::ConnectorHealth h;
    h.connectorId = id;
    h.state = s;
    h.requestsOk = ok;
    return h;
}
} // namespace

class TestDashboardModels : public QObject {
    Q_OBJECT

    std::shared_ptr<bk::ManualClock> m_clock = std::make_shared<bk::ManualClock>(kStart);

private Q_SLOTS:
    void connectorModelPassesTesterAndCoalesces() {
        ConnectorStatusModel model(m_clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setConnectors({{u"exact"_s, u"Exact"_s, true},
                             {u"pipedrive"_s, u"Pipedrive"_s, true},
                             {u"old"_s, u"Old"_s, false}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(0, ConnectorStatusModel::StateColumn).data().toString(),
                 u"no report yet"_s);
        QCOMPARE(model.index(2, ConnectorStatusModel::StateColumn).data().toString(),
                 u"disabled"_s);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        // Many snapshots for several rows: one dataChanged spanning them, after the flush.
        for (int i = 0; i < 1000; ++i) {
            model.applyHealth(health(u"exact"_s, HealthState::Healthy, quint64(i)));
            model.applyHealth(health(u"pipedrive"_s, HealthState::RateLimited, quint64(i)));
        }
        model.applyHealth(health(u"shopify"_s, HealthState::CircuitOpen)); // not in the workspace
        QCOMPARE(changed.count(), 0);
        model.flush();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 0);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 1);
        QCOMPARE(changed.first().at(1).toModelIndex().column(),
                 ConnectorStatusModel::ColumnCount - 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(0, ConnectorStatusModel::OkColumn).data().toULongLong(), 999ULL);
        QCOMPARE(model.index(1, ConnectorStatusModel::StateColumn).data().toString(),
                 u"rate-limited"_s);
        QCOMPARE(model.index(3, ConnectorStatusModel::NameColumn).data().toString(), u"shopify"_s);
        QCOMPARE(model.worstState(), std::optional(HealthState::CircuitOpen));

        // The flush also runs by itself from the coalescing timer.
        model.applyHealth(health(u"shopify"_s, HealthState::Healthy));
        QTRY_COMPARE(model.index(3, 0).data(ConnectorStatusModel::HealthStateRole).toInt(),
                     int(HealthState::Healthy));
        QCOMPARE(model.worstState(), std::optional(HealthState::RateLimited));

        // The workspace reloads: rows keep the health already known.
        model.setConnectors({{u"pipedrive"_s, u"Pipedrive CRM"_s, true}});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, ConnectorStatusModel::StateColumn).data().toString(),
                 u"rate-limited"_s);
    }

    void sortsOnTheTypedRole() {
        ConnectorStatusModel model(m_clock);
        model.setConnectors(
            {{u"a"_s, u"A"_s, true}, {u"b"_s, u"B"_s, true}, {u"c"_s, u"C"_s, true}});
        model.applyHealth(health(u"a"_s, HealthState::Healthy, 9));
        model.applyHealth(health(u"b"_s, HealthState::CircuitOpen, 10));
        model.applyHealth(health(u"c"_s, HealthState::RateLimited, 100));
        model.flush();
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(ConnectorStatusModel::SortRole);
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.sort(ConnectorStatusModel::StateColumn, Qt::AscendingOrder);
        // Worst first, not alphabetical ("circuit open" < "healthy" < "rate-limited").
        QCOMPARE(proxy.index(0, 0).data(ConnectorStatusModel::ConnectorIdRole).toString(), u"b"_s);
        QCOMPARE(proxy.index(1, 0).data(ConnectorStatusModel::ConnectorIdRole).toString(), u"c"_s);
        QCOMPARE(proxy.index(2, 0).data(ConnectorStatusModel::ConnectorIdRole).toString(), u"a"_s);
        proxy.sort(ConnectorStatusModel::OkColumn, Qt::DescendingOrder);
        // Numerically: 100 > 10 > 9 (as text "9" would come first).
        QCOMPARE(proxy.index(0, 0).data(ConnectorStatusModel::ConnectorIdRole).toString(), u"c"_s);
        QCOMPARE(proxy.index(2, 0).data(ConnectorStatusModel::ConnectorIdRole).toString(), u"a"_s);
    }

    void circuitCountdownTicks() {
        ConnectorStatusModel model(m_clock);
        model.setConnectors({{u"exact"_s, u"Exact"_s, true}});
        auto h = health(u"exact"_s, HealthState::CircuitOpen);
        h.reason = u"5 consecutive 503s"_s;
        h.nextProbeMs = m_clock->nowMs() + 5 * 60'000;
        model.applyHealth(h);
        model.flush();
        const QModelIndex detail = model.index(0, ConnectorStatusModel::DetailColumn);
        QCOMPARE(detail.data().toString(), u"probe in 05:00 — 5 consecutive 503s"_s);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        m_clock->advance(61'000);
        model.tick();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(detail.data().toString(), u"probe in 03:59 — 5 consecutive 503s"_s);
    }

    void gaugeModel() {
        bk::ui::RateGaugeModel model(m_clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto gauge = [&](const QString& c, const QString& p, const QString& kind, double used,
                         double limit, bool server) {
            bk::RateGauge g;
            g.connectorId = c;
            g.policyId = p;
            g.kind = kind;
            g.used = used;
            g.limit = limit;
            g.resetAtMs = m_clock->nowMs() + 42'000;
            g.fromServer = server;
            return g;
        };
        model.setConnector(u"exact"_s);
        model.applyGauge(gauge(u"exact"_s, u"minutely"_s, u"fixed-window"_s, 30, 60, true));
        model.applyGauge(gauge(u"exact"_s, u"daily"_s, u"daily-quota"_s, 1200, 5000, false));
        model.applyGauge(gauge(u"pipedrive"_s, u"burst"_s, u"sliding-window"_s, 1, 80, true));
        model.flush();
        QCOMPARE(model.rowCount(), 2);
        int minutely =
            model.index(0, 0).data(bk::ui::RateGaugeModel::SortRole) == u"minutely"_s ? 0 : 1;
        int daily = 1 - minutely;
        using M = bk::ui::RateGaugeModel;
        QCOMPARE(model.index(minutely, M::UsageColumn).data().toString(), u"30 / 60"_s);
        QCOMPARE(model.index(minutely, M::LeftColumn).data().toString(), u"30 left"_s);
        QCOMPARE(model.index(minutely, M::ResetColumn).data().toString(), u"resets in 00:42"_s);
        QCOMPARE(model.index(minutely, M::SourceColumn).data().toString(), u"server"_s);
        QCOMPARE(model.index(daily, M::LeftColumn).data().toString(), u"3800 left today"_s);
        QCOMPARE(model.index(daily, M::SourceColumn).data().toString(), u"estimate"_s);
        QCOMPARE(model.index(minutely, M::UsageColumn).data(M::FractionRole).toDouble(), 0.5);

        model.applyGauge(gauge(u"exact"_s, u"minutely"_s, u"fixed-window"_s, 57, 60, true));
        model.flush();
        QCOMPARE(model.index(minutely, M::UsageColumn).data().toString(), u"57 / 60"_s);
        m_clock->advance(2000);
        model.tick();
        QCOMPARE(model.index(minutely, M::ResetColumn).data().toString(), u"resets in 00:40"_s);
        model.setConnector(u"pipedrive"_s);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, M::UsageColumn).data().toString(), u"1 / 80"_s);
    }

    void flowModel() {
        using M = bk::ui::FlowProgressModel;
        M model(m_clock);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFlows({{u"persons"_s, u"pipedrive/persons → exact/Contacts"_s}});
        bk::FlowProgress p;
        p.flowId = u"persons"_s;
        p.running = true;
        p.bulk = true;
        p.done = 250;
        p.total = 1000;
        p.etaMs = -1;
        p.nextRunMs = m_clock->nowMs() + 90'000;
        model.applyProgress(p);
        model.flush();
        QCOMPARE(model.index(0, M::StateColumn).data().toString(), u"bulk sync"_s);
        QCOMPARE(model.index(0, M::ProgressColumn).data(M::FractionRole).toDouble(), 0.25);
        QCOMPARE(model.index(0, M::EtaColumn).data().toString(), u"estimating…"_s);
        p.done = 500;
        p.etaMs = 125'000;
        model.applyProgress(p);
        bk::FlowProgress other;
        other.flowId = u"unknown-flow"_s;
        model.applyProgress(other);
        model.flush();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, M::EtaColumn).data().toString(), u"02:05 left"_s);
        QCOMPARE(model.index(0, M::NextRunColumn).data().toString(), u"in 01:30"_s);
        QVERIFY(!model.index(1, M::ProgressColumn).data(M::FractionRole).isValid());
    }

    void eventModelIsBoundedAndFiltered() {
        using M = bk::ui::EventLogModel;
        M alerts(m_clock, 10, u"warning"_s);
        QAbstractItemModelTester tester(&alerts,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&alerts, &QAbstractItemModel::rowsInserted);
        QSignalSpy added(&alerts, &M::eventsAdded);
        for (int i = 0; i < 30; ++i)
            alerts.applyEvent(bk::EngineEvent{i, m_clock->nowMs() + i, u"exact"_s, u"alert"_s,
                                              i % 3 == 0 ? u"info"_s : u"warning"_s,
                                              u"event %1"_s.arg(i)});
        alerts.flush();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(alerts.rowCount(), 10);
        QCOMPARE(alerts.index(0, M::MessageColumn).data().toString(),
                 u"event 29"_s); // newest first
        QCOMPARE(added.count(), 1);
        for (int i = 30; i < 33; ++i)
            alerts.applyEvent(bk::EngineEvent{i, m_clock->nowMs() + i, u"exact"_s, u"alert"_s,
                                              u"critical"_s, u"event %1"_s.arg(i)});
        alerts.flush();
        QCOMPARE(alerts.rowCount(), 10);
        QCOMPARE(alerts.index(0, M::MessageColumn).data().toString(), u"event 32"_s);
        QCOMPARE(alerts.index(0, M::SeverityColumn).data().toString(), u"critical"_s);
    }

    void retryScheduleByAttempts() {
        bk::ui::RetryPolicy p; // 5 attempts, 1 s base, 5 min cap, 15 min span, 20 %
        const auto s = bk::ui::computeRetrySchedule(p, 1);
        QCOMPARE(s.attempts.size(), 4);
        const QList<qint64> nominal{1000, 3000, 7000, 15000};
        const QList<qint64> earliest{800, 2400, 5600, 12000};
        const QList<qint64> latest{1200, 3600, 8400, 18000};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(s.attempts.at(i).attempt, i + 2);
            QCOMPARE(s.attempts.at(i).nominalMs, nominal.at(i));
            QCOMPARE(s.attempts.at(i).earliestMs, earliest.at(i));
            QCOMPARE(s.attempts.at(i).latestMs, latest.at(i));
        }
        QVERIFY(!s.limitedBySpan);
        QCOMPARE(s.deadLetterNominalMs, 15000);
        const auto later = bk::ui::computeRetrySchedule(p, 3);
        QCOMPARE(later.lastMadeMs, 3000);
        QCOMPARE(later.attempts.size(), 2);
        QCOMPARE(later.attempts.first().earliestMs, 3000 + 3200); // spent jitter is not added
        QCOMPARE(bk::ui::computeRetrySchedule(p, 5).attempts.size(), 0);
    }

    void retryScheduleBySpanAndCap() {
        bk::ui::RetryPolicy p;
        p.baseDelayMs = 60'000;
        p.maxDelayMs = 600'000;
        p.maxAttempts = 10;
        p.maxSpanMs = 900'000;
        const auto s = bk::ui::computeRetrySchedule(p, 1);
        // 60, 120, 240, 480 s reach 900 s exactly; the next (capped at 600 s) would not fit.
        QCOMPARE(s.attempts.size(), 4);
        QCOMPARE(s.attempts.last().nominalMs, 900'000);
        QVERIFY(s.limitedBySpan);
        QCOMPARE(s.deadLetterNominalMs, 900'000);
        p.maxSpanMs = 3 * 3'600'000;
        const auto capped = bk::ui::computeRetrySchedule(p, 1);
        QCOMPARE(capped.attempts.at(5).delayMs, 600'000); // 60 × 2^5 = 1920 s, capped
        QCOMPARE(capped.attempts.size(), 9);
        QVERIFY(!capped.limitedBySpan);
        const QJsonObject json{{u"maxAttempts"_s, 7},
                               {u"baseDelay"_s, u"2s"_s},
                               {u"maxSpan"_s, u"1h"_s},
                               {u"jitter"_s, 0.1}};
        const auto fromJson = bk::ui::retryPolicyFromJson(json);
        QCOMPARE(fromJson.maxAttempts, 7);
        QCOMPARE(fromJson.baseDelayMs, 2000);
        QCOMPARE(fromJson.maxDelayMs, 300'000);
        QCOMPARE(fromJson.maxSpanMs, 3'600'000);
        QCOMPARE(fromJson.jitter, 0.1);
    }

    void lagHistoryBucketsAndBounds() {
        bk::ui::LagHistory h;
        QVERIFY(!h.series(u"x"_s, false));
        // Two samples in one second fold into one point; p95 keeps the maximum.
        h.add({u"x"_s, kStart + 100, 100, 900, 3});
        h.add({u"x"_s, kStart + 600, 300, 400, 1});
        h.add({u"x"_s, kStart + 1500, 50, 60, 0});
        const auto* fine = h.series(u"x"_s, false);
        QCOMPARE(fine->size(), 2u);
        QCOMPARE(fine->at(0).p50Ms, 200.0);
        QCOMPARE(fine->at(0).p95Ms, 900.0);
        QCOMPARE(fine->at(0).backlog, 3);
        QCOMPARE(h.series(u"x"_s, true)->size(), 1u);
        // A day of one sample per second stays bounded at both resolutions.
        for (qint64 t = 0; t < 86'400; ++t)
            h.add({u"x"_s, kStart + 2000 + t * 1000, 10, 20, 1});
        QCOMPARE(h.series(u"x"_s, false)->size(), bk::ui::LagHistory::kFineCapacity);
        QCOMPARE(h.series(u"x"_s, true)->size(), bk::ui::LagHistory::kCoarseCapacity);
        QVERIFY(h.series(u"x"_s, false)->at(0).timeMs < h.series(u"x"_s, false)->back().timeMs);
    }
};

QTEST_MAIN(TestDashboardModels)
#include "TestDashboardModels.moc"
