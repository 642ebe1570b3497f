#include "ReconcileItemModel.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace bk::ui {

ReconcileItemModel::ReconcileItemModel(QObject* parent)
    : QAbstractTableModel(parent) {}

QString ReconcileItemModel::kindName(const QString& kind) {
    if (kind == u"missing"_s)
        return tr("Missing");
    if (kind == u"differing"_s)
        return tr("Differing");
    if (kind == u"extra"_s)
        return tr("Extra");
    return kind;
}

QString ReconcileItemModel::stateName(const QString& state) {
    if (state == u"open"_s || state.isEmpty())
        return tr("Open");
    if (state == u"resyncing"_s)
        return tr("Resyncing…");
    if (state == u"resolved"_s)
        return tr("Resolved by resync");
    if (state == u"differing"_s)
        return tr("Still differs after resync");
    if (state == u"failed"_s)
        return tr("Resync failed");
    return state;
}

void ReconcileItemModel::setItems(const QList<sync::ReconcileItem>& items) {
    beginResetModel();
    m_items = items;
    m_rowOfId.clear();
    for (int i = 0; i < m_items.size(); ++i)
        m_rowOfId.insert(m_items[i].id, i);
    endResetModel();
}

void ReconcileItemModel::updateItem(const sync::ReconcileItem& item) {
    const auto it = m_rowOfId.constFind(item.id);
    if (it == m_rowOfId.constEnd())
        return;
    m_items[*it] = item;
    Q_EMIT dataChanged(index(*it, 0), index(*it, ColumnCount - 1));
}

void ReconcileItemModel::markResyncing(const QString& sourceId) {
    const int row = rowOfSource(sourceId);
    if (row < 0)
        return;
    m_items[row].state = u"resyncing"_s;
    Q_EMIT dataChanged(index(row, StateColumn), index(row, StateColumn));
}

const sync::ReconcileItem* ReconcileItemModel::itemAt(int row) const {
    return row >= 0 && row < m_items.size() ? &m_items[row] : nullptr;
}

int ReconcileItemModel::rowOfSource(const QString& sourceId) const {
    if (sourceId.isEmpty())
        return -1;
    for (int i = 0; i < m_items.size(); ++i)
        if (m_items[i].sourceId == sourceId)
            return i;
    return -1;
}

int ReconcileItemModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_items.size());
}

int ReconcileItemModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ReconcileItemModel::data(const QModelIndex& index, int role) const {
    const sync::ReconcileItem* it = itemAt(index.row());
    if (!it)
        return {};
    switch (role) {
    case ItemIdRole:
        return it->id;
    case KindRole:
        return it->kind;
    case StateRole:
        return it->state;
    case SourceIdRole:
        return it->sourceId;
    case Qt::DisplayRole:
    case SortRole:
        switch (index.column()) {
        case KindColumn:
            return kindName(it->kind);
        case SourceColumn:
            return it->sourceId.isEmpty() ? (role == SortRole ? QString() : tr("(none)"))
                                          : it->sourceId;
        case DestinationColumn:
            return it->destId.isEmpty() ? (role == SortRole ? QString() : tr("(none)"))
                                        : it->destId;
        case FieldsColumn:
            return it->detail;
        case StateColumn:
            return role == SortRole ? it->state : stateName(it->state);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == StateColumn && !it->stateMessage.isEmpty())
            return it->stateMessage;
        if (index.column() == FieldsColumn)
            return it->detail;
        break;
    case Qt::ForegroundRole:
        if (index.column() == StateColumn && it->state == u"resolved"_s)
            return QBrush(QColor(0x1b, 0x7a, 0x2f));
        if (index.column() == StateColumn && it->state == u"failed"_s)
            return QBrush(QColor(0xb0, 0x1c, 0x1c));
        break;
    }
    return {};
}

QVariant ReconcileItemModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KindColumn:
        return tr("Kind");
    case SourceColumn:
        return tr("Source record");
    case DestinationColumn:
        return tr("Destination record");
    case FieldsColumn:
        return tr("Differences");
    case StateColumn:
        return tr("State");
    }
    return {};
}

void ReconcileFilterModel::setKind(const QString& kind) {
    m_kind = kind;
    invalidateFilter();
}

void ReconcileFilterModel::setOpenOnly(bool openOnly) {
    m_openOnly = openOnly;
    invalidateFilter();
}

void ReconcileFilterModel::setText(const QString& text) {
    m_text = text.trimmed();
    invalidateFilter();
}

bool ReconcileFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const {
    const auto* model = qobject_cast<const ReconcileItemModel*>(sourceModel());
    const sync::ReconcileItem* it = model ? model->itemAt(sourceRow) : nullptr;
    Q_UNUSED(sourceParent);
    if (!it)
        return false;
    if (!m_kind.isEmpty() && it->kind != m_kind)
        return false;
    if (m_openOnly && it->state == u"resolved"_s)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const QString& s : {it->sourceId, it->destId, it->detail})
        if (s.contains(m_text, Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace bk::ui
