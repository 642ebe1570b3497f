#include "ReplayJobsPanel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {

enum Col { JobCol, ConnectorCol, StateCol, ProgressCol, FailedCol, ColCount };

QString stateText(const ReplayJobProgress& j) {
    if (j.state == u"running"_s)
        return j.pauseReason.isEmpty() ? ReplayJobsPanel::tr("running")
                                       : ReplayJobsPanel::tr("running — %1").arg(j.pauseReason);
    if (j.state == u"paused"_s)
        return j.pauseReason.isEmpty() ? ReplayJobsPanel::tr("paused")
                                       : ReplayJobsPanel::tr("paused: %1").arg(j.pauseReason);
    if (j.state == u"cancelled"_s)
        return j.pauseReason.isEmpty() ? ReplayJobsPanel::tr("cancelled")
                                       : ReplayJobsPanel::tr("cancelled: %1").arg(j.pauseReason);
    if (j.state == u"finished"_s)
        return ReplayJobsPanel::tr("finished");
    return j.state;
}

} // namespace

ReplayJobsPanel::ReplayJobsPanel(EngineCommands* commands, QString user, QWidget* parent)
    : QWidget(parent)
    , m_commands(commands)
    , m_user(std::move(user))
    , m_table(new QTableWidget(0, ColCount, this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_cancel(new QPushButton(tr("&Cancel job"), this)) {
    setObjectName(u"replayJobsPanel"_s);
    m_table->setObjectName(u"replayJobsTable"_s);
    m_table->setAccessibleName(tr("Bulk replay jobs"));
    m_table->setHorizontalHeaderLabels(
        {tr("Job"), tr("Connector"), tr("State"), tr("Done / total"), tr("Failed")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_progress->setObjectName(u"replayJobProgress"_s);
    m_progress->setAccessibleName(tr("Progress of the selected replay job"));
    m_progress->setFormat(tr("%v of %m"));
    m_status->setObjectName(u"replayJobStatus"_s);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("State of the selected replay job"));
    m_cancel->setObjectName(u"cancelReplayJobButton"_s);
    m_cancel->setAccessibleName(tr("Cancel the selected replay job"));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &ReplayJobsPanel::cancelSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ReplayJobsPanel::showSelected);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addLayout(bottom);
    m_status->setText(tr("\"Replay selected\" starts a job: paced inside the connector's "
                         "rate-limit budget, paused while its circuit is open, resumed after a "
                         "restart."));
}

void ReplayJobsPanel::update(const ReplayJobProgress& j) {
    m_jobs.insert(j.jobId, j);
    int row = -1;
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, JobCol)->data(Qt::UserRole).toLongLong() == j.jobId)
            row = r;
    if (row < 0) {
        row = 0; // newest first
        m_table->insertRow(row);
        for (int c = 0; c < ColCount; ++c)
            m_table->setItem(row, c, new QTableWidgetItem);
        m_table->item(row, JobCol)->setData(Qt::UserRole, j.jobId);
    }
    m_table->item(row, JobCol)->setText(QString::number(j.jobId));
    m_table->item(row, ConnectorCol)->setText(j.connectorId);
    m_table->item(row, StateCol)->setText(stateText(j));
    m_table->item(row, ProgressCol)->setText(u"%1 / %2"_s.arg(j.done()).arg(j.total));
    m_table->item(row, FailedCol)->setText(QString::number(j.failed));
    if (selectedId() == 0 || selectedId() == j.jobId)
        select(j.jobId);
}

void ReplayJobsPanel::select(qint64 id) {
    for (int r = 0; r < m_table->rowCount(); ++r)
        if (m_table->item(r, JobCol)->data(Qt::UserRole).toLongLong() == id) {
            if (m_table->currentRow() != r)
                m_table->selectRow(r);
            break;
        }
    showSelected();
}

qint64 ReplayJobsPanel::selectedId() const {
    const int r = m_table->currentRow();
    return r >= 0 && m_table->item(r, JobCol)
               ? m_table->item(r, JobCol)->data(Qt::UserRole).toLongLong()
               : 0;
}

void ReplayJobsPanel::showSelected() {
    const qint64 id = selectedId();
    const ReplayJobProgress j = m_jobs.value(id);
    if (j.jobId == 0) {
        m_cancel->setEnabled(false);
        return;
    }
    m_progress->setRange(0, std::max(1, j.total));
    m_progress->setValue(j.done());
    m_status->setText(
        tr("Job %1 (%2, started by %3): %4 — %5 resolved, %6 failed, %7 skipped, "
           "%8 under way.")
            .arg(j.jobId)
            .arg(j.connectorId, j.user.isEmpty() ? tr("unknown") : j.user, stateText(j))
            .arg(j.resolved)
            .arg(j.failed)
            .arg(j.skipped)
            .arg(j.inFlight));
    m_cancel->setEnabled(j.open() && m_commands);
}

void ReplayJobsPanel::cancelSelected() {
    const qint64 id = selectedId();
    if (id == 0 || !m_commands || !m_jobs.value(id).open())
        return;
    m_commands->cancelReplayJob(id, m_user);
    m_cancel->setEnabled(false); // until the engine reports the cancelled job
}

} // namespace bk::ui
