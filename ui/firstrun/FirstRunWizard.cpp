#include "FirstRunWizard.h"

#include "AuthorisePage.h"
#include "ConnectorPage.h"
#include "IntroPages.h"
#include "MappingPage.h"
#include "SummaryPage.h"
#include "WorkspaceWriter.h"

#include <QAbstractButton>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

namespace {
const QString kRecentKey = u"workspaces/recent"_s;
constexpr int kMaxRecent = 8;
} // namespace

FirstRunWizard::FirstRunWizard(QString defaultFolder, ConnectorCatalog catalog,
                               std::shared_ptr<Clock> clock, QWidget* parent)
    : QWizard(parent)
    , m_context{std::move(defaultFolder), std::move(catalog), std::move(clock), {}}
    , m_welcome(new WelcomePage(&m_context, this))
    , m_authorise(new AuthorisePage(&m_context, this))
    , m_summary(new SummaryPage(&m_context, this))
    , m_writer(new WorkspaceWriter(m_context.catalog, m_context.clock, this)) {
    setObjectName(u"firstRunWizard"_s);
    setWindowTitle(tr("Set up Bridgekeeper"));
    setAccessibleName(windowTitle());
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setOption(QWizard::HaveHelpButton, false);
    setPage(WelcomePageId, m_welcome);
    setPage(FolderPageId, new FolderPage(&m_context, this));
    setPage(MappingPageId, new MappingPage(&m_context, this));
    setPage(SourcePageId, new ConnectorPage(&m_context, 0, this));
    setPage(DestinationPageId, new ConnectorPage(&m_context, 1, this));
    setPage(AuthorisePageId, m_authorise);
    setPage(SummaryPageId, m_summary);
    setStartId(WelcomePageId);
    for (int id : pageIds())
        page(id)->setObjectName(u"page%1"_s.arg(id));
    connect(m_writer, &WorkspaceWriter::progress, m_summary,
            [this](const QString& step) { m_summary->setBusy(true, step); });
    resize(760, 560);
}

FirstRunWizard::~FirstRunWizard() = default;

void FirstRunWizard::accept() {
    if (m_saving)
        return;
    // QWizard validates the page in done(), after this override: check first, so nothing is
    // reported for a page that would refuse.
    if (!validateCurrentPage())
        return;
    switch (m_welcome->choice()) {
    case WelcomePage::Choice::Demo:
        Q_EMIT demoChosen(); // first: the console's window shows before this one hides
        QWizard::accept();
        return;
    case WelcomePage::Choice::OpenExisting: {
        const QString path = m_welcome->existingPath();
        addRecentWorkspace(path);
        Q_EMIT workspaceChosen(path, false);
        QWizard::accept();
        return;
    }
    case WelcomePage::Choice::Create:
        finishCreate();
        return;
    }
}

void FirstRunWizard::finishCreate() {
    m_saving = true;
    m_summary->setBusy(true, tr("Checking the workspace…"));
    button(QWizard::BackButton)->setEnabled(false);
    button(QWizard::CancelButton)->setEnabled(false);
    QPointer<FirstRunWizard> self(this);
    m_writer->save(m_context.draft, [self](Result<QString> path) {
        if (!self)
            return;
        self->m_saving = false;
        self->button(QWizard::BackButton)->setEnabled(true);
        self->button(QWizard::CancelButton)->setEnabled(true);
        if (!path) {
            self->m_summary->showFailure(path.error().message);
            return;
        }
        self->m_summary->setBusy(false, tr("Workspace written: %1").arg(*path));
        addRecentWorkspace(*path);
        Q_EMIT self->workspaceChosen(*path, true);
        if (self)
            self->QWizard::accept();
    });
}

void FirstRunWizard::reject() {
    if (m_saving)
        return; // the keychain and the disk are being written: let it end first
    m_authorise->cancelRunning();
    QWizard::reject();
}

QString findExistingWorkspace(const QString& dataDir) {
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString& path : recent)
        if (QFileInfo(path).isFile())
            return path;
    const QDir dir(dataDir);
    for (const QString& name : dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::ReadOnly) || file.size() > 4 * 1024 * 1024)
            continue;
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        if (root.contains(u"version"_s) && root.contains(u"connectors"_s))
            return file.fileName();
    }
    return {};
}

void addRecentWorkspace(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(kRecentKey, recent.mid(0, kMaxRecent));
}

} // namespace bk::ui::firstrun
