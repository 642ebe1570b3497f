#include "DryRunView.h"

#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

DryRunView::DryRunView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_violations(new QListWidget(this))
    , m_body(new QPlainTextEdit(this)) {
    setObjectName(u"dryRunView"_s);
    m_summary->setObjectName(u"dryRunSummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setAccessibleName(tr("Dry run result"));
    m_violations->setObjectName(u"dryRunViolations"_s);
    m_violations->setAccessibleName(tr("Validation errors of the dry run"));
    m_body->setObjectName(u"dryRunBody"_s);
    m_body->setReadOnly(true);
    m_body->setAccessibleName(tr("Request body the replay would send"));
    m_body->setFont(QFont(u"monospace"_s));
    auto* bodyLabel = new QLabel(tr("Request body that would be sent:"), this);
    bodyLabel->setBuddy(m_body);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_violations, 1);
    layout->addWidget(bodyLabel);
    layout->addWidget(m_body, 2);
    clear();
}

void DryRunView::clear() {
    m_id = 0;
    m_summary->setText(tr("Dry run maps and validates the payload for the chosen target "
                          "without sending it."));
    m_violations->clear();
    m_violations->hide();
    m_body->clear();
}

void DryRunView::setPending(qint64 deadLetterId) {
    clear();
    m_id = deadLetterId;
    m_summary->setText(tr("Dry run of dead letter %1 running…").arg(deadLetterId));
}

void DryRunView::setResult(const DryRunResult& r) {
    m_id = r.deadLetterId;
    m_violations->clear();
    m_body->clear();
    if (!r.error.isEmpty()) {
        m_summary->setText(
            tr("Dry run of dead letter %1 could not run: %2").arg(r.deadLetterId).arg(r.error));
        m_violations->hide();
        return;
    }
    const QString where = tr("%1 %2 through connector %3").arg(r.method, r.url, r.connectorId);
    const QString schema =
        r.schemaName.isEmpty() ? tr("no destination schema known") : r.schemaName;
    m_summary->setText(r.violations.isEmpty()
                           ? tr("Would send %1 — valid against %2.").arg(where, schema)
                           : tr("Would send %1 — %n problem(s) against %2; the replay would be "
                                "refused.",
                                nullptr, int(r.violations.size()))
                                 .arg(where, schema));
    for (const auto& v : r.violations) {
        QString line = v.path + u"  ["_s + v.rule + u"]  "_s + v.message;
        if (!v.value.isEmpty())
            line += u"  — \""_s + v.value + u'"';
        m_violations->addItem(line);
    }
    m_violations->setVisible(!r.violations.isEmpty());
    const QJsonDocument doc = QJsonDocument::fromJson(r.body);
    m_body->setPlainText(doc.isNull() ? QString::fromUtf8(r.body)
                                      : QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
}

} // namespace bk::ui
