#include "AuditLogView.h"

#include <QDateTime>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {

struct Snapshot {
    QList<deadletters::AuditEntry> entries; ///< newest last
    QString error;                          ///< reading failed
    bool verified = false;
    QString brokenAt; ///< verify()'s message when the chain is broken
};

Snapshot readLog(const std::shared_ptr<deadletters::DeadLetterStore>& store) {
    Snapshot s;
    qint64 from = 1;
    for (;;) {
        auto page = store->audit().entries(from, AuditLogView::MaxEntries);
        if (!page) {
            s.error = page.error().message;
            return s;
        }
        s.entries.append(*page);
        if (s.entries.size() > AuditLogView::MaxEntries)
            s.entries = s.entries.mid(s.entries.size() - AuditLogView::MaxEntries);
        if (page->size() < AuditLogView::MaxEntries)
            break;
        from = page->last().seq + 1;
    }
    const Status v = store->audit().verify();
    s.verified = v.ok();
    if (!v)
        s.brokenAt = v.error().message;
    return s;
}

QString excerptOf(const QJsonObject& o) {
    if (o.isEmpty())
        return {};
    QString t = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    return t.size() > 80 ? t.left(79) + u'…' : t;
}

} // namespace

AuditLogView::AuditLogView(std::shared_ptr<deadletters::DeadLetterStore> store, QWidget* parent)
    : QWidget(parent)
    , m_store(std::move(store))
    , m_table(new QTableWidget(0, 6, this))
    , m_verify(new QLabel(this)) {
    m_table->setHorizontalHeaderLabels(
        {tr("Time"), tr("User"), tr("Action"), tr("Target"), tr("Before"), tr("After")});
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setAccessibleName(tr("Audit log"));
    m_verify->setAccessibleName(tr("Audit chain verification"));
    auto* refreshButton = new QPushButton(tr("Refresh audit lo&g"), this);
    refreshButton->setAccessibleName(tr("Refresh audit log"));
    connect(refreshButton, &QPushButton::clicked, this, &AuditLogView::refresh);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_verify);
    layout->addWidget(m_table, 1);
    layout->addWidget(refreshButton, 0, Qt::AlignRight);
    refresh();
}

QString AuditLogView::verification() const {
    return m_verify->text();
}

void AuditLogView::refresh() {
    m_verify->setText(tr("Reading the audit log…"));
    auto store = m_store;
    m_tasks.run([store]() { return readLog(store); },
                [this](const Snapshot& s) {
                    m_table->setRowCount(0);
                    if (!s.error.isEmpty()) {
                        m_verify->setText(tr("The audit log could not be read: %1").arg(s.error));
                        Q_EMIT refreshed();
                        return;
                    }
                    m_table->setRowCount(int(s.entries.size()));
                    // Newest first, like the dead-letter table.
                    for (int i = 0; i < s.entries.size(); ++i) {
                        const auto& e = s.entries[s.entries.size() - 1 - i];
                        const QStringList cells{QDateTime::fromMSecsSinceEpoch(e.timeMs, Qt::UTC)
                                                    .toLocalTime()
                                                    .toString(u"yyyy-MM-dd HH:mm:ss"_s),
                                                e.user,
                                                e.action,
                                                e.target,
                                                excerptOf(e.before),
                                                excerptOf(e.after)};
                        for (int c = 0; c < cells.size(); ++c)
                            m_table->setItem(i, c, new QTableWidgetItem(cells[c]));
                        // The excerpts are cut; the tooltips carry the whole before/after.
                        m_table->item(i, 4)->setToolTip(QString::fromUtf8(
                            QJsonDocument(e.before).toJson(QJsonDocument::Indented)));
                        m_table->item(i, 5)->setToolTip(QString::fromUtf8(
                            QJsonDocument(e.after).toJson(QJsonDocument::Indented)));
                    }
                    m_table->resizeColumnsToContents();
                    if (s.verified)
                        m_verify->setText(
                            tr("Chain verified: %n entr(y/ies), none altered, removed or inserted.",
                               "", int(s.entries.size())));
                    else
                        m_verify->setText(tr("Chain BROKEN: %1").arg(s.brokenAt));
                    Q_EMIT refreshed();
                });
}

} // namespace bk::ui
