#pragma once

#include "Result.h"
#include "Workspace.h"

#include <functional>
#include <memory>

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace bk {
namespace store {
class Database;
}
namespace auth {
class SecretStore;
}

/// Everything one support-bundle export needs. The CLI (`support-bundle`) and the console
/// (Help ▸ Export support bundle…) fill it the same way and call exportSupportBundle().
struct SupportBundleRequest {
    Workspace workspace;
    std::shared_ptr<store::Database> db; ///< opened with allMigrations(); may be null
    QString outPath;                     ///< the zip to write (atomically)
    QString logDir;                      ///< the data folder's logs/
    QString note;                        ///< the operator's note for support
    QList<qint64> deadLetterIds;         ///< dead letters to include (none: none)
    QList<QString> knownSecrets;         ///< values that must never appear in the zip
};

/// What was written.
struct SupportBundleResult {
    QString path;
    qint64 bytes = 0;
    QStringList entries;
};

/// Every value the workspace's secret store may hold for it (client secrets, token pairs,
/// webhook secrets, SMTP passwords) plus secret-bearing workspace values (Slack webhook
/// URLs). Reads asynchronously; done runs once on context's thread with the values found
/// and, when some could not be read, a message saying so (the export then relies on the
/// pattern redaction alone for those).
void collectKnownSecrets(const Workspace& workspace, std::shared_ptr<auth::SecretStore> secrets,
                         QObject* context,
                         std::function<void(QList<QString> values, QString problem)> done);

/// Writes the bundle: SupportBundle with the known secrets scrubbed and the chosen dead
/// letters. Blocking; safe on a worker thread (the store hands each thread its own
/// connection). progress(done, total) is called on the calling thread after each entry.
Result<SupportBundleResult> exportSupportBundle(const SupportBundleRequest& request,
                                                std::function<void(int, int)> progress = {});

} // namespace bk
