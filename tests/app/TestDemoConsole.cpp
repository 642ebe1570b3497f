// The console on the real demo: DemoSession (in-process sandbox, accelerated clock), the real
// engine through ConsoleSession, and the real MainWindow widgets, offscreen. A connector turns
// red when the sandbox starts an Exact outage and green when it ends; the dead-letter page
// filters the demo's own dead letters, an edited payload is replayed and resolved, a discard
// with a reason shows up in the audit log.
#include "ConnectorStatusModel.h"
#include "ConsoleSession.h"
#include "HealthStyle.h"
#include "MainWindow.h"
#include "deadletters/AuditLogView.h"
#include "deadletters/DeadLetterModel.h"
#include "deadletters/DeadLetterPage.h"
#include "deadletters/DiscardDialog.h"
#include "deadletters/PayloadEditor.h"
#include "engine/DemoSession.h"
#include "engine/Engine.h"
#include "sandbox/Sandbox.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using bk::HealthState;
using bk::ui::ConnectorStatusModel;
using bk::ui::DeadLetterModel;

namespace {
// Fast enough that the scripted incidents and the 5-minute breaker cooldown pass in seconds,
// slow enough that the offscreen GUI keeps up on a loaded machine.
constexpr double kSpeed = 40.0;
constexpr int kLong = 30'000; // ms; QTRY timeouts (generous: 2 shared cores; a failing QTRY
                              // waits twice as long again to report)
} // namespace

class TestDemoConsole : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<bk::DemoSession> m_demo;
    std::unique_ptr<bk::ui::MainWindow> m_window;
    std::unique_ptr<bk::ConsoleSession> m_session;
    std::unique_ptr<QSignalSpy> m_incidents;
    QElapsedTimer m_elapsed;

    ConnectorStatusModel* connectors() const {
        return m_window->findChild<ConnectorStatusModel*>();
    }
    QString exactStateText() const {
        ConnectorStatusModel* m = connectors();
        const int row = m->rowOf(u"exact"_s);
        return row < 0 ? QString()
                       : m->index(row, ConnectorStatusModel::StateColumn).data().toString();
    }
    QColor exactStateColour() const {
        ConnectorStatusModel* m = connectors();
        const QModelIndex i = m->index(m->rowOf(u"exact"_s), ConnectorStatusModel::StateColumn);
        return i.data(Qt::ForegroundRole).value<QBrush>().color();
    }
    bool exactIsRed() const {
        // The colours the console paints an outage with (HealthStyle), text and colour agree.
        for (HealthState s : {HealthState::CircuitOpen, HealthState::VendorOutage})
            if (exactStateText() == bk::ui::healthText(s) &&
                exactStateColour() == bk::ui::healthColor(s).darker(115))
                return true;
        return false;
    }
    bool exactIsGreen() const {
        return exactStateText() == bk::ui::healthText(HealthState::Healthy) &&
               exactStateColour() == bk::ui::healthColor(HealthState::Healthy).darker(115);
    }
    bk::ui::DeadLetterPage* page() const {
        return m_window->findChild<bk::ui::DeadLetterPage*>(u"deadLetterPage"_s);
    }
    DeadLetterModel* letters() const { return page()->model(); }
    QString cell(int row, int column) const {
        return letters()->index(row, column).data().toString();
    }
    int rowWithBody(const QString& needle) const {
        for (int r = 0; r < letters()->rowCount(); ++r)
            if (const auto* d = letters()->letterAt(r);
                d && d->request.body.contains(needle.toUtf8()))
                return r;
        return -1;
    }
    void select(int row) {
        QTableView* t = page()->table();
        t->selectionModel()->setCurrentIndex(letters()->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
    }
    QPushButton* button(const char* name) const {
        return page()->findChild<QPushButton*>(QString::fromLatin1(name));
    }
    QLineEdit* flowFilter() const {
        for (auto* e : page()->findChildren<QLineEdit*>())
            if (e->accessibleName() == u"Filter by flow"_s)
                return e;
        return nullptr;
    }
    void log(const char* step) {
        std::printf("%6lld ms  %s\n", static_cast<long long>(m_elapsed.elapsed()), step);
        std::fflush(stdout);
    }

private Q_SLOTS:
    void initTestCase() {
        m_elapsed.start();
        QVERIFY(m_dir.isValid());
        QLoggingCategory::setFilterRules(u"bridgekeeper.*.info=false"_s);
        m_demo = std::make_unique<bk::DemoSession>(m_dir.path(), kSpeed);
        m_incidents = std::make_unique<QSignalSpy>(m_demo.get(), &bk::DemoSession::incident);
        m_window = std::make_unique<bk::ui::MainWindow>(m_dir.path(), m_demo->clock());
        m_session =
            std::make_unique<bk::ConsoleSession>(m_dir.path(), m_window.get(), m_demo->clock());
        QSignalSpy started(m_session.get(), &bk::ConsoleSession::engineStarted);
        QSignalSpy failed(m_session.get(), &bk::ConsoleSession::engineFailed);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_session->openDemo(m_demo.get());
        QTRY_VERIFY_WITH_TIMEOUT(!started.isEmpty() || !failed.isEmpty(), kLong);
        QVERIFY2(failed.isEmpty(), qPrintable(failed.value(0).value(0).toString()));
        QVERIFY(m_session->engine());
        QVERIFY(connectors());
        QVERIFY(page());
        log("engine started");
    }

    void exactTurnsRedDuringAnOutageAndGreenAfter() {
        QTRY_VERIFY_WITH_TIMEOUT(exactIsGreen(), kLong);
        log("exact healthy");
        // The demo scripts its own Exact outage (150 simulated seconds in); end it first so
        // the outage below is the only one and its end is ours to decide.
        auto exactIncident = [this] {
            for (const auto& args : *m_incidents)
                if (args.value(0).toString().contains(u"Exact Online is down"_s))
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(exactIncident(), kLong);
        m_demo->sandbox()->clearFaults();
        QTRY_VERIFY_WITH_TIMEOUT(exactIsGreen(), kLong);
        log("scripted outage over, exact healthy");

        bk::sandbox::Fault f;
        f.kind = bk::sandbox::Fault::Kind::Outage;
        f.vendor = bk::sandbox::Vendor::Exact;
        f.pathContains = u"/api/v1/"_s; // the REST API; tokens still refresh
        f.fromMs = m_demo->clock()->nowMs();
        f.untilMs = f.fromMs + 24 * 3600'000LL; // until cleared
        f.status = 503;
        QVERIFY(m_demo->sandbox()->injectFault(f) > 0);
        QTRY_VERIFY_WITH_TIMEOUT(exactIsRed(), kLong);
        std::printf("         exact shows \"%s\"\n", qPrintable(exactStateText()));
        log("exact red");
        // The window's title dot follows the worst connector.
        QVERIFY(connectors()->worstState() <= HealthState::VendorOutage);

        m_demo->sandbox()->clearFaults();
        QTRY_VERIFY_WITH_TIMEOUT(exactIsGreen(), kLong);
        log("exact green again");
    }

    void filterDeadLettersByFlow() {
        m_window->pages()->setCurrentWidget(page());
        // The two scripted invalid persons (empty last name, broken e-mail) are dead letters.
        // They arrive while the page is open (deadLetterChanged), no reload needed.
        QTRY_VERIFY_WITH_TIMEOUT(rowWithBody(u"Anouk"_s) >= 0 && rowWithBody(u"bram@"_s) >= 0,
                                 kLong);
        QLineEdit* flow = flowFilter();
        QVERIFY(flow);
        QTest::keyClicks(flow, u"persons-to-contacts"_s);
        QTRY_VERIFY_WITH_TIMEOUT(letters()->filter().flowId == u"persons-to-contacts"_s &&
                                     !letters()->isFetching(),
                                 kLong);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(letters()->rowCount()), letters()->total(), kLong);
        QVERIFY(letters()->rowCount() >= 2);
        for (int r = 0; r < letters()->rowCount(); ++r)
            QCOMPARE(cell(r, DeadLetterModel::Flow), u"persons-to-contacts"_s);
        QVERIFY(rowWithBody(u"Anouk"_s) >= 0);
        // The error class narrows it further: both scripted persons fail validation.
        auto* cls = page()->findChild<QComboBox*>(u"classFilter"_s);
        cls->setCurrentIndex(cls->findData(u"invalid"_s));
        QTRY_VERIFY_WITH_TIMEOUT(letters()->filter().cls == u"invalid"_s &&
                                     !letters()->isFetching() &&
                                     qint64(letters()->rowCount()) == letters()->total(),
                                 kLong);
        for (int r = 0; r < letters()->rowCount(); ++r) {
            QCOMPARE(cell(r, DeadLetterModel::Flow), u"persons-to-contacts"_s);
            QCOMPARE(cell(r, DeadLetterModel::Class), u"invalid"_s);
        }
        QTRY_VERIFY(rowWithBody(u"Anouk"_s) >= 0 && rowWithBody(u"bram@"_s) >= 0);
        log("filtered");
    }

    void editPayloadReplayAndResolve() {
        const int row = rowWithBody(u"Anouk"_s);
        QVERIFY(row >= 0);
        const qint64 id = letters()->index(row, 0).data(DeadLetterModel::IdRole).toLongLong();
        QCOMPARE(cell(row, DeadLetterModel::State), u"new"_s);
        select(row);
        auto* editor = page()->payloadEditor();
        QTRY_VERIFY(editor->textEdit()->toPlainText().contains(u"Anouk"_s));
        // The person had no last name and a work phone that is no Dutch number; an operator
        // supplies both.
        QJsonObject person =
            QJsonDocument::fromJson(editor->textEdit()->toPlainText().toUtf8()).object();
        QVERIFY(person.contains(u"last_name"_s));
        person.insert(u"last_name"_s, u"Jansen"_s);
        person.insert(u"name"_s, u"Anouk Jansen"_s);
        person.insert(u"phones"_s, QJsonArray{QJsonObject{{u"label"_s, u"work"_s},
                                                          {u"value"_s, u"+31 20 794 0100"_s},
                                                          {u"primary"_s, true}}});
        editor->textEdit()->setPlainText(
            QString::fromUtf8(QJsonDocument(person).toJson(QJsonDocument::Indented)));
        QVERIFY2(editor->isValid(), qPrintable(editor->problems().join(u'\n')));
        QTRY_VERIFY(button("replayButton")->isEnabled());
        QTest::mouseClick(button("replayButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cell(letters()->rowOf(id), DeadLetterModel::State), u"resolved"_s,
                                  kLong);
        QVERIFY(!button("replayButton")->isEnabled());
        // The contact arrived at the sandbox's Exact Online with the edited last name.
        bool arrived = false;
        for (const QString& cid :
             m_demo->sandbox()->recordIds(bk::sandbox::Vendor::Exact, u"Contacts"_s))
            if (m_demo->sandbox()
                    ->record(bk::sandbox::Vendor::Exact, u"Contacts"_s, cid)
                    .value(u"LastName"_s)
                    .toString() == u"Jansen"_s)
                arrived = true;
        QVERIFY(arrived);
        log("replayed and resolved");
    }

    void discardWithReasonIsAudited() {
        const int row = rowWithBody(u"bram@"_s);
        QVERIFY(row >= 0);
        const qint64 id = letters()->index(row, 0).data(DeadLetterModel::IdRole).toLongLong();
        select(row);
        QTRY_VERIFY(button("discardButton")->isEnabled());
        QTest::mouseClick(button("discardButton"), Qt::LeftButton);
        bk::ui::DiscardDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = page()->findChild<bk::ui::DiscardDialog*>()) && dialog->isVisible());
        auto* ok = dialog->buttons()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        const QString reason = u"test address, not a customer"_s;
        QTest::keyClicks(dialog->reasonEdit(), reason);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(cell(letters()->rowOf(id), DeadLetterModel::State),
                                  u"discarded"_s, kLong);

        auto* tabs = page()->findChild<QTabWidget*>(u"deadLetterTabs"_s);
        auto* audit = page()->auditLog();
        QSignalSpy refreshed(audit, &bk::ui::AuditLogView::refreshed);
        tabs->setCurrentWidget(audit);
        audit->refresh();
        QTRY_VERIFY(!refreshed.isEmpty());
        QTableWidget* t = audit->table();
        bool discard = false, replay = false;
        for (int r = 0; r < t->rowCount(); ++r) {
            const QString action = t->item(r, 2)->text();
            if (action.contains(u"discard"_s) && t->item(r, 5)->toolTip().contains(reason))
                discard = true;
            if (action.contains(u"replay"_s))
                replay = true;
        }
        QVERIFY2(discard, "no discard entry with the reason in the audit view");
        QVERIFY2(replay, "no replay entry in the audit view");
        QVERIFY2(audit->verification().startsWith(u"Chain verified"_s),
                 qPrintable(audit->verification()));
        log("discarded and audited");
    }

    void cleanupTestCase() {
        if (m_session)
            m_session->stop();
        m_session.reset();
        m_window.reset();
        m_demo.reset();
    }
};

QTEST_MAIN(TestDemoConsole)
#include "TestDemoConsole.moc"
