#pragma once

#include "Clock.h"
#include "RetrySchedule.h"

#include <memory>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace bk::ui {

class RetryTimeline;

/// Preview of a pending operation's retries: from the attempts already made and a retry
/// policy (taken from a connector's definition or typed in), the next attempts with their
/// jitter band and the moment the operation would become a dead letter.
class RetryPreviewWidget : public QWidget {
    Q_OBJECT
public:
    struct NamedPolicy {
        QString name;
        RetryPolicy policy;
    };

    explicit RetryPreviewWidget(std::shared_ptr<Clock> clock, QWidget* parent = nullptr);

    /// Connectors whose policies can be loaded into the form.
    void setPolicies(const QList<NamedPolicy>& policies);
    void setPolicy(const RetryPolicy& policy);
    void setAttemptsMade(int attempts);
    RetryPolicy policy() const;
    const RetrySchedule& schedule() const { return m_schedule; }
    QString summaryText() const;

private:
    void recompute();

    std::shared_ptr<Clock> m_clock;
    QList<NamedPolicy> m_policies;
    RetrySchedule m_schedule;
    QComboBox* m_source;
    QSpinBox* m_attemptsMade;
    QDoubleSpinBox* m_base;
    QDoubleSpinBox* m_cap;
    QSpinBox* m_maxAttempts;
    QDoubleSpinBox* m_span;
    QSpinBox* m_jitter;
    QTableWidget* m_table;
    RetryTimeline* m_timeline;
    QLabel* m_summary;
    bool m_loading = false;
};

} // namespace bk::ui
