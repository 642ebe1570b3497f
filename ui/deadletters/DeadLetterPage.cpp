#include "DeadLetterPage.h"

#include "AuditLogView.h"
#include "DeadLetterModel.h"
#include "DiscardDialog.h"
#include "DryRunView.h"
#include "PayloadEditor.h"
#include "ReplayJobsPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollBar>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

using deadletters::DeadLetter;
using deadletters::State;

namespace {

constexpr int kDebounceMs = 300;

QString timeText(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)
        .toLocalTime()
        .toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s);
}

QString esc(const QString& s) {
    return s.toHtmlEscaped();
}

} // namespace

DeadLetterPage::DeadLetterPage(std::shared_ptr<deadletters::DeadLetterStore> store,
                               ConnectorCatalog catalog, EngineSignals* engineSignals,
                               EngineCommands* commands, QString user, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_catalog(std::move(catalog))
    , m_signals(engineSignals)
    , m_commands(commands)
    , m_user(std::move(user)) {
    buildUi();
}

DeadLetterPage::DeadLetterPage(std::shared_ptr<store::Database> db, ConnectorCatalog catalog,
                               EngineSignals* engineSignals, EngineCommands* commands, QString user,
                               QWidget* parent)
    : DeadLetterPage(std::make_shared<deadletters::DeadLetterStore>(
                         std::move(db), std::make_shared<SystemClock>()),
                     std::move(catalog), engineSignals, commands, std::move(user), parent) {}

void DeadLetterPage::setConnectorTypes(const QHash<QString, QString>& types) {
    m_connectorTypes = types;
    showCurrent();
}

void DeadLetterPage::buildUi() {
    setObjectName(u"deadLetterPage"_s);
    m_model = new DeadLetterModel(m_store, this);

    // Filters
    m_connector = new QLineEdit(this);
    m_connector->setPlaceholderText(tr("Connector"));
    m_connector->setAccessibleName(tr("Filter by connector"));
    m_flow = new QLineEdit(this);
    m_flow->setPlaceholderText(tr("Flow"));
    m_flow->setAccessibleName(tr("Filter by flow"));
    m_class = new QComboBox(this);
    m_class->setAccessibleName(tr("Filter by error class"));
    m_class->addItem(tr("All classes"), QString());
    for (auto c :
         {http::OutcomeClass::Permanent, http::OutcomeClass::Invalid, http::OutcomeClass::Transient,
          http::OutcomeClass::RateLimited, http::OutcomeClass::Network, http::OutcomeClass::Auth})
        m_class->addItem(http::outcomeClassName(c), http::outcomeClassName(c));
    m_state = new QComboBox(this);
    m_state->setAccessibleName(tr("Filter by state"));
    m_state->addItem(tr("All states"), QString());
    for (auto s : {State::New, State::Replaying, State::Resolved, State::Discarded})
        m_state->addItem(deadletters::stateName(s), deadletters::stateName(s));
    m_useFrom = new QCheckBox(tr("&From"), this);
    m_from = new QDateTimeEdit(QDateTime::currentDateTime().addDays(-7), this);
    m_from->setAccessibleName(tr("Created from"));
    m_from->setCalendarPopup(true);
    m_useTo = new QCheckBox(tr("&To"), this);
    m_to = new QDateTimeEdit(QDateTime::currentDateTime(), this);
    m_to->setAccessibleName(tr("Created until"));
    m_to->setCalendarPopup(true);
    m_from->setEnabled(false);
    m_to->setEnabled(false);
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search reason, URL, record ids, body…"));
    m_search->setAccessibleName(tr("Search dead letters"));
    m_search->setClearButtonEnabled(true);
    m_count = new QLabel(this);
    m_count->setAccessibleName(tr("Number of dead letters"));
    auto* refresh = new QPushButton(tr("Re&load"), this);
    refresh->setAccessibleName(tr("Reload dead letters"));

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &DeadLetterPage::applyFilter);
    for (QLineEdit* e : {m_connector, m_flow, m_search})
        connect(e, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    for (QComboBox* c : {m_class, m_state})
        connect(c, &QComboBox::currentIndexChanged, this, &DeadLetterPage::applyFilter);
    for (QCheckBox* c : {m_useFrom, m_useTo})
        connect(c, &QCheckBox::toggled, this, &DeadLetterPage::applyFilter);
    for (QDateTimeEdit* d : {m_from, m_to})
        connect(d, &QDateTimeEdit::dateTimeChanged, m_debounce, qOverload<>(&QTimer::start));
    connect(refresh, &QPushButton::clicked, m_model, &DeadLetterModel::reload);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_connector);
    filters->addWidget(m_flow);
    filters->addWidget(m_class);
    filters->addWidget(m_state);
    filters->addWidget(m_useFrom);
    filters->addWidget(m_from);
    filters->addWidget(m_useTo);
    filters->addWidget(m_to);
    filters->addWidget(m_search, 1);
    filters->addWidget(refresh);

    // Table
    m_table = new QTableView(this);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("Dead letters"));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Sized to the first page's contents (font-relative, so 200 % scaling stays readable);
    // the reason, last, takes the rest.
    connect(m_model, &DeadLetterModel::pageLoaded, this, [this](int rows) {
        if (rows > 0 && !m_columnsSized) {
            m_columnsSized = true;
            m_table->resizeColumnsToContents();
            // The first page may hold only "new"; leave room for every state name.
            const int stateWidth =
                m_table->fontMetrics().horizontalAdvance(deadletters::stateName(State::Discarded)) +
                2 * m_table->fontMetrics().horizontalAdvance(u'M');
            if (m_table->columnWidth(DeadLetterModel::State) < stateWidth)
                m_table->setColumnWidth(DeadLetterModel::State, stateWidth);
        }
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this]() {
        showCurrent();
        updateActions();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &DeadLetterPage::showCurrent);
    connect(m_model, &DeadLetterModel::totalChanged, this, [this](qint64 n) {
        m_count->setText(tr("%n dead letter(s)", "", int(qMin<qint64>(n, INT_MAX))));
    });
    connect(m_model, &DeadLetterModel::loadFailed, this, [this](const QString& message) {
        m_count->setText(tr("Could not read dead letters: %1").arg(message));
    });
    connect(m_model, &DeadLetterModel::dataChanged, this, [this](const QModelIndex& tl) {
        if (const DeadLetter* d = m_model->letterAt(tl.row()); d && d->id == m_shownId) {
            m_shownId = 0; // the shown letter changed: re-render
            showCurrent();
        }
        updateActions();
    });
    connect(m_model, &DeadLetterModel::letterRefreshed, this, &DeadLetterPage::onLetterRefreshed);
    // New letters are inserted live at the top: keep what the operator is looking at in place.
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex&, int first, int last) { keepScrollOnInsert(first, last); });

    // Detail, payload, audit
    m_detail = new QTextBrowser(this);
    m_detail->setAccessibleName(tr("Dead letter details"));
    m_detail->setOpenLinks(false);
    m_editor = new PayloadEditor(this);
    connect(m_editor, &PayloadEditor::validityChanged, this, &DeadLetterPage::updateActions);
    m_audit = new AuditLogView(m_store, this);
    m_dryRunView = new DryRunView(this);
    m_jobs = new ReplayJobsPanel(m_commands, m_user, this);
    auto* tabs = new QTabWidget(this);
    m_tabs = tabs;
    tabs->setObjectName(u"deadLetterTabs"_s);
    tabs->setAccessibleName(tr("Dead letter"));
    tabs->addTab(m_detail, tr("&Details"));
    tabs->addTab(m_editor, tr("&Payload"));
    tabs->addTab(m_dryRunView, tr("Dry r&un"));
    tabs->addTab(m_audit, tr("&Audit log"));
    tabs->addTab(m_jobs, tr("Replay &jobs"));

    // Actions
    m_replay = new QPushButton(tr("&Replay"), this);
    m_replay->setAccessibleName(tr("Replay this dead letter with the edited payload"));
    m_target = new QComboBox(this);
    m_target->setObjectName(u"replayTarget"_s);
    m_target->setAccessibleName(tr("Where Replay and Dry run send the dead letter"));
    m_target->addItem(tr("Original target"));
    auto* targetLabel = new QLabel(tr("Se&nd to:"), this);
    targetLabel->setBuddy(m_target);
    m_dryRun = new QPushButton(tr("Dr&y run"), this);
    m_dryRun->setObjectName(u"dryRunButton"_s);
    m_dryRun->setAccessibleName(
        tr("Map and validate the edited payload for the chosen target without sending it"));
    m_outcome = new QLabel(this);
    m_outcome->setObjectName(u"replayOutcome"_s);
    m_outcome->setAccessibleName(tr("Outcome of the last replay"));
    m_replaySelected = new QPushButton(tr("Replay &selected…"), this);
    m_replaySelected->setAccessibleName(
        tr("Replay all selected dead letters as a job paced inside the rate-limit budget"));
    m_discard = new QPushButton(tr("D&iscard…"), this);
    m_discard->setAccessibleName(tr("Discard the selected dead letters"));
    m_export = new QPushButton(tr("&Export selected…"), this);
    m_export->setAccessibleName(tr("Export the selected dead letters as JSON"));
    m_replay->setObjectName(u"replayButton"_s);
    m_replaySelected->setObjectName(u"replaySelectedButton"_s);
    m_discard->setObjectName(u"discardButton"_s);
    m_export->setObjectName(u"exportButton"_s);
    m_class->setObjectName(u"classFilter"_s);
    m_state->setObjectName(u"stateFilter"_s);
    m_search->setObjectName(u"searchFilter"_s);
    connect(m_replay, &QPushButton::clicked, this, &DeadLetterPage::replayCurrent);
    connect(m_dryRun, &QPushButton::clicked, this, &DeadLetterPage::dryRunCurrent);
    connect(m_replaySelected, &QPushButton::clicked, this, &DeadLetterPage::replaySelected);
    connect(m_discard, &QPushButton::clicked, this, &DeadLetterPage::discardSelected);
    connect(m_export, &QPushButton::clicked, this, &DeadLetterPage::exportSelected);
    auto* actions = new QHBoxLayout;
    actions->addWidget(m_count);
    actions->addWidget(m_outcome, 1);
    actions->addWidget(targetLabel);
    actions->addWidget(m_target);
    for (QPushButton* b : {m_dryRun, m_replay, m_replaySelected, m_discard, m_export})
        actions->addWidget(b);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(tabs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);
    layout->addLayout(actions);

    if (m_signals) {
        connect(m_signals, &EngineSignals::deadLetterChanged, this,
                &DeadLetterPage::onLetterChanged);
        connect(m_signals, &EngineSignals::replayTargetsListed, this,
                &DeadLetterPage::onTargetsListed);
        connect(m_signals, &EngineSignals::dryRunFinished, this, &DeadLetterPage::onDryRunFinished);
        connect(m_signals, &EngineSignals::replayFinished, this, &DeadLetterPage::onReplayFinished);
        connect(m_signals, &EngineSignals::replayJobChanged, this, &DeadLetterPage::onJobChanged);
    }
    updateActions();
    m_model->fetchMore();
    if (m_commands)
        m_commands->refreshReplayJobs(); // jobs a previous session left running
}

deadletters::Filter DeadLetterPage::currentFilter() const {
    deadletters::Filter f;
    f.connectorId = m_connector->text().trimmed();
    f.flowId = m_flow->text().trimmed();
    f.cls = m_class->currentData().toString();
    f.state = m_state->currentData().toString();
    if (m_useFrom->isChecked())
        f.fromMs = m_from->dateTime().toMSecsSinceEpoch();
    if (m_useTo->isChecked())
        f.toMs = m_to->dateTime().toMSecsSinceEpoch();
    f.text = m_search->text().trimmed();
    return f;
}

void DeadLetterPage::applyFilter() {
    m_debounce->stop();
    m_from->setEnabled(m_useFrom->isChecked());
    m_to->setEnabled(m_useTo->isChecked());
    m_model->setFilter(currentFilter());
    m_shownId = 0;
    showCurrent();
    m_model->fetchMore();
}

QList<qint64> DeadLetterPage::selectedIds() const {
    QList<qint64> ids;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        if (const DeadLetter* d = m_model->letterAt(i.row()))
            ids.append(d->id);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<mapping::DestinationSchema> DeadLetterPage::schemaFor(const DeadLetter& d,
                                                                    QString* name) const {
    const QString type = m_connectorTypes.value(d.connectorId, d.connectorId);
    if (!m_catalog.contains(type))
        return std::nullopt;
    // The resource whose write or update path the request URL ends with.
    const QString path = d.request.url.path();
    const QJsonObject resources = m_catalog.definition(type).value(u"resources"_s).toObject();
    static const QRegularExpression placeholder(u"\\\\\\{[^}]*\\\\\\}"_s);
    for (auto it = resources.begin(); it != resources.end(); ++it) {
        for (const char* key : {"writePath", "updatePath"}) {
            const QString p = it->toObject().value(QLatin1String(key)).toString();
            if (p.isEmpty())
                continue;
            QString re = QRegularExpression::escape(p);
            re.replace(placeholder, u"[^/]+"_s);
            if (QRegularExpression(re + u"$"_s).match(path).hasMatch()) {
                auto schema = mapping::DestinationSchema::fromCatalog(m_catalog, type, it.key());
                if (!schema)
                    return std::nullopt;
                *name = type + u'/' + it.key();
                return *schema;
            }
        }
    }
    return std::nullopt;
}

void DeadLetterPage::showCurrent() {
    const QModelIndex cur = m_table->selectionModel()->currentIndex();
    const DeadLetter* d = cur.isValid() ? m_model->letterAt(cur.row()) : nullptr;
    if (!d) {
        m_shownId = 0;
        m_targetsFor = 0;
        m_detail->setPlainText(tr("Select a dead letter to see its request and attempts."));
        m_editor->clear();
        updateActions();
        return;
    }
    if (d->id == m_shownId)
        return; // keep the operator's edits while the selection grows
    m_shownId = d->id;
    if (m_dryRunView->shownId() != 0 && m_dryRunView->shownId() != d->id)
        m_dryRunView->clear();   // a dry run of another letter
    if (m_targetsFor != d->id) { // a refresh of the same letter keeps the chosen target
        m_targetsFor = d->id;
        m_target->clear();
        m_target->addItem(d->isSourceRecord() ? tr("Original flow (%1)").arg(d->flowId)
                                              : tr("Original target"));
        if (m_commands)
            m_commands->listReplayTargets(d->id);
    }

    QString html;
    html += u"<h3>"_s + esc(tr("Dead letter %1").arg(d->id)) + u"</h3>"_s;
    html += u"<p><b>"_s + esc(tr("State:")) + u"</b> "_s + esc(deadletters::stateName(d->state));
    if (!d->stateReason.isEmpty())
        html += u" — "_s + esc(d->stateReason);
    html += u"<br><b>"_s + esc(tr("Replays:")) + u"</b> "_s + QString::number(d->replays);
    html += u"<br><b>"_s + esc(tr("Reason:")) + u"</b> "_s + esc(d->reason);
    html += u"<br><b>"_s + esc(tr("Connector / flow:")) + u"</b> "_s + esc(d->connectorId) +
            u" / "_s + esc(d->flowId);
    if (!d->recordIds.isEmpty())
        html += u"<br><b>"_s + esc(tr("Records:")) + u"</b> "_s + esc(d->recordIds.join(u", "_s));
    html +=
        u"<br><b>"_s + esc(tr("Created:")) + u"</b> "_s + esc(timeText(d->createdMs)) + u"</p>"_s;

    html += u"<h4>"_s + esc(tr("Request")) + u"</h4><pre>"_s +
            esc(QString::fromLatin1(d->request.method)) + u' ' + esc(d->request.url.toString()) +
            u'\n';
    for (const auto& [name, value] : d->request.headers)
        html += esc(QString::fromLatin1(name)) + u": "_s + esc(QString::fromUtf8(value)) + u'\n';
    html += u'\n' + esc(QString::fromUtf8(d->request.body)) + u"</pre>"_s;

    html += u"<h4>"_s + esc(tr("Attempts (%1)").arg(d->attempts.size())) + u"</h4>"_s;
    html += u"<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\"><tr><th>"_s +
            esc(tr("Time")) + u"</th><th>"_s + esc(tr("Status")) + u"</th><th>"_s +
            esc(tr("Class")) + u"</th><th>"_s + esc(tr("Response")) + u"</th></tr>"_s;
    for (const auto& a : d->attempts)
        html += u"<tr><td>"_s + esc(timeText(a.timeMs)) + u"</td><td>"_s +
                (a.status ? QString::number(a.status) : esc(tr("network"))) + u"</td><td>"_s +
                esc(http::outcomeClassName(a.cls)) + u"</td><td>"_s + esc(a.excerpt) +
                u"</td></tr>"_s;
    html += u"</table>"_s;
    m_detail->setHtml(html);

    QString schemaName;
    auto schema = schemaFor(*d, &schemaName);
    m_editor->setPayload(d->request.body, std::move(schema), schemaName);
    updateActions();
}

void DeadLetterPage::updateActions() {
    const QModelIndex cur = m_table->selectionModel()->currentIndex();
    const DeadLetter* d = cur.isValid() ? m_model->letterAt(cur.row()) : nullptr;
    const bool open = d && d->state == State::New;
    m_replay->setEnabled(open && m_commands && m_editor->isValid());
    m_dryRun->setEnabled(d && m_commands);
    m_target->setEnabled(open && m_commands);
    const bool any = m_table->selectionModel()->hasSelection();
    m_replaySelected->setEnabled(any && m_commands);
    m_discard->setEnabled(any && m_commands);
    m_export->setEnabled(any);
    m_replay->setToolTip(d && !m_editor->isValid()
                             ? tr("Fix the payload first: %1").arg(m_editor->problems().value(0))
                             : QString());
}

void DeadLetterPage::replayCurrent() {
    const QModelIndex cur = m_table->selectionModel()->currentIndex();
    const DeadLetter* d = cur.isValid() ? m_model->letterAt(cur.row()) : nullptr;
    if (!d || !m_commands || !m_editor->isValid() || d->state != State::New)
        return;
    const ReplayTarget target = currentTarget();
    if (target.kind == ReplayTarget::Kind::Original && !d->isSourceRecord())
        m_commands->replayDeadLetter(d->id, m_editor->editedBody(), m_user);
    else // mapped through a flow, or sent to another connector
        m_commands->replayDeadLetterTo(d->id, m_editor->editedBody(), target, m_user);
    m_outcome->setText(
        tr("Replaying dead letter %1 to %2…").arg(d->id).arg(m_target->currentText()));
    m_replay->setEnabled(false); // until the engine reports the new state
}

ReplayTarget DeadLetterPage::currentTarget() const {
    const QVariant v = m_target->currentData();
    return v.canConvert<ReplayTarget>() ? v.value<ReplayTarget>() : ReplayTarget{};
}

void DeadLetterPage::dryRunCurrent() {
    const QModelIndex cur = m_table->selectionModel()->currentIndex();
    const DeadLetter* d = cur.isValid() ? m_model->letterAt(cur.row()) : nullptr;
    if (!d || !m_commands)
        return;
    m_dryRunView->setPending(d->id);
    m_tabs->setCurrentWidget(m_dryRunView);
    m_commands->dryRunDeadLetter(d->id, m_editor->editedBody(), currentTarget());
}

void DeadLetterPage::onTargetsListed(qint64 id, const QList<ReplayTargetOption>& targets) {
    if (id != m_targetsFor)
        return; // an answer for a letter no longer shown
    while (m_target->count() > 1)
        m_target->removeItem(1);
    for (const auto& t : targets) {
        m_target->addItem(t.label, QVariant::fromValue(t.target));
        m_target->setItemData(m_target->count() - 1, t.description, Qt::ToolTipRole);
    }
}

void DeadLetterPage::onDryRunFinished(const DryRunResult& result) {
    if (result.deadLetterId == m_dryRunView->shownId())
        m_dryRunView->setResult(result);
}

void DeadLetterPage::onReplayFinished(qint64 id, bool ok, const QString& message) {
    m_outcome->setText(ok ? tr("Replay of dead letter %1 succeeded.").arg(id)
                          : tr("Replay of dead letter %1 failed: %2").arg(id).arg(message));
    updateActions();
}

void DeadLetterPage::onJobChanged(const ReplayJobProgress& job) {
    m_jobs->update(job);
    // Jobs this operator started here: report their end (the panel shows the progress).
    if (job.user == m_user && job.open() && m_jobsRequested > 0 && !m_myJobs.contains(job.jobId) &&
        job.done() == 0) {
        m_myJobs.insert(job.jobId);
        --m_jobsRequested;
        m_jobs->select(job.jobId);
    } else if (m_myJobs.contains(job.jobId) && !job.open()) {
        m_myJobs.remove(job.jobId);
        Q_EMIT bulkReplayFinished(job.done(), job.total, job.state == u"cancelled"_s);
    }
}

void DeadLetterPage::keepScrollOnInsert(int first, int last) {
    // Pages are appended at the end; a live letter goes in at the top. If the operator has
    // scrolled down, move by the inserted rows so the same rows stay in view.
    if (first != 0 || m_model->rowCount() == last - first + 1)
        return;
    QScrollBar* bar = m_table->verticalScrollBar();
    if (bar->value() == 0)
        return; // at the top: the new letter shows
    const int rows = last - first + 1;
    const int step = m_table->verticalScrollMode() == QAbstractItemView::ScrollPerItem
                         ? rows
                         : rows * m_table->verticalHeader()->defaultSectionSize();
    bar->setValue(bar->value() + step);
}

void DeadLetterPage::replaySelected() {
    if (!m_commands)
        return;
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    // A persisted job in the engine: paced inside the budget, resumable after a restart.
    m_commands->startReplayJob(ids, m_user);
    ++m_jobsRequested;
    m_tabs->setCurrentWidget(m_jobs);
    m_outcome->setText(tr("Started a replay job for %n dead letter(s).", nullptr, int(ids.size())));
}

void DeadLetterPage::onLetterChanged(qint64 id) {
    m_model->refreshLetter(id);
}

void DeadLetterPage::onLetterRefreshed(const DeadLetter&) {
    m_audit->refresh();
}

void DeadLetterPage::discardSelected() {
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty() || !m_commands)
        return;
    auto* dialog = new DiscardDialog(int(ids.size()), this);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ids]() {
        for (qint64 id : ids)
            m_commands->discardDeadLetter(id, dialog->reason(), m_user);
    });
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    dialog->open();
}

void DeadLetterPage::exportSelected() {
    const QList<qint64> ids = selectedIds();
    if (ids.isEmpty())
        return;
    auto* dialog =
        new QFileDialog(this, tr("Export dead letters"), QString(), tr("JSON files (*.json)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"json"_s);
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, ids](const QString& path) { exportTo(path, ids); });
    connect(dialog, &QDialog::finished, dialog, &QObject::deleteLater);
    dialog->open();
}

void DeadLetterPage::exportTo(const QString& path, const QList<qint64>& ids) {
    auto store = m_store;
    auto write = [store, path, ids]() -> QString {
        QJsonArray out;
        for (qint64 id : ids) {
            auto d = store->get(id);
            if (!d)
                return d.error().message;
            out.append(d->toJson());
        }
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly))
            return f.errorString();
        f.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
        if (!f.commit())
            return f.errorString();
        return {};
    };
    m_tasks.run(write, [this, path](const QString& error) {
        m_count->setText(error.isEmpty() ? tr("Exported to %1").arg(path)
                                         : tr("Export failed: %1").arg(error));
        Q_EMIT exported(path, error);
    });
}

} // namespace bk::ui
