#include "FleetModels.h"

#include "HealthStyle.h"
#include "TimeFormat.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bk::ui {

int FleetTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_keys.size());
}

void FleetTableModel::setNow(qint64 nowMs) {
    m_nowMs = nowMs;
    if (!m_keys.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

namespace {

QString stateText(FleetEngineState s) {
    switch (s) {
    case FleetEngineState::Running:
        return FleetEngineModel::tr("running");
    case FleetEngineState::Silent:
        return FleetEngineModel::tr("silent");
    case FleetEngineState::Stopped:
        return FleetEngineModel::tr("stopped");
    }
    return {};
}

QColor stateColour(FleetEngineState s) {
    switch (s) {
    case FleetEngineState::Running:
        return okColour();
    case FleetEngineState::Silent:
        return badColour();
    case FleetEngineState::Stopped:
        return QColor(0x9e, 0x9e, 0x9e);
    }
    return {};
}

QString claimKindText(const QString& kind) {
    if (kind == u"flow"_s)
        return FleetClaimModel::tr("flow lease");
    if (kind == u"token-refresh"_s)
        return FleetClaimModel::tr("token refresh");
    if (kind == u"webhook"_s)
        return FleetClaimModel::tr("webhook events");
    if (kind == u"outbox"_s)
        return FleetClaimModel::tr("outbox entries");
    return kind;
}

QString reportKindText(const QString& kind) {
    if (kind == u"health"_s)
        return FleetReportModel::tr("connector health");
    if (kind == u"token"_s)
        return FleetReportModel::tr("tokens");
    if (kind == u"gauge"_s)
        return FleetReportModel::tr("rate gauge");
    if (kind == u"lag"_s)
        return FleetReportModel::tr("webhook lag");
    if (kind == u"flow"_s)
        return FleetReportModel::tr("flow progress");
    return kind;
}

QString ago(qint64 instantMs, qint64 nowMs) {
    if (instantMs <= 0)
        return FleetEngineModel::tr("never");
    return formatRelative(instantMs, nowMs);
}

} // namespace

FleetEngineModel::FleetEngineModel(qint64 silentAfterMs, QObject* parent)
    : FleetTableModel(parent)
    , m_silentAfterMs(silentAfterMs) {}

void FleetEngineModel::setEngines(const QList<fleet::EngineInfo>& engines) {
    replaceRows<fleet::EngineInfo>(m_rows, engines,
                                   [](const fleet::EngineInfo& e) { return e.engineId; });
}

FleetEngineState FleetEngineModel::state(int row) const {
    return fleetEngineState(m_rows.at(row), m_nowMs, m_silentAfterMs);
}

int FleetEngineModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetEngineModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const fleet::EngineInfo& e = m_rows.at(index.row());
    const FleetEngineState s = state(index.row());
    if (role == KeyRole)
        return e.engineId;
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case EngineColumn:
            return e.engineId;
        case HostColumn:
            return e.host;
        case PidColumn:
            return role == SortRole ? QVariant(e.pid) : QVariant(QString::number(e.pid));
        case VersionColumn:
            return e.version;
        case StartedColumn:
            return role == SortRole ? QVariant(e.startedMs)
                                    : QVariant(formatClockTime(e.startedMs, m_nowMs));
        case HeartbeatColumn:
            return role == SortRole ? QVariant(e.heartbeatMs)
                                    : QVariant(ago(e.heartbeatMs, m_nowMs));
        case StateColumn:
            return role == SortRole ? QVariant(int(s)) : QVariant(stateText(s));
        case ListenColumn:
            return e.listen.isEmpty() ? tr("—") : e.listen;
        }
    }
    if (role == Qt::DecorationRole && index.column() == StateColumn)
        return dotIcon(stateColour(s));
    if (role == Qt::ToolTipRole) {
        if (s == FleetEngineState::Silent)
            return tr("No heartbeat for more than %1: the engine probably died; its leases run "
                      "out and other engines take its work over.")
                .arg(formatSpan(m_silentAfterMs));
        if (s == FleetEngineState::Stopped)
            return tr("Stopped gracefully at %1; it handed its leases back.")
                .arg(formatClockTime(e.stoppedMs, m_nowMs));
        if (index.column() == HeartbeatColumn)
            return QDateTime::fromMSecsSinceEpoch(e.heartbeatMs).toString(Qt::ISODateWithMs);
    }
    return {};
}

QVariant FleetEngineModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case EngineColumn:
        return tr("Engine");
    case HostColumn:
        return tr("Host");
    case PidColumn:
        return tr("PID");
    case VersionColumn:
        return tr("Version");
    case StartedColumn:
        return tr("Started");
    case HeartbeatColumn:
        return tr("Last heartbeat");
    case StateColumn:
        return tr("State");
    case ListenColumn:
        return tr("Listens on");
    }
    return {};
}

QString FleetClaimModel::keyOf(const FleetClaim& c) {
    return c.kind + u'\n' + c.resource + u'\n' + c.holder;
}

void FleetClaimModel::setClaims(const QList<FleetClaim>& claims) {
    replaceRows<FleetClaim>(m_rows, claims, &FleetClaimModel::keyOf);
}

int FleetClaimModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetClaimModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const FleetClaim& c = m_rows.at(index.row());
    const qint64 left = c.expiresMs - m_nowMs;
    if (role == KeyRole)
        return keyOf(c);
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case KindColumn:
            return claimKindText(c.kind); // sorted as shown
        case ResourceColumn:
            return c.resource;
        case HolderColumn:
            return c.holder;
        case CountColumn:
            return role == SortRole ? QVariant(c.count) : QVariant(QString::number(c.count));
        case TimeLeftColumn:
            if (role == SortRole)
                return left;
            if (c.expiresMs <= 0)
                return tr("not leased");
            return left > 0 ? formatCountdown(left) : tr("expired");
        }
    }
    if (role == Qt::ForegroundRole && index.column() == TimeLeftColumn && c.expiresMs > 0 &&
        left <= 0)
        return badColour();
    if (role == Qt::TextAlignmentRole && index.column() == CountColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant FleetClaimModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case ResourceColumn:
        return tr("Resource");
    case HolderColumn:
        return tr("Held by");
    case CountColumn:
        return tr("Count");
    case TimeLeftColumn:
        return tr("Time left");
    }
    return {};
}

void FleetReportModel::setSnapshots(const SnapshotStore::All& all) {
    QList<Report> reports;
    for (auto it = all.engineOf.cbegin(); it != all.engineOf.cend(); ++it) {
        const qsizetype slash = it.key().indexOf(u'/');
        reports.append({it.key().left(slash), it.key().mid(slash + 1), it.value(),
                        all.updatedMs.value(it.key())});
    }
    std::sort(reports.begin(), reports.end(), [](const Report& a, const Report& b) {
        return std::tie(a.kind, a.key) < std::tie(b.kind, b.key);
    });
    replaceRows<Report>(m_rows, reports,
                        [](const Report& r) -> QString { return r.kind + u'/' + r.key; });
}

QString FleetReportModel::engineOf(const QString& kind, const QString& key) const {
    const int r = rowOf(kind + u'/' + key);
    return r < 0 ? QString() : m_rows.at(r).engineId;
}

int FleetReportModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetReportModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Report& r = m_rows.at(index.row());
    if (role == KeyRole)
        return QString(r.kind + u'/' + r.key);
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case WhatColumn:
            return reportKindText(r.kind); // sorted as shown
        case SubjectColumn:
            return r.key;
        case EngineColumn:
            return r.engineId;
        case UpdatedColumn:
            return role == SortRole ? QVariant(r.updatedMs) : QVariant(ago(r.updatedMs, m_nowMs));
        }
    }
    return {};
}

QVariant FleetReportModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case WhatColumn:
        return tr("Report");
    case SubjectColumn:
        return tr("Of");
    case EngineColumn:
        return tr("Reported by");
    case UpdatedColumn:
        return tr("Updated");
    }
    return {};
}

namespace {

QString commandStateText(const fleet::FleetCommand& c) {
    const QString state = c.state();
    if (state == u"waiting"_s)
        return FleetCommandModel::tr("waiting for an engine");
    if (state == u"claimed"_s)
        return FleetCommandModel::tr("claimed by %1").arg(c.claimedBy);
    if (state == u"done"_s)
        return FleetCommandModel::tr("done by %1").arg(c.claimedBy);
    return c.claimedBy.isEmpty() ? FleetCommandModel::tr("failed")
                                 : FleetCommandModel::tr("failed on %1").arg(c.claimedBy);
}

QString commandActionText(const fleet::FleetCommand& c) {
    if (c.kind == fleet::FleetChannel::kRun)
        return FleetCommandModel::tr("Run now");
    if (c.kind == fleet::FleetChannel::kReconcile)
        return FleetCommandModel::tr("Reconcile");
    if (c.kind == fleet::FleetChannel::kResync)
        return FleetCommandModel::tr("Resync record %1").arg(c.sourceId);
    return c.kind;
}

} // namespace

void FleetCommandModel::setCommands(const QList<fleet::FleetCommand>& commands) {
    replaceRows<fleet::FleetCommand>(
        m_rows, commands, [](const fleet::FleetCommand& c) { return QString::number(c.id); });
}

QString FleetCommandModel::stateText(qint64 id) const {
    const int r = rowOf(QString::number(id));
    return r < 0 ? QString() : commandStateText(m_rows.at(r));
}

int FleetCommandModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetCommandModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const fleet::FleetCommand& c = m_rows.at(index.row());
    const QString state = c.state();
    if (role == KeyRole)
        return QString::number(c.id);
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case IssuedColumn:
            return role == SortRole ? QVariant(c.issuedMs) : QVariant(ago(c.issuedMs, m_nowMs));
        case ActionColumn:
            return commandActionText(c);
        case FlowColumn:
            return c.flowId;
        case IssuedByColumn:
            return c.issuedBy;
        case StateColumn:
            return commandStateText(c);
        case MessageColumn:
            return c.message;
        }
    }
    if (role == Qt::DecorationRole && index.column() == StateColumn) {
        if (state == u"failed"_s)
            return dotIcon(badColour());
        if (state == u"done"_s)
            return dotIcon(okColour());
        return dotIcon(QColor(0x9e, 0x9e, 0x9e));
    }
    if (role == Qt::ToolTipRole && index.column() == MessageColumn)
        return c.message;
    return {};
}

QVariant FleetCommandModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IssuedColumn:
        return tr("Asked");
    case ActionColumn:
        return tr("Action");
    case FlowColumn:
        return tr("Flow");
    case IssuedByColumn:
        return tr("Asked by");
    case StateColumn:
        return tr("State");
    case MessageColumn:
        return tr("Outcome");
    }
    return {};
}

} // namespace bk::ui
