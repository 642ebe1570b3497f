#pragma once

#include "Clock.h"
#include "ConnectorCatalog.h"
#include "WorkspaceDraft.h"

#include <memory>

#include <QString>

class QLabel;
class QWidget;

namespace bk::ui::firstrun {

/// Page ids of the first-run wizard, in order.
enum PageId {
    WelcomePageId,
    FolderPageId,
    MappingPageId,
    SourcePageId,
    DestinationPageId,
    AuthorisePageId,
    SummaryPageId
};

/// What the pages share: the shipped catalog, the clock, and the draft they fill in.
struct WizardContext {
    QString defaultFolder;
    ConnectorCatalog catalog;
    std::shared_ptr<Clock> clock;
    WorkspaceDraft draft;
};

/// A red, word-wrapped message line for a page's validation errors (hidden when empty).
QLabel* makeErrorLabel(QWidget* parent);
/// Shows message in label (or hides the label when message is empty).
void showError(QLabel* label, const QString& message);

} // namespace bk::ui::firstrun
