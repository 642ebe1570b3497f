#pragma once

#include "ConnectorCatalog.h"
#include "Workspace.h"
#include "deadletters/DeadLetter.h"
#include "engine/EngineApi.h"
#include "mapping/Mapper.h"

#include <functional>
#include <map>
#include <memory>

#include <QCoreApplication>
#include <QMutex>

namespace bk::mapping {
class LookupResolver;
}
namespace bk::deadletters {
class DeadLetterStore;
}

namespace bk {

/// Decides what replaying a dead letter to a target would send, without sending it: the
/// targets that make sense for a letter, and for one target the request (connector, method,
/// URL, body) plus every schema or mapping violation with its JSON path. Used by the dry run
/// and by replays to a different target. Thread-safe (mappers are loaded once and shared).
///
/// Two kinds of letters: a request letter (the API refused or never answered a request; its
/// body is already in the destination's shape) can go to its own URL or to the same resource
/// path on another connector of the same type; a source-record letter (a sync record that
/// failed mapping, no URL) is mapped through its own flow or another flow reading the same
/// source connector type, and written to that flow's destination resource.
class ReplayPlanner {
    Q_DECLARE_TR_FUNCTIONS(bk::ReplayPlanner)

public:
    struct Plan {
        deadletters::ReplayRedirect redirect; ///< empty connectorId: the original request
        http::Request request;                ///< what would be sent (preview)
        QString schemaName;
        QList<DryRunViolation> violations;
    };
    /// flow id → the resolver for its mapping's lookup steps (may return nullptr).
    using ResolverLookup = std::function<mapping::LookupResolver*(const QString& flowId)>;

    ReplayPlanner(Workspace workspace, ConnectorCatalog catalog, ResolverLookup resolvers = {});

    QList<ReplayTargetOption> targetsFor(const deadletters::DeadLetter& letter) const;
    /// The plan for sending letter (with editedBody when not empty) to target; an Error when
    /// the target does not fit the letter or the mapping could not run.
    Result<Plan> plan(const deadletters::DeadLetter& letter, const QByteArray& editedBody,
                      const ReplayTarget& target) const;
    /// A DryRunResult from plan().
    DryRunResult dryRun(const deadletters::DeadLetter& letter, const QByteArray& editedBody,
                        const ReplayTarget& target) const;
    /// plan() for a replay about to be sent: a payload with violations is an Error (Invalid)
    /// naming the first one, so nothing is sent. The engine's replays and the command line's
    /// `deadletters replay` both plan with it.
    Result<Plan> planToSend(const deadletters::DeadLetter& letter, const QByteArray& editedBody,
                            const ReplayTarget& target) const;
    /// The connector whose pipeline sends plan.
    static QString sender(const deadletters::DeadLetter& letter, const Plan& plan);
    /// Stores editedBody (when not empty, audited as an edit) and marks the letter replaying
    /// toward plan's target (DeadLetterStore::beginReplay); returns the request to hand to the
    /// sender's pipeline.
    static Result<http::Request> begin(deadletters::DeadLetterStore& store,
                                       const deadletters::DeadLetter& letter,
                                       const QByteArray& editedBody, const Plan& plan,
                                       const QString& user);

private:
    Result<Plan> throughFlow(const deadletters::DeadLetter& letter, const QByteArray& body,
                             const QString& flowId) const;
    Result<Plan> asRequest(const deadletters::DeadLetter& letter, const QByteArray& body,
                           const QString& toConnector) const;
    Result<std::shared_ptr<const mapping::Mapper>> mapperFor(const FlowConfig& flow) const;
    QString typeOf(const QString& connectorId) const;

    Workspace m_ws;
    ConnectorCatalog m_catalog;
    ResolverLookup m_resolvers;
    mutable QMutex m_mutex;
    mutable std::map<QString, std::shared_ptr<const mapping::Mapper>> m_mappers;
};

} // namespace bk
