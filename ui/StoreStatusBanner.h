#pragma once

#include "Clock.h"
#include "engine/Snapshots.h"

#include <memory>

#include <QFrame>

class QLabel;

namespace bk::ui {

/// The banner above the console's pages while the engine cannot reach its store: "Store
/// unreachable since 14:03:12 — retrying (2 reconnects so far)" and what that means; hidden
/// while the store is reachable. Fed by EngineSignals::storeStatusChanged only.
class StoreStatusBanner : public QFrame {
    Q_OBJECT
public:
    StoreStatusBanner(std::shared_ptr<Clock> clock, QWidget* parent = nullptr);

    /// Shows or hides the banner for status; an older status than the one shown is ignored
    /// (a re-published value may overtake queued ones).
    void apply(const bk::StoreStatus& status);
    /// Back to "reachable" (no engine attached).
    void clear();

    const StoreStatus& status() const { return m_status; }
    /// The headline as shown ("" while hidden).
    QString headline() const;

private:
    std::shared_ptr<Clock> m_clock;
    StoreStatus m_status;
    QLabel* m_headline;
    QLabel* m_detail;
};

} // namespace bk::ui
