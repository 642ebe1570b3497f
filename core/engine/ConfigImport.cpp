#include "engine/ConfigImport.h"

#include "ConnectorCatalog.h"
#include "auth/OAuthSettings.h"
#include "http/PipelineConfig.h"
#include "mapping/MappingDocument.h"
#include "webhooks/WebhookSpec.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>
#include <quazip/quazipfileinfo.h>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

const QString kConnectors = u"connectors"_s;
const QString kMappings = u"mappings"_s;

// A name that could escape the target folder (zip slip) or is not plain: refused outright.
QString unsafeNameReason(const QString& name) {
    if (name.isEmpty())
        return u"empty entry name"_s;
    if (name.startsWith(u'/') || name.contains(u'\\') ||
        QRegularExpression(uR"(^[A-Za-z]:)"_s).match(name).hasMatch())
        return u"absolute or Windows-style path: refused (it could write outside the workspace)"_s;
    const QStringList parts = name.split(u'/');
    for (const QString& part : parts)
        if (part == u".."_s || part == u"."_s)
            return u"path with \"..\" or \".\": refused (it could write outside the workspace)"_s;
    for (const QChar c : name)
        if (c.unicode() < 0x20)
            return u"control character in the name: refused"_s;
    return {};
}

// Reads at most limit + 1 bytes: the size in the zip header is the sender's claim only.
Result<QByteArray> readCapped(QuaZip& zip, qint64 limit) {
    QuaZipFile f(&zip);
    if (!f.open(QIODevice::ReadOnly))
        return Error::invalid(u"cannot be read (zip error %1)"_s.arg(f.getZipError()));
    QByteArray data;
    char buffer[64 * 1024];
    while (data.size() <= limit) {
        const qint64 n = f.read(buffer, sizeof buffer);
        if (n < 0)
            return Error::invalid(u"cannot be read (zip error %1)"_s.arg(f.getZipError()));
        if (n == 0)
            break;
        data.append(buffer, n);
    }
    f.close();
    if (data.size() > limit)
        return Error::invalid(u"larger than %1 bytes: refused"_s.arg(limit));
    if (f.getZipError() != 0)
        return Error::invalid(
            u"damaged (zip error %1, CRC or truncated data)"_s.arg(f.getZipError()));
    return data;
}

// The checks the engine applies when it uses a definition: catalog rules, then the
// pipeline, OAuth and webhook readers on a stand-in connector of that type.
QStringList checkDefinition(const QByteArray& data, QString* id) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject())
        return {u"not a JSON object (%1 at offset %2)"_s.arg(pe.errorString()).arg(pe.offset)};
    const QJsonObject def = doc.object();
    *id = def.value(u"id"_s).toString();
    static const QRegularExpression idRe(uR"(^[a-z0-9][a-z0-9_-]{0,63}$)"_s);
    if (id->isEmpty())
        return {u"$.id: missing connector type id"_s};
    if (!idRe.match(*id).hasMatch())
        return {u"$.id: \"%1\" must be 1–64 lower-case letters, digits, - or _"_s.arg(*id)};
    QStringList problems;
    if (!def.value(u"resources"_s).isObject())
        problems << u"$.resources: missing (an object of resource definitions)"_s;
    ConnectorConfig standIn;
    standIn.id = u"import-check"_s;
    standIn.type = *id;
    // Placeholder values for the URL templates ({shop}, {company}, {division}).
    standIn.clientId = u"import-check"_s;
    standIn.shop = u"example"_s;
    standIn.company = u"example"_s;
    standIn.division = u"1"_s;
    if (auto p = http::PipelineConfig::fromDefinition(standIn, def); !p)
        problems << p.error().message;
    if (def.contains(u"auth"_s))
        if (auto a = auth::OAuthSettings::fromDefinition(def, standIn); !a)
            problems << a.error().message;
    if (def.contains(u"webhooks"_s))
        if (auto w = webhooks::WebhookSpec::fromDefinition(def); !w)
            problems << w.error().message;
    return problems;
}

} // namespace

QString ConfigImportIssue::toString() const {
    return file.isEmpty() ? message : QString(file + u": "_s + message);
}

ConfigImportTargets ConfigImportTargets::forWorkspace(const Workspace& workspace) {
    ConfigImportTargets t;
    t.catalogDirs = workspace.connectorDirs;
    t.connectorDir = workspace.connectorDirs.value(0);
    t.mappingDir = QFileInfo(workspace.filePath).absoluteDir().filePath(kMappings);
    return t;
}

Result<ConfigImportPlan> ConfigImport::plan(const QString& zipPath,
                                            const ConfigImportTargets& targets,
                                            QList<ConfigImportIssue>* issuesOut,
                                            const ConfigImportLimits& limits) {
    QList<ConfigImportIssue> issues;
    auto finish = [&](Result<ConfigImportPlan> r) {
        if (issuesOut)
            *issuesOut = issues;
        return r;
    };
    auto refused = [&] {
        QStringList lines;
        for (const auto& i : issues)
            lines << i.toString();
        return Error::invalid(
            u"%1: import refused, nothing was written:\n%2"_s.arg(zipPath, lines.join(u'\n')));
    };

    QuaZip zip(zipPath);
    if (!zip.open(QuaZip::mdUnzip)) {
        issues.append(
            {QString(), u"not a readable zip file (zip error %1)"_s.arg(zip.getZipError())});
        return finish(refused());
    }
    const QList<QuaZipFileInfo64> infos = zip.getFileInfoList64();
    if (infos.size() > limits.maxEntries) {
        issues.append(
            {QString(),
             u"%1 entries: more than the %2 allowed"_s.arg(infos.size()).arg(limits.maxEntries)});
        return finish(refused());
    }

    ConfigImportPlan plan;
    plan.zipPath = zipPath;
    qint64 total = 0;
    QSet<QString> definitionIds;
    QSet<QString> names;
    QList<std::pair<QString, QByteArray>> documents; // checked once all definitions are known
    for (const QuaZipFileInfo64& info : infos) {
        const QString name = info.name;
        if (name.endsWith(u'/'))
            continue; // folder entries carry nothing
        if (QString why = unsafeNameReason(name); !why.isEmpty()) {
            issues.append({name, why});
            continue;
        }
        const QStringList parts = name.split(u'/');
        const bool known = parts.size() == 2 && (parts[0] == kConnectors || parts[0] == kMappings);
        if (!known || !parts[1].endsWith(u".json"_s) || parts[1].startsWith(u'.')) {
            issues.append({name, u"unexpected entry: only connectors/*.json and mappings/*.json "
                                 u"can be imported"_s});
            continue;
        }
        if (names.contains(name.toLower())) {
            issues.append({name, u"appears twice in the zip"_s});
            continue;
        }
        names.insert(name.toLower());
        if (qint64(info.uncompressedSize) > limits.maxEntryBytes) {
            issues.append(
                {name, u"%1 bytes: larger than the %2 allowed per file"_s.arg(info.uncompressedSize)
                           .arg(limits.maxEntryBytes)});
            continue;
        }
        if (!zip.setCurrentFile(name)) {
            issues.append({name, u"cannot be found in the zip directory"_s});
            continue;
        }
        auto data = readCapped(zip, limits.maxEntryBytes);
        if (!data) {
            issues.append({name, data.error().message});
            continue;
        }
        total += data->size();
        if (total > limits.maxTotalBytes) {
            issues.append({name, u"the zip holds more than %1 bytes in all: refused"_s.arg(
                                     limits.maxTotalBytes)});
            break;
        }
        if (parts[0] == kMappings) {
            documents.append({name, *data});
            continue;
        }
        ConfigImportEntry e;
        e.kind = ConfigImportEntry::Kind::ConnectorDefinition;
        e.zipName = name;
        e.data = *data;
        const QStringList problems = checkDefinition(*data, &e.id);
        for (const QString& p : problems)
            issues.append({name, p});
        if (problems.isEmpty() && definitionIds.contains(e.id))
            issues.append({name, u"$.id: \"%1\" is defined twice in the zip"_s.arg(e.id)});
        definitionIds.insert(e.id);
        if (targets.connectorDir.isEmpty()) {
            issues.append({name, u"the workspace lists no connectorDirs: add a folder there "
                                 u"(docs/workspace.md) to import connector definitions"_s});
            continue;
        }
        e.target = QDir(targets.connectorDir).filePath(parts[1]);
        e.replaces = QFileInfo::exists(e.target);
        if (problems.isEmpty())
            plan.entries.append(e);
    }
    zip.close();

    // Mapping documents: the parser's issues, and their connector types must exist.
    auto catalog = ConnectorCatalog::load(targets.catalogDirs);
    for (const auto& [name, data] : documents) {
        QList<mapping::MappingIssue> mappingIssues;
        auto doc = mapping::MappingDocument::fromJson(data, name, &mappingIssues);
        if (!doc) {
            if (mappingIssues.isEmpty())
                issues.append({name, doc.error().message});
            for (const auto& mi : mappingIssues)
                issues.append({name, mi.jsonPath.isEmpty()
                                         ? mi.message
                                         : QString(mi.jsonPath + u": "_s + mi.message)});
            continue;
        }
        bool typesKnown = true;
        for (const QString& type : {doc->sourceConnectorType(), doc->destinationConnectorType()}) {
            if (type.isEmpty() || definitionIds.contains(type) ||
                (catalog && catalog->contains(type)))
                continue;
            issues.append({name, u"connector type \"%1\" is neither shipped, in the workspace's "
                                 u"connectorDirs nor in this zip"_s.arg(type)});
            typesKnown = false;
        }
        if (!typesKnown)
            continue;
        ConfigImportEntry e;
        e.kind = ConfigImportEntry::Kind::MappingDocument;
        e.zipName = name;
        e.id = doc->id();
        e.data = data;
        e.target = QDir(targets.mappingDir).filePath(name.section(u'/', 1));
        e.replaces = QFileInfo::exists(e.target);
        plan.entries.append(e);
    }

    if (issues.isEmpty() && plan.entries.isEmpty())
        issues.append({QString(), u"holds no connectors/*.json or mappings/*.json"_s});
    if (!issues.isEmpty())
        return finish(refused());
    return finish(plan);
}

Result<QStringList> ConfigImport::apply(const ConfigImportPlan& plan) {
    struct Staged {
        QString staged;
        QString target;
        QString backup; ///< the replaced file, kept until every rename succeeded
        bool moved = false;
    };
    QList<Staged> staged;
    auto cleanup = [&staged] {
        for (const Staged& s : staged)
            QFile::remove(s.staged);
    };
    // Stage: each file written and flushed next to its target (same file system).
    for (const ConfigImportEntry& e : plan.entries) {
        const QFileInfo target(e.target);
        if (!QDir().mkpath(target.absolutePath())) {
            cleanup();
            return Error::io(u"%1: cannot create the folder"_s.arg(target.absolutePath()));
        }
        const QString tmp = target.absoluteDir().filePath(u".%1.import"_s.arg(target.fileName()));
        QFile::remove(tmp);
        QSaveFile f(tmp);
        if (!f.open(QIODevice::WriteOnly) || f.write(e.data) != e.data.size() || !f.commit()) {
            cleanup();
            return Error::io(u"%1: cannot write: %2"_s.arg(tmp, f.errorString()));
        }
        staged.append({tmp, e.target, {}, false});
    }
    // Swap in: back up what is replaced, rename; on any failure undo what was done.
    auto rollback = [&staged] {
        for (Staged& s : staged) {
            if (s.moved)
                QFile::remove(s.target);
            if (!s.backup.isEmpty())
                QFile::rename(s.backup, s.target);
            QFile::remove(s.staged);
        }
    };
    for (Staged& s : staged) {
        if (QFileInfo::exists(s.target)) {
            s.backup = s.target + u".before-import"_s;
            QFile::remove(s.backup);
            if (!QFile::rename(s.target, s.backup)) {
                s.backup.clear();
                rollback();
                return Error::io(u"%1: cannot be replaced"_s.arg(s.target));
            }
        }
        if (!QFile::rename(s.staged, s.target)) {
            rollback();
            return Error::io(u"%1: cannot be moved into place"_s.arg(s.target));
        }
        s.moved = true;
    }
    QStringList written;
    for (const Staged& s : staged) {
        if (!s.backup.isEmpty())
            QFile::remove(s.backup);
        written << s.target;
    }
    return written;
}

} // namespace bk
