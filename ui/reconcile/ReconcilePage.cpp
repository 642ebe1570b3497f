#include "ReconcilePage.h"

#include "FieldDiffModel.h"
#include "ReconcileItemModel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {

constexpr int kBulkItemTimeoutMs = 120'000; // an engine that never answers must not hang it

QString timeText(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toLocalTime()
        .toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent) {
    auto* view = new QTableView(parent);
    view->setModel(model);
    view->setAccessibleName(name);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->setTabKeyNavigation(false); // Tab moves between panes; arrows move within
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setHighlightSections(false);
    return view;
}

} // namespace

ReconcilePage::ReconcilePage(std::shared_ptr<sync::SyncStore> store, EngineSignals* engineSignals,
                             EngineCommands* commands, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_signals(engineSignals)
    , m_commands(commands) {
    buildUi();
}

void ReconcilePage::buildUi() {
    setObjectName(u"reconcilePage"_s);
    m_items = new ReconcileItemModel(this);
    m_filter = new ReconcileFilterModel(this);
    m_filter->setSourceModel(m_items);
    m_filter->setSortRole(ReconcileItemModel::SortRole);
    m_fields = new FieldDiffModel(this);

    // Flow, summary and the flow-wide actions.
    m_flow = new QComboBox(this);
    m_flow->setObjectName(u"flowChooser"_s);
    m_flow->setAccessibleName(tr("Flow"));
    m_flow->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    auto* flowLabel = new QLabel(tr("&Flow:"), this);
    flowLabel->setBuddy(m_flow);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"reconcileSummary"_s);
    m_summary->setAccessibleName(tr("Last reconciliation result"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reload = new QPushButton(tr("Re&load"), this);
    m_reload->setAccessibleName(tr("Reload the reconciliation result"));
    m_reconcile = new QPushButton(tr("Reconcile &now"), this);
    m_reconcile->setObjectName(u"reconcileNowButton"_s);
    m_reconcile->setAccessibleName(tr("Compare both sides of this flow now"));
    auto* top = new QHBoxLayout;
    top->addWidget(flowLabel);
    top->addWidget(m_flow);
    top->addWidget(m_summary, 1);
    top->addWidget(m_reload);
    top->addWidget(m_reconcile);

    // Filters.
    m_kind = new QComboBox(this);
    m_kind->setObjectName(u"kindFilter"_s);
    m_kind->setAccessibleName(tr("Filter by kind of difference"));
    m_kind->addItem(tr("All kinds"), QString());
    for (const QString& k : {u"differing"_s, u"missing"_s, u"extra"_s})
        m_kind->addItem(ReconcileItemModel::kindName(k), k);
    m_openOnly = new QCheckBox(tr("&Hide resolved"), this);
    m_openOnly->setAccessibleName(tr("Hide records a resync resolved"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"reconcileSearch"_s);
    m_search->setPlaceholderText(tr("Search record ids and field names…"));
    m_search->setAccessibleName(tr("Search differing records"));
    m_search->setClearButtonEnabled(true);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_kind);
    filters->addWidget(m_openOnly);
    filters->addWidget(m_search, 1);

    // The list and the side-by-side values.
    m_itemView = makeTable(m_filter, tr("Differing records"), this);
    m_itemView->setObjectName(u"reconcileItems"_s);
    m_itemView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_itemView->setSortingEnabled(true);
    m_itemView->sortByColumn(-1, Qt::AscendingOrder);
    m_itemView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Long field lists must not push the state off the pane: fixed (font-relative) width,
    // the full list in the tooltip.
    m_itemView->horizontalHeader()->setSectionResizeMode(ReconcileItemModel::FieldsColumn,
                                                         QHeaderView::Interactive);
    m_itemView->setColumnWidth(ReconcileItemModel::FieldsColumn,
                               m_itemView->fontMetrics().horizontalAdvance(u'M') * 12);
    m_itemView->horizontalHeader()->setStretchLastSection(true);
    m_fieldView = makeTable(m_fields, tr("Source and destination values"), this);
    m_fieldView->setObjectName(u"reconcileFields"_s);
    m_fieldView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_fieldView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_fieldView->horizontalHeader()->setSectionResizeMode(FieldDiffModel::MarkColumn,
                                                          QHeaderView::ResizeToContents);
    m_fieldView->horizontalHeader()->setSectionResizeMode(FieldDiffModel::FieldColumn,
                                                          QHeaderView::ResizeToContents);
    m_fieldView->horizontalHeader()->setSectionResizeMode(FieldDiffModel::SourceColumn,
                                                          QHeaderView::Stretch);
    m_fieldView->horizontalHeader()->setSectionResizeMode(FieldDiffModel::DestinationColumn,
                                                          QHeaderView::Stretch);
    m_recordTitle = new QLabel(this);
    m_recordTitle->setObjectName(u"recordTitle"_s);
    m_recordTitle->setAccessibleName(tr("Selected record"));
    m_recordTitle->setWordWrap(true);
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_recordTitle);
    rightLayout->addWidget(m_fieldView, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_itemView);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    split->setSizes({560, 640});

    // Record actions and progress.
    m_status = new QLabel(this);
    m_status->setObjectName(u"reconcileStatus"_s);
    m_status->setAccessibleName(tr("Reconciliation status"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"resyncProgress"_s);
    m_progress->setAccessibleName(tr("Resync progress"));
    m_progress->setFormat(tr("%v of %m resynced"));
    m_progress->hide();
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setAccessibleName(tr("Cancel resyncing the selected records"));
    m_cancel->hide();
    m_resync = new QPushButton(tr("&Resync this record"), this);
    m_resync->setObjectName(u"resyncButton"_s);
    m_resync->setAccessibleName(tr("Fetch this source record again and write it through the flow"));
    m_resyncSelected = new QPushButton(tr("Resync &selected"), this);
    m_resyncSelected->setObjectName(u"resyncSelectedButton"_s);
    m_resyncSelected->setAccessibleName(tr("Resync every selected record, one after another"));
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_status, 1);
    actions->addWidget(m_progress);
    actions->addWidget(m_cancel);
    actions->addWidget(m_resync);
    actions->addWidget(m_resyncSelected);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addLayout(actions);
    setTabOrder(m_flow, m_reload);
    setTabOrder(m_reload, m_reconcile);
    setTabOrder(m_reconcile, m_kind);
    setTabOrder(m_kind, m_openOnly);
    setTabOrder(m_openOnly, m_search);
    setTabOrder(m_search, m_itemView);
    setTabOrder(m_itemView, m_fieldView);
    setTabOrder(m_fieldView, m_resync);
    setTabOrder(m_resync, m_resyncSelected);

    m_bulkTimeout = new QTimer(this);
    m_bulkTimeout->setSingleShot(true);
    m_bulkTimeout->setInterval(kBulkItemTimeoutMs);
    connect(m_bulkTimeout, &QTimer::timeout, this, [this] {
        m_status->setText(
            tr("Record %1 did not report back in time; moving on.").arg(m_bulkCurrent));
        ++m_bulkDone; // no answer: move on, the row keeps whatever state it has
        m_bulkCurrent.clear();
        sendNextInBulk();
    });

    connect(m_flow, &QComboBox::currentIndexChanged, this, &ReconcilePage::reload);
    connect(m_reload, &QPushButton::clicked, this, &ReconcilePage::reload);
    connect(m_reconcile, &QPushButton::clicked, this, &ReconcilePage::reconcileNow);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &ReconcilePage::applyFilter);
    connect(m_openOnly, &QCheckBox::toggled, this, &ReconcilePage::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, &ReconcilePage::applyFilter);
    connect(m_resync, &QPushButton::clicked, this, &ReconcilePage::resyncCurrent);
    connect(m_resyncSelected, &QPushButton::clicked, this, &ReconcilePage::resyncSelected);
    connect(m_cancel, &QPushButton::clicked, this, &ReconcilePage::cancelBulk);
    connect(m_itemView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ReconcilePage::showCurrent);
    connect(m_itemView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ReconcilePage::updateActions);
    connect(m_items, &QAbstractItemModel::dataChanged, this, [this] {
        showCurrent();
        updateActions();
    });
    if (m_signals) {
        connect(m_signals, &EngineSignals::recordResynced, this, &ReconcilePage::onResynced);
        connect(m_signals, &EngineSignals::reconciliationFinished, this,
                &ReconcilePage::onReconciled);
    }
    showCurrent();
    updateActions();
}

void ReconcilePage::setFlows(const QStringList& flowIds) {
    const QString keep = currentFlow();
    const QSignalBlocker block(m_flow);
    m_flow->clear();
    for (const QString& id : flowIds)
        m_flow->addItem(id, id);
    const int at = m_flow->findData(keep);
    m_flow->setCurrentIndex(at >= 0 ? at : 0);
    reload();
}

void ReconcilePage::showFlow(const QString& flowId) {
    int at = m_flow->findData(flowId);
    if (at < 0) {
        m_flow->addItem(flowId, flowId);
        at = m_flow->count() - 1;
    }
    if (m_flow->currentIndex() == at)
        reload();
    else
        m_flow->setCurrentIndex(at); // reloads
}

QString ReconcilePage::currentFlow() const {
    return m_flow->currentData().toString();
}

QString ReconcilePage::summaryText() const {
    return m_summary->text();
}

QString ReconcilePage::statusText() const {
    return m_status->text();
}

void ReconcilePage::reload() {
    const QString flow = currentFlow();
    const quint64 generation = ++m_loadGeneration;
    if (flow.isEmpty() || !m_store) {
        m_loadedFlow.clear();
        m_items->setItems({});
        m_summary->setText(tr("No flow to show."));
        showCurrent();
        updateActions();
        return;
    }
    m_summary->setText(tr("Loading the last reconciliation of %1…").arg(flow));
    auto store = m_store;
    auto read = [store, flow] {
        Snapshot s;
        auto latest = store->latestReconcile(flow, false);
        auto detail = store->latestReconcileDetail(flow);
        if (!latest)
            s.error = latest.error().message;
        else if (!detail)
            s.error = detail.error().message;
        else {
            s.latest = *latest;
            s.detail = *detail;
        }
        return s;
    };
    m_tasks.run(read, [this, generation, flow](const Snapshot& s) {
        if (generation == m_loadGeneration)
            showLoaded(flow, s);
    });
}

void ReconcilePage::showLoaded(const QString& flowId, const Snapshot& s) {
    const sync::ReconcileItem* before = currentItem();
    const QString keepSource = before ? before->sourceId : QString();
    const QString keepDest = before ? before->destId : QString();
    m_loadedFlow = flowId;
    m_shownItem = 0;
    if (!s.error.isEmpty()) {
        m_items->setItems({});
        m_summary->setText(tr("Could not read the reconciliation of %1: %2").arg(flowId, s.error));
        showCurrent();
        updateActions();
        Q_EMIT loaded(flowId, 0);
        return;
    }
    QList<sync::ReconcileItem> items = s.detail ? s.detail->items : QList<sync::ReconcileItem>{};
    for (sync::ReconcileItem& it : items)
        if (m_resyncing.contains(it.sourceId) ||
            (!m_bulkCurrent.isEmpty() && it.sourceId == m_bulkCurrent))
            it.state = u"resyncing"_s;
    m_items->setItems(items);
    QString text;
    if (!s.detail) {
        text = tr("%1 has not been reconciled yet. Use Reconcile now to compare both sides.")
                   .arg(flowId);
    } else {
        const sync::ReconcileReport& r = *s.detail;
        text = tr("Reconciled %1: %2 missing, %3 differing, %4 extra (%5 source, %6 destination "
                  "records).")
                   .arg(timeText(r.finishedMs))
                   .arg(r.missing)
                   .arg(r.differing)
                   .arg(r.extra)
                   .arg(r.sourceCount)
                   .arg(r.destCount);
        const int total = r.missing + r.differing + r.extra;
        if (r.kept < total)
            text += u' ' + tr("The first %1 are listed.").arg(r.kept);
    }
    if (s.latest && !s.latest->ok && (!s.detail || s.latest->id != s.detail->id))
        text += u' ' + tr("The latest attempt (%1) failed: %2")
                           .arg(timeText(s.latest->finishedMs), s.latest->message);
    m_summary->setText(text);
    // Keep the operator's place across reloads.
    int row = m_items->rowOfSource(keepSource);
    if (row < 0 && !keepDest.isEmpty())
        for (int i = 0; i < m_items->rowCount(); ++i)
            if (m_items->itemAt(i)->destId == keepDest)
                row = i;
    const QModelIndex at =
        row >= 0 ? m_filter->mapFromSource(m_items->index(row, 0)) : m_filter->index(0, 0);
    if (at.isValid())
        m_itemView->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect |
                                                              QItemSelectionModel::Rows);
    showCurrent();
    updateActions();
    Q_EMIT loaded(flowId, int(items.size()));
}

void ReconcilePage::applyFilter() {
    m_filter->setKind(m_kind->currentData().toString());
    m_filter->setOpenOnly(m_openOnly->isChecked());
    m_filter->setText(m_search->text());
    showCurrent();
    updateActions();
}

const sync::ReconcileItem* ReconcilePage::currentItem() const {
    const QModelIndex cur = m_itemView->selectionModel()->currentIndex();
    if (!cur.isValid())
        return nullptr;
    return m_items->itemAt(m_filter->mapToSource(cur).row());
}

void ReconcilePage::showCurrent() {
    const sync::ReconcileItem* it = currentItem();
    if (!it) {
        m_shownItem = 0;
        m_fields->clear();
        m_recordTitle->setText(m_items->rowCount() == 0
                                   ? tr("No differences listed.")
                                   : tr("Select a record to see both sides field by field."));
        return;
    }
    QString title;
    if (it->kind == u"missing"_s)
        title = tr("Source record %1 is missing in the destination (%2).")
                    .arg(it->sourceId, it->detail);
    else if (it->kind == u"extra"_s)
        title = tr("Destination record %1 has no source record: %2.").arg(it->destId, it->detail);
    else
        title = tr("Source record %1 and destination record %2 differ in: %3.")
                    .arg(it->sourceId, it->destId, it->detail);
    if (it->state != u"open"_s && !it->stateMessage.isEmpty())
        title += u' ' + tr("Last resync (%1): %2").arg(timeText(it->stateMs), it->stateMessage);
    m_recordTitle->setText(title);
    if (it->id != m_shownItem)
        loadFields(it->id);
}

void ReconcilePage::loadFields(qint64 itemId) {
    m_shownItem = itemId;
    const quint64 generation = ++m_fieldGeneration;
    auto store = m_store;
    auto read = [store, itemId] { return store->reconcileFields(itemId); };
    m_tasks.run(read, [this, generation, itemId](const Result<QList<sync::FieldDiff>>& fields) {
        if (generation != m_fieldGeneration)
            return;
        if (!fields) {
            m_fields->clear();
            m_status->setText(tr("Could not read the fields: %1").arg(fields.error().message));
            return;
        }
        m_fields->setFields(*fields);
        Q_EMIT fieldsShown(itemId);
    });
}

void ReconcilePage::refreshItem(const QString& sourceId) {
    const int row = m_items->rowOfSource(sourceId);
    if (row < 0)
        return;
    const qint64 id = m_items->itemAt(row)->id;
    auto store = m_store;
    auto read = [store, id] { return store->reconcileItem(id); };
    m_tasks.run(read, [this, id](const Result<std::optional<sync::ReconcileItem>>& item) {
        if (!item || !item->has_value()) {
            reload(); // a newer reconciliation replaced the listed one
            return;
        }
        if (id == m_shownItem)
            m_shownItem = 0; // its fields changed: fetch them again
        m_items->updateItem(**item);
    });
}

QStringList ReconcilePage::selectedSourceIds() const {
    QList<int> rows;
    for (const QModelIndex& i : m_itemView->selectionModel()->selectedRows())
        rows << m_filter->mapToSource(i).row();
    std::sort(rows.begin(), rows.end());
    QStringList ids;
    for (int r : rows)
        if (const sync::ReconcileItem* it = m_items->itemAt(r);
            it && !it->sourceId.isEmpty() && !ids.contains(it->sourceId))
            ids << it->sourceId;
    return ids;
}

void ReconcilePage::updateActions() {
    const sync::ReconcileItem* it = currentItem();
    const bool busy = !m_bulk.isEmpty();
    const bool canResync =
        m_commands && it && !it->sourceId.isEmpty() && it->state != u"resyncing"_s && !busy;
    m_resync->setEnabled(canResync);
    m_resync->setToolTip(it && it->sourceId.isEmpty()
                             ? tr("An unlinked duplicate in the destination has no source "
                                  "record to resync; extras are never deleted.")
                             : QString());
    m_resyncSelected->setEnabled(m_commands && !busy && !selectedSourceIds().isEmpty());
    m_reconcile->setEnabled(m_commands && !currentFlow().isEmpty());
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
}

void ReconcilePage::resyncCurrent() {
    const sync::ReconcileItem* it = currentItem();
    if (!m_commands || !it || it->sourceId.isEmpty() || !m_bulk.isEmpty())
        return;
    const QString sourceId = it->sourceId;
    m_resyncing << sourceId;
    m_items->markResyncing(sourceId);
    m_status->setText(tr("Resyncing record %1…").arg(sourceId));
    m_commands->resyncRecord(m_loadedFlow, sourceId);
    updateActions();
}

void ReconcilePage::resyncSelected() {
    if (!m_commands || !m_bulk.isEmpty())
        return;
    m_bulk = selectedSourceIds();
    if (m_bulk.isEmpty())
        return;
    m_bulkDone = 0;
    m_progress->setRange(0, int(m_bulk.size()));
    m_progress->setValue(0);
    updateActions();
    sendNextInBulk();
}

void ReconcilePage::sendNextInBulk() {
    if (m_bulk.isEmpty())
        return;
    m_progress->setValue(m_bulkDone);
    if (m_bulkDone >= m_bulk.size())
        return finishBulk(false);
    m_bulkCurrent = m_bulk[m_bulkDone];
    m_items->markResyncing(m_bulkCurrent);
    m_status->setText(tr("Resyncing record %1 (%2 of %3)…")
                          .arg(m_bulkCurrent)
                          .arg(m_bulkDone + 1)
                          .arg(m_bulk.size()));
    m_bulkTimeout->start();
    m_commands->resyncRecord(m_loadedFlow, m_bulkCurrent);
}

void ReconcilePage::cancelBulk() {
    finishBulk(true);
}

void ReconcilePage::finishBulk(bool cancelled) {
    if (m_bulk.isEmpty())
        return;
    const int total = int(m_bulk.size());
    const int done = m_bulkDone;
    // The record in flight still reports; it is then shown like a single resync.
    if (cancelled && !m_bulkCurrent.isEmpty())
        m_resyncing << m_bulkCurrent;
    m_bulk.clear();
    m_bulkCurrent.clear();
    m_bulkTimeout->stop();
    m_status->setText(cancelled
                          ? tr("Resync cancelled after %1 of %2 records.").arg(done).arg(total)
                          : tr("Resynced %n record(s).", "", total));
    updateActions();
    Q_EMIT bulkResyncFinished(done, total, cancelled);
}

void ReconcilePage::onResynced(const QString& flowId, const QString& sourceId, bool ok,
                               const QString& state, const QString& message) {
    Q_UNUSED(ok);
    Q_UNUSED(state);
    if (flowId != m_loadedFlow)
        return;
    m_resyncing.removeAll(sourceId);
    m_status->setText(tr("Record %1: %2").arg(sourceId, message));
    refreshItem(sourceId);
    if (!m_bulk.isEmpty() && sourceId == m_bulkCurrent) {
        m_bulkTimeout->stop();
        m_bulkCurrent.clear();
        ++m_bulkDone;
        sendNextInBulk();
    }
    updateActions();
}

void ReconcilePage::reconcileNow() {
    const QString flow = currentFlow();
    if (!m_commands || flow.isEmpty())
        return;
    m_commands->reconcileNow(flow);
    m_status->setText(tr("Reconciliation of %1 requested; both sides are being read…").arg(flow));
}

void ReconcilePage::onReconciled(const QString& flowId, bool ok, const QString& message) {
    if (flowId != currentFlow())
        return;
    m_status->setText(ok ? tr("Reconciliation of %1 finished: %2").arg(flowId, message)
                         : tr("Reconciliation of %1 failed: %2").arg(flowId, message));
    reload();
}

} // namespace bk::ui
