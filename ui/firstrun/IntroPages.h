#pragma once

#include "WizardContext.h"

#include <QWizardPage>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace bk::ui::firstrun {

/// First page: create a workspace, open an existing workspace file, or open the demo.
class WelcomePage : public QWizardPage {
    Q_OBJECT
public:
    enum class Choice { Create, OpenExisting, Demo };
    explicit WelcomePage(WizardContext* context, QWidget* parent = nullptr);

    Choice choice() const;
    /// The existing workspace file (OpenExisting), absolute, once validated.
    QString existingPath() const { return m_validatedPath; }

    int nextId() const override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void browse();

    WizardContext* m_context;
    QRadioButton* m_create;
    QRadioButton* m_open;
    QRadioButton* m_demo;
    QLineEdit* m_file;
    QPushButton* m_browse;
    QLabel* m_error;
    QString m_validatedPath;
};

/// The data folder (workspace file and store) and the workspace's name.
class FolderPage : public QWizardPage {
    Q_OBJECT
public:
    explicit FolderPage(WizardContext* context, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    void browse();
    void updateTarget();

    WizardContext* m_context;
    QLineEdit* m_folder;
    QLineEdit* m_name;
    QLabel* m_target;
    QLabel* m_error;
};

} // namespace bk::ui::firstrun
