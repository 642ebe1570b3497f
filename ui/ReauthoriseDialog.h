#pragma once

#include "Result.h"

#include <QDialog>
#include <QUrl>

class QLabel;
class QWebEngineView;
class QProgressBar;

namespace bk::ui {

/// Re-authorisation in an embedded browser: shows the connector's authorize page (login and
/// consent at the vendor, PKCE and state handled by the engine's flow), and closes itself
/// once the engine reports the new tokens stored. Cancel, a denied consent, a closed window
/// and a timeout all end with a clear message; nothing is stored then.
class ReauthoriseDialog : public QDialog {
    Q_OBJECT
public:
    explicit ReauthoriseDialog(const QString& connectorName, QWidget* parent = nullptr);

    /// Loads the authorize page (from the engine's flow).
    void showAuthorizePage(const QUrl& url);
    /// The flow ended: success closes the dialog (accepted), an error is shown.
    void finish(const Status& outcome);

    QWebEngineView* view() const { return m_view; }

Q_SIGNALS:
    /// The operator gave up (Cancel or closing the window) before the flow ended.
    void cancelled();

protected:
    void reject() override;

private:
    QString m_connectorName;
    QLabel* m_status;
    QProgressBar* m_progress;
    QWebEngineView* m_view;
    bool m_finished = false;
};

} // namespace bk::ui
