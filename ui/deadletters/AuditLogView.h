#pragma once

#include "OwnedTasks.h"
#include "deadletters/DeadLetterStore.h"

#include <memory>

#include <QWidget>

class QLabel;
class QTableWidget;

namespace bk::ui {

/// Who did what and when to the dead-letter queue: the newest audit entries (time, user,
/// action, target, before/after excerpt) and whether the hash chain verifies. Reads run on
/// the thread pool.
class AuditLogView : public QWidget {
    Q_OBJECT
public:
    static constexpr int MaxEntries = 1000;

    explicit AuditLogView(std::shared_ptr<deadletters::DeadLetterStore> store,
                          QWidget* parent = nullptr);

    /// Re-reads the log and verifies the chain.
    void refresh();
    QTableWidget* table() const { return m_table; }
    QString verification() const;

Q_SIGNALS:
    void refreshed();

private:
    std::shared_ptr<deadletters::DeadLetterStore> m_store;
    QTableWidget* m_table;
    QLabel* m_verify;
    OwnedTasks m_tasks{this}; // last: destroyed first, waiting for a read still running
};

} // namespace bk::ui
