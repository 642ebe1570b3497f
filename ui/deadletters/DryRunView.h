#pragma once

#include "engine/EngineApi.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QPlainTextEdit;

namespace bk::ui {

/// The answer of a dry run: where the replay would go, the exact request body it would
/// send, and every violation with its JSON path. Nothing here is sent.
class DryRunView : public QWidget {
    Q_OBJECT
public:
    explicit DryRunView(QWidget* parent = nullptr);

    /// "Running…" until setResult(); clear() when another letter is shown.
    void setPending(qint64 deadLetterId);
    void setResult(const DryRunResult& result);
    void clear();

    qint64 shownId() const { return m_id; }
    QLabel* summary() const { return m_summary; }
    QListWidget* violations() const { return m_violations; }
    QPlainTextEdit* body() const { return m_body; }

private:
    qint64 m_id = 0;
    QLabel* m_summary;
    QListWidget* m_violations;
    QPlainTextEdit* m_body;
};

} // namespace bk::ui
