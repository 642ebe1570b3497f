#pragma once

#include "ReauthoriseDialog.h"
#include "WizardContext.h"

#include <QList>
#include <QPointer>
#include <QWizardPage>

class QLabel;
class QPushButton;
class QVBoxLayout;

namespace bk::auth {
class AuthorizationFlow;
}

namespace bk::ui::firstrun {

/// Signs in to every OAuth connection in the embedded browser: the same authorization-code
/// flow (PKCE, state, loopback redirect) and dialog as the console's Re-authorise…. The tokens
/// stay in memory until Finish stores them.
class AuthorisePage : public QWizardPage {
    Q_OBJECT
public:
    explicit AuthorisePage(WizardContext* context, QWidget* parent = nullptr);

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;

    /// Starts the sign-in of connection index; the dialog it opens is returned by dialog().
    void authorise(int index);
    ReauthoriseDialog* dialog() const { return m_dialog; }
    /// Stops a sign-in in progress (Back, Cancel).
    void cancelRunning();

Q_SIGNALS:
    /// The browser dialog for a connection opened (tests drive it).
    void dialogOpened(bk::ui::ReauthoriseDialog* dialog);

private:
    struct Row {
        QLabel* status;
        QPushButton* button;
    };
    void updateRow(int index, const QString& failure = {});

    WizardContext* m_context;
    QVBoxLayout* m_rows;
    QWidget* m_container = nullptr;
    QList<Row> m_rowWidgets;
    QPointer<auth::AuthorizationFlow> m_flow;
    QPointer<ReauthoriseDialog> m_dialog;
};

} // namespace bk::ui::firstrun
