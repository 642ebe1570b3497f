#pragma once

#include "sync/SyncStore.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSortFilterProxyModel>

namespace bk::ui {

/// The records a flow's latest reconciliation found different: kind, both record ids, the
/// differing fields, and what a resync made of it. Plain values, replaced or updated by the
/// page after its store reads (never reads the store itself).
class ReconcileItemModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        SourceColumn,
        DestinationColumn,
        FieldsColumn,
        StateColumn,
        ColumnCount
    };
    enum Role {
        ItemIdRole = Qt::UserRole + 1, ///< the stored item id (qint64)
        KindRole,                      ///< "missing", "differing", "extra"
        StateRole,                     ///< "open", "resyncing", "resolved", "differing", "failed"
        SourceIdRole,
        SortRole,
    };

    explicit ReconcileItemModel(QObject* parent = nullptr);

    void setItems(const QList<sync::ReconcileItem>& items);
    /// Replaces the row of item.id (no-op when it is not listed).
    void updateItem(const sync::ReconcileItem& item);
    /// Marks the row of sourceId as being resynced (until updateItem brings the outcome).
    void markResyncing(const QString& sourceId);
    const sync::ReconcileItem* itemAt(int row) const;
    int rowOfSource(const QString& sourceId) const;

    /// Human names of the kinds and states (translated).
    static QString kindName(const QString& kind);
    static QString stateName(const QString& state);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<sync::ReconcileItem> m_items;
    QHash<qint64, int> m_rowOfId;
};

/// Filters the item list by kind, by "still open" and by text in ids and field names.
class ReconcileFilterModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setKind(const QString& kind); ///< empty: every kind
    void setOpenOnly(bool openOnly);   ///< hide records a resync resolved
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_kind;
    QString m_text;
    bool m_openOnly = false;
};

} // namespace bk::ui
