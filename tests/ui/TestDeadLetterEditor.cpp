// The dead-letter editor, offscreen, with real widgets over a real SQLite dead-letter store
// (1,000 letters) and a fake engine that resolves or discards letters in that store and then
// emits deadLetterChanged like the real one: lazy paging, filters, payload validation and
// diff, replay, bulk replay with cancel, discard with a required reason, the audit log and its
// chain check, export.

#include "deadletters/AuditLogView.h"
#include "deadletters/DeadLetterModel.h"
#include "deadletters/DeadLetterPage.h"
#include "deadletters/DiscardDialog.h"
#include "deadletters/PayloadEditor.h"

#include <cstdio>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QProgressDialog>
#include <QPushButton>
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
    FakeCommands(std::shared_ptr<DeadLetterStore> store, EngineSignals* sig)
        : m_store(std::move(store))
        , m_signals(sig) {}

    struct Replay {
        qint64 id;
        QByteArray body;
        QString user;
    };
    QList<Replay> replays;
    QList<std::pair<qint64, QString>> discards;
    bool hold = false; ///< accept replays but never answer (for cancel)

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

private:
    std::shared_ptr<DeadLetterStore> m_store;
    EngineSignals* m_signals;
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
        m_commands = std::make_unique<FakeCommands>(m_store, &m_signals);
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

    void bulkReplayOneAtATime() {
        select({3, 4, 5});
        const QList<qint64> ids = m_page->selectedIds();
        QCOMPARE(ids.size(), 3);
        const int before = int(m_commands->replays.size());
        QSignalSpy finished(m_page.get(), &ui::DeadLetterPage::bulkReplayFinished);
        QTest::mouseClick(button("replaySelectedButton"), Qt::LeftButton);
        // Only the first is sent until its deadLetterChanged arrives.
        QCOMPARE(m_commands->replays.size(), before + 1);
        QVERIFY(m_page->findChild<QProgressDialog*>(u"bulkReplayProgress"_s));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toInt(), 3);
        QCOMPARE(finished[0][2].toBool(), false);
        QCOMPARE(m_commands->replays.size(), before + 3);
        for (qint64 id : ids)
            QTRY_COMPARE(cell(model()->rowOf(id), DeadLetterModel::State), u"resolved"_s);
    }

    void bulkReplayCancels() {
        select({6, 7});
        m_commands->hold = true;
        const int before = int(m_commands->replays.size());
        QSignalSpy finished(m_page.get(), &ui::DeadLetterPage::bulkReplayFinished);
        QTest::mouseClick(button("replaySelectedButton"), Qt::LeftButton);
        auto* progress = m_page->findChild<QProgressDialog*>(u"bulkReplayProgress"_s);
        QVERIFY(progress);
        auto* cancel = progress->findChild<QPushButton*>();
        QVERIFY(cancel);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished[0][0].toInt(), 0);
        QCOMPARE(finished[0][2].toBool(), true);
        QTest::qWait(50);
        QCOMPARE(m_commands->replays.size(), before + 1); // the second was never sent
        QVERIFY(button("replaySelectedButton")->isEnabled());
        m_commands->hold = false;
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
    }

    void screenshot() {
        const QString out = qEnvironmentVariable("BK_DLQ_SCREENSHOT");
        if (out.isEmpty())
            QSKIP("set BK_DLQ_SCREENSHOT=<png path> to write the screenshot");
        model()->reload(); // the status line shows the count again
        QTRY_VERIFY(model()->rowCount() > 10 && model()->total() == kLetters);
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
