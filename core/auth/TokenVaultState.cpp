// TokenVault: installing tokens, re-authorisation, refresh-token expiry warnings, alerts
// and the snapshots the console shows (the refresh machinery is in TokenVault.cpp).
#include "LogCategories.h"
#include "TokenVault.h"
#include "alerts/AlertRouter.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bk::auth {

namespace {

constexpr qint64 kDayMs = 86'400'000;

QString when(qint64 ms) {
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

void TokenVault::markNeedsReauth(const QString& reason) {
    {
        QMutexLocker lock(&m_mutex);
        m_status = Status::NeedsReauth;
        m_lastRefreshOk = false;
        m_lastRefreshMessage = reason;
    }
    (void)m_state.setState(u"needs-reauth"_s, reason);
    (void)m_state.recordRefreshOutcome(false, reason, m_clock->nowMs());
    qCWarning(lcAuth).noquote() << m_settings.connectorId << "needs re-authorisation:" << reason;
    raise(u"reauth"_s, 2, tr("%1 needs re-authorisation").arg(m_settings.connectorName),
          reason + tr(". Open the console and authorise the connection again."));
    publish();
    kick();
}

void TokenVault::installTokens(TokenRecord record, std::function<void(bk::Status)> done) {
    auto meta = m_state.load();
    const qint64 base = std::max(m_token.generation, meta ? meta->generation : 0);
    record.generation = base + 1;
    record.registerSecrets();
    m_secrets->write(
        m_tokensKey, record.toJson(), this, [this, record, done = std::move(done)](bk::Status st) {
            if (st)
                st = m_state.commitTokens(record, QString(), m_clock->nowMs(), u"authorised"_s);
            if (st) {
                adopt(record);
                resolve(u"reauth"_s, tr("the connection is authorised again"));
                publish();
                kick();
            }
            done(st);
        });
}

void TokenVault::checkRefreshExpiry() {
    if (m_token.refreshExpiresMs <= 0)
        return;
    const qint64 now = m_clock->nowMs();
    const qint64 left = m_token.refreshExpiresMs - now;
    const QString title = tr("%1: re-authorisation due soon").arg(m_settings.connectorName);
    const QString message =
        tr("The refresh token expires at %1; a human must re-authorise before then.")
            .arg(when(m_token.refreshExpiresMs));
    if (left <= kDayMs) {
        if (m_expiryWarned != 1)
            raise(u"refresh-expiry"_s, 2, title, message);
        m_expiryWarned = 1;
    } else if (left <= 7 * kDayMs) {
        if (m_expiryWarned != 7)
            raise(u"refresh-expiry"_s, 1, title, message);
        m_expiryWarned = 7;
        m_clock->callAt(m_token.refreshExpiresMs - kDayMs, this, [this] { checkRefreshExpiry(); });
    } else {
        if (m_expiryWarned != 0)
            resolve(u"refresh-expiry"_s, tr("the refresh token was renewed"));
        m_expiryWarned = 0;
        const qint64 expires = m_token.refreshExpiresMs;
        m_clock->callAt(expires - 7 * kDayMs, this, [this, expires] {
            if (m_token.refreshExpiresMs == expires)
                checkRefreshExpiry();
        });
    }
}

TokenState TokenVault::snapshot() const {
    QMutexLocker lock(&m_mutex);
    TokenState s;
    s.connectorId = m_settings.connectorId;
    s.authorised = m_status == Status::Ready;
    s.accessExpiresMs = m_token.accessExpiresMs;
    s.nextRefreshMs = m_refreshAtMs == std::numeric_limits<qint64>::max() ? 0 : m_refreshAtMs;
    s.refreshExpiresMs = m_token.refreshExpiresMs;
    s.lastRefreshMs = m_lastRefreshMs;
    s.lastRefreshOk = m_lastRefreshOk;
    s.lastRefreshMessage = m_lastRefreshMessage;
    return s;
}

void TokenVault::setMessage(const QString& message) {
    QMutexLocker lock(&m_mutex);
    m_lastRefreshMessage = message;
}

void TokenVault::publish() {
    Q_EMIT tokenStateChanged(snapshot());
}

void TokenVault::raise(const QString& what, int severity, const QString& title,
                       const QString& message) {
    if (!m_alerts)
        return;
    alerts::Alert a;
    a.key = u"auth/%1/%2"_s.arg(m_settings.connectorId, what);
    a.connectorId = m_settings.connectorId;
    a.severity = severity >= 2   ? alerts::Severity::Critical
                 : severity == 1 ? alerts::Severity::Warning
                                 : alerts::Severity::Info;
    a.title = title;
    a.message = message;
    m_alerts->raise(a);
}

void TokenVault::resolve(const QString& what, const QString& message) {
    if (m_alerts)
        m_alerts->resolve(u"auth/%1/%2"_s.arg(m_settings.connectorId, what), message);
}

} // namespace bk::auth
