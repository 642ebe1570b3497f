#include "PayloadEditor.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

QList<DiffLine> lineDiff(const QStringList& a, const QStringList& b) {
    const qsizetype n = a.size(), m = b.size();
    // lcs[i][j]: length of the common subsequence of a[i..] and b[j..]
    QList<QList<int>> lcs(n + 1, QList<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : qMax(lcs[i + 1][j], lcs[i][j + 1]);
    QList<DiffLine> out;
    qsizetype i = 0, j = 0;
    while (i < n && j < m) {
        if (a[i] == b[j]) {
            out.append({u' ', a[i]});
            ++i;
            ++j;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.append({u'-', a[i++]});
        } else {
            out.append({u'+', b[j++]});
        }
    }
    while (i < n)
        out.append({u'-', a[i++]});
    while (j < m)
        out.append({u'+', b[j++]});
    return out;
}

PayloadEditor::PayloadEditor(QWidget* parent)
    : QWidget(parent)
    , m_edit(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_violations(new QListWidget(this))
    , m_diff(new QTextEdit(this)) {
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_edit->setFont(mono);
    m_edit->setTabChangesFocus(true); // keyboard users can leave the editor with Tab
    m_edit->setAccessibleName(tr("Payload to replay"));
    m_status->setAccessibleName(tr("Payload validation"));
    m_status->setWordWrap(true);
    m_violations->setAccessibleName(tr("Schema violations"));
    m_violations->setMaximumHeight(90);
    m_diff->setReadOnly(true);
    m_diff->setFont(mono);
    m_diff->setAccessibleName(tr("Changes against the original payload"));
    m_diff->setLineWrapMode(QTextEdit::NoWrap);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_edit);
    split->addWidget(m_diff);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_violations);
    layout->addWidget(split, 1);
    connect(m_edit, &QPlainTextEdit::textChanged, this, &PayloadEditor::revalidate);
    clear();
}

void PayloadEditor::clear() {
    setPayload({}, std::nullopt, {});
    m_edit->setReadOnly(true);
}

void PayloadEditor::setPayload(const QByteArray& body,
                               std::optional<mapping::DestinationSchema> schema,
                               const QString& schemaName) {
    m_original = body;
    m_schema = std::move(schema);
    m_schemaName = schemaName;
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &err);
    m_json = err.error == QJsonParseError::NoError && !doc.isNull();
    m_originalText =
        m_json ? QString::fromUtf8(doc.toJson(QJsonDocument::Indented)) : QString::fromUtf8(body);
    m_edit->setReadOnly(false);
    m_edit->setPlainText(m_originalText); // triggers revalidate()
}

bool PayloadEditor::isEdited() const {
    return m_edit->toPlainText() != m_originalText;
}

QByteArray PayloadEditor::editedBody() const {
    if (!isEdited())
        return {};
    const QByteArray text = m_edit->toPlainText().toUtf8();
    if (!m_json)
        return text;
    const QJsonDocument doc = QJsonDocument::fromJson(text);
    if (doc == QJsonDocument::fromJson(m_original))
        return {}; // only whitespace changed
    return doc.toJson(QJsonDocument::Compact);
}

void PayloadEditor::revalidate() {
    const QString text = m_edit->toPlainText();
    m_problems.clear();
    m_violations->clear();
    if (m_json) {
        QJsonParseError err{};
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &err);
        if (err.error != QJsonParseError::NoError) {
            m_problems
                << tr("Not valid JSON at character %1: %2").arg(err.offset).arg(err.errorString());
        } else if (m_schema && doc.isObject()) {
            for (const auto& v : m_schema->validate(doc.object()))
                m_problems << v.toString();
        } else if (m_schema && !doc.isObject()) {
            m_problems << tr("The destination expects a JSON object.");
        }
    }
    for (const QString& p : std::as_const(m_problems))
        m_violations->addItem(p);
    m_violations->setVisible(!m_problems.isEmpty());
    if (m_original.isEmpty() && text.isEmpty())
        m_status->setText(tr("No payload."));
    else if (!m_json)
        m_status->setText(tr("Not a JSON payload: edited as plain text, not validated."));
    else if (!m_problems.isEmpty())
        m_status->setText(tr("%n problem(s): replay is disabled until they are fixed.", "",
                             int(m_problems.size())));
    else if (m_schema && !m_schema->isEmpty())
        m_status->setText(tr("Valid JSON; matches the %1 schema.").arg(m_schemaName));
    else
        m_status->setText(tr("Valid JSON (no destination schema known)."));

    // Diff: unchanged lines plain, removed red and struck out, added green.
    QString html = u"<pre style=\"margin:0\">"_s;
    const auto diff = lineDiff(m_originalText.split(u'\n'), text.split(u'\n'));
    bool changed = false;
    for (const DiffLine& l : diff) {
        const QString esc = l.text.toHtmlEscaped();
        if (l.kind == u'+') {
            html += u"<span style=\"background:#d7f5dd\">+ "_s + esc + u"</span>\n"_s;
            changed = true;
        } else if (l.kind == u'-') {
            html += u"<span style=\"background:#fbdada\">- "_s + esc + u"</span>\n"_s;
            changed = true;
        } else {
            html += u"  "_s + esc + u'\n';
        }
    }
    html += u"</pre>"_s;
    if (changed)
        m_diff->setHtml(html);
    else
        m_diff->setPlainText(tr("No changes against the original payload."));

    const bool valid = m_problems.isEmpty();
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}

} // namespace bk::ui
