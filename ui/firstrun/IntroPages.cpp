#include "IntroPages.h"

#include "Paths.h"

#include <QButtonGroup>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

WelcomePage::WelcomePage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_create(new QRadioButton(tr("&Create a new workspace"), this))
    , m_open(new QRadioButton(tr("&Open an existing workspace file"), this))
    , m_demo(
          new QRadioButton(tr("Open the &demo (built-in sandbox, nothing is sent anywhere)"), this))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_error(makeErrorLabel(this)) {
    setTitle(tr("Welcome to Bridgekeeper"));
    setSubTitle(tr("No workspace was found. A workspace names the APIs Bridgekeeper connects "
                   "and what it syncs between them."));
    m_create->setObjectName(u"createChoice"_s);
    m_open->setObjectName(u"openChoice"_s);
    m_demo->setObjectName(u"demoChoice"_s);
    m_file->setObjectName(u"existingFile"_s);
    m_file->setAccessibleName(tr("Workspace file to open"));
    m_file->setPlaceholderText(tr("Path of a workspace file (.json)"));
    m_browse->setAccessibleName(tr("Choose the workspace file"));
    m_create->setChecked(true);
    auto* group = new QButtonGroup(this);
    for (QRadioButton* b : {m_create, m_open, m_demo})
        group->addButton(b);

    auto* fileRow = new QHBoxLayout;
    fileRow->setContentsMargins(24, 0, 0, 0);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_create);
    auto* createHint = new QLabel(tr("Choose where Bridgekeeper keeps its data, pick what to "
                                     "sync, add the two connections and sign in to them."),
                                  this);
    createHint->setWordWrap(true);
    createHint->setContentsMargins(24, 0, 0, 8);
    layout->addWidget(createHint);
    layout->addWidget(m_open);
    layout->addLayout(fileRow);
    layout->addSpacing(8);
    layout->addWidget(m_demo);
    layout->addStretch(1);
    layout->addWidget(m_error);

    auto update = [this] {
        m_file->setEnabled(m_open->isChecked());
        m_browse->setEnabled(m_open->isChecked());
        showError(m_error, {});
        // Makes QWizard re-evaluate Next versus Finish (it does not on completeChanged).
        setFinalPage(choice() != Choice::Create);
        Q_EMIT completeChanged();
    };
    connect(group, &QButtonGroup::buttonToggled, this, update);
    connect(m_file, &QLineEdit::textChanged, this, update);
    connect(m_browse, &QPushButton::clicked, this, &WelcomePage::browse);
    update();
}

WelcomePage::Choice WelcomePage::choice() const {
    if (m_open->isChecked())
        return Choice::OpenExisting;
    return m_demo->isChecked() ? Choice::Demo : Choice::Create;
}

int WelcomePage::nextId() const {
    return choice() == Choice::Create ? FolderPageId : -1;
}

bool WelcomePage::isComplete() const {
    return choice() != Choice::OpenExisting || !m_file->text().trimmed().isEmpty();
}

bool WelcomePage::validatePage() {
    if (choice() != Choice::OpenExisting)
        return true;
    const QString path = QFileInfo(m_file->text().trimmed()).absoluteFilePath();
    if (!QFileInfo(path).isFile()) {
        showError(m_error, tr("%1 does not exist or is not a file.").arg(path));
        return false;
    }
    WorkspaceLoader loader(m_context->catalog);
    auto ws = loader.load(path, m_context->defaultFolder);
    if (!ws) {
        showError(m_error, tr("This file is not a valid workspace:\n%1").arg(ws.error().message));
        return false;
    }
    m_validatedPath = ws->filePath;
    return true;
}

void WelcomePage::browse() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open a workspace"), m_context->defaultFolder, tr("Workspace files (*.json)"));
    if (!file.isEmpty())
        m_file->setText(QDir::toNativeSeparators(file));
}

FolderPage::FolderPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_folder(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_target(new QLabel(this))
    , m_error(makeErrorLabel(this)) {
    setTitle(tr("Data folder"));
    setSubTitle(tr("The workspace file and its database go into this folder. Secrets go into "
                   "the system keychain, never into the folder."));
    m_folder->setObjectName(u"folder"_s);
    m_folder->setAccessibleName(tr("Data folder"));
    m_name->setObjectName(u"workspaceName"_s);
    m_name->setAccessibleName(tr("Workspace name"));
    m_name->setMaxLength(80);
    m_target->setObjectName(u"targetFile"_s);
    m_target->setWordWrap(true);
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* browse = new QPushButton(tr("B&rowse…"), this);
    browse->setAccessibleName(tr("Choose the data folder"));
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto* form = new QFormLayout;
    auto* folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("Na&me:"), m_name);
    form->addRow(tr("Workspace file:"), m_target);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_error);
    connect(browse, &QPushButton::clicked, this, &FolderPage::browse);
    connect(m_folder, &QLineEdit::textChanged, this, &FolderPage::updateTarget);
    connect(m_name, &QLineEdit::textChanged, this, &FolderPage::updateTarget);
}

void FolderPage::initializePage() {
    if (m_folder->text().isEmpty())
        m_folder->setText(QDir::toNativeSeparators(m_context->defaultFolder));
    if (m_name->text().isEmpty())
        m_name->setText(tr("My integrations"));
    updateTarget();
}

void FolderPage::updateTarget() {
    WorkspaceDraft probe;
    probe.folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    probe.name = m_name->text().trimmed();
    m_target->setText(probe.folder.isEmpty() || probe.name.isEmpty()
                          ? QString()
                          : QDir::toNativeSeparators(probe.workspacePath()));
    showError(m_error, {});
    Q_EMIT completeChanged();
}

bool FolderPage::isComplete() const {
    return !m_folder->text().trimmed().isEmpty() && !m_name->text().trimmed().isEmpty();
}

bool FolderPage::validatePage() {
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    if (!QDir::isAbsolutePath(folder)) {
        showError(m_error, tr("Give the folder as a full path, e.g. %1.")
                               .arg(QDir::toNativeSeparators(m_context->defaultFolder)));
        return false;
    }
    // Creates the folder if needed and proves it is writable, or says why not.
    auto resolved = resolveDataDir(folder);
    if (!resolved) {
        showError(m_error, resolved.error().message);
        return false;
    }
    WorkspaceDraft& draft = m_context->draft;
    draft.folder = *resolved;
    draft.name = m_name->text().trimmed();
    if (QFileInfo::exists(draft.workspacePath())) {
        showError(m_error, tr("%1 already exists. Choose another name, or go back and open it.")
                               .arg(QDir::toNativeSeparators(draft.workspacePath())));
        return false;
    }
    return true;
}

void FolderPage::browse() {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Choose the data folder"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(dir));
}

} // namespace bk::ui::firstrun
