#include "TokenPanel.h"

#include "HealthStyle.h"
#include "TimeFormat.h"

#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bk::ui {

namespace {
constexpr qint64 kDayMs = 86'400'000;
}

TokenPanel::TokenPanel(QWidget* parent)
    : QGroupBox(tr("Tokens"), parent)
    , m_access(new QLabel(this))
    , m_refresh(new QLabel(this))
    , m_lastRefresh(new QLabel(this))
    , m_reauthButton(new QPushButton(tr("Re-&authorise…"), this)) {
    auto* form = new QFormLayout;
    form->addRow(tr("Access token:"), m_access);
    form->addRow(tr("Refresh token:"), m_refresh);
    form->addRow(tr("Last refresh:"), m_lastRefresh);
    m_access->setAccessibleName(tr("Access token"));
    m_refresh->setAccessibleName(tr("Refresh token"));
    m_lastRefresh->setAccessibleName(tr("Last refresh"));
    m_lastRefresh->setWordWrap(true);
    for (QLabel* l : {m_access, m_refresh, m_lastRefresh})
        l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_reauthButton->setObjectName(QStringLiteral("reauthorise"));
    m_reauthButton->setAccessibleName(tr("Re-authorise the connector"));
    m_reauthButton->setToolTip(tr("Open the vendor's login page and store fresh tokens"));
    m_reauthButton->setEnabled(false);
    connect(m_reauthButton, &QPushButton::clicked, this, [this] {
        if (m_reauthorise && !m_connectorId.isEmpty())
            m_reauthorise(m_connectorId);
    });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_reauthButton);
    layout->addLayout(buttons);
    render(0);
}

void TokenPanel::setConnector(const QString& connectorId) {
    m_connectorId = connectorId;
    m_reauthButton->setEnabled(bool(m_reauthorise) && !m_connectorId.isEmpty());
}

void TokenPanel::setToken(const std::optional<TokenState>& token) {
    m_token = token;
}

void TokenPanel::setReauthoriseHook(std::function<void(const QString&)> hook) {
    m_reauthorise = std::move(hook);
    m_reauthButton->setEnabled(bool(m_reauthorise) && !m_connectorId.isEmpty());
}

void TokenPanel::setLine(QLabel* label, const QString& text, const QColor& colour) {
    if (label->text() != text)
        label->setText(text);
    // Style sheets are re-parsed on every set: only touch them when the colour changes.
    const QString style =
        colour.isValid() ? u"color: %1; font-weight: bold;"_s.arg(colour.name()) : QString();
    if (label->styleSheet() != style)
        label->setStyleSheet(style);
}

void TokenPanel::render(qint64 now) {
    if (!m_token) {
        setLine(m_access, tr("no report yet"), {});
        setLine(m_refresh, tr("no report yet"), {});
        setLine(m_lastRefresh, tr("no refresh yet"), {});
        return;
    }
    const TokenState& t = *m_token;
    if (!t.authorised) {
        setLine(m_access, tr("not authorised — re-authorise to connect"), badColour());
    } else if (t.accessExpiresMs > 0 && t.accessExpiresMs <= now) {
        setLine(m_access, tr("expired %1 ago").arg(formatCountdown(now - t.accessExpiresMs)),
                badColour());
    } else if (t.nextRefreshMs > now) {
        setLine(m_access, tr("refreshes in %1").arg(formatCountdown(t.nextRefreshMs - now)), {});
    } else if (t.nextRefreshMs > 0) {
        setLine(m_access, tr("refresh due now"), warnColour());
    } else if (t.accessExpiresMs > 0) {
        setLine(m_access, tr("expires in %1").arg(formatCountdown(t.accessExpiresMs - now)), {});
    } else {
        setLine(m_access, tr("lifetime unknown"), {});
    }

    if (t.refreshExpiresMs <= 0) {
        setLine(m_refresh, tr("does not expire"), {});
    } else {
        const qint64 left = t.refreshExpiresMs - now;
        const QColor colour = left <= kDayMs       ? badColour()
                              : left <= 7 * kDayMs ? warnColour()
                                                   : QColor();
        if (left <= 0)
            setLine(m_refresh, tr("expired — re-authorise"), badColour());
        else if (left < kDayMs)
            setLine(m_refresh, tr("expires in %1").arg(formatCountdown(left)), colour);
        else
            setLine(m_refresh, tr("expires in %n day(s)", nullptr, int(left / kDayMs)), colour);
    }

    if (t.lastRefreshMs <= 0) {
        setLine(m_lastRefresh, tr("no refresh yet"), {});
    } else {
        const QString when = tr("%1 (%2)").arg(formatClockTime(t.lastRefreshMs, now),
                                               formatRelative(t.lastRefreshMs, now));
        if (t.lastRefreshOk)
            setLine(m_lastRefresh, tr("%1 — succeeded").arg(when), {});
        else
            setLine(m_lastRefresh,
                    tr("%1 — failed: %2")
                        .arg(when, t.lastRefreshMessage.isEmpty() ? tr("no reason given")
                                                                  : t.lastRefreshMessage),
                    badColour());
    }
}

QString TokenPanel::accessText() const {
    return m_access->text();
}
QString TokenPanel::refreshText() const {
    return m_refresh->text();
}
QString TokenPanel::lastRefreshText() const {
    return m_lastRefresh->text();
}

} // namespace bk::ui
