// The dead-letter editor, offscreen, with real widgets over a real SQLite dead-letter store
// (1,000 letters) and a fake engine that resolves or discards letters in that store and then
// emits deadLetterChanged like the real one: lazy paging, filters, payload validation and
// diff, replay, replay to another target, dry run, bulk replay as a persisted job (real
// ReplayJobStore) with cancel, discard with a required reason, the audit log and its chain
// check, export, and new letters appearing live without resetting the view.

#include "deadletters/AuditLogView.h"
#include "deadletters/DeadLetterModel.h"
#include "deadletters/DeadLetterPage.h"
#include "deadletters/DiscardDialog.h"
#include "deadletters/DryRunView.h"
#include "deadletters/PayloadEditor.h"
#include "deadletters/ReplayJobs.h"
#include "deadletters/ReplayJobsPanel.h"

#include <cstdio>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace bk;
using bk::deadletters::DeadLetterStore;
using bk::ui::DeadLetterModel;

namespace {

constexpr int kLetters = 1000;

/// Records commands; unless holding, resolves/discards in the store and then, from the event
/// loop (the engine's signals arrive queued), emits deadLetterChanged.
class FakeCommands : public EngineCommands {
public:
    FakeCommands(std::shared_ptr<DeadLetterStore> store, EngineSignals* sig,
                 std::shared_ptr<deadletters::ReplayJobStore> jobs)
        : m_store(std::move(store))
        , m_signals(sig)
        , m_jobs(std::move(jobs)) {}

    struct Replay {
        qint64 id;
        QByteArray body;
        QString user;
    };
    QList<Replay> replays;
    QList<std::pair<qint64, QString>> discards;
    QList<std::pair<qint64, ReplayTarget>> dryRuns;
    QList<QByteArray> dryRunBodies;
    QList<std::pair<qint64, ReplayTarget>> replaysTo;
    QList<QList<qint64>> jobRequests;
    QList<qint64> cancels;
    bool hold = false; ///< accept replays and jobs but never answer (for cancel)

    void pauseConnector(const QString&) override {}
    void resumeConnector(const QString&) override {}
    void forceBreaker(const QString&, bool) override {}
    void probeNow(const QString&) override {}
    void runFlowNow(const QString&) override {}
    void reconcileNow(const QString&) override {}
    void replayDeadLetter(qint64 id, const QByteArray& body, const QString& user) override {
        replays.append({id, body, user});
        if (hold)
            return;
        if (!body.isEmpty())
            QVERIFY(m_store->editBody(id, body, user).ok());
        auto request = m_store->beginReplay(id, user);
        QVERIFY(request.ok());
        http::Outcome ok;
        ok.status = 201;
        QVERIFY(m_store->replaySucceeded(request->deadLetterKey, ok).ok());
        QTimer::singleShot(0, m_signals, [this, id]() { Q_EMIT m_signals->deadLetterChanged(id); });
    }
    void discardDeadLetter(qint64 id, const QString& reason, const QString& user) override {
        discards.append({id, reason});
        QVERIFY(m_store->discard(id, user, reason).ok());
        QTimer::singleShot(0, m_signals, [this, id]() { Q_EMIT m_signals->deadLetterChanged(id); });
    }

    void dryRunDeadLetter(qint64 id, const QByteArray& body, const ReplayTarget& t) override {
        // Like the engine: the payload checked against pipedrive/persons (name required).
        dryRuns.append({id, t});
        dryRunBodies.append(body);
        DryRunResult r;
        r.deadLetterId = id;
        r.target = t;
        r.connectorId = t.id.isEmpty() ? u"pipedrive"_s : t.id;
        r.method = u"POST"_s;
        r.url = u"https://api.pipedrive.com/v1/persons"_s;
        r.body = body.isEmpty() ? m_store->get(id)->request.body : body;
        r.schemaName = u"pipedrive/persons"_s;
        if (!QJsonDocument::fromJson(r.body).object().contains(u"name"_s))
            r.violations.append({u"$.name"_s, u"required"_s, u"required field is missing"_s, {}});
        QTimer::singleShot(0, m_signals, [this, r]() { Q_EMIT m_signals->dryRunFinished(r); });
    }
    void listReplayTargets(qint64 id) override {
        QList<ReplayTargetOption> targets{{{ReplayTarget::Kind::Connector, u"pipedrive-eu"_s},
                                           u"Connector pipedrive-eu"_s,
                                           u"POST https://eu.pipedrive.example/v1/persons"_s}};
        QTimer::singleShot(0, m_signals, [this, id, targets]() {
            Q_EMIT m_signals->replayTargetsListed(id, targets);
        });
    }
    void replayDeadLetterTo(qint64 id, const QByteArray& body, const ReplayTarget& t,
                            const QString& user) override {
        replaysTo.append({id, t});
        if (!body.isEmpty())
            QVERIFY(m_store->editBody(id, body, user).ok());
        deadletters::ReplayRedirect to;
        to.connectorId = t.id;
        to.label = u"connector "_s + t.id;
        auto request = m_store->beginReplay(id, user, to);
        QVERIFY(request.ok());
        http::Outcome ok;
        ok.status = 201;
        QVERIFY(m_store->replaySucceeded(request->deadLetterKey, ok).ok());
        QTimer::singleShot(0, m_signals, [this, id]() {
            Q_EMIT m_signals->deadLetterChanged(id);
            Q_EMIT m_signals->replayFinished(id, true, {});
        });
    }
    void startReplayJob(const QList<qint64>& ids, const QString& user) override {
        jobRequests.append(ids);
        auto created = m_jobs->create(ids, user);
        QVERIFY(created.ok());
        for (qint64 jobId : *created) {
            publish(jobId);
            if (hold)
                continue;
            auto items = m_jobs->items(jobId, deadletters::ItemState::Pending);
            QVERIFY(items.ok());
            for (const auto& item : *items) {
                auto request = m_store->beginReplay(item.letterId, user);
                QVERIFY(request.ok());
                http::Outcome ok;
                ok.status = 201;
                QVERIFY(m_store->replaySucceeded(request->deadLetterKey, ok).ok());
                QVERIFY(m_jobs->setItem(jobId, item.seq, deadletters::ItemState::Resolved).ok());
                QTimer::singleShot(0, m_signals, [this, id = item.letterId]() {
                    Q_EMIT m_signals->deadLetterChanged(id);
                });
                publish(jobId);
            }
            QVERIFY(m_jobs->setState(jobId, deadletters::JobState::Finished).ok());
            publish(jobId);
        }
    }
    void cancelReplayJob(qint64 jobId, const QString& user) override {
        cancels.append(jobId);
        QVERIFY(m_jobs->cancel(jobId, user).ok());
        publish(jobId);
    }
    void refreshReplayJobs() override {}

private:
    void publish(qint64 jobId) {
        auto j = m_jobs->job(jobId);
        QVERIFY(j.ok());
        ReplayJobProgress p;
        p.jobId = j->id;
        p.connectorId = j->connectorId;
        p.user = j->user;
        p.state = deadletters::jobStateName(j->state);
        p.pauseReason = j->pauseReason;
        p.total = j->total;
        p.resolved = j->resolved;
        p.failed = j->failed;
        p.skipped = j->skipped;
        p.inFlight = j->sent;
        QTimer::singleShot(0, m_signals, [this, p]() { Q_EMIT m_signals->replayJobChanged(p); });
    }

    std::shared_ptr<DeadLetterStore> m_store;
    EngineSignals* m_signals;
    std::shared_ptr<deadletters::ReplayJobStore> m_jobs;
};

http::OutcomeClass classOf(int i) {
    switch (i % 4) {
    case 0:
        return http::OutcomeClass::Permanent;
    case 1:
        return http::OutcomeClass::Transient;
    case 2:
        return http::OutcomeClass::Invalid;
    default:
        return http::OutcomeClass::RateLimited;
    }
}

} // namespace

class TestDeadLetterEditor : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<ManualClock> m_clock = std::make_shared<ManualClock>();
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<DeadLetterStore> m_store;
    EngineSignals m_signals;
    std::unique_ptr<FakeCommands> m_commands;
    std::unique_ptr<ui::DeadLetterPage> m_page;
    int m_invalidCount = 0;

    DeadLetterModel* model() const { return m_page->model(); }
    QPushButton* button(const char* name) const {
        return m_page->findChild<QPushButton*>(QLatin1String(name));
    }
    QString cell(int row, int column) const {
        return model()->index(row, column).data().toString();
    }
    void select(const QList<int>& rows) {
        auto* sel = m_page->table()->selectionModel();
        sel->clearSelection();
        for (int r : rows)
            sel->select(model()->index(r, 0),
                        QItemSelectionModel::Select | QItemSelectionModel::Rows);
        sel->setCurrentIndex(model()->index(rows.first(), 0), QItemSelectionModel::NoUpdate);
    }
    void setClassFilter(const QString& cls) {
        auto* combo = m_page->findChild<QComboBox*>(u"classFilter"_s);
        combo->setCurrentIndex(combo->findData(cls));
    }

private Q_SLOTS:
    void initTestCase() {
        // One info line per stored letter would drown the test output.
        QLoggingCategory::setFilterRules(u"bridgekeeper.deadletters.info=false"_s);
        QVERIFY(m_dir.isValid());
        StoreConfig c;
        c.sqlitePath = m_dir.filePath(u"dlq.db"_s);
        c.url = u"sqlite:"_s + c.sqlitePath;
        auto db = store::Database::open(c, {deadletters::deadlettersMigrations()});
        QVERIFY2(db.ok(), db ? "" : qPrintable(db.error().message));
        m_db = *db;
        m_store = std::make_shared<DeadLetterStore>(m_db, m_clock);
        for (int i = 0; i < kLetters; ++i) {
            http::Request r;
            r.method = "POST";
            r.url = QUrl(u"https://api.pipedrive.com/v1/persons"_s);
            r.headers = {{"Content-Type", "application/json"},
                         {"Authorization", "Bearer secret-token"}};
            r.body =
                QJsonDocument(QJsonObject{{u"name"_s, u"Person %1"_s.arg(i)}, {u"org_id"_s, i}})
                    .toJson(QJsonDocument::Compact);
            r.connectorId = u"pipedrive"_s;
            r.flowId = i % 2 ? u"contacts"_s : u"deals"_s;
            r.recordIds = {u"rec-%1"_s.arg(i)};
            http::Outcome o;
            o.cls = classOf(i);
            o.status = o.cls == http::OutcomeClass::Transient ? 503 : 422;
            o.reason = u"gave up: HTTP %1 for Person %2"_s.arg(o.status).arg(i);
            http::Attempt a;
            a.timeMs = m_clock->nowMs();
            a.status = o.status;
            a.cls = o.cls;
            a.excerpt = u"{\"error\":\"name rejected\"}"_s;
            o.attempts = {a, a};
            QVERIFY(m_store->deadLetter(r, o, u"outbox:pipedrive:%1"_s.arg(i)).ok());
            if (o.cls == http::OutcomeClass::Invalid)
                ++m_invalidCount;
            m_clock->advance(60'000);
        }
        m_commands = std::make_unique<FakeCommands>(
            m_store, &m_signals, std::make_shared<deadletters::ReplayJobStore>(m_db, m_clock));
        auto catalog = ConnectorCatalog::load();
        QVERIFY(catalog.ok());
        QElapsedTimer opening;
        opening.start();
        m_page = std::make_unique<ui::DeadLetterPage>(m_store, *catalog, &m_signals,
                                                      m_commands.get(), u"alice"_s);
        // No store read on the GUI thread: building the page does not wait for the rows.
        QVERIFY2(opening.elapsed() < 1000, qPrintable(QString::number(opening.elapsed())));
        std::printf("1,000 letters: page built in %lld ms\n",
                    static_cast<long long>(opening.elapsed()));
        m_page->resize(1400, 820);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    }

    void loadsLazilyPageByPage() {
        QAbstractItemModelTester tester(model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The view and the tester fetch as they need; never everything at once.
        QTRY_VERIFY(model()->rowCount() >= DeadLetterModel::PageSize && !model()->isFetching());
        QTRY_COMPARE(model()->total(), qint64(kLetters));
        const int loaded = model()->rowCount();
        QCOMPARE(loaded % DeadLetterModel::PageSize, 0);
        QVERIFY(loaded < kLetters);
        // Newest first.
        QCOMPARE(cell(0, DeadLetterModel::Reason), u"gave up: HTTP 422 for Person 999"_s);
        QVERIFY(model()->canFetchMore());
        model()->fetchMore();
        QVERIFY(!model()->canFetchMore()); // one read at a time
        QTRY_VERIFY(model()->rowCount() >= loaded + DeadLetterModel::PageSize);
        QVERIFY(model()->index(0, 0).data(DeadLetterModel::IdRole).toLongLong() >
                model()->index(1, 0).data(DeadLetterModel::IdRole).toLongLong());
    }

    void filterByClassNarrowsRows() {
        QAbstractItemModelTester tester(model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        setClassFilter(u"invalid"_s);
        QTRY_COMPARE(model()->total(), qint64(m_invalidCount));
        QTRY_VERIFY(model()->rowCount() >= DeadLetterModel::PageSize);
        for (int r = 0; r < model()->rowCount(); ++r)
            QCOMPARE(model()->index(r, 0).data(DeadLetterModel::ClassRole).toString(),
                     u"invalid"_s);
        while (model()->canFetchMore()) {
            model()->fetchMore();
            QTRY_VERIFY(!model()->isFetching());
        }
        QCOMPARE(model()->rowCount(), m_invalidCount);
        setClassFilter(QString());
        QTRY_COMPARE(model()->total(), qint64(kLetters));
        QTRY_VERIFY(model()->rowCount() >= DeadLetterModel::PageSize && !model()->isFetching());
        QVERIFY(model()->rowCount() < kLetters);
    }

    void textSearchIsDebounced() {
        auto* search = m_page->findChild<QLineEdit*>(u"searchFilter"_s);
        QSignalSpy totals(model(), &DeadLetterModel::totalChanged);
        search->setText(u"Person 4"_s);
        search->setText(u"Person 42"_s);             // typed quickly: one query, for the final text
        QCOMPARE(model()->filter().text, QString()); // not yet: the debounce is running
        QTRY_COMPARE(model()->total(), qint64(11));  // Person 42 and 420…429
        QCOMPARE(totals.size(), 1);
        QTRY_COMPARE(model()->rowCount(), 11);
        search->clear();
        QTRY_COMPARE(model()->total(), qint64(kLetters));
        QTRY_VERIFY(model()->rowCount() >= DeadLetterModel::PageSize && !model()->isFetching());
    }

    void editValidateAndReplay() {
        select({0});
        const qint64 id = model()->index(0, 0).data(DeadLetterModel::IdRole).toLongLong();
        auto* editor = m_page->payloadEditor();
        QVERIFY(button("replayButton")->isEnabled());
        QVERIFY(editor->textEdit()->toPlainText().contains(u"\"name\": \"Person 999\""_s));

        editor->textEdit()->setPlainText(u"{\"name\": \"Person 999\","_s);
        QVERIFY(!editor->isValid());
        QVERIFY(!button("replayButton")->isEnabled());
        QVERIFY(editor->problems().value(0).contains(u"Not valid JSON"_s));

        // Schema of pipedrive/persons: name required, org_id an integer.
        editor->textEdit()->setPlainText(u"{\"org_id\": \"seven\"}"_s);
        QVERIFY(!button("replayButton")->isEnabled());
        const QString problems = editor->problems().join(u'\n');
        QVERIFY2(problems.contains(u"name"_s) && problems.contains(u"org_id"_s),
                 qPrintable(problems));

        editor->textEdit()->setPlainText(u"{\"name\": \"Person 999 (fixed)\", \"org_id\": 999}"_s);
        QVERIFY(editor->isValid());
        QVERIFY(button("replayButton")->isEnabled());
        QTest::mouseClick(button("replayButton"), Qt::LeftButton);
        QCOMPARE(m_commands->replays.size(), 1);
        QCOMPARE(m_commands->replays[0].id, id);
        QCOMPARE(m_commands->replays[0].user, u"alice"_s);
        QCOMPARE(QJsonDocument::fromJson(m_commands->replays[0].body).object(),
                 (QJsonObject{{u"name"_s, u"Person 999 (fixed)"_s}, {u"org_id"_s, 999}}));
        QTRY_COMPARE(cell(model()->rowOf(id), DeadLetterModel::State), u"resolved"_s);
        QVERIFY(!button("replayButton")->isEnabled()); // resolved letters are not replayed
    }

    void unchangedPayloadReplaysStoredBody() {
        select({1});
        QVERIFY(m_page->payloadEditor()->editedBody().isEmpty());
        m_page->payloadEditor()->textEdit()->appendPlainText(u"   "_s); // whitespace only
        QVERIFY(m_page->payloadEditor()->editedBody().isEmpty());
    }

    void discardNeedsReasonAndIsAudited() {
        select({2});
        const qint64 id = model()->index(2, 0).data(DeadLetterModel::IdRole).toLongLong();
        QTest::mouseClick(button("discardButton"), Qt::LeftButton);
        auto* dialog = m_page->findChild<ui::DiscardDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        auto* ok = dialog->buttons()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled());
        dialog->reasonEdit()->setPlainText(u"   "_s);
        QVERIFY(!ok->isEnabled());
        dialog->reasonEdit()->setPlainText(u"duplicate of rec-42"_s);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
        QCOMPARE(m_commands->discards.size(), 1);
        QCOMPARE(m_commands->discards[0], std::make_pair(id, u"duplicate of rec-42"_s));
        QTRY_COMPARE(cell(model()->rowOf(id), DeadLetterModel::State), u"discarded"_s);

        auto* audit = m_page->auditLog();
        QSignalSpy refreshed(audit, &ui::AuditLogView::refreshed);
        audit->refresh();
        QTRY_VERIFY(!refreshed.isEmpty());
        QTableWidget* t = audit->table();
        bool found = false;
        for (int r = 0; r < t->rowCount(); ++r)
            if (t->item(r, 1)->text() == u"alice"_s &&
                t->item(r, 2)->text().contains(u"discard"_s) &&
                t->item(r, 5)->toolTip().contains(u"duplicate of rec-42"_s))
                found = true;
        QVERIFY2(found, "no discard entry in the audit view");
        QVERIFY2(audit->verification().startsWith(u"Chain verified"_s),
                 qPrintable(audit->verification()));
    }

    void bulkReplayRunsAsAPersistedJob() {
        select({3, 4, 5});
        const QList<qint64> ids = m_page->selectedIds();
        QCOMPARE(ids.size(), 3);
        QSignalSpy finished(m_page.get(), &ui::DeadLetterPage::bulkReplayFinished);
        QTest::mouseClick(button("replaySelectedButton"), Qt::LeftButton);
        QCOMPARE(m_commands->jobRequests.size(), 1);
        QCOMPARE(m_commands->jobRequests.last(), ids);
        auto* tabs = m_page->findChild<QTabWidget*>(u"deadLetterTabs"_s);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(m_page->replayJobs()));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toInt(), 3);
        QCOMPARE(finished[0][1].toInt(), 3);
        QCOMPARE(finished[0][2].toBool(), false);
        auto* panel = m_page->replayJobs();
        QCOMPARE(panel->table()->rowCount(), 1);
        QCOMPARE(panel->table()->item(0, 3)->text(), u"3 / 3"_s);
        QCOMPARE(panel->table()->item(0, 2)->text(), u"finished"_s);
        QCOMPARE(panel->progress()->value(), 3);
        QVERIFY(!panel->cancelButton()->isEnabled());
        for (qint64 id : ids)
            QTRY_COMPARE(cell(model()->rowOf(id), DeadLetterModel::State), u"resolved"_s);
    }

    void bulkReplayJobCancels() {
        select({6, 7});
        m_commands->hold = true;
        QSignalSpy finished(m_page.get(), &ui::DeadLetterPage::bulkReplayFinished);
        QTest::mouseClick(button("replaySelectedButton"), Qt::LeftButton);
        auto* panel = m_page->replayJobs();
        QTRY_COMPARE(panel->table()->rowCount(), 2);
        QTRY_VERIFY(panel->cancelButton()->isEnabled());
        QCOMPARE(panel->table()->item(0, 2)->text(), u"running"_s);
        QCOMPARE(panel->table()->item(0, 3)->text(), u"0 / 2"_s);
        QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
        QCOMPARE(m_commands->cancels.size(), 1);
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toInt(), 2); // both skipped
        QCOMPARE(finished[0][2].toBool(), true);
        QCOMPARE(panel->table()->item(0, 2)->text(), u"cancelled"_s);
        QVERIFY(panel->status()->text().contains(u"2 skipped"_s));
        m_commands->hold = false;
    }

    void dryRunShowsTheBodyAndEveryPath() {
        select({10});
        const qint64 id = model()->index(10, 0).data(DeadLetterModel::IdRole).toLongLong();
        auto* editor = m_page->payloadEditor();
        editor->textEdit()->setPlainText(u"{\"org_id\": 5}"_s);
        QVERIFY(!button("replayButton")->isEnabled()); // the schema refuses it …
        QVERIFY(button("dryRunButton")->isEnabled());  // … a dry run shows why
        QTest::mouseClick(button("dryRunButton"), Qt::LeftButton);
        QCOMPARE(m_commands->dryRuns.size(), 1);
        QCOMPARE(m_commands->dryRuns[0].first, id);
        QCOMPARE(m_commands->dryRuns[0].second, ReplayTarget{});
        QCOMPARE(QJsonDocument::fromJson(m_commands->dryRunBodies[0]).object(),
                 (QJsonObject{{u"org_id"_s, 5}}));
        auto* view = m_page->dryRunView();
        auto* tabs = m_page->findChild<QTabWidget*>(u"deadLetterTabs"_s);
        QCOMPARE(tabs->currentWidget(), static_cast<QWidget*>(view));
        QVERIFY(view->summary()->text().contains(u"running"_s));
        QTRY_VERIFY(view->summary()->text().contains(u"1 problem"_s));
        QCOMPARE(view->violations()->count(), 1);
        QVERIFY(view->violations()->item(0)->text().startsWith(u"$.name"_s));
        QVERIFY(view->body()->toPlainText().contains(u"\"org_id\": 5"_s));
        QCOMPARE(cell(model()->rowOf(id), DeadLetterModel::State), u"new"_s); // nothing sent
        QCOMPARE(m_commands->replays.size() + m_commands->replaysTo.size(), 1);
    }

    void replaysToAnotherTargetChosenFromTheList() {
        select({11});
        const qint64 id = model()->index(11, 0).data(DeadLetterModel::IdRole).toLongLong();
        auto* target = m_page->targetChooser();
        QTRY_COMPARE(target->count(), 2); // the original and what the engine offered
        QCOMPARE(target->itemText(1), u"Connector pipedrive-eu"_s);
        target->setCurrentIndex(1);
        QCOMPARE(m_page->currentTarget(),
                 (ReplayTarget{ReplayTarget::Kind::Connector, u"pipedrive-eu"_s}));
        // A refresh of the shown letter (the engine reported a change) keeps the choice.
        QSignalSpy refreshed(model(), &DeadLetterModel::letterRefreshed);
        Q_EMIT m_signals.deadLetterChanged(id);
        QTRY_COMPARE(refreshed.size(), 1);
        QTest::qWait(20);
        QCOMPARE(target->currentIndex(), 1);
        QTest::mouseClick(button("dryRunButton"), Qt::LeftButton);
        QCOMPARE(m_commands->dryRuns.last().second.id, u"pipedrive-eu"_s);
        QTRY_VERIFY(m_page->dryRunView()->summary()->text().contains(u"pipedrive-eu"_s));
        QTest::mouseClick(button("replayButton"), Qt::LeftButton);
        QCOMPARE(m_commands->replaysTo.size(), 1);
        QCOMPARE(m_commands->replaysTo[0].first, id);
        QTRY_COMPARE(cell(model()->rowOf(id), DeadLetterModel::State), u"resolved"_s);
        auto* outcome = m_page->findChild<QLabel*>(u"replayOutcome"_s);
        QTRY_VERIFY(outcome->text().contains(u"succeeded"_s));
        const auto d = m_store->get(id);
        QCOMPARE(d->stateReason, u"to connector pipedrive-eu: replayed: HTTP 201"_s);
    }

    void exportsSelectedWithoutSecrets() {
        select({8, 9});
        const QString path = m_dir.filePath(u"export.json"_s);
        QSignalSpy exported(m_page.get(), &ui::DeadLetterPage::exported);
        m_page->exportTo(path, m_page->selectedIds());
        QTRY_COMPARE(exported.size(), 1);
        QCOMPARE(exported[0][1].toString(), QString());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray json = f.readAll();
        QCOMPARE(QJsonDocument::fromJson(json).array().size(), 2);
        QVERIFY(!json.contains("secret-token"));
    }

    void hundredThousandLettersOpenAtOnce() {
        StoreConfig c;
        c.sqlitePath = m_dir.filePath(u"big.db"_s);
        c.url = u"sqlite:"_s + c.sqlitePath;
        auto db = store::Database::open(c, {deadletters::deadlettersMigrations()});
        QVERIFY(db.ok());
        QVERIFY((*db)
                    ->write([](QSqlDatabase& conn) -> Status {
                        QSqlQuery q(conn);
                        q.prepare(u"INSERT INTO deadletters_letters (source_key, connector, flow, "
                                  u"record_ids, request_json, body, attempts, class, status, "
                                  u"reason, state, created_ms, updated_ms, search) VALUES (?, "
                                  u"'shop', 'orders', '[]', '{}', '{}', '[]', 'permanent', 422, "
                                  u"?, 'new', ?, ?, ?)"_s);
                        for (int i = 0; i < 100'000; ++i) {
                            q.addBindValue(u"bulk:%1"_s.arg(i));
                            q.addBindValue(u"reason %1"_s.arg(i));
                            q.addBindValue(qint64(i) * 1000);
                            q.addBindValue(qint64(i) * 1000);
                            q.addBindValue(u"reason %1"_s.arg(i));
                            if (!q.exec())
                                return Error::database(q.lastError().text());
                        }
                        return Status::success();
                    })
                    .ok());
        auto bigStore = std::make_shared<DeadLetterStore>(*db, m_clock);
        QElapsedTimer t;
        t.start();
        ui::DeadLetterPage page(bigStore, ConnectorCatalog(), &m_signals, m_commands.get(),
                                u"alice"_s);
        page.resize(1200, 700);
        page.show();
        const qint64 built = t.elapsed();
        QTRY_VERIFY(page.model()->rowCount() > 0);
        const qint64 firstRows = t.elapsed();
        QTRY_COMPARE(page.model()->total(), qint64(100'000));
        std::printf("100,000 letters: page built and shown in %lld ms, first rows after %lld ms, "
                    "count after %lld ms\n",
                    static_cast<long long>(built), static_cast<long long>(firstRows),
                    static_cast<long long>(t.elapsed()));
        QVERIFY2(built < 500, qPrintable(QString::number(built)));
        QVERIFY(page.model()->rowCount() < 100'000); // lazily: not everything

        // A new letter shows at the top at once; nothing is reloaded, the model stays lazy.
        http::Request r;
        r.method = "POST";
        r.url = QUrl(u"https://shop.example/orders"_s);
        r.body = "{}";
        r.connectorId = u"shop"_s;
        r.flowId = u"orders"_s;
        http::Outcome o;
        o.reason = u"new while open"_s;
        const qint64 id = *bigStore->deadLetter(r, o, u"bulk:new"_s);
        const int rows = page.model()->rowCount();
        QSignalSpy resets(page.model(), &QAbstractItemModel::modelReset);
        QElapsedTimer live;
        live.start();
        Q_EMIT m_signals.deadLetterChanged(id);
        QTRY_COMPARE(page.model()->rowCount(), rows + 1);
        std::printf("100,000 letters: a new letter shown at the top after %lld ms\n",
                    static_cast<long long>(live.elapsed()));
        QCOMPARE(page.model()->index(0, 0).data(DeadLetterModel::IdRole).toLongLong(), id);
        QCOMPARE(page.model()->total(), qint64(100'001));
        QCOMPARE(resets.size(), 0);
    }

    void newLettersAppearLiveWithoutResettingTheView() {
        model()->reload();
        QTRY_VERIFY(model()->rowCount() >= DeadLetterModel::PageSize && !model()->isFetching());
        model()->fetchMore();
        QTRY_VERIFY(model()->rowCount() >= 2 * DeadLetterModel::PageSize && !model()->isFetching());
        const qint64 totalBefore = model()->total();
        const int rowsBefore = model()->rowCount();
        m_page->table()->scrollTo(model()->index(150, 0), QAbstractItemView::PositionAtTop);
        select({160});
        const qint64 selected = model()->index(160, 0).data(DeadLetterModel::IdRole).toLongLong();
        const QModelIndex topBefore = m_page->table()->indexAt(QPoint(2, 2));
        QVERIFY(topBefore.isValid());
        const qint64 topId = topBefore.data(DeadLetterModel::IdRole).toLongLong();
        QSignalSpy resets(model(), &QAbstractItemModel::modelReset);

        http::Request r;
        r.method = "POST";
        r.url = QUrl(u"https://api.pipedrive.com/v1/persons"_s);
        r.body = R"({"name":"Live"})";
        r.connectorId = u"pipedrive"_s;
        r.flowId = u"contacts"_s;
        http::Outcome o;
        o.cls = http::OutcomeClass::Permanent;
        o.status = 422;
        o.reason = u"live letter"_s;
        const qint64 id = *m_store->deadLetter(r, o, u"live:1"_s);
        Q_EMIT m_signals.deadLetterChanged(id);

        QTRY_COMPARE(model()->rowCount(), rowsBefore + 1);
        QCOMPARE(model()->index(0, 0).data(DeadLetterModel::IdRole).toLongLong(), id);
        QCOMPARE(model()->total(), totalBefore + 1);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(m_page->selectedIds(), QList<qint64>{selected}); // selection kept
        // The same row is still at the top of the viewport.
        QCOMPARE(m_page->table()->indexAt(QPoint(2, 2)).data(DeadLetterModel::IdRole).toLongLong(),
                 topId);
        QVERIFY(model()->rowCount() < kLetters); // still lazy
        // The next page continues below the last loaded letter: no duplicates.
        model()->fetchMore();
        QTRY_VERIFY(!model()->isFetching());
        QSet<qint64> seen;
        for (int row = 0; row < model()->rowCount(); ++row) {
            const qint64 v = model()->index(row, 0).data(DeadLetterModel::IdRole).toLongLong();
            QVERIFY(!seen.contains(v));
            seen.insert(v);
        }

        // A letter the filter excludes does not appear.
        setClassFilter(u"transient"_s);
        QTRY_VERIFY(model()->total() >= 0 && !model()->isFetching() && model()->rowCount() > 0);
        const int filteredRows = model()->rowCount();
        const qint64 other = *m_store->deadLetter(r, o, u"live:2"_s); // permanent
        Q_EMIT m_signals.deadLetterChanged(other);
        QTest::qWait(100);
        QTRY_VERIFY(!model()->isFetching());
        QCOMPARE(model()->rowOf(other), -1);
        QCOMPARE(model()->rowCount(), filteredRows);
        setClassFilter(QString());
    }

    void screenshot() {
        const QString out = qEnvironmentVariable("BK_DLQ_SCREENSHOT");
        if (out.isEmpty())
            QSKIP("set BK_DLQ_SCREENSHOT=<png path> to write the screenshot");
        model()->reload(); // the status line shows the count again
        QTRY_VERIFY(model()->rowCount() > 10 && model()->total() >= kLetters);
        select({10});
        auto* tabs = m_page->findChild<QTabWidget*>(u"deadLetterTabs"_s);
        // The details tab goes next to it (for looking at, not for the docs).
        QTest::qWait(50);
        QVERIFY(m_page->grab().save(QString(out).replace(u".png"_s, u"-details.png"_s)));
        tabs->setCurrentIndex(1);
        m_page->payloadEditor()->textEdit()->setPlainText(
            u"{\n    \"name\": \"Person 989 (fixed)\",\n    \"org_id\": \"989\"\n}\n"_s);
        QTest::qWait(100);
        QVERIFY(m_page->grab().save(out));
    }
};

QTEST_MAIN(TestDeadLetterEditor)
#include "TestDeadLetterEditor.moc"
