#include "AlertRouter.h"

#include "AlertsMigrations.h"
#include "LogCategories.h"
#include "SmtpSender.h"
#include "store/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSqlQuery>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace bk::alerts {

namespace {

QString kindName(AlertMessage::Kind kind) {
    switch (kind) {
    case AlertMessage::Kind::Raised:
        return u"raised"_s;
    case AlertMessage::Kind::Reminder:
        return u"reminder"_s;
    case AlertMessage::Kind::Recovered:
        return u"recovered"_s;
    }
    return u"raised"_s;
}

AlertMessage::Kind kindFromName(const QString& name) {
    if (name == u"reminder"_s)
        return AlertMessage::Kind::Reminder;
    if (name == u"recovered"_s)
        return AlertMessage::Kind::Recovered;
    return AlertMessage::Kind::Raised;
}

} // namespace

AlertRouter::AlertRouter(QList<AlertChannelConfig> channels, std::shared_ptr<store::Database> db,
                         std::shared_ptr<Clock> clock, Options options, QObject* parent)
    : QObject(parent)
    , m_channels(std::move(channels))
    , m_db(std::move(db))
    , m_clock(std::move(clock))
    , m_options(options)
    , m_network(new QNetworkAccessManager(this)) {
    qRegisterMetaType<bk::alerts::AlertMessage>();
    loadIncidents();
}

AlertRouter::~AlertRouter() = default;

QString AlertRouter::passwordKey(const QString& channelId) {
    return u"alerts/"_s + channelId + u"/password"_s;
}

void AlertRouter::setSecretLookup(SecretLookup lookup) {
    m_secretLookup = std::move(lookup);
}

void AlertRouter::raise(const Alert& alert) {
    QMetaObject::invokeMethod(
        this, [this, alert] { doRaise(alert); }, Qt::QueuedConnection);
}

void AlertRouter::resolve(const QString& key, const QString& message) {
    QMetaObject::invokeMethod(
        this, [this, key, message] { doResolve(key, message); }, Qt::QueuedConnection);
}

void AlertRouter::doRaise(const Alert& alert) {
    const qint64 now = m_clock->nowMs();
    auto it = m_open.find(alert.key);
    if (it != m_open.end()) {
        ++it->repeats;
        const bool escalated = alert.severity > it->alert.severity;
        it->alert = alert;
        if (!escalated && now - it->lastSentMs < m_options.reminderAfterMs) {
            saveIncident(*it, true); // de-duplicated: counted, not sent
            return;
        }
        it->lastSentMs = now;
        saveIncident(*it, true);
        send({alert, escalated ? AlertMessage::Kind::Raised : AlertMessage::Kind::Reminder, now});
        scheduleReminder(alert.key, now + m_options.reminderAfterMs);
        return;
    }
    Incident incident{alert, now, now, 0};
    m_open.insert(alert.key, incident);
    saveIncident(incident, true);
    send({alert, AlertMessage::Kind::Raised, now});
    scheduleReminder(alert.key, now + m_options.reminderAfterMs);
}

void AlertRouter::doResolve(const QString& key, const QString& message) {
    auto it = m_open.find(key);
    if (it == m_open.end())
        return;
    Alert alert = it->alert;
    const Incident closed = *it;
    m_open.erase(it);
    saveIncident(closed, false);
    alert.message = message;
    send({alert, AlertMessage::Kind::Recovered, m_clock->nowMs()});
}

void AlertRouter::scheduleReminder(const QString& key, qint64 atMs) {
    m_clock->callAt(atMs, this, [this, key, atMs] {
        auto it = m_open.find(key);
        // Only the reminder belonging to the last message sent fires.
        if (it == m_open.end() || it->lastSentMs + m_options.reminderAfterMs != atMs)
            return;
        const qint64 now = m_clock->nowMs();
        it->lastSentMs = now;
        saveIncident(*it, true);
        send({it->alert, AlertMessage::Kind::Reminder, now});
        scheduleReminder(key, now + m_options.reminderAfterMs);
    });
}

void AlertRouter::send(const AlertMessage& message) {
    record(message);
    if (message.alert.severity == Severity::Critical)
        qCCritical(lcAlerts).noquote() << message.text();
    else
        qCWarning(lcAlerts).noquote() << message.text();
    for (const auto& channel : std::as_const(m_channels)) {
        if (message.alert.severity < severityFromName(channel.minSeverity))
            continue;
        switch (channel.kind) {
        case AlertChannelConfig::Kind::Desktop:
            Q_EMIT desktopAlert(message);
            report(channel.id, message.alert.key, true, QString());
            break;
        case AlertChannelConfig::Kind::Slack:
            sendSlack(channel, message);
            break;
        case AlertChannelConfig::Kind::Email:
            sendEmail(channel, message);
            break;
        }
    }
}

void AlertRouter::sendSlack(const AlertChannelConfig& channel, const AlertMessage& message) {
    QNetworkRequest request(channel.url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setTransferTimeout(15000);
    const QJsonObject body{{u"text"_s, message.text()},
                           {u"username"_s, u"Bridgekeeper"_s},
                           {u"incident"_s, message.alert.key},
                           {u"severity"_s, severityName(message.alert.severity)},
                           {u"status"_s, kindName(message.kind)}};
    QNetworkReply* reply =
        m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    const QString id = channel.id;
    const QString key = message.alert.key;
    connect(reply, &QNetworkReply::finished, this, [this, reply, id, key] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300)
            report(id, key, true, QString());
        else
            report(id, key, false,
                   status ? u"the webhook answered HTTP %1"_s.arg(status) : reply->errorString());
    });
}

void AlertRouter::sendEmail(const AlertChannelConfig& channel, const AlertMessage& message) {
    if (channel.username.isEmpty() || !m_secretLookup) {
        sendEmailWithPassword(channel, message, QByteArray());
        return;
    }
    m_secretLookup(passwordKey(channel.id), this,
                   [this, channel, message](Result<std::optional<QByteArray>> password) {
                       if (!password || !password->has_value()) {
                           report(channel.id, message.alert.key, false,
                                  password
                                      ? u"no SMTP password stored for channel %1"_s.arg(channel.id)
                                      : password.error().message);
                           return;
                       }
                       sendEmailWithPassword(channel, message, **password);
                   });
}

void AlertRouter::sendEmailWithPassword(const AlertChannelConfig& channel,
                                        const AlertMessage& message, const QByteArray& password) {
    SmtpMessage mail;
    mail.server = channel.smtpUrl;
    mail.requireTls = channel.requireTls;
    mail.username = channel.username;
    mail.password = password;
    mail.from = channel.from;
    mail.to = channel.to;
    mail.subject = message.text().left(120);
    mail.body =
        QCoreApplication::translate("alerts", "%1\n\nIncident: %2\nTime: %3\n")
            .arg(message.text(), message.alert.key,
                 QDateTime::fromMSecsSinceEpoch(message.timeMs, Qt::UTC).toString(Qt::ISODate));
    mail.timeoutSeconds = m_options.smtpTimeoutSeconds;
    QPointer<AlertRouter> self(this);
    const QString id = channel.id;
    const QString key = message.alert.key;
    // libcurl blocks: run it on a pool thread and report back on ours.
    QThreadPool::globalInstance()->start([self, mail, id, key] {
        const Status st = sendSmtp(mail);
        if (!self)
            return;
        QMetaObject::invokeMethod(
            self.data(),
            [self, st, id, key] {
                if (self)
                    self->report(id, key, st.ok(), st ? QString() : st.error().message);
            },
            Qt::QueuedConnection);
    });
}

void AlertRouter::report(const QString& channelId, const QString& key, bool ok,
                         const QString& error) {
    if (!ok)
        qCWarning(lcAlerts).noquote() << "alert channel" << channelId << "failed:" << error;
    Q_EMIT delivered(channelId, key, ok, error);
}

void AlertRouter::saveIncident(const Incident& incident, bool open) {
    if (!m_db)
        return;
    const Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        auto del = store::Database::run(db, u"DELETE FROM alerts_incidents WHERE incident = ?"_s,
                                        {incident.alert.key});
        if (!del)
            return del.error();
        if (!open)
            return Status::success();
        auto ins = store::Database::run(
            db,
            u"INSERT INTO alerts_incidents (incident, connector, severity, title, message, "
            u"first_ms, last_sent_ms, repeats) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
            {incident.alert.key, incident.alert.connectorId, severityName(incident.alert.severity),
             incident.alert.title, incident.alert.message, incident.firstMs, incident.lastSentMs,
             incident.repeats});
        return ins ? Status::success() : Status(ins.error());
    });
    if (!st)
        qCWarning(lcAlerts).noquote() << "cannot record incident:" << st.error().message;
}

void AlertRouter::loadIncidents() {
    if (!m_db)
        return;
    auto q = m_db->exec(u"SELECT incident, connector, severity, title, message, first_ms, "
                        u"last_sent_ms, repeats FROM alerts_incidents"_s);
    if (!q) {
        qCWarning(lcAlerts).noquote() << "cannot read open incidents:" << q.error().message;
        return;
    }
    while (q->next()) {
        Incident i;
        i.alert.key = q->value(0).toString();
        i.alert.connectorId = q->value(1).toString();
        i.alert.severity = severityFromName(q->value(2).toString());
        i.alert.title = q->value(3).toString();
        i.alert.message = q->value(4).toString();
        i.firstMs = q->value(5).toLongLong();
        i.lastSentMs = q->value(6).toLongLong();
        i.repeats = q->value(7).toInt();
        m_open.insert(i.alert.key, i);
        scheduleReminder(i.alert.key, i.lastSentMs + m_options.reminderAfterMs);
    }
}

void AlertRouter::record(const AlertMessage& message) {
    if (!m_db)
        return;
    const Status st = m_db->write([&](QSqlDatabase& db) -> Status {
        auto ins = store::Database::run(
            db,
            u"INSERT INTO alerts_history (time_ms, incident, connector, severity, kind, title, "
            u"message) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
            {message.timeMs, message.alert.key, message.alert.connectorId,
             severityName(message.alert.severity), kindName(message.kind), message.alert.title,
             message.alert.message});
        return ins ? Status::success() : Status(ins.error());
    });
    if (!st)
        qCWarning(lcAlerts).noquote() << "cannot record alert:" << st.error().message;
}

QList<AlertMessage> AlertRouter::history(int limit) const {
    QList<AlertMessage> out;
    if (!m_db)
        return out;
    auto q = m_db->exec(u"SELECT time_ms, incident, connector, severity, kind, title, message "
                        u"FROM alerts_history ORDER BY id DESC LIMIT ?"_s,
                        {limit});
    if (!q)
        return out;
    while (q->next()) {
        AlertMessage m;
        m.timeMs = q->value(0).toLongLong();
        m.alert.key = q->value(1).toString();
        m.alert.connectorId = q->value(2).toString();
        m.alert.severity = severityFromName(q->value(3).toString());
        m.kind = kindFromName(q->value(4).toString());
        m.alert.title = q->value(5).toString();
        m.alert.message = q->value(6).toString();
        out.append(m);
    }
    return out;
}

bool AlertRouter::isOpen(const QString& key) const {
    if (!m_db)
        return m_open.contains(key);
    auto q = m_db->exec(u"SELECT 1 FROM alerts_incidents WHERE incident = ?"_s, {key});
    return q && q->next();
}

} // namespace bk::alerts
