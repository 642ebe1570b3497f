#include "SettingsDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace settings {

QString language() {
    return QSettings().value(QLatin1StringView(kLanguage)).toString();
}

bool notificationsEnabled() {
    return QSettings().value(QLatin1StringView(kNotifications), true).toBool();
}

} // namespace settings

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent)
    , m_language(new QComboBox(this))
    , m_notifications(new QCheckBox(tr("Show desktop &notifications for warnings and critical "
                                       "alerts"),
                                    this))
    , m_restartNote(new QLabel(this))
    , m_startLanguage(settings::language()) {
    setWindowTitle(tr("Settings"));
    // Language names in their own language, so anyone can find theirs.
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(u"English"_s, u"en"_s);
    m_language->addItem(u"Nederlands"_s, u"nl"_s);
    m_language->setCurrentIndex(std::max(0, m_language->findData(m_startLanguage)));
    m_language->setAccessibleName(tr("Interface language"));
    m_notifications->setChecked(settings::notificationsEnabled());

    m_restartNote->setWordWrap(true);
    m_restartNote->setText(tr("The language changes the next time Bridgekeeper starts."));
    connect(m_language, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateRestartNote);

    auto* form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_restartNote);
    form->addRow(QString(), m_notifications);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        save();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);
    updateRestartNote();
}

void SettingsDialog::updateRestartNote() {
    const bool changed = m_language->currentData().toString() != m_startLanguage;
    QFont f = m_restartNote->font();
    f.setBold(changed);
    m_restartNote->setFont(f);
}

void SettingsDialog::save() {
    QSettings s;
    const QString language = m_language->currentData().toString();
    if (language.isEmpty())
        s.remove(QLatin1StringView(settings::kLanguage));
    else
        s.setValue(QLatin1StringView(settings::kLanguage), language);
    s.setValue(QLatin1StringView(settings::kNotifications), m_notifications->isChecked());
    if (language != m_startLanguage) {
        m_startLanguage = language;
        Q_EMIT languageChanged(language);
    }
}

} // namespace bk::ui
