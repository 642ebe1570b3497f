#include "engine/SupportBundleExport.h"

#include "alerts/AlertRouter.h"
#include "auth/SecretStore.h"
#include "engine/SupportBundle.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

// A stored value, and for a JSON record (a token pair) every credential inside it.
void addValues(QList<QString>& out, const QByteArray& stored) {
    out.append(QString::fromUtf8(stored));
    const QJsonDocument doc = QJsonDocument::fromJson(stored);
    if (!doc.isObject())
        return;
    static const QRegularExpression key(uR"(token|secret|password)"_s,
                                        QRegularExpression::CaseInsensitiveOption);
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.value().isString() && key.match(it.key()).hasMatch())
            out.append(it.value().toString());
}

// Shared state of one collection: the keys still unanswered, what was found.
struct Collection {
    int pending = 0;
    QList<QString> values;
    QStringList unreadable;
    std::function<void(QList<QString>, QString)> done;
};

} // namespace

void collectKnownSecrets(const Workspace& workspace, std::shared_ptr<auth::SecretStore> secrets,
                         QObject* context,
                         std::function<void(QList<QString> values, QString problem)> done) {
    QStringList keys;
    for (const ConnectorConfig& c : workspace.connectors)
        for (const QString& what : {u"client_secret"_s, u"tokens"_s, u"webhook-secret"_s})
            keys << auth::connectorSecretKey(c.id, what);
    auto state = std::make_shared<Collection>();
    state->done = std::move(done);
    for (const AlertChannelConfig& a : workspace.alerts) {
        if (a.kind == AlertChannelConfig::Kind::Email)
            keys << alerts::AlertRouter::passwordKey(a.id);
        if (a.kind == AlertChannelConfig::Kind::Slack && !a.url.isEmpty())
            state->values << a.url.toString(); // the URL is the credential
    }
    auto finish = [state] {
        const QString problem =
            state->unreadable.isEmpty()
                ? QString()
                : u"the secret store did not answer for %1"_s.arg(state->unreadable.join(u", "_s));
        state->done(state->values, problem);
    };
    if (!secrets || keys.isEmpty()) {
        if (!secrets && !keys.isEmpty())
            state->unreadable << u"every key (no secret store)"_s;
        auth::postTo(context, finish);
        return;
    }
    state->pending = int(keys.size());
    for (const QString& key : keys)
        secrets->read(key, context, [state, key, finish](Result<std::optional<QByteArray>> value) {
            if (!value)
                state->unreadable << key;
            else if (*value)
                addValues(state->values, **value);
            if (--state->pending == 0)
                finish();
        });
}

Result<SupportBundleResult> exportSupportBundle(const SupportBundleRequest& request,
                                                std::function<void(int, int)> progress) {
    SupportBundle bundle(request.workspace, request.db);
    bundle.addKnownSecrets(request.knownSecrets);
    SupportBundleOptions options;
    options.logDir = request.logDir;
    options.extraNote = request.note;
    options.deadLetterIds = request.deadLetterIds;
    options.progress = std::move(progress);
    auto written = bundle.write(request.outPath, options);
    if (!written)
        return written.error();
    SupportBundleResult result;
    result.path = QFileInfo(request.outPath).absoluteFilePath();
    result.bytes = QFileInfo(request.outPath).size();
    result.entries = *written;
    return result;
}

} // namespace bk
