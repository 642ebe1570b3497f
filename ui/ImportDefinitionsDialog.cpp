#include "ImportDefinitionsDialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {

struct Checked {
    Result<ConfigImportPlan> plan;
    QList<ConfigImportIssue> issues;
};

} // namespace

ImportDefinitionsDialog::ImportDefinitionsDialog(Workspace workspace, QWidget* parent)
    : QDialog(parent)
    , m_workspace(std::move(workspace))
    , m_targets(ConfigImportTargets::forWorkspace(m_workspace))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Choose zip…"), this))
    , m_report(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_import(m_buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole))
    , m_reopen(m_buttons->addButton(tr("&Reopen workspace"), QDialogButtonBox::ActionRole)) {
    setWindowTitle(tr("Import definitions"));
    setWindowModality(Qt::WindowModal);
    auto* intro = new QLabel(
        tr("A zip with connector definitions in <i>connectors/</i> and mapping documents in "
           "<i>mappings/</i>. Every file is checked first; if one is invalid, nothing is "
           "written.<br>Connector definitions go to %1, mapping documents to %2.")
            .arg(m_targets.connectorDir.isEmpty()
                     ? tr("(none: the workspace lists no connectorDirs)")
                     : m_targets.connectorDir.toHtmlEscaped(),
                 m_targets.mappingDir.toHtmlEscaped()),
        this);
    intro->setWordWrap(true);
    m_path->setReadOnly(true);
    m_path->setAccessibleName(tr("Zip file"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(m_browse);
    m_report->setReadOnly(true);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->setAccessibleName(tr("Import check"));
    m_report->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_status->setWordWrap(true);
    m_import->setEnabled(false);
    m_reopen->setVisible(false);
    connect(m_browse, &QPushButton::clicked, this, &ImportDefinitionsDialog::chooseFile);
    connect(m_import, &QPushButton::clicked, this, &ImportDefinitionsDialog::startImport);
    connect(m_reopen, &QPushButton::clicked, this, [this] {
        Q_EMIT reopenRequested(m_workspace.filePath);
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row);
    layout->addWidget(m_report, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    resize(760, 480);
}

void ImportDefinitionsDialog::chooseFile() {
    auto* dialog =
        new QFileDialog(this, tr("Import definitions"), QString(), tr("Zip files (*.zip)"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &ImportDefinitionsDialog::checkZip);
    dialog->open(); // window-modal, no nested event loop
}

void ImportDefinitionsDialog::setBusy(bool busy, const QString& status) {
    m_busy = busy;
    m_browse->setEnabled(!busy);
    m_import->setEnabled(!busy && m_plan.has_value());
    m_status->setText(status);
}

bool ImportDefinitionsDialog::canImport() const {
    return m_plan.has_value() && !m_busy;
}

QString ImportDefinitionsDialog::report() const {
    return m_report->toPlainText();
}

void ImportDefinitionsDialog::checkZip(const QString& zipPath) {
    if (m_busy)
        return;
    m_plan.reset();
    m_reopen->setVisible(false);
    m_path->setText(zipPath);
    m_report->clear();
    setBusy(true, tr("Checking %1…").arg(QFileInfo(zipPath).fileName()));
    auto* watcher = new QFutureWatcher<Checked>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Checked c = watcher->result();
        QStringList lines;
        if (c.plan) {
            m_plan = *c.plan;
            for (const ConfigImportEntry& e : c.plan->entries) {
                const QString kind = e.kind == ConfigImportEntry::Kind::ConnectorDefinition
                                         ? tr("connector definition")
                                         : tr("mapping document");
                lines << tr("%1 %2 (%3) → %4%5")
                             .arg(kind, e.id, e.zipName, e.target,
                                  e.replaces ? tr(" [replaces the existing file]") : QString());
            }
        } else {
            for (const ConfigImportIssue& i : c.issues)
                lines << i.toString();
        }
        m_report->setPlainText(lines.join(u'\n'));
        setBusy(false, c.plan ? tr("All %n file(s) are valid. Import writes them.", nullptr,
                                   int(c.plan->entries.size()))
                              : tr("<b>Nothing can be imported:</b> %n problem(s) found. "
                                   "Fix them and choose the zip again.",
                                   nullptr, int(c.issues.size())));
        Q_EMIT checked(c.plan.ok());
    });
    const ConfigImportTargets targets = m_targets;
    watcher->setFuture(QtConcurrent::run([zipPath, targets] {
        QList<ConfigImportIssue> issues;
        auto plan = ConfigImport::plan(zipPath, targets, &issues);
        return Checked{std::move(plan), issues};
    }));
}

void ImportDefinitionsDialog::startImport() {
    if (!m_plan || m_busy)
        return;
    setBusy(true, tr("Writing…"));
    auto* watcher = new QFutureWatcher<Result<QStringList>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const auto written = watcher->result();
        m_plan.reset();
        if (!written) {
            setBusy(false, tr("<b>The import failed; nothing was changed.</b> %1")
                               .arg(written.error().message.toHtmlEscaped()));
            Q_EMIT failed(written.error().message);
            return;
        }
        setBusy(false, tr("Imported %n file(s). Reopen the workspace so the engine uses them.",
                          nullptr, int(written->size())));
        m_reopen->setVisible(true);
        Q_EMIT imported(*written);
    });
    watcher->setFuture(QtConcurrent::run(ConfigImport::apply, *m_plan));
}

} // namespace bk::ui
