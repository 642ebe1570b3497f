#pragma once

#include "WizardContext.h"

#include <QMap>
#include <QWizardPage>

class QFormLayout;
class QLabel;
class QLineEdit;

namespace bk::ui::firstrun {

/// One connection (index 0: the source, 1: the destination): its name, addresses (empty:
/// the definition's), the tenant fields the definition's URLs need, client id and secret.
/// The entries are checked with the workspace loader before Next.
class ConnectorPage : public QWizardPage {
    Q_OBJECT
public:
    ConnectorPage(WizardContext* context, int index, QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    bool validatePage() override;

private:
    QLineEdit* addLine(const QString& objectName, const QString& label,
                       const QString& accessibleName);
    ConnectorDraft& draft() const;

    WizardContext* m_context;
    int m_index;
    QFormLayout* m_form;
    QLabel* m_intro;
    QLineEdit* m_name;
    QLineEdit* m_baseUrl;
    QLineEdit* m_authBaseUrl;
    QLineEdit* m_statusPageUrl;
    QMap<QString, QLineEdit*> m_tenant; ///< division, shop, company
    QLineEdit* m_clientId;
    QLineEdit* m_clientSecret;
    QLabel* m_error;
};

} // namespace bk::ui::firstrun
