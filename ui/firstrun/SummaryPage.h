#pragma once

#include "WizardContext.h"

#include <QWizardPage>

class QLabel;

namespace bk::ui::firstrun {

/// What Finish will write and start; shows the outcome of saving if it fails.
class SummaryPage : public QWizardPage {
    Q_OBJECT
public:
    explicit SummaryPage(WizardContext* context, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;

    /// Finish is writing: inputs locked, a progress line shown.
    void setBusy(bool busy, const QString& message = {});
    void showFailure(const QString& message);

private:
    WizardContext* m_context;
    QLabel* m_summary;
    QLabel* m_progress;
    QLabel* m_error;
    bool m_busy = false;
};

} // namespace bk::ui::firstrun
