#pragma once

#include "Workspace.h"

#include <functional>
#include <memory>

#include <QDialog>
#include <QList>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace bk {
namespace store {
class Database;
}
namespace auth {
class SecretStore;
}
} // namespace bk

namespace bk::ui {

/// Where a support bundle's content comes from: the open workspace, its store, its secret
/// store (every value in it is scrubbed from the bundle) and the data folder's logs.
struct SupportBundleSource {
    Workspace workspace;
    std::shared_ptr<store::Database> db;
    std::shared_ptr<auth::SecretStore> secrets;
    QString logDir;
};

/// Help ▸ Export support bundle…: chooses the zip, takes a note and optionally the dead
/// letters selected in the dead-letter editor, then writes the bundle off the GUI thread
/// through exportSupportBundle() (the code path of `bridgekeeper-engine support-bundle`),
/// showing progress and the result (path and size) or the error.
class SupportBundleDialog : public QDialog {
    Q_OBJECT
public:
    SupportBundleDialog(SupportBundleSource source, QList<qint64> selectedDeadLetters,
                        QWidget* parent = nullptr);
    ~SupportBundleDialog() override;

    void setOutputPath(const QString& path);
    QString outputPath() const;
    void setNote(const QString& note);
    void setIncludeDeadLetters(bool include);
    /// Starts the export (what the Export button does).
    void startExport();
    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    /// The bundle was written: its absolute path and size in bytes.
    void exported(const QString& path, qint64 bytes);
    void failed(const QString& message);

protected:
    void reject() override;

private:
    void chooseFile();
    void collected(QList<QString> secrets, const QString& problem);
    void setBusy(bool busy);

    SupportBundleSource m_source;
    QList<qint64> m_deadLetters;
    QLineEdit* m_path;
    QPushButton* m_browse;
    QLineEdit* m_note;
    QCheckBox* m_includeDeadLetters;
    QProgressBar* m_progress;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QPushButton* m_export;
    QString m_warning;
    bool m_busy = false;
};

} // namespace bk::ui
