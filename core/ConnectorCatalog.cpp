#include "ConnectorCatalog.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

Status loadDir(ConnectorCatalog& catalog, const QString& dir) {
    const QDir d(dir);
    const auto files = d.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString& name : files) {
        const QString path = d.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return Error::io(
                u"%1: cannot read connector definition: %2"_s.arg(path, f.errorString()));
        QJsonParseError pe;
        const auto doc = QJsonDocument::fromJson(f.readAll(), &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return Error::invalid(u"%1: not a JSON object (%2 at offset %3)"_s.arg(
                path, pe.errorString(), QString::number(pe.offset)));
        const QString id = doc.object().value(u"id"_s).toString();
        if (id.isEmpty())
            return Error::invalid(u"%1: $.id: missing connector type id"_s.arg(path));
        catalog.insert(id, doc.object(), path);
    }
    return Status::success();
}

} // namespace

Result<ConnectorCatalog> ConnectorCatalog::load(const QStringList& extraDirs) {
    ConnectorCatalog catalog;
    if (auto st = loadDir(catalog, u":/connectors"_s); !st)
        return st.error();
    for (const QString& dir : extraDirs)
        if (auto st = loadDir(catalog, dir); !st)
            return st.error();
    return catalog;
}

void ConnectorCatalog::insert(const QString& type, const QJsonObject& definition,
                              const QString& file) {
    m_definitions.insert(type, definition);
    m_files.insert(type, file);
}

} // namespace bk
