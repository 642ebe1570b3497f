#pragma once

#include "OwnedTasks.h"
#include "engine/EngineApi.h"
#include "sync/SyncStore.h"

#include <memory>
#include <optional>

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace bk::ui {

class FieldDiffModel;
class ReconcileFilterModel;
class ReconcileItemModel;

/// The reconciliation diff view of one flow: the records its latest reconciliation found
/// missing, differing or extra (filterable), and for the selected one both sides field by
/// field with the differing fields highlighted. Actions: Resync this record, Resync
/// selected (one after the other, with progress, cancellable) and Reconcile now. Reads the
/// sync store on the thread pool only; commands go through EngineCommands and outcomes come
/// back as EngineSignals (recordResynced, reconciliationFinished).
class ReconcilePage : public QWidget {
    Q_OBJECT
public:
    ReconcilePage(std::shared_ptr<sync::SyncStore> store, EngineSignals* engineSignals,
                  EngineCommands* commands, QWidget* parent = nullptr);

    /// The flows to choose from (workspace order).
    void setFlows(const QStringList& flowIds);
    /// Selects flowId and loads its latest result.
    void showFlow(const QString& flowId);
    QString currentFlow() const;

    ReconcileItemModel* itemModel() const { return m_items; }
    ReconcileFilterModel* filterModel() const { return m_filter; }
    FieldDiffModel* fieldModel() const { return m_fields; }
    QTableView* itemView() const { return m_itemView; }
    QTableView* fieldView() const { return m_fieldView; }
    QString summaryText() const;
    QString statusText() const;

public Q_SLOTS:
    void reload();
    void resyncCurrent();
    void resyncSelected();
    void cancelBulk();
    void reconcileNow();

Q_SIGNALS:
    /// The flow's result is shown (items listed).
    void loaded(const QString& flowId, int items);
    /// The selected record's fields are shown.
    void fieldsShown(qint64 itemId);
    /// A bulk resync ended (all done or cancelled).
    void bulkResyncFinished(int done, int total, bool cancelled);

private:
    struct Snapshot {
        std::optional<sync::ReconcileReport> latest; ///< newest run, maybe failed
        std::optional<sync::ReconcileReport> detail; ///< newest successful run with items
        QString error;
    };
    void buildUi();
    void applyFilter();
    void showLoaded(const QString& flowId, const Snapshot& snapshot);
    void showCurrent();
    void loadFields(qint64 itemId);
    void refreshItem(const QString& sourceId);
    void updateActions();
    void onResynced(const QString& flowId, const QString& sourceId, bool ok, const QString& state,
                    const QString& message);
    void onReconciled(const QString& flowId, bool ok, const QString& message);
    void sendNextInBulk();
    void finishBulk(bool cancelled);
    QStringList selectedSourceIds() const;
    const sync::ReconcileItem* currentItem() const;

    std::shared_ptr<sync::SyncStore> m_store;
    EngineSignals* m_signals;
    EngineCommands* m_commands;

    ReconcileItemModel* m_items = nullptr;
    ReconcileFilterModel* m_filter = nullptr;
    FieldDiffModel* m_fields = nullptr;
    QComboBox* m_flow = nullptr;
    QComboBox* m_kind = nullptr;
    QCheckBox* m_openOnly = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_recordTitle = nullptr;
    QTableView* m_itemView = nullptr;
    QTableView* m_fieldView = nullptr;
    QPushButton* m_reload = nullptr;
    QPushButton* m_reconcile = nullptr;
    QPushButton* m_resync = nullptr;
    QPushButton* m_resyncSelected = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QTimer* m_bulkTimeout = nullptr;

    QString m_loadedFlow;
    quint64 m_loadGeneration = 0;
    quint64 m_fieldGeneration = 0;
    qint64 m_shownItem = 0;
    QStringList m_resyncing; ///< single resyncs sent, waiting for their outcome
    // Resync selected: one at a time, the next when the previous reported.
    QStringList m_bulk;
    int m_bulkDone = 0;
    QString m_bulkCurrent;
    OwnedTasks m_tasks{this}; // last: destroyed first, waiting for reads still running
};

} // namespace bk::ui
