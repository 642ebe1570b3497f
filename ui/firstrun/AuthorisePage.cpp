#include "AuthorisePage.h"

#include "ReauthoriseDialog.h"
#include "auth/AuthorizationFlow.h"
#include "auth/OAuthSettings.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QWidget>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

AuthorisePage::AuthorisePage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_rows(new QVBoxLayout) {
    setTitle(tr("Sign in"));
    setSubTitle(tr("Sign in to each connection and allow Bridgekeeper access. This happens in "
                   "a browser window inside Bridgekeeper; your password is never stored, only "
                   "the tokens the vendor hands out."));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_rows);
    layout->addStretch(1);
}

void AuthorisePage::initializePage() {
    // Rebuilt on every visit: the connections may have changed since (Back, another mapping).
    delete m_container;
    m_container = new QWidget(this);
    m_rowWidgets.clear();
    auto* grid = new QGridLayout(m_container);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setColumnStretch(1, 1);
    const auto& connectors = m_context->draft.connectors;
    for (int i = 0; i < connectors.size(); ++i) {
        Row row{new QLabel(m_container), new QPushButton(m_container)};
        row.status->setWordWrap(true);
        row.status->setObjectName(u"authStatus%1"_s.arg(i));
        row.button->setObjectName(u"signIn%1"_s.arg(i));
        auto* name =
            new QLabel(u"<b>%1</b>"_s.arg(connectors[i].name.toHtmlEscaped()), m_container);
        grid->addWidget(name, i, 0);
        grid->addWidget(row.status, i, 1);
        grid->addWidget(row.button, i, 2);
        connect(row.button, &QPushButton::clicked, this, [this, i] { authorise(i); });
        m_rowWidgets.append(row);
        updateRow(i);
    }
    m_rows->addWidget(m_container);
}

void AuthorisePage::cleanupPage() {
    cancelRunning();
    QWizardPage::cleanupPage();
}

void AuthorisePage::updateRow(int index, const QString& failure) {
    const ConnectorDraft& c = m_context->draft.connectors[index];
    const Row& row = m_rowWidgets[index];
    const bool done = c.tokens.has_value();
    row.button->setText(done ? tr("Sign in &again…") : tr("&Sign in to %1…").arg(c.name));
    row.button->setAccessibleName(tr("Sign in to %1").arg(c.name));
    if (!failure.isEmpty())
        row.status->setText(tr("Not signed in: %1").arg(failure));
    else
        row.status->setText(done ? tr("Signed in; tokens received.") : tr("Not signed in yet."));
    row.status->setStyleSheet(done ? u"color: #1b7f3b;"_s
                                   : (failure.isEmpty() ? QString() : u"color: #b00020;"_s));
    row.status->setAccessibleName(tr("%1 sign-in status").arg(c.name));
}

bool AuthorisePage::isComplete() const {
    for (const ConnectorDraft& c : m_context->draft.connectors)
        if (!c.tokens)
            return false;
    return !m_context->draft.connectors.isEmpty() && !m_flow;
}

void AuthorisePage::cancelRunning() {
    if (m_flow)
        m_flow->cancel();
    if (m_dialog)
        m_dialog->close(); // its reject(): cancelled, flow stopped
}

void AuthorisePage::authorise(int index) {
    cancelRunning();
    ConnectorDraft& c = m_context->draft.connectors[index];
    auto ws = m_context->draft.validate(m_context->catalog);
    const ConnectorConfig* config = ws ? ws->connector(c.id) : nullptr;
    if (!config)
        return updateRow(index, ws ? tr("the connection is missing") : ws.error().message);
    auto settings =
        auth::OAuthSettings::fromDefinition(m_context->catalog.definition(c.type), *config);
    if (!settings)
        return updateRow(index, settings.error().message);

    auto* flow = new auth::AuthorizationFlow(*settings, c.clientSecret, m_context->clock, this);
    auto* dialog = new ReauthoriseDialog(c.name, this);
    dialog->setWindowTitle(tr("Sign in to %1").arg(c.name));
    dialog->setAccessibleName(dialog->windowTitle());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_flow = flow;
    m_dialog = dialog;
    const QString id = c.id;
    connect(dialog, &ReauthoriseDialog::cancelled, flow, &auth::AuthorizationFlow::cancel);
    QPointer<ReauthoriseDialog> guard(dialog);
    auto url = flow->start([this, flow, guard, index, id](Result<auth::TokenRecord> tokens) {
        flow->deleteLater();
        m_flow = nullptr;
        auto& connectors = m_context->draft.connectors;
        // The draft may have changed meanwhile (Back, another mapping): drop stale answers.
        const bool current = index < connectors.size() && connectors[index].id == id;
        if (tokens && current) {
            tokens->generation = 1;
            tokens->registerSecrets();
            connectors[index].tokens = *tokens;
        }
        if (current)
            updateRow(index, tokens ? QString() : tokens.error().message);
        if (guard)
            guard->finish(tokens ? Status::success() : Status(tokens.error()));
        Q_EMIT completeChanged();
    });
    if (!url) {
        flow->deleteLater();
        m_flow = nullptr;
        dialog->finish(url.error());
    } else {
        dialog->showAuthorizePage(*url);
    }
    Q_EMIT completeChanged();
    dialog->open(); // window-modal, no nested event loop
    Q_EMIT dialogOpened(dialog);
}

} // namespace bk::ui::firstrun
