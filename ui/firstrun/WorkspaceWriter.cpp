#include "WorkspaceWriter.h"

#include "auth/SecretStore.h"
#include "auth/TokenStateStore.h"
#include "engine/AllMigrations.h"
#include "store/Database.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QSaveFile>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace bk::ui::firstrun {

namespace {

// Worker thread: store schema and token bookkeeping, then the file, then a second load.
Result<QString> writeStoreAndFile(WorkspaceDraft draft, ConnectorCatalog catalog, qint64 nowMs) {
    auto ws = draft.validate(catalog);
    if (!ws)
        return ws.error();
    auto db = store::Database::open(ws->store, allMigrations());
    if (!db)
        return Error{db.error().category,
                     u"%1: %2"_s.arg(ws->store.sqlitePath, db.error().message)};
    for (const ConnectorDraft& c : draft.connectors) {
        if (!c.tokens)
            continue;
        if (auto st = auth::TokenStateStore(*db, c.id).commitTokens(
                *c.tokens, QString(), nowMs, u"authorised in the first-run wizard"_s);
            !st)
            return st.error();
    }
    const QString path = draft.workspacePath();
    if (QFileInfo::exists(path))
        return Error::io(u"%1 already exists; nothing was overwritten"_s.arg(path));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(draft.toJson()).toJson(QJsonDocument::Indented)) < 0 ||
        !file.commit())
        return Error::io(u"%1: cannot write the workspace (%2)"_s.arg(path, file.errorString()));
    WorkspaceLoader loader(catalog);
    auto reloaded = loader.load(path, draft.folder);
    if (!reloaded)
        return reloaded.error();
    return reloaded->filePath;
}

} // namespace

WorkspaceWriter::WorkspaceWriter(ConnectorCatalog catalog, std::shared_ptr<Clock> clock,
                                 QObject* parent)
    : QObject(parent)
    , m_catalog(std::move(catalog))
    , m_clock(std::move(clock)) {}

void WorkspaceWriter::save(const WorkspaceDraft& draft, std::function<void(Result<QString>)> done) {
    auto ws = draft.validate(m_catalog);
    if (!ws)
        return done(ws.error());
    if (QFileInfo::exists(draft.workspacePath()))
        return done(
            Error::io(tr("%1 already exists; nothing was overwritten").arg(draft.workspacePath())));
    auto secrets = auth::makeSecretStore(ws->secrets, nullptr);
    if (!secrets)
        return done(secrets.error());
    struct Write {
        QString key;
        QByteArray value;
    };
    QList<Write> writes;
    for (const ConnectorDraft& c : draft.connectors) {
        writes.append(
            {auth::connectorSecretKey(c.id, u"client_secret"_s), c.clientSecret.toUtf8()});
        if (c.tokens)
            writes.append({auth::connectorSecretKey(c.id, u"tokens"_s), c.tokens->toJson()});
    }
    Q_EMIT progress(tr("Storing the secrets in the system keychain…"));
    auto pending = std::make_shared<int>(int(writes.size()));
    auto failure = std::make_shared<std::optional<Error>>();
    auto store = *secrets; // alive until every write answered
    auto finished = [this, draft, done, pending, failure, store](Status st) {
        if (!st && !*failure)
            *failure = st.error();
        if (--*pending > 0)
            return;
        if (*failure)
            return done(Error{failure->value().category,
                              tr("the system keychain did not store the secrets: %1")
                                  .arg(failure->value().message)});
        writeFiles(draft, done);
    };
    if (writes.isEmpty())
        return writeFiles(draft, done);
    for (const Write& w : writes)
        store->write(w.key, w.value, this, finished);
}

void WorkspaceWriter::writeFiles(const WorkspaceDraft& draft,
                                 std::function<void(Result<QString>)> done) {
    Q_EMIT progress(tr("Creating the database and writing the workspace file…"));
    auto* watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [watcher, done] {
        watcher->deleteLater();
        done(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(writeStoreAndFile, draft, m_catalog, m_clock->nowMs()));
}

} // namespace bk::ui::firstrun
