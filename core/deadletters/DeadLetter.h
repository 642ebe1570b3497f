#pragma once

#include "http/Request.h"

#include <optional>

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
    QString replayTarget; ///< where the last replay went when not the original ("flow f2")

    /// True when the body is a source record that failed mapping (a sync "invalid" letter,
    /// no URL): replaying it means mapping it through a flow first.
    bool isSourceRecord() const { return request.url.isEmpty(); }

    QJsonObject toJson() const;
};

/// Where a replay goes instead of the letter's own request (audited with the original).
struct ReplayRedirect {
    QString connectorId;            ///< the connector whose pipeline sends it
    QString flowId;                 ///< set when replayed through a flow
    QByteArray method;              ///< empty: the original method
    QUrl url;                       ///< empty: the original URL
    std::optional<QByteArray> body; ///< the mapped body, when it differs from the stored one
    QString label;                  ///< for people: "flow orders-to-exact", "connector exact-2"
};

/// What the console's list and the CLI filter on. Empty fields do not filter.
struct Filter {
    QString connectorId;
    QString flowId;
    QString cls;   ///< outcome class name
    QString state; ///< state name
    qint64 fromMs = 0;
    qint64 toMs = 0;
    QString text;        ///< substring of reason, URL, record ids or body
    qint64 beforeId = 0; ///< only ids below this (keyset paging; newest first)
};

} // namespace bk::deadletters
