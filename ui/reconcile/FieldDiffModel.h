#pragma once

#include "sync/FieldDiff.h"

#include <QAbstractTableModel>

namespace bk::ui {

/// One record's fields side by side: the mapped source value and the destination value,
/// the differing rows marked (a "≠" column for screen readers and monochrome, plus a
/// highlight colour and bold text).
class FieldDiffModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { MarkColumn, FieldColumn, SourceColumn, DestinationColumn, ColumnCount };
    enum Role { DiffersRole = Qt::UserRole + 1 };

    explicit FieldDiffModel(QObject* parent = nullptr);

    void setFields(const QList<sync::FieldDiff>& fields);
    void clear();
    const QList<sync::FieldDiff>& fields() const { return m_fields; }
    int differingCount() const;

    /// How a value reads in the table: strings as they are, everything else as JSON, a
    /// missing value as "(none)".
    static QString valueText(const QJsonValue& value);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<sync::FieldDiff> m_fields;
};

} // namespace bk::ui
