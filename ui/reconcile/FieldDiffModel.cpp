#include "FieldDiffModel.h"

#include <QBrush>
#include <QColor>
#include <QFont>

using namespace Qt::StringLiterals;

namespace bk::ui {

FieldDiffModel::FieldDiffModel(QObject* parent)
    : QAbstractTableModel(parent) {}

void FieldDiffModel::setFields(const QList<sync::FieldDiff>& fields) {
    beginResetModel();
    m_fields = fields;
    endResetModel();
}

void FieldDiffModel::clear() {
    setFields({});
}

int FieldDiffModel::differingCount() const {
    return int(std::count_if(m_fields.begin(), m_fields.end(),
                             [](const sync::FieldDiff& f) { return f.differs; }));
}

QString FieldDiffModel::valueText(const QJsonValue& value) {
    if (value.isUndefined())
        return tr("(none)");
    if (value.isString())
        return value.toString();
    return sync::jsonText(value);
}

int FieldDiffModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_fields.size());
}

int FieldDiffModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FieldDiffModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_fields.size())
        return {};
    const sync::FieldDiff& f = m_fields[index.row()];
    switch (role) {
    case DiffersRole:
        return f.differs;
    case Qt::DisplayRole:
        switch (index.column()) {
        case MarkColumn:
            return f.differs ? u"≠"_s : u"="_s;
        case FieldColumn:
            return f.path;
        case SourceColumn:
            return valueText(f.source);
        case DestinationColumn:
            return valueText(f.destination);
        }
        break;
    case Qt::AccessibleTextRole:
        if (index.column() == MarkColumn)
            return f.differs ? tr("differs") : tr("same");
        break;
    case Qt::ToolTipRole:
        if (f.differs)
            return tr("%1 differs: source %2, destination %3")
                .arg(f.path, valueText(f.source), valueText(f.destination));
        break;
    case Qt::BackgroundRole:
        if (f.differs)
            return QBrush(QColor(0xff, 0xe4, 0xb5)); // amber: readable in light and dark text
        break;
    case Qt::ForegroundRole:
        if (f.differs)
            return QBrush(QColor(0x20, 0x20, 0x20));
        break;
    case Qt::FontRole:
        if (f.differs) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        break;
    }
    return {};
}

QVariant FieldDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case MarkColumn:
        return QString();
    case FieldColumn:
        return tr("Field");
    case SourceColumn:
        return tr("Source (mapped)");
    case DestinationColumn:
        return tr("Destination");
    }
    return {};
}

} // namespace bk::ui
