#include "EventLogModel.h"

#include "HealthStyle.h"
#include "TimeFormat.h"

#include <QBrush>

using namespace Qt::StringLiterals;

namespace bk::ui {

EventLogModel::EventLogModel(std::shared_ptr<Clock> clock, int capacity, QString minSeverity,
                             QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(std::move(clock))
    , m_capacity(std::max(1, capacity))
    , m_minRank(severityRank(minSeverity)) {
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &EventLogModel::flush);
}

int EventLogModel::severityRank(const QString& severity) {
    if (severity == u"critical"_s)
        return 2;
    if (severity == u"warning"_s)
        return 1;
    return 0;
}

QString EventLogModel::severityText(const QString& severity) {
    switch (severityRank(severity)) {
    case 2:
        return tr("critical");
    case 1:
        return tr("warning");
    default:
        return tr("info");
    }
}

void EventLogModel::applyEvent(const EngineEvent& event) {
    if (severityRank(event.severity) < m_minRank)
        return;
    m_pending.append(event);
    // A flood cannot grow the buffer past what the model would keep anyway.
    if (m_pending.size() > m_capacity)
        m_pending.remove(0, m_pending.size() - m_capacity);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void EventLogModel::flush() {
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const QList<EngineEvent> batch = std::exchange(m_pending, {});
    const int n = int(batch.size());
    beginInsertRows({}, 0, n - 1);
    QList<EngineEvent> rows;
    rows.reserve(n + m_rows.size());
    for (auto it = batch.crbegin(); it != batch.crend(); ++it)
        rows.append(*it);
    rows.append(m_rows);
    m_rows = std::move(rows);
    endInsertRows();
    if (m_rows.size() > m_capacity) {
        beginRemoveRows({}, m_capacity, int(m_rows.size()) - 1);
        m_rows.resize(m_capacity);
        endRemoveRows();
    }
    Q_EMIT eventsAdded(batch);
}

void EventLogModel::setConnectorNames(const QHash<QString, QString>& names) {
    m_names = names;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, ConnectorColumn),
                           index(int(m_rows.size()) - 1, ConnectorColumn));
}

void EventLogModel::clear() {
    beginResetModel();
    m_rows.clear();
    m_pending.clear();
    endResetModel();
}

int EventLogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex& idx, int role) const {
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const EngineEvent& e = m_rows.at(idx.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        switch (idx.column()) {
        case TimeColumn:
            return formatClockTime(e.timeMs, m_clock->nowMs());
        case ConnectorColumn:
            return m_names.value(e.connectorId, e.connectorId);
        case SeverityColumn:
            return severityText(e.severity);
        case KindColumn:
            return e.kind;
        case MessageColumn:
            return e.message;
        }
        return {};
    case SortRole:
        switch (idx.column()) {
        case TimeColumn:
            return e.timeMs;
        case SeverityColumn:
            return severityRank(e.severity);
        default:
            return data(idx, Qt::DisplayRole);
        }
    case SeverityRankRole:
        return severityRank(e.severity);
    case EventIdRole:
        return e.id;
    case Qt::DecorationRole:
        if (idx.column() == SeverityColumn) {
            const int rank = severityRank(e.severity);
            return dotIcon(rank == 2   ? badColour()
                           : rank == 1 ? warnColour()
                                       : QColor(0x90, 0xa4, 0xae),
                           12);
        }
        return {};
    case Qt::ToolTipRole:
        return idx.column() == MessageColumn ? QVariant(e.message) : QVariant();
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ConnectorColumn:
        return tr("Connector");
    case SeverityColumn:
        return tr("Severity");
    case KindColumn:
        return tr("Event");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace bk::ui
