#pragma once

#include "Result.h"
#include "Workspace.h"
#include "store/Database.h"

#include <functional>
#include <memory>

#include <QByteArray>
#include <QList>
#include <QString>

namespace bk {

/// What goes into a support bundle besides the always-included parts.
struct SupportBundleOptions {
    QString logDir;              ///< folder whose *.log files (rotated ones too) are included
    QString extraNote;           ///< free text from the operator, e.g. what went wrong
    QList<qint64> deadLetterIds; ///< dead letters to include (deadletters.json), if any
    /// Called after each entry with (entries written, entries planned).
    std::function<void(int, int)> progress;
};

/// Writes a zip for support: redacted logs, the workspace file with anything secret-looking
/// removed, the latest health snapshot, recent events and alerts, the chosen dead letters,
/// schema versions and a manifest. Every text entry
/// passes through the Redactor and a second scrub of the secret values given, so no token,
/// client secret or password from the keychain or the workspace can end up in the bundle.
class SupportBundle {
public:
    SupportBundle(Workspace workspace, std::shared_ptr<store::Database> db);

    /// Values that must never appear in the bundle (e.g. everything the secret store holds).
    void addKnownSecrets(const QList<QString>& secrets);

    /// Writes zipPath atomically (temporary file, then rename). Returns the entry names.
    Result<QStringList> write(const QString& zipPath, const SupportBundleOptions& options);

private:
    QByteArray scrub(const QByteArray& text) const;
    QByteArray workspaceWithoutSecrets() const;

    Workspace m_workspace;
    std::shared_ptr<store::Database> m_db;
    QList<QString> m_secrets;
};

} // namespace bk
