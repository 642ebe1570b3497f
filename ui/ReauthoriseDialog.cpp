#include "ReauthoriseDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <QWebEngineProfile>
#include <QWebEngineView>

namespace bk::ui {

ReauthoriseDialog::ReauthoriseDialog(const QString& connectorName, QWidget* parent)
    : QDialog(parent)
    , m_connectorName(connectorName)
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_view(new QWebEngineView(this)) {
    setWindowTitle(tr("Re-authorise %1").arg(connectorName));
    setAccessibleName(windowTitle());
    m_status->setWordWrap(true);
    m_status->setText(tr("Preparing the sign-in page…"));
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_view->setAccessibleName(tr("Vendor sign-in page"));
    // Page loads report progress; a stalled load stays visible instead of looking frozen.
    connect(m_view, &QWebEngineView::loadProgress, m_progress, &QProgressBar::setValue);
    connect(m_view, &QWebEngineView::loadFinished, this, [this](bool ok) {
        if (!ok && !m_finished)
            m_status->setText(tr("The page could not be loaded. Check the connector's address and "
                                 "your network, then try again."));
    });
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &ReauthoriseDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_view, 1);
    layout->addWidget(buttons);
    resize(900, 720);
}

void ReauthoriseDialog::showAuthorizePage(const QUrl& url) {
    m_status->setText(tr("Sign in to %1 and allow Bridgekeeper access. This window closes by "
                         "itself when the new tokens are stored.")
                          .arg(m_connectorName));
    m_view->load(url);
}

void ReauthoriseDialog::finish(const Status& outcome) {
    m_finished = true;
    if (outcome) {
        m_status->setText(tr("%1 is authorised again.").arg(m_connectorName));
        QTimer::singleShot(600, this, &QDialog::accept);
        return;
    }
    m_view->setHtml(QString());
    m_status->setText(tr("Authorisation did not complete: %1").arg(outcome.error().message));
    if (auto* box = findChild<QDialogButtonBox*>())
        box->setStandardButtons(QDialogButtonBox::Close);
}

void ReauthoriseDialog::reject() {
    if (!m_finished)
        Q_EMIT cancelled();
    QDialog::reject();
}

} // namespace bk::ui
