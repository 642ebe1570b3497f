#pragma once

#include "Clock.h"
#include "ConnectorCatalog.h"
#include "WizardContext.h"

#include <memory>

#include <QWizard>

namespace bk::ui::firstrun {

class AuthorisePage;
class SummaryPage;
class WelcomePage;
class WorkspaceWriter;

/// The console's first run, when there is no workspace yet: create one (data folder, a
/// mapping document, its two connections with client id and secret, sign-in in the embedded
/// browser, summary), open an existing workspace file, or open the demo. Finish writes the
/// workspace (secrets to the OS keychain) and reports which workspace to open; the console
/// opens it and its engine starts the first sync.
class FirstRunWizard : public QWizard {
    Q_OBJECT
public:
    FirstRunWizard(QString defaultFolder, ConnectorCatalog catalog, std::shared_ptr<Clock> clock,
                   QWidget* parent = nullptr);
    ~FirstRunWizard() override;

    const WorkspaceDraft& draft() const { return m_context.draft; }
    AuthorisePage* authorisePage() const { return m_authorise; }

Q_SIGNALS:
    /// Finish: open this workspace (created now, or an existing one that was chosen).
    void workspaceChosen(const QString& path, bool created);
    /// Finish with "open the demo".
    void demoChosen();

protected:
    void accept() override;
    void reject() override;

private:
    void finishCreate();

    WizardContext m_context;
    WelcomePage* m_welcome;
    AuthorisePage* m_authorise;
    SummaryPage* m_summary;
    WorkspaceWriter* m_writer;
    bool m_saving = false;
};

/// The workspace the console opens when none is given: the first recent one that still
/// exists, else a workspace file in dataDir; empty when there is none (first run).
QString findExistingWorkspace(const QString& dataDir);

/// Puts path first in the console's recent workspaces (QSettings "workspaces/recent").
void addRecentWorkspace(const QString& path);

} // namespace bk::ui::firstrun
