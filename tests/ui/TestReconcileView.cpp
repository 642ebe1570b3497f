// The reconciliation diff view, offscreen, with real widgets over a real SQLite sync store
// holding a reconciliation result, and a fake engine that records commands; the test plays
// the engine's part (updates the store, then emits recordResynced / reconciliationFinished
// like the real one): side-by-side values with the differing fields marked, filters,
// keyboard navigation, resync of one record, resync selected with progress, reconcile now.

#include "Clock.h"
#include "DashboardPage.h"
#include "FakeEngine.h"
#include "FlowProgressModel.h"
#include "reconcile/FieldDiffModel.h"
#include "reconcile/ReconcileItemModel.h"
#include "reconcile/ReconcilePage.h"
#include "store/Database.h"
#include "sync/SyncStore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;
using namespace bk::sync;
using bk::ui::FieldDiffModel;
using bk::ui::ReconcileItemModel;
using bk::ui::ReconcilePage;

namespace {

ReconcileReport sampleReport() {
    ReconcileReport r;
    r.flowId = u"p2c"_s;
    r.startedMs = 1'767'225'600'000;
    r.finishedMs = r.startedMs + 4000;
    r.sourceCount = 10;
    r.destCount = 10;
    r.items = {
        reconcileItem(u"differing"_s, u"S1"_s, u"D1"_s, u"LastName, Phone"_s,
                      {{u"Email"_s, QJsonValue(u"p1@x.nl"_s), QJsonValue(u"p1@x.nl"_s), false},
                       {u"LastName"_s, QJsonValue(u"P1 renamed"_s), QJsonValue(u"P1"_s), true},
                       {u"Phone"_s, QJsonValue(u"+31612345601"_s), QJsonValue(u"+3100"_s), true}}),
        reconcileItem(
            u"missing"_s, u"S2"_s, QString(), u"never written"_s,
            {{u"LastName"_s, QJsonValue(u"P2"_s), QJsonValue(QJsonValue::Undefined), true}}),
        reconcileItem(
            u"extra"_s, QString(), u"D9"_s, u"duplicate of D3 (Email=p3@x.nl)"_s,
            {{u"LastName"_s, QJsonValue(QJsonValue::Undefined), QJsonValue(u"P3"_s), true}}),
    };
    r.missing = 1;
    r.differing = 1;
    r.extra = 1;
    return r;
}

QString cell(QAbstractItemModel* m, int row, int column, int role = Qt::DisplayRole) {
    return m->index(row, column).data(role).toString();
}

} // namespace

class TestReconcileView : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::shared_ptr<SyncStore> m_store;

    int proxyRowOf(ReconcilePage& page, const QString& id) {
        auto* p = page.filterModel();
        for (int r = 0; r < p->rowCount(); ++r) {
            const QModelIndex i = p->index(r, 0);
            if (i.data(ReconcileItemModel::SourceIdRole).toString() == id ||
                p->index(r, ReconcileItemModel::DestinationColumn).data().toString() == id)
                return r;
        }
        return -1;
    }
    void select(ReconcilePage& page, const QString& id) {
        const int row = proxyRowOf(page, id);
        QVERIFY(row >= 0);
        page.itemView()->selectionModel()->setCurrentIndex(page.filterModel()->index(row, 0),
                                                           QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
    }
    QString stateOf(ReconcilePage& page, const QString& sourceId) {
        const int row = page.itemModel()->rowOfSource(sourceId);
        return row < 0 ? QString() : page.itemModel()->itemAt(row)->state;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        StoreConfig c;
        c.kind = StoreConfig::Kind::Sqlite;
        c.sqlitePath = m_dir.filePath(u"sync.db"_s);
        c.url = u"sqlite:"_s + c.sqlitePath;
        auto db = store::Database::open(c, {syncMigrations()});
        QVERIFY2(db.ok(), db.ok() ? "" : qPrintable(db.error().message));
        m_store = std::make_shared<SyncStore>(*db);
        QVERIFY(m_store->saveReconcile(sampleReport()).ok());
    }

    void showsBothSidesAndResyncs() {
        FakeEngine engine;
        ReconcilePage page(m_store, &engine.engineSignals, &engine);
        QAbstractItemModelTester itemTester(page.itemModel());
        QAbstractItemModelTester fieldTester(page.fieldModel());
        QSignalSpy loaded(&page, &ReconcilePage::loaded);
        QSignalSpy fieldsShown(&page, &ReconcilePage::fieldsShown);
        page.resize(1200, 700);
        page.show();
        page.setFlows({u"p2c"_s, u"s2c"_s});
        QVERIFY(loaded.wait(5000));
        QCOMPARE(loaded.last().at(0).toString(), u"p2c"_s);
        QCOMPARE(page.itemModel()->rowCount(), 3);
        QVERIFY2(page.summaryText().contains(u"1 missing, 1 differing, 1 extra"_s),
                 qPrintable(page.summaryText()));

        // The differing record side by side: every mapped field, the differing ones marked.
        select(page, u"S1"_s);
        QTRY_VERIFY(!fieldsShown.isEmpty() && page.fieldModel()->rowCount() == 3 &&
                    cell(page.fieldModel(), 0, FieldDiffModel::FieldColumn) == u"Email"_s);
        auto* fm = page.fieldModel();
        QCOMPARE(cell(fm, 1, FieldDiffModel::FieldColumn), u"LastName"_s);
        QCOMPARE(cell(fm, 1, FieldDiffModel::SourceColumn), u"P1 renamed"_s);
        QCOMPARE(cell(fm, 1, FieldDiffModel::DestinationColumn), u"P1"_s);
        QCOMPARE(cell(fm, 1, FieldDiffModel::MarkColumn), u"≠"_s);
        QCOMPARE(cell(fm, 1, FieldDiffModel::MarkColumn, Qt::AccessibleTextRole), u"differs"_s);
        QVERIFY(fm->index(1, FieldDiffModel::SourceColumn).data(Qt::BackgroundRole).isValid());
        QVERIFY(!fm->index(0, FieldDiffModel::SourceColumn).data(Qt::BackgroundRole).isValid());
        QCOMPARE(cell(fm, 0, FieldDiffModel::MarkColumn), u"="_s);
        QCOMPARE(fm->differingCount(), 2);
        auto* title = page.findChild<QLabel*>(u"recordTitle"_s);
        QVERIFY(title->text().contains(u"LastName, Phone"_s));
        // For docs/screenshots (not a check): BK_RECONCILE_SCREENSHOT=path.png.
        if (const QString shot = qEnvironmentVariable("BK_RECONCILE_SCREENSHOT"); !shot.isEmpty())
            QVERIFY(page.grab().save(shot));

        // A missing record: the destination side reads "(none)".
        select(page, u"S2"_s);
        QTRY_COMPARE(page.fieldModel()->rowCount(), 1);
        QTRY_COMPARE(cell(page.fieldModel(), 0, FieldDiffModel::DestinationColumn),
                     FieldDiffModel::valueText(QJsonValue(QJsonValue::Undefined)));

        // An unlinked duplicate has nothing to resync.
        select(page, u"D9"_s);
        auto* resync = page.findChild<QPushButton*>(u"resyncButton"_s);
        QVERIFY(!resync->isEnabled());
        QVERIFY(!resync->toolTip().isEmpty());

        // Filters: kind and text.
        auto* kind = page.findChild<QComboBox*>(u"kindFilter"_s);
        kind->setCurrentIndex(kind->findData(u"missing"_s));
        QCOMPARE(page.filterModel()->rowCount(), 1);
        kind->setCurrentIndex(0);
        page.findChild<QLineEdit*>(u"reconcileSearch"_s)->setText(u"phone"_s);
        QCOMPARE(page.filterModel()->rowCount(), 1);
        page.findChild<QLineEdit*>(u"reconcileSearch"_s)->clear();
        QCOMPARE(page.filterModel()->rowCount(), 3);

        // Keyboard: arrows move through the records and the detail follows.
        select(page, u"S1"_s);
        page.itemView()->setFocus();
        const int before = page.itemView()->currentIndex().row();
        fieldsShown.clear();
        QTest::keyClick(page.itemView(), Qt::Key_Down);
        QCOMPARE(page.itemView()->currentIndex().row(), before + 1);
        QVERIFY(fieldsShown.wait(5000) || !fieldsShown.isEmpty());

        // Resync this record: the command goes out, the row shows it is under way.
        select(page, u"S1"_s);
        QTRY_VERIFY(resync->isEnabled());
        QTest::mouseClick(resync, Qt::LeftButton);
        QCOMPARE(engine.commands.last(), u"resync:p2c:S1"_s);
        QCOMPARE(stateOf(page, u"S1"_s), u"resyncing"_s);
        QVERIFY(!resync->isEnabled());

        // The engine writes it, updates the stored entry, then reports (as the real one does).
        ReconcileItem now;
        now.state = u"resolved"_s;
        now.stateMessage = u"resynced: both sides agree"_s;
        now.stateMs = 1'767'225'700'000;
        now.destId = u"D1"_s;
        now.detail = u"in agreement after a resync"_s;
        now.fields = {
            {u"Email"_s, QJsonValue(u"p1@x.nl"_s), QJsonValue(u"p1@x.nl"_s), false},
            {u"LastName"_s, QJsonValue(u"P1 renamed"_s), QJsonValue(u"P1 renamed"_s), false}};
        QVERIFY(*m_store->updateReconcileItem(u"p2c"_s, u"S1"_s, now, true) > 0);
        Q_EMIT engine.engineSignals.recordResynced(u"p2c"_s, u"S1"_s, true, u"resolved"_s,
                                                   now.stateMessage);
        QTRY_COMPARE(stateOf(page, u"S1"_s), u"resolved"_s);
        QTRY_COMPARE(page.fieldModel()->rowCount(), 2);
        QTRY_COMPARE(page.fieldModel()->differingCount(), 0);
        QCOMPARE(cell(page.fieldModel(), 1, FieldDiffModel::DestinationColumn), u"P1 renamed"_s);
        QVERIFY(page.statusText().contains(u"both sides agree"_s));
        QVERIFY(title->text().contains(u"both sides agree"_s));

        // Hide resolved.
        page.findChild<QCheckBox*>()->setChecked(true);
        QCOMPARE(page.filterModel()->rowCount(), 2);
        page.findChild<QCheckBox*>()->setChecked(false);

        // Resync selected: one after the other, with progress; records without a source skipped.
        page.itemView()->selectAll();
        QSignalSpy bulk(&page, &ReconcilePage::bulkResyncFinished);
        auto* progress = page.findChild<QProgressBar*>(u"resyncProgress"_s);
        const qsizetype sent = engine.commands.size();
        page.findChild<QPushButton*>(u"resyncSelectedButton"_s)->click();
        QCOMPARE(engine.commands.size(), sent + 1);
        QCOMPARE(engine.commands.last(), u"resync:p2c:S1"_s);
        QVERIFY(progress->isVisible());
        QCOMPARE(progress->maximum(), 2);
        Q_EMIT engine.engineSignals.recordResynced(u"p2c"_s, u"S1"_s, true, u"resolved"_s, u"ok"_s);
        QCOMPARE(engine.commands.last(), u"resync:p2c:S2"_s);
        QCOMPARE(progress->value(), 1);
        ReconcileItem failed;
        failed.state = u"failed"_s;
        failed.stateMessage = u"the destination refused the write"_s;
        failed.stateMs = 1'767'225'800'000;
        QVERIFY(*m_store->updateReconcileItem(u"p2c"_s, u"S2"_s, failed, false) > 0);
        Q_EMIT engine.engineSignals.recordResynced(u"p2c"_s, u"S2"_s, false, u"failed"_s,
                                                   failed.stateMessage);
        QCOMPARE(bulk.size(), 1);
        QCOMPARE(bulk.first().at(0).toInt(), 2);
        QCOMPARE(bulk.first().at(2).toBool(), false);
        QTRY_COMPARE(stateOf(page, u"S2"_s), u"failed"_s);
        QVERIFY(!progress->isVisible());

        // Reconcile now: asked of the engine; the new result replaces the list when it ends.
        page.findChild<QPushButton*>(u"reconcileNowButton"_s)->click();
        QCOMPARE(engine.commands.last(), u"reconcile:p2c"_s);
        ReconcileReport clean;
        clean.flowId = u"p2c"_s;
        clean.startedMs = 1'767'225'900'000;
        clean.finishedMs = clean.startedMs + 1000;
        clean.sourceCount = clean.destCount = 10;
        QVERIFY(m_store->saveReconcile(clean).ok());
        loaded.clear();
        Q_EMIT engine.engineSignals.reconciliationFinished(u"p2c"_s, true, u"0 missing"_s);
        QVERIFY(loaded.wait(5000));
        QCOMPARE(page.itemModel()->rowCount(), 0);
        QVERIFY(page.summaryText().contains(u"0 missing, 0 differing, 0 extra"_s));

        // Another flow without a result says so.
        loaded.clear();
        page.showFlow(u"s2c"_s);
        QVERIFY(loaded.wait(5000));
        QVERIFY(page.summaryText().contains(u"not been reconciled yet"_s));

        // Every control a screen reader reaches has a name.
        for (QWidget* w : page.findChildren<QWidget*>())
            if ((qobject_cast<QPushButton*>(w) || qobject_cast<QTableView*>(w) ||
                 qobject_cast<QComboBox*>(w) || qobject_cast<QLineEdit*>(w)) &&
                w->parent() == &page)
                QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
    }

    void dashboardFlowTableOpensIt() {
        auto clock = std::make_shared<ManualClock>(1'767'225'600'000);
        ui::DashboardPage dash(clock);
        Workspace ws;
        FlowConfig a;
        a.id = u"p2c"_s;
        FlowConfig b;
        b.id = u"s2c"_s;
        ws.flows = {a, b};
        dash.setWorkspace(ws, ConnectorCatalog());
        QTableView* flows = nullptr;
        for (auto* v : dash.findChildren<QTableView*>())
            if (v->model() && v->model()->columnCount() == ui::FlowProgressModel::ColumnCount)
                flows = v;
        QVERIFY(flows);
        QCOMPARE(flows->contextMenuPolicy(), Qt::ActionsContextMenu);
        QAction* show = nullptr;
        for (QAction* act : flows->actions())
            if (act->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_D))
                show = act;
        QVERIFY(show);
        QSignalSpy requested(&dash, &ui::DashboardPage::reconciliationRequested);
        flows->setCurrentIndex(flows->model()->index(1, 0));
        show->trigger();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.first().at(0).toString(), u"s2c"_s);
        // Activating the "last reconciliation" cell does the same.
        Q_EMIT flows->activated(flows->model()->index(0, ui::FlowProgressModel::ReconcileColumn));
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.last().at(0).toString(), u"p2c"_s);
    }
};

QTEST_MAIN(TestReconcileView)
#include "TestReconcileView.moc"
