#include "Paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryFile>

using namespace Qt::StringLiterals;

namespace bk {

Result<QString> resolveDataDir(const QString& overrideDir) {
    QString dir = overrideDir;
    if (dir.isEmpty()) {
        dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
        if (dir.isEmpty())
            return Error::io(u"no data folder could be determined; pass --data-dir"_s);
        dir = QDir(dir).filePath(u"bridgekeeper"_s);
    }
    dir = QFileInfo(dir).absoluteFilePath();
    if (!QDir().mkpath(dir))
        return Error::io(u"%1: cannot create the data folder"_s.arg(dir));
    // isWritable() says nothing about read-only mounts or ACLs: try it.
    QTemporaryFile probe(QDir(dir).filePath(u".write-probe-XXXXXX"_s));
    if (!probe.open())
        return Error::io(
            u"%1: the data folder is not writable (%2)"_s.arg(dir, probe.errorString()));
    return dir;
}

QString sampleWorkspacePath() {
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(u"../share/bridgekeeper/workspaces/sample.json"_s);
    if (QFileInfo::exists(installed))
        return QFileInfo(installed).absoluteFilePath();
    return QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json");
}

} // namespace bk
