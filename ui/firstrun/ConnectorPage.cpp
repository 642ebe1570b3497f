#include "ConnectorPage.h"

#include "Redactor.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

namespace {

bool isHttpUrl(const QString& text) {
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && (url.scheme() == u"http"_s || url.scheme() == u"https"_s) &&
           !url.host().isEmpty();
}

} // namespace

ConnectorPage::ConnectorPage(WizardContext* context, int index, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_index(index)
    , m_form(new QFormLayout)
    , m_intro(new QLabel(this))
    , m_error(makeErrorLabel(this)) {
    m_intro->setWordWrap(true);
    m_name = addLine(u"name"_s, tr("Na&me:"), tr("Connection name"));
    m_baseUrl = addLine(u"baseUrl"_s, tr("&API address:"), tr("API address"));
    m_authBaseUrl = addLine(u"authBaseUrl"_s, tr("Si&gn-in address:"), tr("Sign-in address"));
    m_statusPageUrl = addLine(u"statusPageUrl"_s, tr("Status &page:"), tr("Status page address"));
    m_tenant.insert(u"division"_s, addLine(u"division"_s, tr("&Division:"), tr("Division number")));
    m_tenant.insert(u"shop"_s, addLine(u"shop"_s, tr("S&hop:"), tr("Shop name")));
    m_tenant.insert(u"company"_s,
                    addLine(u"company"_s, tr("C&ompany domain:"), tr("Company domain")));
    m_clientId = addLine(u"clientId"_s, tr("&Client id:"), tr("Client id"));
    m_clientSecret = addLine(u"clientSecret"_s, tr("Client &secret:"), tr("Client secret"));
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_tenant.value(u"division"_s)
        ->setValidator(new QRegularExpressionValidator(QRegularExpression(u"[0-9]{1,12}"_s), this));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(m_form);
    layout->addStretch(1);
    layout->addWidget(m_error);
    for (QLineEdit* edit : findChildren<QLineEdit*>())
        connect(edit, &QLineEdit::textChanged, this, [this] {
            showError(m_error, {});
            Q_EMIT completeChanged();
        });
}

QLineEdit* ConnectorPage::addLine(const QString& objectName, const QString& label,
                                  const QString& accessibleName) {
    auto* edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    m_form->addRow(label, edit);
    return edit;
}

ConnectorDraft& ConnectorPage::draft() const {
    return m_context->draft.connectors[m_index];
}

void ConnectorPage::initializePage() {
    const ConnectorDraft& c = draft();
    const QJsonObject def = m_context->catalog.definition(c.type);
    const QString vendor = def.value(u"name"_s).toString(c.type);
    setTitle(m_index == 0 ? tr("Source: %1").arg(vendor) : tr("Destination: %1").arg(vendor));
    setSubTitle(m_index == 0 ? tr("Records are read from this connection.")
                             : tr("Records are written to this connection."));
    m_intro->setText(tr("Register Bridgekeeper as an app with %1 and copy its client id and "
                        "secret here. The secret is kept in the system keychain. Leave an "
                        "address empty to use %1's own.")
                         .arg(vendor));
    m_name->setText(c.name);
    m_baseUrl->setText(c.baseUrl);
    m_authBaseUrl->setText(c.authBaseUrl);
    m_statusPageUrl->setText(c.statusPageUrl);
    m_clientId->setText(c.clientId);
    m_clientSecret->setText(c.clientSecret);
    const QString defaultBase = def.value(u"baseUrl"_s).toString();
    m_baseUrl->setPlaceholderText(defaultBase);
    m_authBaseUrl->setPlaceholderText(def.value(u"authBaseUrl"_s).toString(defaultBase));
    m_statusPageUrl->setPlaceholderText(
        def.value(u"statusPage"_s).toObject().value(u"url"_s).toString());
    const QStringList needed = tenantFields(def);
    for (auto it = m_tenant.begin(); it != m_tenant.end(); ++it) {
        it.value()->setText(c.tenant.value(it.key()));
        m_form->setRowVisible(it.value(), needed.contains(it.key()));
    }
}

bool ConnectorPage::isComplete() const {
    if (m_name->text().trimmed().isEmpty() || m_clientId->text().trimmed().isEmpty() ||
        m_clientSecret->text().isEmpty())
        return false;
    for (const QString& field : tenantFields(m_context->catalog.definition(draft().type)))
        if (m_tenant.value(field)->text().trimmed().isEmpty())
            return false;
    return true;
}

bool ConnectorPage::validatePage() {
    const QList<QPair<QLineEdit*, QString>> urls{{m_baseUrl, tr("API address")},
                                                 {m_authBaseUrl, tr("sign-in address")},
                                                 {m_statusPageUrl, tr("status page")}};
    for (const auto& [edit, what] : urls) {
        const QString text = edit->text().trimmed();
        if (!text.isEmpty() && !isHttpUrl(text)) {
            showError(m_error, tr("The %1 must be a full http(s) address such as %2.")
                                   .arg(what, edit->placeholderText()));
            edit->setFocus();
            return false;
        }
    }
    const QRegularExpression hostLabel(u"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$"_s);
    for (const QString& field : {u"shop"_s, u"company"_s}) {
        QLineEdit* edit = m_tenant.value(field);
        if (edit->isVisibleTo(this) && !hostLabel.match(edit->text().trimmed()).hasMatch()) {
            showError(m_error, tr("The %1 is the lower-case name in its web address (letters, "
                                  "digits and dashes).")
                                   .arg(field == u"shop"_s ? tr("shop") : tr("company domain")));
            edit->setFocus();
            return false;
        }
    }
    ConnectorDraft updated = draft();
    updated.name = m_name->text().trimmed();
    updated.baseUrl = m_baseUrl->text().trimmed();
    updated.authBaseUrl = m_authBaseUrl->text().trimmed();
    updated.statusPageUrl = m_statusPageUrl->text().trimmed();
    updated.tenant.clear();
    for (const QString& field : tenantFields(m_context->catalog.definition(updated.type)))
        updated.tenant.insert(field, m_tenant.value(field)->text().trimmed());
    updated.clientId = m_clientId->text().trimmed();
    updated.clientSecret = m_clientSecret->text();
    Redactor::registerSecret(updated.clientSecret);
    // Tokens belong to the account and app they were issued for: a change asks for a new login.
    const ConnectorDraft& old = draft();
    if (old.baseUrl != updated.baseUrl || old.authBaseUrl != updated.authBaseUrl ||
        old.clientId != updated.clientId || old.clientSecret != updated.clientSecret ||
        old.tenant != updated.tenant)
        updated.tokens.reset();

    // The loader has the last word: exactly the checks the console makes when it opens it.
    WorkspaceDraft probe = m_context->draft;
    probe.connectors[m_index] = updated;
    auto ws = probe.validate(m_context->catalog);
    if (!ws) {
        showError(m_error, ws.error().message);
        return false;
    }
    draft() = updated;
    return true;
}

} // namespace bk::ui::firstrun
