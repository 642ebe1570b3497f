#pragma once

#include "Workspace.h"
#include "engine/ConfigImport.h"

#include <optional>

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace bk::ui {

/// File ▸ Import definitions…: picks a zip of connector definitions (connectors/*.json) and
/// mapping documents (mappings/*.json), validates all of it off the GUI thread, lists what
/// would be written (or every problem, per file), and writes only after the operator
/// confirms. Nothing is written when any file is invalid.
class ImportDefinitionsDialog : public QDialog {
    Q_OBJECT
public:
    ImportDefinitionsDialog(Workspace workspace, QWidget* parent = nullptr);

    /// Validates zipPath (what choosing a file does).
    void checkZip(const QString& zipPath);
    /// Writes the validated plan (what the Import button does).
    void startImport();

    QString report() const;
    bool canImport() const;

Q_SIGNALS:
    void checked(bool valid);
    void imported(const QStringList& paths);
    void failed(const QString& message);
    /// The operator asked to reopen the workspace so the engine uses the new files.
    void reopenRequested(const QString& workspacePath);

private:
    void chooseFile();
    void setBusy(bool busy, const QString& status);

    Workspace m_workspace;
    ConfigImportTargets m_targets;
    std::optional<ConfigImportPlan> m_plan;
    QLineEdit* m_path;
    QPushButton* m_browse;
    QPlainTextEdit* m_report;
    QLabel* m_status;
    QDialogButtonBox* m_buttons;
    QPushButton* m_import;
    QPushButton* m_reopen;
    bool m_busy = false;
};

} // namespace bk::ui
