#include "LogModel.h"

#include <QBrush>
#include <QDateTime>
#include <QTimer>

namespace bk::ui {

LogModel::LogModel(LogRing& ring, QObject* parent)
    : QAbstractTableModel(parent)
    , m_ring(ring) {
    // Lines arrive from any thread; coalesce them into one insert per event-loop turn.
    connect(
        &m_ring, &LogRing::appended, this,
        [this] {
            if (m_fetchQueued)
                return;
            m_fetchQueued = true;
            QTimer::singleShot(100, this, &LogModel::fetchNew);
        },
        Qt::QueuedConnection);
    fetchNew();
}

void LogModel::fetchNew() {
    m_fetchQueued = false;
    const auto fresh = m_ring.entriesAfter(m_lastId);
    if (fresh.isEmpty())
        return;
    m_lastId = fresh.last().id;
    const int overflow = int(m_rows.size() + fresh.size()) - kMaxRows;
    if (overflow > 0) {
        const int drop = std::min<int>(overflow, int(m_rows.size()));
        if (drop > 0) {
            beginRemoveRows({}, 0, drop - 1);
            m_rows.remove(0, drop);
            endRemoveRows();
        }
    }
    const auto toAdd = fresh.mid(std::max<qsizetype>(0, fresh.size() - kMaxRows));
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + toAdd.size() - 1));
    m_rows.append(toAdd);
    endInsertRows();
}

int LogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const LogEntry& e = m_rows.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn:
            return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(
                QStringLiteral("HH:mm:ss.zzz"));
        case LevelColumn:
            return e.level;
        case CategoryColumn:
            return e.category;
        case MessageColumn:
            return e.message;
        }
    }
    if (role == Qt::ForegroundRole && index.column() == LevelColumn) {
        if (e.level == QLatin1String("error") || e.level == QLatin1String("critical"))
            return QBrush(QColor(0xc0, 0x1c, 0x28));
        if (e.level == QLatin1String("warning"))
            return QBrush(QColor(0xb5, 0x83, 0x5a));
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case CategoryColumn:
        return tr("Category");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace bk::ui
