#pragma once

#include "mapping/LookupResolver.h"
#include "sync/SyncDefinition.h"

#include <atomic>

#include <QHash>
#include <QMutex>

namespace bk {

class ConnectorRuntime;

/// Answers a mapping document's "lookup:Accounts.Email->ID" steps by asking the destination
/// API, through its connector's pipeline (rate limits, auth, retries), with an OData filter
/// (`$filter=Email eq '…'`). Found values are cached for the life of the engine, so a
/// customer with many orders costs one call. Called on a flow's thread; it waits there (never
/// on the GUI thread) for the pipeline's answer.
class DestinationLookupResolver final : public mapping::LookupResolver {
public:
    DestinationLookupResolver(ConnectorRuntime* destination, sync::ConnectorDef definition,
                              qint64 timeoutMs = 120'000);

    Result<std::optional<QJsonValue>> resolve(const mapping::LookupRequest& request) override;
    /// Ends waiting lookups at once (engine shutdown): they fail with a transient error.
    void cancel() { m_cancelled = true; }

private:
    ConnectorRuntime* m_runtime;
    sync::ConnectorDef m_def;
    qint64 m_timeoutMs;
    std::atomic<bool> m_cancelled{false};
    QMutex m_mutex;
    QHash<QString, QJsonValue> m_cache;
};

} // namespace bk
