#pragma once

#include "OwnedTasks.h"
#include "deadletters/DeadLetterStore.h"

#include <memory>

#include <QAbstractTableModel>

namespace bk::ui {

/// The dead-letter queue as a lazily fetched table: rows arrive 200 at a time through
/// canFetchMore()/fetchMore(), and every store read runs on the thread pool so the GUI
/// thread never waits on the database (100,000 letters open instantly).
class DeadLetterModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Id,
        Created,
        Connector,
        Flow,
        Class,
        Status,
        State,
        Replays,
        Reason, ///< last: it takes the remaining width
        ColumnCount
    };
    enum Role {
        IdRole = Qt::UserRole + 1, ///< qint64 dead-letter id
        StateRole,                 ///< int (deadletters::State)
        ClassRole,                 ///< QString outcome class name
    };
    static constexpr int PageSize = 200;

    explicit DeadLetterModel(std::shared_ptr<deadletters::DeadLetterStore> store,
                             QObject* parent = nullptr);

    /// Starts over with a new filter (old in-flight reads are ignored when they land).
    void setFilter(const deadletters::Filter& filter);
    const deadletters::Filter& filter() const { return m_filter; }
    /// Reloads from the first page with the current filter.
    void reload();
    /// Re-reads one letter (after deadLetterChanged) and updates its row if it is loaded; a
    /// new letter that matches the filter is inserted in place (at the top when newest)
    /// without a reset, so selection and scroll position stay; the model stays lazy.
    void refreshLetter(qint64 id);

    /// The loaded letter in row; nullptr when out of range.
    const deadletters::DeadLetter* letterAt(int row) const;
    int rowOf(qint64 id) const;
    /// Matching letters in the store (-1 until the count read lands).
    qint64 total() const { return m_total; }
    bool isFetching() const { return m_fetching; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent = {}) const override;
    void fetchMore(const QModelIndex& parent = {}) override;

Q_SIGNALS:
    /// A page landed (rows appended) or the count changed.
    void pageLoaded(int rowsNow);
    void totalChanged(qint64 total);
    /// A refetched letter (whether or not its row is loaded).
    void letterRefreshed(const bk::deadletters::DeadLetter& letter);
    void loadFailed(const QString& message);

private:
    using Page = Result<QList<deadletters::DeadLetter>>;
    void startCount();
    void insertLive(const deadletters::DeadLetter& letter);

    std::shared_ptr<deadletters::DeadLetterStore> m_store;
    deadletters::Filter m_filter;
    QList<deadletters::DeadLetter> m_rows;
    quint64 m_generation = 0;
    bool m_fetching = false;
    bool m_atEnd = false;
    qint64 m_total = -1;
    OwnedTasks m_tasks{this}; // last: destroyed first, waiting for reads still running
};

} // namespace bk::ui
