#include "StoreStatusBanner.h"

#include "TimeFormat.h"

#include <tuple>

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

StoreStatusBanner::StoreStatusBanner(std::shared_ptr<Clock> clock, QWidget* parent)
    : QFrame(parent)
    , m_clock(std::move(clock))
    , m_headline(new QLabel(this))
    , m_detail(new QLabel(this)) {
    setObjectName(u"storeStatusBanner"_s);
    setAccessibleName(tr("Store status"));
    // A light red band with a dark red rule: readable in light and dark palettes alike,
    // since it sets both colours itself.
    setStyleSheet(u"#storeStatusBanner { background: #fdecea; border: none; "
                  "border-left: 6px solid #c62828; border-bottom: 1px solid #ef9a9a; }"
                  "#storeStatusBanner QLabel { color: #7f1d1d; background: transparent; }"_s);
    QFont bold = m_headline->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_headline->setFont(bold);
    m_headline->setAccessibleName(tr("Store status"));
    m_detail->setWordWrap(true);
    auto* text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_headline);
    text->addWidget(m_detail);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(14, 8, 14, 8);
    layout->addLayout(text, 1);
    hide();
}

void StoreStatusBanner::apply(const StoreStatus& status) {
    const auto key = [](const StoreStatus& s) {
        return std::tuple(s.outages, s.reconnects, s.updatedMs);
    };
    if (key(status) < key(m_status))
        return;
    m_status = status;
    if (status.reachable) {
        m_headline->clear();
        m_detail->clear();
        hide();
        return;
    }
    const qint64 since = status.unreachableSinceMs ? status.unreachableSinceMs : status.updatedMs;
    // Spelled out rather than %n: the console ships no English plural forms.
    const QString retrying = status.reconnects == 1
                                 ? tr("retrying (1 reconnect so far)")
                                 : tr("retrying (%1 reconnects so far)").arg(status.reconnects);
    m_headline->setText(tr("Store unreachable since %1 — %2")
                            .arg(formatClockTime(since, m_clock->nowMs()), retrying));
    m_detail->setText(tr("%1 does not answer. Webhooks are answered 503 so that their senders "
                         "retry, and the engine's writes wait until the store is back.")
                          .arg(status.store));
    show();
}

void StoreStatusBanner::clear() {
    m_status = {};
    apply(m_status);
}

QString StoreStatusBanner::headline() const {
    return isHidden() ? QString() : m_headline->text();
}

} // namespace bk::ui
