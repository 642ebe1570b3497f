#pragma once

#include "ConnectorCatalog.h"
#include "OwnedTasks.h"
#include "deadletters/DeadLetterStore.h"
#include "engine/EngineApi.h"
#include "mapping/DestinationSchema.h"

#include <memory>
#include <optional>

#include <QHash>
#include <QSet>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QTabWidget;
class QPushButton;
class QTableView;
class QTextBrowser;
class QTimer;

namespace bk::ui {

class AuditLogView;
class DeadLetterModel;
class DryRunView;
class PayloadEditor;
class ReplayJobsPanel;

/// The dead-letter editor: a lazily fetched table with filters, the selected letter's
/// request, attempts and state, a validated payload editor with a diff, and the operator
/// actions (replay — to the original or another target —, dry run, replay selected as a
/// persisted budget-paced job, discard with reason, export) plus the audit log and the jobs.
/// Commands go through EngineCommands; deadLetterChanged refreshes a row or inserts a new
/// letter at the top without resetting the view.
class DeadLetterPage : public QWidget {
    Q_OBJECT
public:
    DeadLetterPage(std::shared_ptr<deadletters::DeadLetterStore> store, ConnectorCatalog catalog,
                   EngineSignals* engineSignals, EngineCommands* commands, QString user,
                   QWidget* parent = nullptr);
    /// Convenience: a store over db (which must carry deadlettersMigrations()).
    DeadLetterPage(std::shared_ptr<store::Database> db, ConnectorCatalog catalog,
                   EngineSignals* engineSignals, EngineCommands* commands, QString user,
                   QWidget* parent = nullptr);

    /// Workspace connector id → connector type, for finding the destination schema. A
    /// connector id that is itself a catalog type needs no entry.
    void setConnectorTypes(const QHash<QString, QString>& types);

    DeadLetterModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    PayloadEditor* payloadEditor() const { return m_editor; }
    AuditLogView* auditLog() const { return m_audit; }
    DryRunView* dryRunView() const { return m_dryRunView; }
    ReplayJobsPanel* replayJobs() const { return m_jobs; }
    QComboBox* targetChooser() const { return m_target; }
    /// The target chosen for Replay and Dry run.
    ReplayTarget currentTarget() const;
    /// The filter as the controls describe it.
    deadletters::Filter currentFilter() const;

    /// Writes the letters' JSON (secrets already removed by the store) to path, as an array;
    /// reads and writes on the thread pool, then emits exported().
    void exportTo(const QString& path, const QList<qint64>& ids);
    QList<qint64> selectedIds() const;

public Q_SLOTS:
    void replayCurrent();
    /// Maps and validates the edited payload for the chosen target without sending it.
    void dryRunCurrent();
    /// Starts a persisted bulk replay job for the selected letters.
    void replaySelected();
    /// Opens the reason dialog for the selected letters.
    void discardSelected();
    void exportSelected();

Q_SIGNALS:
    void exported(const QString& path, const QString& error);
    /// A bulk replay job this page started ended (finished all or was cancelled).
    void bulkReplayFinished(int done, int total, bool cancelled);

private:
    void buildUi();
    void applyFilter();
    void showCurrent();
    void updateActions();
    void onLetterChanged(qint64 id);
    void onLetterRefreshed(const deadletters::DeadLetter& letter);
    void onTargetsListed(qint64 id, const QList<ReplayTargetOption>& targets);
    void onDryRunFinished(const DryRunResult& result);
    void onReplayFinished(qint64 id, bool ok, const QString& message);
    void onJobChanged(const ReplayJobProgress& job);
    void keepScrollOnInsert(int first, int last);
    std::optional<mapping::DestinationSchema> schemaFor(const deadletters::DeadLetter& d,
                                                        QString* name) const;

    std::shared_ptr<deadletters::DeadLetterStore> m_store;
    ConnectorCatalog m_catalog;
    EngineSignals* m_signals;
    EngineCommands* m_commands;
    QString m_user;
    QHash<QString, QString> m_connectorTypes;

    DeadLetterModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLineEdit* m_connector = nullptr;
    QLineEdit* m_flow = nullptr;
    QComboBox* m_class = nullptr;
    QComboBox* m_state = nullptr;
    QCheckBox* m_useFrom = nullptr;
    QDateTimeEdit* m_from = nullptr;
    QCheckBox* m_useTo = nullptr;
    QDateTimeEdit* m_to = nullptr;
    QLineEdit* m_search = nullptr;
    QTimer* m_debounce = nullptr;
    QLabel* m_count = nullptr;
    QTextBrowser* m_detail = nullptr;
    PayloadEditor* m_editor = nullptr;
    AuditLogView* m_audit = nullptr;
    QPushButton* m_replay = nullptr;
    QPushButton* m_dryRun = nullptr;
    QComboBox* m_target = nullptr;
    QLabel* m_outcome = nullptr;
    QTabWidget* m_tabs = nullptr;
    DryRunView* m_dryRunView = nullptr;
    ReplayJobsPanel* m_jobs = nullptr;
    QPushButton* m_replaySelected = nullptr;
    QPushButton* m_discard = nullptr;
    QPushButton* m_export = nullptr;
    qint64 m_shownId = 0;
    qint64 m_targetsFor = 0; ///< the letter whose replay targets the chooser lists
    bool m_columnsSized = false;

    // Bulk replay: the page waits for the engine to report the jobs it asked for.
    int m_jobsRequested = 0;
    QSet<qint64> m_myJobs;
    OwnedTasks m_tasks{this}; // last: destroyed first, waiting for an export still running
};

} // namespace bk::ui
