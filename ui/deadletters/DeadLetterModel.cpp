#include "DeadLetterModel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bk::ui {

using deadletters::DeadLetter;

DeadLetterModel::DeadLetterModel(std::shared_ptr<deadletters::DeadLetterStore> store,
                                 QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(std::move(store)) {
    startCount();
}

void DeadLetterModel::setFilter(const deadletters::Filter& filter) {
    m_filter = filter;
    reload();
}

void DeadLetterModel::reload() {
    beginResetModel();
    m_rows.clear();
    ++m_generation;
    m_fetching = false;
    m_atEnd = false;
    endResetModel();
    m_total = -1;
    startCount();
}

void DeadLetterModel::startCount() {
    const quint64 gen = m_generation;
    auto store = m_store;
    const auto filter = m_filter;
    m_tasks.run([store, filter]() { return store->count(filter); },
                [this, gen](const Result<qint64>& n) {
                    if (gen != m_generation)
                        return;
                    if (!n) {
                        Q_EMIT loadFailed(n.error().message);
                        return;
                    }
                    m_total = *n;
                    Q_EMIT totalChanged(m_total);
                });
}

bool DeadLetterModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void DeadLetterModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    m_fetching = true;
    const quint64 gen = m_generation;
    auto store = m_store;
    // Keyset paging (below the last loaded id): letters inserted live at the top do not shift
    // the next page, and a deep page costs no more than the first.
    auto filter = m_filter;
    if (!m_rows.isEmpty())
        filter.beforeId = m_rows.last().id;
    m_tasks.run([store, filter]() { return store->list(filter, 0, PageSize); },
                [this, gen](const Page& page) {
                    if (gen != m_generation)
                        return; // a reload happened meanwhile
                    if (!page) {
                        m_fetching = false;
                        m_atEnd = true;
                        Q_EMIT loadFailed(page.error().message);
                        return;
                    }
                    if (page->size() < PageSize)
                        m_atEnd = true;
                    if (!page->isEmpty()) {
                        const int first = int(m_rows.size());
                        beginInsertRows({}, first, first + int(page->size()) - 1);
                        m_rows.append(*page);
                        endInsertRows();
                    }
                    // Only now: views may call fetchMore() while the rows are being inserted.
                    m_fetching = false;
                    Q_EMIT pageLoaded(int(m_rows.size()));
                });
}

void DeadLetterModel::refreshLetter(qint64 id) {
    auto store = m_store;
    const auto filter = m_filter;
    const quint64 gen = m_generation;
    struct Fetched {
        Result<DeadLetter> letter = Error::internal({});
        bool matches = false;
    };
    m_tasks.run(
        [store, id, filter]() {
            Fetched f{store->get(id), false};
            if (f.letter) {
                auto m = store->matches(id, filter);
                f.matches = m && *m;
            }
            return f;
        },
        [this, gen](const Fetched& f) {
            if (!f.letter)
                return; // purged meanwhile: the next reload drops the row
            const DeadLetter& letter = *f.letter;
            const int row = rowOf(letter.id);
            if (row >= 0) {
                m_rows[row] = letter;
                Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
            } else if (gen == m_generation && f.matches) {
                insertLive(letter);
            }
            Q_EMIT letterRefreshed(letter);
        });
}

void DeadLetterModel::insertLive(const DeadLetter& letter) {
    // Rows are newest first and loaded as a prefix: a letter newer than the first row goes at
    // its place at the top; an older one is either in a page still to fetch or, when all is
    // loaded, goes at its place further down. Nothing else moves, nothing is reset.
    int at = -1;
    if (m_rows.isEmpty() || letter.id > m_rows.first().id) {
        at = 0;
    } else if (m_atEnd && !m_fetching) {
        at = int(m_rows.size());
        for (int i = 0; i < m_rows.size(); ++i)
            if (m_rows[i].id < letter.id) {
                at = i;
                break;
            }
    }
    if (at < 0 || (m_rows.isEmpty() && m_fetching))
        return; // a page still to be read holds it (and the count includes it)
    beginInsertRows({}, at, at);
    m_rows.insert(at, letter);
    endInsertRows();
    if (m_total >= 0) {
        ++m_total;
        Q_EMIT totalChanged(m_total);
    }
}

const DeadLetter* DeadLetterModel::letterAt(int row) const {
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

int DeadLetterModel::rowOf(qint64 id) const {
    // Rows are sorted by id, newest first.
    auto it = std::lower_bound(m_rows.cbegin(), m_rows.cend(), id,
                               [](const DeadLetter& d, qint64 v) { return d.id > v; });
    return it != m_rows.cend() && it->id == id ? int(it - m_rows.cbegin()) : -1;
}

int DeadLetterModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DeadLetterModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterModel::data(const QModelIndex& index, int role) const {
    const DeadLetter* d = index.isValid() ? letterAt(index.row()) : nullptr;
    if (!d)
        return {};
    switch (role) {
    case IdRole:
        return d->id;
    case StateRole:
        return int(d->state);
    case ClassRole:
        return http::outcomeClassName(d->cls);
    case Qt::TextAlignmentRole:
        if (index.column() == Id || index.column() == Status || index.column() == Replays)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::ToolTipRole:
        return index.column() == Reason ? QVariant(d->reason) : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (Column(index.column())) {
    case Id:
        return d->id;
    case Created:
        return QDateTime::fromMSecsSinceEpoch(d->createdMs, Qt::UTC)
            .toLocalTime()
            .toString(u"yyyy-MM-dd HH:mm:ss"_s);
    case Connector:
        return d->connectorId;
    case Flow:
        return d->flowId;
    case Class:
        return http::outcomeClassName(d->cls);
    case Status:
        return d->status;
    case State:
        return deadletters::stateName(d->state);
    case Reason:
        return d->reason;
    case Replays:
        return d->replays;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant DeadLetterModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case Id:
        return tr("ID");
    case Created:
        return tr("Created");
    case Connector:
        return tr("Connector");
    case Flow:
        return tr("Flow");
    case Class:
        return tr("Class");
    case Status:
        return tr("HTTP");
    case State:
        return tr("State");
    case Reason:
        return tr("Reason");
    case Replays:
        return tr("Replays");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace bk::ui
