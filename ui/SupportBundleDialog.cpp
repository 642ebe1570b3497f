#include "SupportBundleDialog.h"

#include "engine/SupportBundleExport.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace bk::ui {

SupportBundleDialog::SupportBundleDialog(SupportBundleSource source,
                                         QList<qint64> selectedDeadLetters, QWidget* parent)
    : QDialog(parent)
    , m_source(std::move(source))
    , m_deadLetters(std::move(selectedDeadLetters))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_note(new QLineEdit(this))
    , m_includeDeadLetters(new QCheckBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
    , m_export(m_buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole)) {
    setWindowTitle(tr("Export support bundle"));
    setWindowModality(Qt::WindowModal);

    auto* intro = new QLabel(
        tr("The bundle holds the logs, the workspace without secrets, a health snapshot, the "
           "schema versions and recent events and alerts. Every value from the secret store is "
           "removed from it."),
        this);
    intro->setWordWrap(true);

    m_path->setText(QDir::home().filePath(u"bridgekeeper-support-%1.zip"_s.arg(
        QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmm"_s))));
    m_path->setAccessibleName(tr("Bundle file"));
    connect(m_browse, &QPushButton::clicked, this, &SupportBundleDialog::chooseFile);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);

    m_note->setPlaceholderText(tr("What went wrong, and when?"));
    m_note->setAccessibleName(tr("Note for support"));
    m_includeDeadLetters->setText(
        tr("Include the %n selected dead letter(s)", nullptr, int(m_deadLetters.size())));
    m_includeDeadLetters->setEnabled(!m_deadLetters.isEmpty());
    if (m_deadLetters.isEmpty())
        m_includeDeadLetters->setToolTip(
            tr("Select letters in the Dead letters page first to include them."));

    auto* form = new QFormLayout;
    form->addRow(tr("&File:"), pathRow);
    form->addRow(tr("&Note:"), m_note);
    form->addRow(QString(), m_includeDeadLetters);

    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setVisible(false);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Export result"));

    connect(m_export, &QPushButton::clicked, this, &SupportBundleDialog::startExport);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SupportBundleDialog::reject);
    // The Export button must not close the dialog: the result is shown in it.
    disconnect(m_buttons, &QDialogButtonBox::accepted, this, nullptr);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    resize(620, sizeHint().height());
}

SupportBundleDialog::~SupportBundleDialog() = default;

void SupportBundleDialog::setOutputPath(const QString& path) {
    m_path->setText(path);
}

QString SupportBundleDialog::outputPath() const {
    return m_path->text().trimmed();
}

void SupportBundleDialog::setNote(const QString& note) {
    m_note->setText(note);
}

void SupportBundleDialog::setIncludeDeadLetters(bool include) {
    m_includeDeadLetters->setChecked(include && !m_deadLetters.isEmpty());
}

void SupportBundleDialog::chooseFile() {
    auto* dialog =
        new QFileDialog(this, tr("Save support bundle"), outputPath(), tr("Zip files (*.zip)"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"zip"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &SupportBundleDialog::setOutputPath);
    dialog->open(); // window-modal, no nested event loop
}

void SupportBundleDialog::setBusy(bool busy) {
    m_busy = busy;
    for (QWidget* w : {static_cast<QWidget*>(m_path), static_cast<QWidget*>(m_browse),
                       static_cast<QWidget*>(m_note), static_cast<QWidget*>(m_export)})
        w->setEnabled(!busy);
    m_includeDeadLetters->setEnabled(!busy && !m_deadLetters.isEmpty());
    m_buttons->button(QDialogButtonBox::Close)->setEnabled(!busy);
}

void SupportBundleDialog::startExport() {
    if (m_busy)
        return;
    if (outputPath().isEmpty()) {
        m_status->setText(tr("Choose where to save the bundle."));
        return;
    }
    setBusy(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0); // busy until the entries are counted
    m_status->setText(tr("Reading the secret store to scrub its values…"));
    collectKnownSecrets(
        m_source.workspace, m_source.secrets, this,
        [this](QList<QString> values, QString problem) { collected(std::move(values), problem); });
}

void SupportBundleDialog::collected(QList<QString> secrets, const QString& problem) {
    m_warning = problem;
    SupportBundleRequest request;
    request.workspace = m_source.workspace;
    request.db = m_source.db;
    request.logDir = m_source.logDir;
    request.outPath = outputPath();
    request.note = m_note->text();
    request.knownSecrets = std::move(secrets);
    if (m_includeDeadLetters->isChecked())
        request.deadLetterIds = m_deadLetters;
    m_status->setText(tr("Writing %1…").arg(request.outPath));

    using Outcome = Result<SupportBundleResult>;
    auto* watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, m_progress,
            [this](int, int maximum) { m_progress->setRange(0, std::max(1, maximum)); });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, m_progress,
            &QProgressBar::setValue);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        setBusy(false);
        const Outcome outcome = watcher->result();
        if (!outcome) {
            m_progress->setVisible(false);
            m_status->setText(tr("<b>The bundle was not written.</b> %1")
                                  .arg(outcome.error().message.toHtmlEscaped()));
            Q_EMIT failed(outcome.error().message);
            return;
        }
        m_progress->setRange(0, 1);
        m_progress->setValue(1);
        QString text =
            tr("Wrote <b>%1</b> (%2, %n file(s)).", nullptr, int(outcome->entries.size()))
                .arg(outcome->path.toHtmlEscaped(), QLocale().formattedDataSize(outcome->bytes));
        if (!m_warning.isEmpty())
            text += u"<br>"_s + tr("Warning: %1; those values were removed by pattern only.")
                                    .arg(m_warning.toHtmlEscaped());
        m_status->setText(text);
        Q_EMIT exported(outcome->path, outcome->bytes);
    });
    // Disk and SQL work off the GUI thread; progress comes back through the future.
    watcher->setFuture(QtConcurrent::run([request](QPromise<Outcome>& promise) {
        promise.addResult(exportSupportBundle(request, [&promise](int done, int total) {
            promise.setProgressRange(0, total);
            promise.setProgressValue(done);
        }));
    }));
}

void SupportBundleDialog::reject() {
    if (m_busy)
        return; // the zip is being written; the dialog closes when it is done
    QDialog::reject();
}

} // namespace bk::ui
