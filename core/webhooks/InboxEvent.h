#pragma once

#include "webhooks/WebhookSpec.h"

#include <QByteArray>
#include <QString>

namespace bk::webhooks {

/// Processing state of an inbox row (stored as an integer).
enum class InboxState {
    Pending = 0, ///< stored, waiting to be claimed (or for its retry time)
    Claimed = 1, ///< a worker has it; reclaimed after a crash or when the lease runs out
    Done = 2,    ///< processed; kept for lag history and audit until the retention ends
    Dead = 3,    ///< given up; handed to the dead-letter queue
};

/// A delivery that passed verification, on its way into the inbox.
struct IncomingEvent {
    QString connectorId;
    EventMeta meta;
    QByteArray headersJson; ///< headersWorthKeeping()
    QByteArray body;        ///< raw, exactly as received
    qint64 receivedMs = 0;
};

/// One stored inbox row as the processor sees it.
struct InboxEvent {
    qint64 id = 0;
    QString connectorId;
    QString dedupKey;
    QString eventId;
    QString topic;
    QString recordKey;
    QByteArray headersJson;
    QByteArray body;
    qint64 occurredMs = 0;
    qint64 receivedMs = 0;
    qint64 processedMs = 0;
    int attempts = 0; ///< failed attempts before this one
};

} // namespace bk::webhooks
