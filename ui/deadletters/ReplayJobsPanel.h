#pragma once

#include "engine/EngineApi.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace bk::ui {

/// The persisted bulk replay jobs: one row per job with its state (and why it is paused),
/// done / total and failures; a progress bar for the selected job and *Cancel job*.
/// Fed by EngineSignals::replayJobChanged; commands go through EngineCommands.
class ReplayJobsPanel : public QWidget {
    Q_OBJECT
public:
    ReplayJobsPanel(EngineCommands* commands, QString user, QWidget* parent = nullptr);

    void update(const ReplayJobProgress& job);
    /// The latest progress of job id (jobId 0 when unknown).
    ReplayJobProgress job(qint64 id) const { return m_jobs.value(id); }
    QTableWidget* table() const { return m_table; }
    QProgressBar* progress() const { return m_progress; }
    QPushButton* cancelButton() const { return m_cancel; }
    QLabel* status() const { return m_status; }
    /// Selects job id (its row) so the progress bar follows it.
    void select(qint64 id);

public Q_SLOTS:
    void cancelSelected();

private:
    qint64 selectedId() const;
    void showSelected();

    EngineCommands* m_commands;
    QString m_user;
    QHash<qint64, ReplayJobProgress> m_jobs;
    QTableWidget* m_table;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_cancel;
};

} // namespace bk::ui
