#pragma once

#include <QDialog>

class QDialogButtonBox;
class QPlainTextEdit;

namespace bk::ui {

/// Asks why dead letters are discarded; OK stays disabled until a reason is written.
class DiscardDialog : public QDialog {
    Q_OBJECT
public:
    explicit DiscardDialog(int count, QWidget* parent = nullptr);

    QString reason() const;
    QPlainTextEdit* reasonEdit() const { return m_reason; }
    QDialogButtonBox* buttons() const { return m_buttons; }

private:
    QPlainTextEdit* m_reason;
    QDialogButtonBox* m_buttons;
};

} // namespace bk::ui
