#include "DiscardDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

DiscardDialog::DiscardDialog(int count, QWidget* parent)
    : QDialog(parent)
    , m_reason(new QPlainTextEdit(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setObjectName(u"discardDialog"_s);
    setWindowTitle(tr("Discard dead letters"));
    auto* label = new QLabel(
        tr("Discard %n dead letter(s)? They stay in the store, marked discarded, and the "
           "reason is written to the audit log.",
           "", count),
        this);
    label->setWordWrap(true);
    label->setBuddy(m_reason);
    m_reason->setAccessibleName(tr("Reason for discarding"));
    m_reason->setPlaceholderText(tr("Reason (required)"));
    m_reason->setTabChangesFocus(true);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Discard"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_reason, &QPlainTextEdit::textChanged, this,
            [this]() { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!reason().isEmpty()); });
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this]() {
        if (!reason().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_reason);
    layout->addWidget(m_buttons);
}

QString DiscardDialog::reason() const {
    return m_reason->toPlainText().trimmed();
}

} // namespace bk::ui
