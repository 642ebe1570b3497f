#include "WizardContext.h"

#include <QCoreApplication>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

QLabel* makeErrorLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(u"errorLabel"_s);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(u"color: #b00020;"_s);
    label->setAccessibleName(QCoreApplication::translate("bk::ui::firstrun", "Problem"));
    label->hide();
    return label;
}

void showError(QLabel* label, const QString& message) {
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

} // namespace bk::ui::firstrun
