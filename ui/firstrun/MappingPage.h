#pragma once

#include "WizardContext.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QListWidget;

namespace bk::ui::firstrun {

/// What to sync: a shipped mapping document or one imported from a file (validated with
/// core/mapping first). The document names the source and destination connector types, so
/// choosing it decides which two connections the next pages ask for.
class MappingPage : public QWizardPage {
    Q_OBJECT
public:
    explicit MappingPage(WizardContext* context, QWidget* parent = nullptr);

    bool isComplete() const override;
    bool validatePage() override;

    /// Imports path as if chosen in the file dialog; false (with the reason shown) if the
    /// document is invalid or needs connector types this build does not ship.
    bool importDocument(const QString& path);

private:
    void addDocument(const QString& path, bool select);
    void showDetails();

    WizardContext* m_context;
    QListWidget* m_list;
    QLabel* m_details;
    QComboBox* m_schedule;
    QLabel* m_error;
};

} // namespace bk::ui::firstrun
