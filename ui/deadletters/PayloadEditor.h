#pragma once

#include "mapping/DestinationSchema.h"

#include <optional>

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;
class QTextEdit;

namespace bk::ui {

/// One line of a line diff: ' ' unchanged, '-' only in the original, '+' only in the edit.
struct DiffLine {
    QChar kind;
    QString text;
};
/// Longest-common-subsequence line diff (payloads are small; quadratic is fine).
QList<DiffLine> lineDiff(const QStringList& original, const QStringList& edited);

/// The payload of one dead letter, editable, validated while typing: JSON syntax first, then
/// the destination schema when one is known; a line diff against the original below.
/// A body that was not JSON to begin with is edited as plain text without validation.
class PayloadEditor : public QWidget {
    Q_OBJECT
public:
    explicit PayloadEditor(QWidget* parent = nullptr);

    /// Shows body (pretty-printed when it is JSON); schema empty when unknown.
    void setPayload(const QByteArray& body, std::optional<mapping::DestinationSchema> schema,
                    const QString& schemaName);
    void clear();

    /// The body to send: empty when unchanged (the replay then sends the stored body),
    /// compact JSON otherwise.
    QByteArray editedBody() const;
    bool isEdited() const;
    /// False while the text is not valid JSON or breaks the destination schema.
    bool isValid() const { return m_valid; }
    QStringList problems() const { return m_problems; }
    QPlainTextEdit* textEdit() const { return m_edit; }

Q_SIGNALS:
    void validityChanged(bool valid);

private:
    void revalidate();

    QPlainTextEdit* m_edit;
    QLabel* m_status;
    QListWidget* m_violations;
    QTextEdit* m_diff;
    QByteArray m_original;
    QString m_originalText;
    bool m_json = false;
    std::optional<mapping::DestinationSchema> m_schema;
    QString m_schemaName;
    bool m_valid = true;
    QStringList m_problems;
};

} // namespace bk::ui
