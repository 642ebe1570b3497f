#include "MappingPage.h"

#include "mapping/MappingDocument.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

namespace {
constexpr int kPathRole = Qt::UserRole;

QString typeName(const ConnectorCatalog& catalog, const QString& type) {
    const QString name = catalog.definition(type).value(u"name"_s).toString();
    return name.isEmpty() ? type : name;
}
} // namespace

MappingPage::MappingPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_list(new QListWidget(this))
    , m_details(new QLabel(this))
    , m_schedule(new QComboBox(this))
    , m_error(makeErrorLabel(this)) {
    setTitle(tr("What to sync"));
    setSubTitle(tr("Pick a mapping document. It says which records move from which API to "
                   "which, field by field; it decides the two connections you add next."));
    m_list->setObjectName(u"mappings"_s);
    m_list->setAccessibleName(tr("Mapping documents"));
    m_details->setObjectName(u"mappingDetails"_s);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setMinimumHeight(m_details->fontMetrics().lineSpacing() * 4);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_schedule->setObjectName(u"schedule"_s);
    m_schedule->setAccessibleName(tr("Sync interval"));
    m_schedule->addItem(tr("every minute"), u"1m"_s);
    m_schedule->addItem(tr("every 5 minutes"), u"5m"_s);
    m_schedule->addItem(tr("every 15 minutes"), u"15m"_s);
    m_schedule->addItem(tr("every hour"), u"1h"_s);
    m_schedule->setCurrentIndex(1);
    auto* import = new QPushButton(tr("&Import from a file…"), this);
    import->setObjectName(u"importMapping"_s);
    import->setAccessibleName(tr("Import a mapping document from a file"));

    const QStringList shipped =
        QDir(u":/mappings"_s).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString& file : shipped)
        addDocument(u":/mappings/"_s + file, false);
    if (m_list->count() > 0)
        m_list->setCurrentRow(0);

    auto* label = new QLabel(tr("&Mapping documents:"), this);
    label->setBuddy(m_list);
    auto* row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(import);
    auto* form = new QFormLayout;
    form->addRow(tr("&Sync:"), m_schedule);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    layout->addWidget(m_details);
    layout->addLayout(form);
    layout->addWidget(m_error);
    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        showDetails();
        Q_EMIT completeChanged();
    });
    connect(import, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Import a mapping document"), QDir::homePath(),
                                         tr("Mapping documents (*.json)"));
        if (!file.isEmpty())
            importDocument(file);
    });
    showDetails();
}

void MappingPage::addDocument(const QString& path, bool select) {
    auto doc = mapping::MappingDocument::load(path);
    if (!doc)
        return; // a shipped document that does not load is caught by the mapping tests
    auto* item =
        new QListWidgetItem(tr("%1 → %2: %3 to %4")
                                .arg(typeName(m_context->catalog, doc->sourceConnectorType()),
                                     typeName(m_context->catalog, doc->destinationConnectorType()),
                                     doc->sourceResource(), doc->destinationResource()),
                            m_list);
    item->setData(kPathRole, path);
    item->setToolTip(path.startsWith(u":/"_s) ? doc->id() : QDir::toNativeSeparators(path));
    if (select)
        m_list->setCurrentItem(item);
}

bool MappingPage::importDocument(const QString& path) {
    QList<mapping::MappingIssue> issues;
    auto doc = mapping::MappingDocument::load(path, &issues);
    if (!doc) {
        showError(
            m_error,
            tr("%1 cannot be used:\n%2").arg(QDir::toNativeSeparators(path), doc.error().message));
        return false;
    }
    for (const QString& type : {doc->sourceConnectorType(), doc->destinationConnectorType()})
        if (!m_context->catalog.contains(type)) {
            showError(m_error, tr("%1 needs the connector type \"%2\", which this installation "
                                  "does not have (known: %3).")
                                   .arg(QDir::toNativeSeparators(path), type,
                                        m_context->catalog.types().join(u", "_s)));
            return false;
        }
    showError(m_error, {});
    addDocument(QFileInfo(path).absoluteFilePath(), true);
    return true;
}

void MappingPage::showDetails() {
    QListWidgetItem* item = m_list->currentItem();
    if (!item) {
        m_details->clear();
        return;
    }
    auto doc = mapping::MappingDocument::load(item->data(kPathRole).toString());
    if (!doc) {
        m_details->setText(doc.error().message);
        return;
    }
    m_details->setText(tr("%1\n%n field(s) mapped. Source connection: %2; destination "
                          "connection: %3.",
                          nullptr, int(doc->fields().size()))
                           .arg(doc->description(),
                                typeName(m_context->catalog, doc->sourceConnectorType()),
                                typeName(m_context->catalog, doc->destinationConnectorType())));
}

bool MappingPage::isComplete() const {
    return m_list->currentItem() != nullptr;
}

bool MappingPage::validatePage() {
    const QString path = m_list->currentItem()->data(kPathRole).toString();
    auto doc = mapping::MappingDocument::load(path);
    if (!doc) {
        showError(m_error, doc.error().message);
        return false;
    }
    WorkspaceDraft& draft = m_context->draft;
    draft.mappingPath = path;
    draft.mappingId = doc->id();
    draft.sourceType = doc->sourceConnectorType();
    draft.sourceResource = doc->sourceResource();
    draft.destinationType = doc->destinationConnectorType();
    draft.destinationResource = doc->destinationResource();
    draft.schedule = m_schedule->currentData().toString();
    // Keep what was typed for a connection whose type did not change (Back, then Next).
    QList<ConnectorDraft> previous = draft.connectors;
    draft.connectors.clear();
    const QStringList types{draft.sourceType, draft.destinationType};
    for (int i = 0; i < 2; ++i) {
        ConnectorDraft c;
        if (i < previous.size() && previous[i].type == types[i]) {
            c = previous[i];
        } else {
            c.type = types[i];
            c.name = typeName(m_context->catalog, c.type);
        }
        c.id = WorkspaceDraft::slug(c.type);
        if (i == 1 && c.id == draft.connectors[0].id) { // same API on both ends
            draft.connectors[0].id += u"-source"_s;
            c.id += u"-destination"_s;
        }
        draft.connectors.append(c);
    }
    return true;
}

} // namespace bk::ui::firstrun
