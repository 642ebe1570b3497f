#pragma once

#include "Clock.h"
#include "OwnedTasks.h"
#include "engine/FleetStatus.h"
#include "engine/SnapshotStore.h"
#include "fleet/FleetChannel.h"
#include "store/Database.h"

#include <memory>

#include <QWidget>

class QLabel;
class QTableView;

namespace bk::ui {

class FleetClaimModel;
class FleetCommandModel;
class FleetEngineModel;
class FleetReportModel;

/// The engines sharing the workspace's store and what each of them holds: every engine of
/// fleet_engines with its heartbeat and state, every lease or claim on shared work with its
/// holder and time left, which engine last reported each connector's snapshots, the
/// operators' connector controls and recent commands of the fleet's command channel. The
/// store is read on a worker thread (never on the GUI thread) every refreshMs of clock;
/// rows are updated in place, so the selection survives each refresh.
class FleetPage : public QWidget {
    Q_OBJECT
public:
    FleetPage(std::shared_ptr<store::Database> db, std::shared_ptr<Clock> clock,
              qint64 refreshMs = 2000, qint64 silentAfterMs = kFleetSilentAfterMs,
              QWidget* parent = nullptr);

    /// Starts the periodic reads (the first at once).
    void start();
    /// Reads now unless a read is already running.
    void refreshNow();

    FleetEngineModel* engineModel() const { return m_engines; }
    FleetClaimModel* claimModel() const { return m_claims; }
    FleetReportModel* reportModel() const { return m_reports; }
    FleetCommandModel* commandModel() const { return m_commands; }
    /// "Paused across the fleet: …; breaker forced open: …" (empty when nothing is set).
    QLabel* controlsLabel() const { return m_controls; }
    QTableView* engineView() const { return m_engineView; }
    QTableView* claimView() const { return m_claimView; }
    QLabel* summaryLabel() const { return m_summary; }

Q_SIGNALS:
    /// A read was applied to the tables.
    void refreshed();
    /// Every snapshot in the store, as read (the dashboard of a fleet console shows them).
    void snapshotsRead(const bk::SnapshotStore::All& snapshots);
    /// Dead letters stored since the previous read (by any engine).
    void deadLettersAdded(const QList<qint64>& ids);

private:
    struct Read {
        FleetStatus fleet;
        std::optional<SnapshotStore::All> snapshots;
        QString snapshotError;
        QList<fleet::FleetCommand> commands;
        QList<fleet::ConnectorControl> controls;
        QString channelError;
        QList<qint64> newLetters;
        qint64 lastLetterId = -1;
    };
    static Read read(const std::shared_ptr<store::Database>& db, qint64 nowMs, qint64 lastLetterId);
    void apply(const Read& r);
    void onTick();
    void render(qint64 nowMs);

    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    qint64 m_refreshMs;
    qint64 m_silentAfterMs;
    FleetEngineModel* m_engines;
    FleetClaimModel* m_claims;
    FleetReportModel* m_reports;
    FleetCommandModel* m_commands;
    QLabel* m_summary;
    QLabel* m_controls;
    QTableView* m_engineView;
    QTableView* m_claimView;
    QTableView* m_reportView;
    QTableView* m_commandView;
    QStringList m_errors;
    qint64 m_lastReadMs = -1;
    qint64 m_lastLetterId = -1;
    bool m_reading = false;
    bool m_started = false;
    OwnedTasks m_tasks{this, 1}; ///< last: destroyed first, waits for a running read
};

} // namespace bk::ui
