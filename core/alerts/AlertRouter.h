#pragma once

#include "Alert.h"
#include "Clock.h"
#include "Result.h"
#include "Workspace.h"

#include <functional>
#include <memory>
#include <optional>

#include <QHash>
#include <QObject>

class QNetworkAccessManager;

namespace bk::store {
class Database;
}

namespace bk::alerts {

/// Routes alerts to the workspace's channels: desktop (emitted as desktopAlert for the
/// console), Slack-compatible incoming webhook (JSON POST) and e-mail (libcurl SMTP, on a
/// worker thread, STARTTLS required unless the channel says requireTls: false).
///
/// De-duplication: one message per open incident key; raising an open key again only sends
/// a reminder once reminderAfterMs has passed (a timer also reminds while it stays open);
/// resolve() sends "recovered" to the channels that heard of it. Every message sent is kept
/// in the store (alerts_history), open incidents in alerts_incidents, so a restart neither
/// repeats nor forgets them. raise() and resolve() may be called from any thread.
class AlertRouter : public QObject {
    Q_OBJECT
public:
    struct Options {
        qint64 reminderAfterMs = 4 * 3'600'000;
        int smtpTimeoutSeconds = 30;
    };
    /// How the router obtains a channel's SMTP password ("alerts/<channel id>/password").
    using SecretLookup =
        std::function<void(const QString& key, QObject* context,
                           std::function<void(Result<std::optional<QByteArray>>)> done)>;

    AlertRouter(QList<AlertChannelConfig> channels, std::shared_ptr<store::Database> db,
                std::shared_ptr<Clock> clock, Options options, QObject* parent = nullptr);
    ~AlertRouter() override;

    void setSecretLookup(SecretLookup lookup);

    void raise(const Alert& alert);
    void resolve(const QString& key, const QString& message);

    /// Most recent messages first (from the store).
    QList<AlertMessage> history(int limit = 100) const;
    /// Whether the incident is open (raised and not resolved).
    bool isOpen(const QString& key) const;

    /// The secret-store key of a channel's SMTP password.
    static QString passwordKey(const QString& channelId);

Q_SIGNALS:
    /// A message for the desktop channel; the console shows it as a notification.
    void desktopAlert(const bk::alerts::AlertMessage& message);
    /// A channel accepted or refused a message.
    void delivered(const QString& channelId, const QString& key, bool ok, const QString& error);

private:
    struct Incident {
        Alert alert;
        qint64 firstMs = 0;
        qint64 lastSentMs = 0;
        int repeats = 0;
    };
    void doRaise(const Alert& alert);
    void doResolve(const QString& key, const QString& message);
    void send(const AlertMessage& message);
    void sendSlack(const AlertChannelConfig& channel, const AlertMessage& message);
    void sendEmail(const AlertChannelConfig& channel, const AlertMessage& message);
    void sendEmailWithPassword(const AlertChannelConfig& channel, const AlertMessage& message,
                               const QByteArray& password);
    void report(const QString& channelId, const QString& key, bool ok, const QString& error);
    void scheduleReminder(const QString& key, qint64 atMs);
    void saveIncident(const Incident& incident, bool open);
    void loadIncidents();
    void record(const AlertMessage& message);

    QList<AlertChannelConfig> m_channels;
    std::shared_ptr<store::Database> m_db;
    std::shared_ptr<Clock> m_clock;
    Options m_options;
    SecretLookup m_secretLookup;
    QNetworkAccessManager* m_network;
    QHash<QString, Incident> m_open;
};

} // namespace bk::alerts
