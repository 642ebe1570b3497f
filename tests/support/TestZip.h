#pragma once

// Writes a zip with the given entries, for tests of imports and bundles.

#include <utility>

#include <QByteArray>
#include <QList>
#include <QString>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

namespace bk::test {

/// Creates `path` holding `entries` (name → bytes) in order; aborts the test binary on failure.
inline QString writeZip(const QString& path, const QList<std::pair<QString, QByteArray>>& entries) {
    QuaZip z(path);
    if (!z.open(QuaZip::mdCreate))
        qFatal("cannot create zip");
    for (const auto& [name, data] : entries) {
        QuaZipFile f(&z);
        if (!f.open(QIODevice::WriteOnly, QuaZipNewInfo(name)))
            qFatal("cannot add zip entry");
        f.write(data);
        f.close();
    }
    z.close();
    return path;
}

} // namespace bk::test
