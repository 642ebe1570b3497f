#include "SummaryPage.h"

#include <QDir>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

SummaryPage::SummaryPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_summary(new QLabel(this))
    , m_progress(new QLabel(this))
    , m_error(makeErrorLabel(this)) {
    setTitle(tr("Ready"));
    setSubTitle(tr("Finish writes the workspace, stores the secrets in the system keychain, "
                   "opens the workspace and starts the first sync."));
    m_summary->setObjectName(u"summary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_summary->setFocusPolicy(Qt::StrongFocus);
    m_summary->setAccessibleName(tr("Summary"));
    m_progress->setObjectName(u"progress"_s);
    m_progress->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addStretch(1);
    layout->addWidget(m_progress);
    layout->addWidget(m_error);
}

void SummaryPage::initializePage() {
    const WorkspaceDraft& d = m_context->draft;
    auto esc = [](const QString& s) { return s.toHtmlEscaped(); };
    QString html = u"<table cellspacing=\"4\">"_s;
    auto row = [&html](const QString& key, const QString& value) {
        html += u"<tr><td valign=\"top\"><b>%1</b></td><td>%2</td></tr>"_s.arg(key, value);
    };
    row(tr("Workspace"), esc(d.name));
    row(tr("File"), esc(QDir::toNativeSeparators(d.workspacePath())));
    row(tr("Database"), esc(QDir::toNativeSeparators(
                            QDir(d.folder).filePath(WorkspaceDraft::slug(d.name) + u".db"_s))));
    row(tr("Secrets"), tr("system keychain, service “%1”").arg(esc(d.keychainService())));
    for (int i = 0; i < d.connectors.size(); ++i) {
        const ConnectorDraft& c = d.connectors[i];
        const QString address = c.baseUrl.isEmpty() ? tr("the vendor's address") : c.baseUrl;
        row(i == 0 ? tr("Source") : tr("Destination"),
            tr("%1 (%2), %3, client id %4 — %5")
                .arg(esc(c.name), esc(c.type), esc(address), esc(c.clientId),
                     c.tokens ? tr("signed in") : tr("not signed in")));
    }
    row(tr("Sync"), tr("%1 → %2 with “%3”, every %4")
                        .arg(esc(d.sourceResource), esc(d.destinationResource), esc(d.mappingId),
                             esc(d.schedule)));
    html += u"</table>"_s;
    m_summary->setText(html);
    m_progress->clear();
    showError(m_error, {});
}

bool SummaryPage::isComplete() const {
    return !m_busy;
}

void SummaryPage::setBusy(bool busy, const QString& message) {
    m_busy = busy;
    m_progress->setText(message);
    if (busy)
        showError(m_error, {});
    Q_EMIT completeChanged();
}

void SummaryPage::showFailure(const QString& message) {
    setBusy(false);
    showError(m_error, tr("The workspace was not created: %1").arg(message));
}

} // namespace bk::ui::firstrun
