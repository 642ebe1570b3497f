#pragma once

#include "http/Request.h"

#include <QJsonObject>
#include <QStringList>

namespace bk::deadletters {

/// Where a dead letter is in its life: new → replaying → resolved, or discarded (with reason).
enum class State { New, Replaying, Resolved, Discarded };
QString stateName(State s);
State stateFromName(const QString& name);

/// An operation that failed for good, with everything needed to understand and replay it.
struct DeadLetter {
    qint64 id = 0;
    QString sourceKey; ///< the operation it came from (outbox row, batch item)
    QString connectorId;
    QString flowId;
    QStringList recordIds;
    http::Request request; ///< secret headers removed
    QList<http::Attempt> attempts;
    http::OutcomeClass cls = http::OutcomeClass::Permanent;
    int status = 0;
    QString reason;
    State state = State::New;
    QString stateReason;    ///< discard reason, or what the last replay did
    QString idempotencyKey; ///< set when a replay starts; reused if it must be resumed
    int replays = 0;
    qint64 createdMs = 0;
    qint64 updatedMs = 0;

    QJsonObject toJson() const;
};

/// What the console's list and the CLI filter on. Empty fields do not filter.
struct Filter {
    QString connectorId;
    QString flowId;
    QString cls;   ///< outcome class name
    QString state; ///< state name
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString text; ///< substring of reason, URL, record ids or body
};

} // namespace bk::deadletters
