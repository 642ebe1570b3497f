#pragma once

#include "engine/Snapshots.h"

#include <functional>
#include <optional>

#include <QGroupBox>

class QLabel;
class QPushButton;

namespace bk::ui {

/// The selected connector's OAuth tokens: when the access token refreshes, when the
/// refresh token expires (amber at 7 days, red at 1), the last refresh result, and a
/// Re-authorise… button that calls the hook the application installs.
class TokenPanel : public QGroupBox {
    Q_OBJECT
public:
    explicit TokenPanel(QWidget* parent = nullptr);

    void setConnector(const QString& connectorId);
    void setToken(const std::optional<TokenState>& token);
    /// Re-renders countdowns for nowMs.
    void render(qint64 nowMs);
    void setReauthoriseHook(std::function<void(const QString& connectorId)> hook);

    QString accessText() const;
    QString refreshText() const;
    QString lastRefreshText() const;

private:
    void setLine(QLabel* label, const QString& text, const QColor& colour);

    QString m_connectorId;
    std::optional<TokenState> m_token;
    std::function<void(const QString&)> m_reauthorise;
    QLabel* m_access;
    QLabel* m_refresh;
    QLabel* m_lastRefresh;
    QPushButton* m_reauthButton;
};

} // namespace bk::ui
