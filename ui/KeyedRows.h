#pragma once

#include <climits>
#include <optional>

#include <QHash>
#include <QList>
#include <QString>

namespace bk::ui {

// Row bookkeeping shared by the models that show one row per id (connector, flow) and fill it
// from engine snapshots: rows keep their last snapshot across a reset, and buffered snapshots
// are applied in one pass that reports the changed span for a single dataChanged.

/// Rebuilds rows from entries (each with an `id`), keeping each id's last snapshot.
template <typename Row, typename Entry, typename Snapshot>
void resetKeyedRows(QList<Row>& rows, QHash<QString, int>& index, const QList<Entry>& entries,
                    std::optional<Snapshot> Row::*snapshot) {
    QHash<QString, Snapshot> known;
    for (const Row& r : std::as_const(rows))
        if (r.*snapshot)
            known.insert(r.entry.id, *(r.*snapshot));
    rows.clear();
    index.clear();
    for (const Entry& e : entries) {
        index.insert(e.id, int(rows.size()));
        Row row{e, std::nullopt};
        if (auto it = known.constFind(e.id); it != known.cend())
            row.*snapshot = *it;
        rows.append(row);
    }
}

/// The rows an apply touched (first > last when none).
struct RowSpan {
    int first = INT_MAX;
    int last = -1;
    bool isEmpty() const { return last < 0; }
};

/// Stores each pending snapshot in its id's row; snapshots of unknown ids go to fresh.
template <typename Row, typename Snapshot, typename IdOf>
RowSpan applyToKeyedRows(QList<Row>& rows, const QHash<QString, int>& index,
                         const QHash<QString, Snapshot>& pending,
                         std::optional<Snapshot> Row::*snapshot, IdOf idOf,
                         QList<Snapshot>& fresh) {
    RowSpan span;
    for (const Snapshot& s : pending) {
        const auto it = index.constFind(idOf(s));
        if (it == index.cend()) {
            fresh.append(s);
            continue;
        }
        rows[*it].*snapshot = s;
        span.first = std::min(span.first, *it);
        span.last = std::max(span.last, *it);
    }
    return span;
}

} // namespace bk::ui
