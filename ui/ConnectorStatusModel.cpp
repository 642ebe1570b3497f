#include "ConnectorStatusModel.h"

#include "HealthStyle.h"
#include "KeyedRows.h"
#include "TimeFormat.h"

#include <QBrush>
#include <QFont>

using namespace Qt::StringLiterals;

namespace bk::ui {

ConnectorStatusModel::ConnectorStatusModel(std::shared_ptr<Clock> clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(std::move(clock)) {
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &ConnectorStatusModel::flush);
}

std::optional<HealthState> ConnectorStatusModel::Row::state() const {
    if (health)
        return health->state;
    if (!entry.enabled)
        return HealthState::Disabled;
    return std::nullopt;
}

void ConnectorStatusModel::setConnectors(const QList<Entry>& entries) {
    beginResetModel();
    resetKeyedRows(m_rows, m_index, entries, &Row::health);
    endResetModel();
}

void ConnectorStatusModel::applyHealth(const ConnectorHealth& health) {
    m_pending.insert(health.connectorId, health);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void ConnectorStatusModel::flush() {
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const auto pending = std::exchange(m_pending, {});
    QStringList changed;
    for (const ConnectorHealth& h : pending)
        changed.append(h.connectorId);
    QList<ConnectorHealth> fresh;
    const RowSpan span = applyToKeyedRows(
        m_rows, m_index, pending, &Row::health,
        [](const ConnectorHealth& h) { return h.connectorId; }, fresh);
    if (!span.isEmpty())
        Q_EMIT dataChanged(index(span.first, 0), index(span.last, ColumnCount - 1));
    if (!fresh.isEmpty()) {
        // Connectors the workspace does not list still get a row: the engine knows best.
        const int start = int(m_rows.size());
        beginInsertRows({}, start, start + int(fresh.size()) - 1);
        for (const ConnectorHealth& h : std::as_const(fresh)) {
            m_index.insert(h.connectorId, int(m_rows.size()));
            m_rows.append(Row{{h.connectorId, h.connectorId, true}, h});
        }
        endInsertRows();
    }
    Q_EMIT healthApplied(changed);
}

void ConnectorStatusModel::tick() {
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, StateColumn), index(int(m_rows.size()) - 1, DetailColumn),
                       {Qt::DisplayRole, SortRole});
}

int ConnectorStatusModel::rowOf(const QString& connectorId) const {
    return m_index.value(connectorId, -1);
}

QString ConnectorStatusModel::connectorId(int row) const {
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).entry.id : QString();
}

QString ConnectorStatusModel::connectorName(const QString& connectorId) const {
    const int row = rowOf(connectorId);
    return row >= 0 ? m_rows.at(row).entry.name : connectorId;
}

std::optional<ConnectorHealth> ConnectorStatusModel::health(const QString& connectorId) const {
    const int row = rowOf(connectorId);
    return row >= 0 ? m_rows.at(row).health : std::nullopt;
}

std::optional<HealthState> ConnectorStatusModel::state(const QString& connectorId) const {
    const int row = rowOf(connectorId);
    return row >= 0 ? m_rows.at(row).state() : std::nullopt;
}

std::optional<HealthState> ConnectorStatusModel::worstState() const {
    QList<std::optional<HealthState>> states;
    for (const Row& r : m_rows)
        states.append(r.state());
    return worstOf(states);
}

int ConnectorStatusModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConnectorStatusModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConnectorStatusModel::display(const Row& row, int column) const {
    const qint64 now = m_clock->nowMs();
    switch (column) {
    case NameColumn:
        return row.entry.name;
    case StateColumn:
        // The probe countdown belongs to the state: it is what the operator waits for.
        if (row.health && row.health->state == HealthState::CircuitOpen &&
            row.health->nextProbeMs > now)
            return tr("%1 (probe in %2)")
                .arg(healthText(row.state()), formatCountdown(row.health->nextProbeMs - now));
        return healthText(row.state());
    case DetailColumn: {
        if (!row.health)
            return row.entry.enabled ? tr("waiting for the engine")
                                     : tr("disabled in the workspace");
        const ConnectorHealth& h = *row.health;
        if (h.state == HealthState::CircuitOpen && h.nextProbeMs > 0) {
            const QString probe = h.nextProbeMs > now
                                      ? tr("probe in %1").arg(formatCountdown(h.nextProbeMs - now))
                                      : tr("probing");
            return h.reason.isEmpty() ? probe : QString(probe + u" — "_s + h.reason);
        }
        return h.reason;
    }
    case SinceColumn:
        return row.health && row.health->sinceMs > 0 ? formatRelative(row.health->sinceMs, now)
                                                     : QString();
    case OkColumn:
        return row.health ? QVariant(row.health->requestsOk) : QVariant();
    case FailedColumn:
        return row.health ? QVariant(row.health->requestsFailed) : QVariant();
    case RetriesColumn:
        return row.health ? QVariant(row.health->retries) : QVariant();
    case DeadLettersColumn:
        return row.health ? QVariant(row.health->deadLetters) : QVariant();
    }
    return {};
}

QVariant ConnectorStatusModel::sortValue(const Row& row, int column) const {
    switch (column) {
    case NameColumn:
        return row.entry.name;
    case StateColumn:
        return attentionRank(row.state());
    case DetailColumn:
        return display(row, column);
    case SinceColumn:
        return row.health ? row.health->sinceMs : qint64(0);
    case OkColumn:
        return row.health ? row.health->requestsOk : quint64(0);
    case FailedColumn:
        return row.health ? row.health->requestsFailed : quint64(0);
    case RetriesColumn:
        return row.health ? row.health->retries : quint64(0);
    case DeadLettersColumn:
        return row.health ? row.health->deadLetters : quint64(0);
    }
    return {};
}

QVariant ConnectorStatusModel::data(const QModelIndex& idx, int role) const {
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(idx.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, idx.column());
    case Qt::AccessibleTextRole:
        if (idx.column() == NameColumn)
            return tr("%1: %2").arg(row.entry.name, healthText(row.state()));
        return display(row, idx.column());
    case SortRole:
        return sortValue(row, idx.column());
    case ConnectorIdRole:
        return row.entry.id;
    case HealthStateRole:
        return row.state() ? int(*row.state()) : -1;
    case Qt::DecorationRole:
        if (idx.column() == NameColumn)
            return dotIcon(healthColor(row.state()));
        return {};
    case Qt::ForegroundRole:
        if (idx.column() == StateColumn)
            return QBrush(healthColor(row.state()).darker(115));
        return {};
    case Qt::FontRole:
        if (idx.column() == StateColumn) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        return row.health ? row.health->reason : QVariant();
    case Qt::TextAlignmentRole:
        if (idx.column() >= OkColumn && idx.column() <= DeadLettersColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
    return {};
}

QVariant ConnectorStatusModel::headerData(int section, Qt::Orientation orientation,
                                          int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Connector");
    case StateColumn:
        return tr("State");
    case DetailColumn:
        return tr("Detail");
    case SinceColumn:
        return tr("Since");
    case OkColumn:
        return tr("OK");
    case FailedColumn:
        return tr("Failed");
    case RetriesColumn:
        return tr("Retries");
    case DeadLettersColumn:
        return tr("Dead letters");
    }
    return {};
}

} // namespace bk::ui
