#include "FlowProgressModel.h"

#include "HealthStyle.h"
#include "KeyedRows.h"
#include "TimeFormat.h"

#include <QBrush>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace bk::ui {

FlowProgressModel::FlowProgressModel(std::shared_ptr<Clock> clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(std::move(clock)) {
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &FlowProgressModel::flush);
}

void FlowProgressModel::setFlows(const QList<Entry>& entries) {
    beginResetModel();
    resetKeyedRows(m_rows, m_index, entries, &Row::progress);
    endResetModel();
}

void FlowProgressModel::applyProgress(const FlowProgress& progress) {
    m_pending.insert(progress.flowId, progress);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void FlowProgressModel::flush() {
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const auto pending = std::exchange(m_pending, {});
    QList<FlowProgress> fresh;
    const RowSpan span = applyToKeyedRows(
        m_rows, m_index, pending, &Row::progress, [](const FlowProgress& p) { return p.flowId; },
        fresh);
    if (!span.isEmpty())
        Q_EMIT dataChanged(index(span.first, 0), index(span.last, ColumnCount - 1));
    if (!fresh.isEmpty()) {
        const int start = int(m_rows.size());
        beginInsertRows({}, start, start + int(fresh.size()) - 1);
        for (const FlowProgress& p : std::as_const(fresh)) {
            m_index.insert(p.flowId, int(m_rows.size()));
            m_rows.append(Row{{p.flowId, QString()}, p});
        }
        endInsertRows();
    }
}

void FlowProgressModel::tick() {
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, EtaColumn), index(int(m_rows.size()) - 1, ReconcileColumn),
                           {Qt::DisplayRole, SortRole});
}

std::optional<FlowProgress> FlowProgressModel::progress(const QString& flowId) const {
    const int row = m_index.value(flowId, -1);
    return row >= 0 ? m_rows.at(row).progress : std::nullopt;
}

int FlowProgressModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FlowProgressModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FlowProgressModel::display(const Row& row, int column) const {
    const qint64 now = m_clock->nowMs();
    const QLocale locale;
    if (column == FlowColumn)
        return row.entry.id;
    if (!row.progress)
        return column == StateColumn ? tr("no report yet") : QString();
    const FlowProgress& p = *row.progress;
    switch (column) {
    case StateColumn:
        if (p.running)
            return p.bulk ? tr("bulk sync") : tr("running");
        return tr("idle");
    case ProgressColumn:
        if (!p.running && p.done == 0)
            return QString();
        if (p.total >= 0)
            return tr("%1 / %2").arg(locale.toString(p.done), locale.toString(p.total));
        return tr("%1 done").arg(locale.toString(p.done));
    case EtaColumn:
        if (!p.running)
            return QString();
        if (p.etaMs < 0)
            return tr("estimating…");
        return tr("%1 left").arg(formatCountdown(p.etaMs));
    case LastRunColumn:
        if (p.lastRunMs <= 0)
            return tr("never");
        if (p.lastRunOk)
            return tr("%1, succeeded").arg(formatRelative(p.lastRunMs, now));
        return tr("%1, failed: %2").arg(formatRelative(p.lastRunMs, now), p.lastRunMessage);
    case NextRunColumn:
        if (p.nextRunMs <= 0)
            return QString();
        return p.nextRunMs > now ? tr("in %1").arg(formatCountdown(p.nextRunMs - now)) : tr("due");
    case ReconcileColumn: {
        if (p.lastReconcileMs <= 0)
            return tr("not yet");
        const QString when = formatRelative(p.lastReconcileMs, now);
        if (p.reconcileMissing == 0 && p.reconcileExtra == 0 && p.reconcileDiffering == 0)
            return tr("%1: in step").arg(when);
        return tr("%1: %2 missing, %3 extra, %4 differing")
            .arg(when)
            .arg(p.reconcileMissing)
            .arg(p.reconcileExtra)
            .arg(p.reconcileDiffering);
    }
    }
    return {};
}

QVariant FlowProgressModel::sortValue(const Row& row, int column) const {
    if (column == FlowColumn)
        return row.entry.id;
    if (!row.progress)
        return qint64(-1);
    const FlowProgress& p = *row.progress;
    switch (column) {
    case StateColumn:
        return int(p.running) * 2 + int(p.bulk);
    case ProgressColumn:
        return p.total > 0 ? double(p.done) / double(p.total) : 0.0;
    case EtaColumn:
        return p.etaMs;
    case LastRunColumn:
        return p.lastRunMs;
    case NextRunColumn:
        return p.nextRunMs;
    case ReconcileColumn:
        return p.reconcileMissing + p.reconcileExtra + p.reconcileDiffering;
    }
    return {};
}

QVariant FlowProgressModel::data(const QModelIndex& idx, int role) const {
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(idx.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(row, idx.column());
    case SortRole:
        return sortValue(row, idx.column());
    case FlowIdRole:
        return row.entry.id;
    case FractionRole:
        if (idx.column() == ProgressColumn && row.progress && row.progress->total > 0 &&
            (row.progress->running || row.progress->done > 0))
            return std::clamp(double(row.progress->done) / double(row.progress->total), 0.0, 1.0);
        return {};
    case Qt::ToolTipRole:
        if (idx.column() == FlowColumn)
            return row.entry.route;
        if (idx.column() == LastRunColumn && row.progress)
            return row.progress->lastRunMessage;
        return {};
    case Qt::ForegroundRole:
        if (idx.column() == LastRunColumn && row.progress && row.progress->lastRunMs > 0 &&
            !row.progress->lastRunOk)
            return QBrush(badColour());
        if (idx.column() == ReconcileColumn && row.progress &&
            row.progress->reconcileMissing + row.progress->reconcileExtra +
                    row.progress->reconcileDiffering >
                0)
            return QBrush(warnColour());
        return {};
    }
    return {};
}

QVariant FlowProgressModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FlowColumn:
        return tr("Flow");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Records");
    case EtaColumn:
        return tr("ETA");
    case LastRunColumn:
        return tr("Last run");
    case NextRunColumn:
        return tr("Next run");
    case ReconcileColumn:
        return tr("Last reconciliation");
    }
    return {};
}

} // namespace bk::ui
