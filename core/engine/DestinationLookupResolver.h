#pragma once

#include "mapping/LookupResolver.h"
#include "sync/SyncDefinition.h"

#include <atomic>
#include <functional>

#include <QHash>
#include <QMutex>

namespace bk {

class ConnectorRuntime;
namespace http {
class Pipeline;
}

/// Answers a mapping document's "lookup:Accounts.Email->ID" steps by asking the destination
/// API, through its connector's pipeline (rate limits, auth, retries), with an OData filter
/// (`$filter=Email eq '…'`). Found values are cached for the life of the engine, so a
/// customer with many orders costs one call. Called on a flow's thread; it waits there (never
/// on the GUI thread) for the pipeline's answer.
class DestinationLookupResolver final : public mapping::LookupResolver {
public:
    DestinationLookupResolver(ConnectorRuntime* destination, sync::ConnectorDef definition,
                              qint64 timeoutMs = 120'000);
    /// The same through a pipeline of its own (the command line's replay): lookups are posted
    /// to the pipeline's thread, so they must be asked from another thread.
    DestinationLookupResolver(http::Pipeline* destination, sync::ConnectorDef definition,
                              qint64 timeoutMs = 120'000);

    Result<std::optional<QJsonValue>> resolve(const mapping::LookupRequest& request) override;
    /// Ends waiting lookups at once (engine shutdown): they fail with a transient error.
    void cancel() { m_cancelled = true; }

private:
    /// Runs fn with the destination's pipeline on the pipeline's thread (nullptr: none).
    std::function<void(std::function<void(http::Pipeline*)>)> m_onPipeline;
    sync::ConnectorDef m_def;
    qint64 m_timeoutMs;
    std::atomic<bool> m_cancelled{false};
    QMutex m_mutex;
    QHash<QString, QJsonValue> m_cache;
};

} // namespace bk
