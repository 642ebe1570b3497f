#pragma once

#include "engine/EngineApi.h"
#include "engine/SnapshotStore.h"

#include <QHash>
#include <QObject>

namespace bk::ui {

/// What a console attached to a fleet shows: the snapshots every engine wrote to the store
/// (read by the fleet page) instead of those of the console's own engine, which runs no
/// flows; everything else (events, dead-letter and replay outcomes, reconciliations) comes
/// from the console's own engine, which executes the operator's commands.
class FleetRelay : public QObject {
    Q_OBJECT
public:
    /// local: the console's own engine (may be null).
    explicit FleetRelay(EngineSignals* local, QObject* parent = nullptr);

    /// The signals to attach the window and pages to.
    EngineSignals* relayed() const { return m_out; }

    /// Emits the snapshots whose stored row changed since the previous call.
    void applySnapshots(const bk::SnapshotStore::All& all);
    /// Emits deadLetterChanged for letters other engines stored.
    void announceDeadLetters(const QList<qint64>& ids);

private:
    EngineSignals* m_out;
    QHash<QString, qint64> m_seen; ///< "kind/key" → updated_ms last emitted
};

} // namespace bk::ui
