#pragma once

#include "Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace bk::alerts {

/// One e-mail to send through libcurl's SMTP client.
struct SmtpMessage {
    QUrl server;            ///< smtp://host:port (STARTTLS) or smtps://host:port (implicit TLS)
    bool requireTls = true; ///< refuse to send over a connection that is not encrypted
    QString username;       ///< empty: no AUTH
    QByteArray password;
    QString from;
    QStringList to;
    QString subject;
    QString body;
    int timeoutSeconds = 30;
};

/// Sends msg and blocks until the server accepted or refused it; run it on a worker thread,
/// never on a thread that serves the event loop.
Status sendSmtp(const SmtpMessage& msg);

} // namespace bk::alerts
