#include "engine/SupportBundle.h"

#include "Clock.h"
#include "Redactor.h"
#include "Version.h"
#include "deadletters/DeadLetterStore.h"
#include "engine/SnapshotJson.h"
#include "engine/SnapshotStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>
#include <quazip/quazip.h>
#include <quazip/quazipfile.h>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

// Any workspace key that looks like it could hold a credential is dropped from the copy.
bool secretLookingKey(const QString& key) {
    static const QRegularExpression re(
        uR"(secret|password|passwd|token|apikey|api_key|credential)"_s,
        QRegularExpression::CaseInsensitiveOption);
    return re.match(key).hasMatch();
}

QJsonValue dropSecrets(const QJsonValue& v) {
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            out.insert(it.key(), secretLookingKey(it.key()) ? QJsonValue(u"[REDACTED]"_s)
                                                            : dropSecrets(it.value()));
        return out;
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const auto& e : v.toArray())
            out.append(dropSecrets(e));
        return out;
    }
    return v;
}

Status addEntry(QuaZip& zip, const QString& name, const QByteArray& data, const QDateTime& when) {
    QuaZipFile file(&zip);
    QuaZipNewInfo info(name);
    info.dateTime = when;
    info.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup);
    if (!file.open(QIODevice::WriteOnly, info))
        return Error::io(
            u"cannot add %1 to the bundle (zip error %2)"_s.arg(name).arg(file.getZipError()));
    if (file.write(data) != data.size())
        return Error::io(u"cannot write %1 into the bundle"_s.arg(name));
    file.close();
    if (file.getZipError() != 0)
        return Error::io(
            u"cannot finish %1 in the bundle (zip error %2)"_s.arg(name).arg(file.getZipError()));
    return Status::success();
}

} // namespace

SupportBundle::SupportBundle(Workspace workspace, std::shared_ptr<store::Database> db)
    : m_workspace(std::move(workspace))
    , m_db(std::move(db)) {}

void SupportBundle::addKnownSecrets(const QList<QString>& secrets) {
    for (const QString& s : secrets)
        if (s.size() >= 4)
            m_secrets.append(s);
}

QByteArray SupportBundle::scrub(const QByteArray& text) const {
    QString s = Redactor::redact(QString::fromUtf8(text));
    for (const QString& secret : m_secrets)
        s.replace(secret, Redactor::mask);
    return s.toUtf8();
}

QByteArray SupportBundle::workspaceWithoutSecrets() const {
    const QJsonValue clean = dropSecrets(m_workspace.raw);
    return QJsonDocument(clean.toObject()).toJson(QJsonDocument::Indented);
}

Result<QStringList> SupportBundle::write(const QString& zipPath,
                                         const SupportBundleOptions& options) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Write next to the target, then rename: a failed export never leaves half a zip.
    const QString partial = zipPath + u".partial"_s;
    QFile::remove(partial);
    QuaZip zip(partial);
    if (!zip.open(QuaZip::mdCreate))
        return Error::io(
            u"%1: cannot create the bundle (zip error %2)"_s.arg(zipPath).arg(zip.getZipError()));
    QStringList names;
    QFileInfoList logs;
    if (!options.logDir.isEmpty())
        logs = QDir(options.logDir)
                   .entryInfoList({u"*.log"_s, u"*.log.*"_s, u"*.[0-9].log"_s}, QDir::Files,
                                  QDir::Name);
    // manifest, workspace; with a store: health, events, alerts and maybe dead letters.
    const int planned =
        2 + (m_db ? 3 + (options.deadLetterIds.isEmpty() ? 0 : 1) : 0) + int(logs.size());
    auto add = [&](const QString& name, const QByteArray& data) -> Status {
        Status st = addEntry(zip, name, scrub(data), now);
        if (st)
            names << name;
        if (options.progress)
            options.progress(int(names.size()), planned);
        return st;
    };

    QJsonObject manifest{{u"product"_s, u"Bridgekeeper"_s},
                         {u"version"_s, QString::fromLatin1(BK_VERSION)},
                         {u"createdUtc"_s, now.toString(Qt::ISODate)},
                         {u"os"_s, QSysInfo::prettyProductName()},
                         {u"kernel"_s, QSysInfo::kernelVersion()},
                         {u"workspace"_s, m_workspace.filePath},
                         {u"store"_s, m_db ? m_db->describe() : QString()},
                         {u"note"_s, options.extraNote}};
    if (m_db) {
        QJsonObject schema;
        auto q = m_db->exec(u"SELECT module, version FROM bk_schema ORDER BY module"_s);
        if (q)
            while (q->next())
                schema.insert(q->value(0).toString(), q->value(1).toInt());
        manifest.insert(u"schema"_s, schema);
    }
    Status st = add(u"manifest.json"_s, QJsonDocument(manifest).toJson(QJsonDocument::Indented));
    if (st)
        st = add(u"workspace.json"_s, workspaceWithoutSecrets());

    if (st && m_db) {
        auto snaps = SnapshotStore(m_db).loadAll();
        QJsonObject health;
        if (snaps) {
            QJsonArray h, t, g, l, f;
            for (const auto& x : snaps->health)
                h.append(toJson(x));
            for (const auto& x : snaps->tokens)
                t.append(toJson(x)); // expiry times only: token values are never in snapshots
            for (const auto& x : snaps->gauges)
                g.append(toJson(x));
            for (const auto& x : snaps->lags)
                l.append(toJson(x));
            for (const auto& x : snaps->flows)
                f.append(toJson(x));
            health = {{u"health"_s, h},
                      {u"tokens"_s, t},
                      {u"gauges"_s, g},
                      {u"lag"_s, l},
                      {u"flows"_s, f}};
        } else {
            health = {{u"error"_s, snaps.error().message}};
        }
        st = add(u"health.json"_s, QJsonDocument(health).toJson(QJsonDocument::Indented));
        if (st) {
            QJsonArray events;
            auto q =
                m_db->exec(u"SELECT time_ms, connector, kind, severity, message FROM bk_events "
                           u"ORDER BY id DESC LIMIT 500"_s);
            if (q)
                while (q->next())
                    events.append(QJsonObject{{u"timeMs"_s, q->value(0).toDouble()},
                                              {u"connector"_s, q->value(1).toString()},
                                              {u"kind"_s, q->value(2).toString()},
                                              {u"severity"_s, q->value(3).toString()},
                                              {u"message"_s, q->value(4).toString()}});
            st = add(u"events.json"_s, QJsonDocument(events).toJson(QJsonDocument::Indented));
        }
        if (st) {
            QJsonArray alerts;
            auto q = m_db->exec(u"SELECT time_ms, connector, severity, kind, title, message "
                                u"FROM alerts_history ORDER BY id DESC LIMIT 500"_s);
            if (q)
                while (q->next())
                    alerts.append(QJsonObject{{u"timeMs"_s, q->value(0).toDouble()},
                                              {u"connector"_s, q->value(1).toString()},
                                              {u"severity"_s, q->value(2).toString()},
                                              {u"kind"_s, q->value(3).toString()},
                                              {u"title"_s, q->value(4).toString()},
                                              {u"message"_s, q->value(5).toString()}});
            st = add(u"alerts.json"_s, QJsonDocument(alerts).toJson(QJsonDocument::Indented));
        }
        if (st && !options.deadLetterIds.isEmpty()) {
            deadletters::DeadLetterStore store(m_db, makeSystemClock());
            QJsonArray letters;
            for (qint64 id : options.deadLetterIds) {
                auto letter = store.get(id);
                letters.append(letter ? letter->toJson()
                                      : QJsonObject{{u"id"_s, double(id)},
                                                    {u"error"_s, letter.error().message}});
            }
            st = add(u"deadletters.json"_s, QJsonDocument(letters).toJson(QJsonDocument::Indented));
        }
    }

    if (st) {
        for (const QFileInfo& fi : logs) {
            QFile f(fi.absoluteFilePath());
            if (!f.open(QIODevice::ReadOnly))
                continue; // a log being rotated away is not worth failing the bundle
            // Last 5 MiB of each file: the recent past is what support needs.
            const qint64 keep = 5 * 1024 * 1024;
            if (f.size() > keep)
                f.seek(f.size() - keep);
            st = add(u"logs/"_s + fi.fileName(), f.readAll());
            if (!st)
                break;
        }
    }

    zip.close();
    if (!st) {
        QFile::remove(partial);
        return st.error();
    }
    if (zip.getZipError() != 0) {
        QFile::remove(partial);
        return Error::io(
            u"%1: cannot finish the bundle (zip error %2)"_s.arg(zipPath).arg(zip.getZipError()));
    }
    QFile::remove(zipPath);
    if (!QFile::rename(partial, zipPath)) {
        QFile::remove(partial);
        return Error::io(u"%1: cannot move the finished bundle into place"_s.arg(zipPath));
    }
    return names;
}

} // namespace bk
