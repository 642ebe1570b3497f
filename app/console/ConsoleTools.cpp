// The console's File ▸ Import definitions… and Help ▸ Export support bundle…, which need the
// running engine's store and secret store.
#include "ConsoleSession.h"
#include "ImportDefinitionsDialog.h"
#include "MainWindow.h"
#include "SupportBundleDialog.h"
#include "deadletters/DeadLetterPage.h"
#include "engine/Engine.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace bk {

void ConsoleSession::exportSupportBundle() {
    if (!m_engine)
        return report(tr("Open a workspace first: the support bundle describes its engine."));
    ui::SupportBundleSource source{m_engine->workspace(), m_db, m_engine->secrets(),
                                   QDir(m_dataDir).filePath(u"logs"_s)};
    QList<qint64> selected;
    if (auto* page = qobject_cast<ui::DeadLetterPage*>(m_deadLetterPage.data()))
        selected = page->selectedIds();
    auto* dialog = new ui::SupportBundleDialog(source, selected, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void ConsoleSession::importDefinitions() {
    const Workspace* ws = m_window->currentWorkspace();
    if (!ws)
        return report(tr("Open a workspace first: definitions are imported into it."));
    auto* dialog = new ui::ImportDefinitionsDialog(*ws, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ui::ImportDefinitionsDialog::reopenRequested, this, &ConsoleSession::open);
    dialog->open();
}

} // namespace bk
