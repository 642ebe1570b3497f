#include "RateGaugeModel.h"

#include "TimeFormat.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace bk::ui {

RateGaugeModel::RateGaugeModel(std::shared_ptr<Clock> clock, QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock(std::move(clock)) {
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(100);
    connect(&m_flushTimer, &QTimer::timeout, this, &RateGaugeModel::flush);
}

void RateGaugeModel::setConnector(const QString& connectorId) {
    if (connectorId == m_connectorId)
        return;
    beginResetModel();
    m_connectorId = connectorId;
    m_rows = m_all.value(connectorId);
    endResetModel();
}

void RateGaugeModel::applyGauge(const RateGauge& gauge) {
    m_pending.insert(gauge.connectorId + u'\x1f' + gauge.policyId, gauge);
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void RateGaugeModel::flush() {
    m_flushTimer.stop();
    if (m_pending.isEmpty())
        return;
    const auto pending = std::exchange(m_pending, {});
    int first = INT_MAX;
    int last = -1;
    QList<RateGauge> added;
    for (const RateGauge& g : pending) {
        QList<RateGauge>& list = m_all[g.connectorId];
        auto it = std::find_if(list.begin(), list.end(),
                               [&g](const RateGauge& x) { return x.policyId == g.policyId; });
        if (it != list.end())
            *it = g;
        else
            list.append(g);
        if (g.connectorId != m_connectorId)
            continue;
        auto row = std::find_if(m_rows.begin(), m_rows.end(),
                                [&g](const RateGauge& x) { return x.policyId == g.policyId; });
        if (row == m_rows.end()) {
            added.append(g);
            continue;
        }
        *row = g;
        const int r = int(row - m_rows.begin());
        first = std::min(first, r);
        last = std::max(last, r);
    }
    if (last >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows.append(added);
        endInsertRows();
    }
}

void RateGaugeModel::tick() {
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, ResetColumn), index(int(m_rows.size()) - 1, ResetColumn),
                           {Qt::DisplayRole, SortRole});
}

QList<RateGauge> RateGaugeModel::gauges(const QString& connectorId) const {
    return m_all.value(connectorId);
}

int RateGaugeModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int RateGaugeModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {
QString number(double v) {
    // Quotas are whole requests except cost budgets and leaky buckets, which may be fractional.
    return std::abs(v - std::round(v)) < 0.05 ? QString::number(qint64(std::llround(v)))
                                              : QString::number(v, 'f', 1);
}
} // namespace

QVariant RateGaugeModel::display(const RateGauge& g, int column) const {
    const qint64 now = m_clock->nowMs();
    switch (column) {
    case PolicyColumn:
        return g.kind.isEmpty() ? g.policyId : tr("%1 (%2)").arg(g.policyId, g.kind);
    case UsageColumn:
        return g.limit > 0 ? tr("%1 / %2").arg(number(g.used), number(g.limit)) : number(g.used);
    case LeftColumn: {
        if (g.limit <= 0)
            return QString();
        const QString left = number(std::max(0.0, g.limit - g.used));
        return g.kind == u"daily-quota"_s ? tr("%1 left today").arg(left) : tr("%1 left").arg(left);
    }
    case ResetColumn:
        if (g.resetAtMs <= 0)
            return QString();
        return g.resetAtMs > now ? tr("resets in %1").arg(formatCountdown(g.resetAtMs - now))
                                 : tr("reset due");
    case SourceColumn:
        return g.fromServer ? tr("server") : tr("estimate");
    }
    return {};
}

QVariant RateGaugeModel::sortValue(const RateGauge& g, int column) const {
    switch (column) {
    case PolicyColumn:
        return g.policyId;
    case UsageColumn:
        return g.limit > 0 ? g.used / g.limit : 0.0;
    case LeftColumn:
        return g.limit - g.used;
    case ResetColumn:
        return g.resetAtMs;
    case SourceColumn:
        return g.fromServer;
    }
    return {};
}

QVariant RateGaugeModel::data(const QModelIndex& idx, int role) const {
    if (!checkIndex(idx, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RateGauge& g = m_rows.at(idx.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole:
        return display(g, idx.column());
    case SortRole:
        return sortValue(g, idx.column());
    case UsedRole:
        return g.used;
    case LimitRole:
        return g.limit;
    case FractionRole:
        return g.limit > 0 ? g.used / g.limit : 0.0;
    case Qt::ToolTipRole:
        if (idx.column() == SourceColumn)
            return g.fromServer ? tr("From the vendor's rate-limit response headers")
                                : tr("Counted locally; no server figure yet");
        return {};
    }
    return {};
}

QVariant RateGaugeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case PolicyColumn:
        return tr("Policy");
    case UsageColumn:
        return tr("Used / limit");
    case LeftColumn:
        return tr("Left");
    case ResetColumn:
        return tr("Window");
    case SourceColumn:
        return tr("Source");
    }
    return {};
}

} // namespace bk::ui
