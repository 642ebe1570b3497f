// The real main window, offscreen, on the sample workspace, driven by a FakeEngine through
// a real EngineSignals and by a ManualClock: health colours, countdowns, gauges, the lag
// chart, the breaker console's commands, notifications and the alert history.

#include "BreakerPanel.h"
#include "ConnectorDetail.h"
#include "ConnectorStatusModel.h"
#include "DashboardPage.h"
#include "EventLogModel.h"
#include "FakeEngine.h"
#include "HealthStyle.h"
#include "LagChart.h"
#include "MainWindow.h"
#include "RateGaugeModel.h"
#include "RetryPreviewWidget.h"
#include "TokenPanel.h"
#include "TrayController.h"

#include <thread>

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using bk::HealthState;
using bk::ui::ConnectorStatusModel;

namespace {
constexpr qint64 kStart = 1'767'225'600'000; // 2026-01-01T00:00:00Z
constexpr qint64 kDay = 86'400'000;
} // namespace

class TestConsoleWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<bk::ManualClock> m_clock;
    std::unique_ptr<FakeEngine> m_engine;
    std::unique_ptr<bk::ui::MainWindow> m_window;

    bk::ui::DashboardPage* dash() const { return m_window->dashboard(); }
    ConnectorStatusModel* connectors() const { return dash()->connectorModel(); }
    QString stateOf(const QString& id) const {
        const int row = connectors()->rowOf(id);
        return connectors()->index(row, ConnectorStatusModel::StateColumn).data().toString();
    }
    QString detailOf(const QString& id) const {
        const int row = connectors()->rowOf(id);
        return connectors()->index(row, ConnectorStatusModel::DetailColumn).data().toString();
    }
    // Moves time on by ms without running a tick per second, then lets one tick run.
    void jump(qint64 ms) {
        m_clock->setNow(m_clock->nowMs() + ms - 1000);
        m_clock->advance(1000);
    }
    QPushButton* button(const char* name) const {
        return m_window->findChild<QPushButton*>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init() {
        m_clock = std::make_shared<bk::ManualClock>(kStart);
        m_engine = std::make_unique<FakeEngine>();
        m_window = std::make_unique<bk::ui::MainWindow>(m_dir.path(), m_clock);
        m_window->attachEngine(&m_engine->engineSignals, m_engine.get());
        m_window->show();
        QSignalSpy opened(m_window.get(), &bk::ui::MainWindow::workspaceOpened);
        m_window->openWorkspace(QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json"));
        QVERIFY(opened.wait(10'000));
        QCOMPARE(connectors()->rowCount(), 3);
    }

    void cleanup() {
        m_window.reset();
        m_engine.reset();
    }

    void connectorTurnsRedThenGreen() {
        const qint64 now = m_clock->nowMs();
        m_engine->health(u"exact"_s, HealthState::Healthy, {}, now - 3'600'000, 0, 120, 0);
        m_engine->health(u"pipedrive"_s, HealthState::Healthy);
        m_engine->health(u"shopify"_s, HealthState::Healthy);
        QTRY_COMPARE(stateOf(u"exact"_s), u"healthy"_s);
        QCOMPARE(m_window->tray()->colour(), bk::ui::healthColor(HealthState::Healthy));
        QVERIFY(m_window->tray()->toolTip().contains(u"all connectors healthy"_s));

        m_engine->health(u"exact"_s, HealthState::CircuitOpen, u"5 consecutive 503s"_s, now,
                         now + 150'000, 120, 5);
        QTRY_VERIFY(stateOf(u"exact"_s).startsWith(u"circuit open"_s));
        QCOMPARE(m_window->tray()->colour(), bk::ui::healthColor(HealthState::CircuitOpen));
        QCOMPARE(connectors()
                     ->index(connectors()->rowOf(u"exact"_s), 0)
                     .data(Qt::DecorationRole)
                     .value<QIcon>()
                     .pixmap(16)
                     .toImage()
                     .pixelColor(8, 8),
                 bk::ui::healthColor(HealthState::CircuitOpen));
        QCOMPARE(detailOf(u"exact"_s), u"probe in 02:30 — 5 consecutive 503s"_s);
        QCOMPARE(stateOf(u"exact"_s), u"circuit open (probe in 02:30)"_s);
        dash()->selectConnector(u"exact"_s);
        QVERIFY(dash()->detail()->stateText().startsWith(u"circuit open — probe in 02:30"_s));
        QCOMPARE(dash()->detail()->breakerPanel()->stateText(),
                 u"Open — probe in 02:30 (cooldown); opened now"_s);

        m_clock->advance(30'000); // the ticker runs inside advance()
        QCOMPARE(detailOf(u"exact"_s), u"probe in 02:00 — 5 consecutive 503s"_s);
        QCOMPARE(stateOf(u"exact"_s), u"circuit open (probe in 02:00)"_s);
        QVERIFY(
            dash()->detail()->breakerPanel()->stateText().startsWith(u"Open — probe in 02:00"_s));

        m_engine->health(u"exact"_s, HealthState::Healthy, u"probe succeeded"_s, m_clock->nowMs());
        QTRY_COMPARE(stateOf(u"exact"_s), u"healthy"_s);
        QCOMPARE(m_window->tray()->colour(), bk::ui::healthColor(HealthState::Healthy));
        QCOMPARE(dash()->detail()->breakerPanel()->stateText(), u"Closed"_s);
    }

    void snapshotsFromAWorkerThreadArriveQueued() {
        std::thread worker([this] {
            for (int i = 0; i < 2000; ++i)
                m_engine->health(u"pipedrive"_s,
                                 i % 2 ? HealthState::RateLimited : HealthState::Degraded,
                                 u"burst %1"_s.arg(i), 0, 0, quint64(i));
        });
        worker.join();
        QTRY_COMPARE(detailOf(u"pipedrive"_s), u"burst 1999"_s);
        QCOMPARE(stateOf(u"pipedrive"_s), u"rate-limited"_s);
    }

    void countdownsFollowTheClock() {
        dash()->selectConnector(u"exact"_s);
        bk::TokenState t;
        t.connectorId = u"exact"_s;
        t.authorised = true;
        t.accessExpiresMs = m_clock->nowMs() + 10 * 60'000;
        t.nextRefreshMs = m_clock->nowMs() + 4 * 60'000 + 10'000;
        t.refreshExpiresMs = m_clock->nowMs() + 10 * kDay + 3'600'000;
        t.lastRefreshMs = m_clock->nowMs() - 60'000;
        t.lastRefreshOk = true;
        m_engine->token(t);
        auto* panel = dash()->detail()->tokenPanel();
        QTRY_COMPARE(panel->accessText(), u"refreshes in 04:10"_s);
        QCOMPARE(panel->refreshText(), u"expires in 10 day(s)"_s);
        QVERIFY(panel->lastRefreshText().endsWith(u"(1 min ago) — succeeded"_s));
        auto styleOf = [panel](const QString& text) {
            for (QLabel* l : panel->findChildren<QLabel*>())
                if (l->text() == text)
                    return l->styleSheet();
            return QString();
        };
        QVERIFY(styleOf(panel->refreshText()).isEmpty()); // more than 7 days: no colour

        m_clock->advance(10'000);
        QCOMPARE(panel->accessText(), u"refreshes in 04:00"_s);
        jump(3 * kDay + 3'600'000 - 10'000); // exactly 7 days left: amber
        QCOMPARE(panel->refreshText(), u"expires in 7 day(s)"_s);
        QVERIFY(styleOf(panel->refreshText()).contains(bk::ui::warnColour().name()));
        // No refresh arrived meanwhile: the access token has run out.
        QCOMPARE(panel->accessText(), u"expired 3d 00:50 ago"_s);
        QVERIFY(styleOf(panel->accessText()).contains(bk::ui::badColour().name()));
        jump(6 * kDay + 3'600'000); // 23 hours left: red, as a countdown
        QCOMPARE(panel->refreshText(), u"expires in 23:00:00"_s);
        QVERIFY(styleOf(panel->refreshText()).contains(bk::ui::badColour().name()));

        t.lastRefreshOk = false;
        t.lastRefreshMessage = u"invalid_grant"_s;
        t.lastRefreshMs = m_clock->nowMs();
        t.nextRefreshMs = m_clock->nowMs() + 60'000;
        t.accessExpiresMs = m_clock->nowMs() + 120'000;
        m_engine->token(t);
        QTRY_VERIFY(panel->lastRefreshText().endsWith(u"failed: invalid_grant"_s));
        QCOMPARE(panel->accessText(), u"refreshes in 01:00"_s);
    }

    void reauthoriseCallsTheHook() {
        QStringList asked;
        m_window->setReauthoriseHook([&asked](const QString& id) { asked << id; });
        dash()->selectConnector(u"shopify"_s);
        QPushButton* reauth = button("reauthorise");
        QVERIFY(reauth && reauth->isEnabled());
        QTest::mouseClick(reauth, Qt::LeftButton);
        QCOMPARE(asked, QStringList{u"shopify"_s});
    }

    void gaugesUpdate() {
        dash()->selectConnector(u"exact"_s);
        const qint64 now = m_clock->nowMs();
        m_engine->gauge(u"exact"_s, u"minutely"_s, u"fixed-window"_s, 30, 60, now + 42'000, true);
        m_engine->gauge(u"shopify"_s, u"rest-bucket"_s, u"leaky-bucket"_s, 39, 40, 0, true);
        auto* model = dash()->gaugeModel();
        using M = bk::ui::RateGaugeModel;
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, M::UsageColumn).data().toString(), u"30 / 60"_s);
        QCOMPARE(model->index(0, M::ResetColumn).data().toString(), u"resets in 00:42"_s);
        m_engine->gauge(u"exact"_s, u"minutely"_s, u"fixed-window"_s, 58, 60, now + 42'000, false);
        m_engine->gauge(u"exact"_s, u"daily"_s, u"daily-quota"_s, 4000, 5000, now + kDay / 2, true);
        QTRY_COMPARE(model->rowCount(), 2);
        QCOMPARE(model->index(0, M::UsageColumn).data().toString(), u"58 / 60"_s);
        QCOMPARE(model->index(0, M::SourceColumn).data().toString(), u"estimate"_s);
        QCOMPARE(model->index(1, M::LeftColumn).data().toString(), u"1000 left today"_s);
        m_clock->advance(12'000);
        QCOMPARE(model->index(0, M::ResetColumn).data().toString(), u"resets in 00:30"_s);
        // The view paints through the gauge delegate without complaint.
        auto* view = dash()->detail()->gaugeView();
        QVERIFY(!view->grab().isNull());
        dash()->selectConnector(u"shopify"_s);
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, M::UsageColumn).data(M::FractionRole).toDouble(), 39.0 / 40.0);
    }

    void lagChartGrowsIncrementally() {
        dash()->selectConnector(u"shopify"_s);
        auto* chart = dash()->detail()->lagChart();
        QCOMPARE(chart->pointCount(), 0);
        const qint64 now = m_clock->nowMs();
        for (int i = 0; i < 30; ++i)
            m_engine->lag(u"shopify"_s, now - (30 - i) * 10'000, 200 + i, 900 + i * 10, i);
        QTRY_COMPARE(chart->pointCount(), 30);
        m_engine->lag(u"shopify"_s, now + 500, 100, 5000, 40);
        m_engine->lag(u"exact"_s, now + 500, 100, 5000, 40); // another connector: not shown
        QTRY_COMPARE(chart->pointCount(), 31);
        m_engine->lag(u"shopify"_s, now + 700, 100, 9000, 41); // same second: merged in place
        QTest::qWait(250);
        QCOMPARE(chart->pointCount(), 31);
        // Samples older than the hour slide out as time moves on.
        jump(3'450'000);
        m_engine->lag(u"shopify"_s, m_clock->nowMs(), 100, 200, 0);
        QTRY_COMPARE(chart->pointCount(), 32 - 15);
        chart->setDayRange(true);
        QCOMPARE(chart->pointCount(), 7); // one-minute buckets over the same samples
        dash()->selectConnector(u"exact"_s);
        QCOMPARE(chart->pointCount(), 1);
    }

    void breakerConsoleSendsCommands() {
        const qint64 now = m_clock->nowMs();
        m_engine->health(u"exact"_s, HealthState::CircuitOpen, u"5 consecutive 503s"_s, now,
                         now + 300'000);
        QTRY_VERIFY(stateOf(u"exact"_s).startsWith(u"circuit open"_s));
        dash()->selectConnector(u"exact"_s);
        QVERIFY(!button("forceOpen")->isEnabled());
        QTest::mouseClick(button("probeNow"), Qt::LeftButton);
        QTest::mouseClick(button("forceClose"), Qt::LeftButton);
        QCOMPARE(m_engine->commands, (QStringList{u"probe:exact"_s, u"breaker:exact:close"_s}));

        m_engine->health(u"exact"_s, HealthState::Healthy);
        QTRY_VERIFY(button("forceOpen")->isEnabled());
        QVERIFY(!button("probeNow")->isEnabled());
        QTest::mouseClick(button("forceOpen"), Qt::LeftButton);
        QTest::mouseClick(button("pauseResume"), Qt::LeftButton);
        m_engine->health(u"exact"_s, HealthState::Paused, u"paused by operator"_s);
        QTRY_COMPARE(stateOf(u"exact"_s), u"paused"_s);
        QTest::mouseClick(button("pauseResume"), Qt::LeftButton);
        QCOMPARE(m_engine->commands,
                 (QStringList{u"probe:exact"_s, u"breaker:exact:close"_s, u"breaker:exact:open"_s,
                              u"pause:exact"_s, u"resume:exact"_s}));
        // Detached: the console stops sending.
        m_window->attachEngine(nullptr, nullptr);
        QVERIFY(!button("pauseResume")->isEnabled());
    }

    void warningsNotifyAndLandInTheAlertHistory() {
        QSignalSpy notified(m_window->tray(), &bk::ui::TrayController::notified);
        const qint64 now = m_clock->nowMs();
        m_engine->event(1, now, u"exact"_s, u"token-refreshed"_s, u"info"_s, u"refreshed"_s);
        m_engine->event(2, now, u"exact"_s, u"breaker-open"_s, u"critical"_s, u"circuit opened"_s);
        QTRY_COMPARE(notified.count(), 1);
        QCOMPARE(notified.first().at(0).toString(), u"Exact Online (NL): critical"_s);
        QCOMPARE(notified.first().at(1).toString(), u"circuit opened"_s);
        m_engine->event(3, now + 1, u"shopify"_s, u"alert"_s, u"warning"_s, u"lag above 5 min"_s);
        m_engine->event(4, now + 2, u"shopify"_s, u"alert"_s, u"warning"_s, u"backlog 900"_s);
        auto* alerts = m_window->alertModel();
        QTRY_COMPARE(alerts->rowCount(), 3); // the info event is not an alert
        QCOMPARE(notified.count(), 1);       // throttled for 5 s
        m_clock->advance(5000);
        QCOMPARE(notified.count(), 2);
        QCOMPARE(notified.last().at(1).toString(), u"2 more alert(s); see the alert history."_s);
        QCOMPARE(dash()->eventModel()->rowCount(), 4);
        QCOMPARE(alerts->index(0, bk::ui::EventLogModel::MessageColumn).data().toString(),
                 u"backlog 900"_s);
        QCOMPARE(alerts->index(0, bk::ui::EventLogModel::ConnectorColumn).data().toString(),
                 u"Shopify webshop"_s);
    }

    void retryPreviewUsesTheConnectorPolicy() {
        auto* preview = m_window->retryPreview();
        QCOMPARE(preview->policy().maxAttempts, 5);
        QCOMPARE(preview->policy().maxSpanMs, 15 * 60'000);
        QCOMPARE(preview->schedule().attempts.size(), 4);
        QVERIFY(preview->summaryText().startsWith(
            u"Becomes a dead letter if attempt 5 (the last of 5) fails: +00:15"_s));
        preview->setAttemptsMade(4);
        QCOMPARE(preview->schedule().attempts.size(), 1);
    }

    void keychainLineShowsTheHook() {
        int calls = 0;
        m_window->setKeychainHealthHook([&calls] {
            ++calls;
            return u"Secret Service answers"_s;
        });
        QCOMPARE(calls, 1);
        bool found = false;
        for (QLabel* l : m_window->findChildren<QLabel*>())
            found = found || l->text() == u"Keychain: Secret Service answers"_s;
        QVERIFY(found);
        m_clock->advance(30'000);
        QCOMPARE(calls, 2);
    }
};

QTEST_MAIN(TestConsoleWindow)
#include "TestConsoleWindow.moc"
