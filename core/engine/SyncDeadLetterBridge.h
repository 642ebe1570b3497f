#pragma once

#include "sync/SyncTypes.h"

#include <functional>
#include <memory>

namespace bk::deadletters {
class DeadLetterStore;
}

namespace bk {

/// Sends the sync engine's own failures (records that failed mapping or validation, which
/// never reach the request pipeline) into the one dead-letter queue the console triages.
class SyncDeadLetterBridge final : public sync::DeadLetterSink {
public:
    /// added(id) runs after each stored letter, so the console shows it without a reload.
    explicit SyncDeadLetterBridge(std::shared_ptr<deadletters::DeadLetterStore> store,
                                  std::function<void(qint64)> added = {});
    Status add(const sync::FailedOperation& failure) override;

private:
    std::shared_ptr<deadletters::DeadLetterStore> m_store;
    std::function<void(qint64)> m_added;
};

} // namespace bk
