#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;

namespace bk::ui {

/// The console's persisted settings (QSettings).
namespace settings {
/// "ui/language": "" follows the system locale, else a language code ("en", "nl").
inline constexpr char kLanguage[] = "ui/language";
/// "ui/notifications": desktop notifications for warning and critical events (default on).
inline constexpr char kNotifications[] = "ui/notifications";
/// The language the console should start in ("" = system).
QString language();
bool notificationsEnabled();
} // namespace settings

/// File ▸ Settings…: interface language and desktop notifications. The language takes effect
/// at the next start (the dialog says so); notifications at once.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget* parent = nullptr);

    /// Writes the choices to QSettings (what OK does).
    void save();

    QComboBox* languageBox() const { return m_language; }
    QCheckBox* notificationsBox() const { return m_notifications; }

Q_SIGNALS:
    /// The language setting changed; it applies after a restart.
    void languageChanged(const QString& language);

private:
    void updateRestartNote();

    QComboBox* m_language;
    QCheckBox* m_notifications;
    QLabel* m_restartNote;
    QString m_startLanguage;
};

} // namespace bk::ui
