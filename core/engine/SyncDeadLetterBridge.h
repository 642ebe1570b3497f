#pragma once

#include "sync/SyncTypes.h"

#include <memory>

namespace bk::deadletters {
class DeadLetterStore;
}

namespace bk {

/// Sends the sync engine's own failures (records that failed mapping or validation, which
/// never reach the request pipeline) into the one dead-letter queue the console triages.
class SyncDeadLetterBridge final : public sync::DeadLetterSink {
public:
    explicit SyncDeadLetterBridge(std::shared_ptr<deadletters::DeadLetterStore> store);
    Status add(const sync::FailedOperation& failure) override;

private:
    std::shared_ptr<deadletters::DeadLetterStore> m_store;
};

} // namespace bk
