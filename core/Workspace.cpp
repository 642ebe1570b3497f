#include "Workspace.h"

#include "Duration.h"

#include <cmath>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace bk {

namespace {

const QRegularExpression& idPattern() {
    static const QRegularExpression re(uR"(^[a-z0-9][a-z0-9_-]{0,63}$)"_s);
    return re;
}

// Collects issues while walking the JSON, each with its JSON path.
class Checker {
public:
    Checker(QString file, QList<WorkspaceIssue>& issues)
        : m_file(std::move(file))
        , m_issues(issues) {}

    void fail(const QString& path, const QString& message) {
        m_issues.push_back({m_file, path, message});
    }

    // Reports keys the schema does not know, so a typo is not silently ignored.
    void onlyKeys(const QJsonObject& o, const QString& path, const QStringList& allowed) {
        for (auto it = o.begin(); it != o.end(); ++it)
            if (!allowed.contains(it.key()))
                fail(path + u"."_s + it.key(),
                     u"unknown field (allowed: %1)"_s.arg(allowed.join(u", "_s)));
    }

    std::optional<QString> string(const QJsonObject& o, const QString& key, const QString& path,
                                  bool required) {
        const auto v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                fail(path + u"."_s + key, u"required field is missing"_s);
            return std::nullopt;
        }
        if (!v.isString()) {
            fail(path + u"."_s + key, u"must be a string"_s);
            return std::nullopt;
        }
        if (required && v.toString().trimmed().isEmpty()) {
            fail(path + u"."_s + key, u"must not be empty"_s);
            return std::nullopt;
        }
        return v.toString();
    }

    std::optional<QString> id(const QJsonObject& o, const QString& key, const QString& path) {
        auto s = string(o, key, path, true);
        if (s && !idPattern().match(*s).hasMatch()) {
            fail(path + u"."_s + key,
                 u"\"%1\" is not a valid id (lower-case letters, digits, '-' and '_', at most 64)"_s
                     .arg(*s));
            return std::nullopt;
        }
        return s;
    }

    bool boolean(const QJsonObject& o, const QString& key, const QString& path, bool fallback) {
        const auto v = o.value(key);
        if (v.isUndefined())
            return fallback;
        if (!v.isBool()) {
            fail(path + u"."_s + key, u"must be true or false"_s);
            return fallback;
        }
        return v.toBool();
    }

    qint64 duration(const QJsonObject& o, const QString& key, const QString& path, qint64 fallback,
                    qint64 minimum) {
        const auto v = o.value(key);
        if (v.isUndefined())
            return fallback;
        std::optional<qint64> ms;
        if (v.isDouble() && v.toDouble() >= 0)
            ms = qint64(v.toDouble() * 1000);
        else if (v.isString())
            ms = parseDurationMs(v.toString());
        if (!ms) {
            fail(path + u"."_s + key,
                 u"must be a duration such as \"90s\", \"5m\", \"6h\" or a number of seconds"_s);
            return fallback;
        }
        if (*ms < minimum) {
            fail(path + u"."_s + key, u"must be at least %1"_s.arg(formatDurationMs(minimum)));
            return fallback;
        }
        return *ms;
    }

    std::optional<QUrl> httpUrl(const QJsonObject& o, const QString& key, const QString& path) {
        auto s = string(o, key, path, false);
        if (!s)
            return std::nullopt;
        const QUrl url(*s, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http"_s && url.scheme() != u"https"_s) ||
            url.host().isEmpty()) {
            fail(path + u"."_s + key, u"\"%1\" is not an http(s) URL"_s.arg(*s));
            return std::nullopt;
        }
        return url;
    }

    QJsonObject object(const QJsonObject& o, const QString& key, const QString& path) {
        const auto v = o.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isObject()) {
            fail(path + u"."_s + key, u"must be an object"_s);
            return {};
        }
        return v.toObject();
    }

    QJsonArray array(const QJsonObject& o, const QString& key, const QString& path) {
        const auto v = o.value(key);
        if (v.isUndefined())
            return {};
        if (!v.isArray()) {
            fail(path + u"."_s + key, u"must be an array"_s);
            return {};
        }
        return v.toArray();
    }

private:
    QString m_file;
    QList<WorkspaceIssue>& m_issues;
};

QString resolvePath(const QString& baseDir, const QString& p) {
    if (p.startsWith(u":/"_s) || QFileInfo(p).isAbsolute())
        return p;
    return QDir::cleanPath(QDir(baseDir).absoluteFilePath(p));
}

} // namespace

QString WorkspaceIssue::toString() const {
    return u"%1: %2: %3"_s.arg(file, jsonPath, message);
}

const ConnectorConfig* Workspace::connector(const QString& id) const {
    for (const auto& c : connectors)
        if (c.id == id)
            return &c;
    return nullptr;
}

const FlowConfig* Workspace::flow(const QString& id) const {
    for (const auto& f : flows)
        if (f.id == id)
            return &f;
    return nullptr;
}

WorkspaceLoader::WorkspaceLoader(ConnectorCatalog catalog)
    : m_catalog(std::move(catalog)) {}

Result<StoreConfig> WorkspaceLoader::parseStoreUrl(const QString& url, const QString& baseDir) {
    StoreConfig c;
    c.url = url;
    if (url.startsWith(u"sqlite:"_s)) {
        const QString p = url.mid(7);
        if (p.isEmpty())
            return Error::usage(
                u"\"sqlite:\" needs a file path, e.g. \"sqlite:bridgekeeper.db\""_s);
        c.kind = StoreConfig::Kind::Sqlite;
        c.sqlitePath = resolvePath(baseDir, p);
        return c;
    }
    if (url.startsWith(u"postgresql://"_s) || url.startsWith(u"postgres://"_s)) {
        const QUrl u(url, QUrl::StrictMode);
        if (!u.isValid() || u.host().isEmpty())
            return Error::usage(
                u"\"%1\" is not a valid postgresql://user@host:port/db URL"_s.arg(url));
        if (!u.password().isEmpty())
            return Error::usage(
                u"a password in the store URL would be kept in clear; use PGPASSFILE or the secret store"_s);
        c.kind = StoreConfig::Kind::Postgres;
        c.host = u.host();
        c.port = u.port(5432);
        c.database = u.path().mid(1);
        c.user = u.userName();
        c.options = QUrlQuery(u).toString(QUrl::FullyDecoded).replace(u'&', u';');
        if (c.database.isEmpty())
            return Error::usage(u"\"%1\" names no database (…/DBNAME)"_s.arg(url));
        return c;
    }
    return Error::usage(
        u"\"%1\" is not a store URL: use \"sqlite:PATH\" or \"postgresql://user@host:port/db\""_s
            .arg(url));
}

Result<ListenConfig> WorkspaceLoader::parseListen(const QString& text) {
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return Error::usage(u"\"%1\" is not HOST:PORT"_s.arg(text));
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535)
        return Error::usage(u"\"%1\" has no valid port (0-65535)"_s.arg(text));
    ListenConfig c;
    c.enabled = true;
    c.port = quint16(port);
    if (host == u"localhost"_s)
        c.address = QHostAddress::LocalHost;
    else if (!c.address.setAddress(host))
        return Error::usage(u"\"%1\" is not an IP address or \"localhost\""_s.arg(host));
    return c;
}

Result<Workspace> WorkspaceLoader::load(const QString& path, const QString& dataDir) {
    m_issues.clear();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QFile f(absolute);
    if (!f.exists())
        return Error::usage(u"%1: workspace file does not exist"_s.arg(absolute));
    if (!f.open(QIODevice::ReadOnly))
        return Error::io(u"%1: cannot read workspace file: %2"_s.arg(absolute, f.errorString()));
    return loadFromJson(f.readAll(), absolute, dataDir);
}

Result<Workspace> WorkspaceLoader::loadFromJson(const QByteArray& json, const QString& path,
                                                const QString& dataDir) {
    m_issues.clear();
    Checker check(path, m_issues);
    QJsonParseError pe;
    const auto doc = QJsonDocument::fromJson(json, &pe);
    if (pe.error != QJsonParseError::NoError) {
        // Report a line and column: that is how an editor finds it.
        const QByteArray before = json.left(pe.offset);
        const int line = int(before.count('\n')) + 1;
        const int col = int(pe.offset - (before.lastIndexOf('\n') + 1)) + 1;
        check.fail(u"$"_s, u"not valid JSON: %1 at line %2, column %3"_s.arg(
                               pe.errorString(), QString::number(line), QString::number(col)));
        return Error::usage(m_issues.first().toString());
    }
    if (!doc.isObject()) {
        check.fail(u"$"_s, u"must be a JSON object"_s);
        return Error::usage(m_issues.first().toString());
    }

    const QJsonObject root = doc.object();
    const QString baseDir = QFileInfo(path).absolutePath();
    Workspace ws;
    ws.filePath = path;
    ws.raw = root;
    check.onlyKeys(root, u"$"_s,
                   {u"$schema"_s, u"version"_s, u"name"_s, u"store"_s, u"secrets"_s, u"webhooks"_s,
                    u"metrics"_s, u"fleet"_s, u"connectorDirs"_s, u"connectors"_s, u"flows"_s,
                    u"alerts"_s});

    const auto version = root.value(u"version"_s);
    if (version.isUndefined())
        check.fail(u"$.version"_s, u"required field is missing (this build reads version 1)"_s);
    else if (version.toInt(-1) != 1)
        check.fail(u"$.version"_s,
                   u"unsupported workspace version %1 (this build reads version 1)"_s.arg(
                       version.toVariant().toString()));
    ws.name = check.string(root, u"name"_s, u"$"_s, false).value_or(QFileInfo(path).baseName());

    // store
    if (auto url = check.string(root, u"store"_s, u"$"_s, false)) {
        auto parsed = parseStoreUrl(*url, baseDir);
        if (parsed)
            ws.store = *parsed;
        else
            check.fail(u"$.store"_s, parsed.error().message);
    } else {
        // One store per workspace file, in the data folder, named after the file.
        ws.store.sqlitePath = QDir(dataDir).filePath(QFileInfo(path).completeBaseName() + u".db"_s);
        ws.store.url = u"sqlite:"_s + ws.store.sqlitePath;
    }

    // secrets
    const auto secrets = check.object(root, u"secrets"_s, u"$"_s);
    check.onlyKeys(secrets, u"$.secrets"_s, {u"store"_s, u"service"_s, u"keyFile"_s, u"keyEnv"_s});
    const QString secretKind =
        check.string(secrets, u"store"_s, u"$.secrets"_s, false).value_or(u"keychain"_s);
    ws.secrets.service =
        check.string(secrets, u"service"_s, u"$.secrets"_s, false).value_or(u"bridgekeeper"_s);
    if (secretKind == u"keychain"_s) {
        ws.secrets.kind = SecretStoreConfig::Kind::Keychain;
    } else if (secretKind == u"encrypted-db"_s) {
        ws.secrets.kind = SecretStoreConfig::Kind::EncryptedDb;
        if (auto kf = check.string(secrets, u"keyFile"_s, u"$.secrets"_s, false))
            ws.secrets.keyFile = resolvePath(baseDir, *kf);
        ws.secrets.keyEnv =
            check.string(secrets, u"keyEnv"_s, u"$.secrets"_s, false).value_or(QString());
        if (ws.secrets.keyFile.isEmpty() && ws.secrets.keyEnv.isEmpty())
            check.fail(u"$.secrets"_s,
                       u"\"encrypted-db\" needs \"keyFile\" or \"keyEnv\" for the master key"_s);
    } else {
        check.fail(u"$.secrets.store"_s,
                   u"\"%1\" is not a secret store (use \"keychain\" or \"encrypted-db\")"_s.arg(
                       secretKind));
    }

    // webhooks
    const auto hooks = check.object(root, u"webhooks"_s, u"$"_s);
    check.onlyKeys(hooks, u"$.webhooks"_s,
                   {u"listen"_s, u"maxBodyBytes"_s, u"maxConnections"_s, u"tlsCert"_s, u"tlsKey"_s,
                    u"dedupRetention"_s, u"lagAlert"_s});
    if (auto listen = check.string(hooks, u"listen"_s, u"$.webhooks"_s, false)) {
        auto parsed = parseListen(*listen);
        if (parsed)
            ws.webhooks.listen = *parsed;
        else
            check.fail(u"$.webhooks.listen"_s, parsed.error().message);
    }
    if (hooks.contains(u"maxBodyBytes"_s)) {
        const double v = hooks.value(u"maxBodyBytes"_s).toDouble(-1);
        if (v < 1024 || v > 64.0 * 1024 * 1024)
            check.fail(u"$.webhooks.maxBodyBytes"_s, u"must be a number from 1024 to 67108864"_s);
        else
            ws.webhooks.maxBodyBytes = qint64(v);
    }
    if (hooks.contains(u"maxConnections"_s)) {
        const int v = hooks.value(u"maxConnections"_s).toInt(-1);
        if (v < 1 || v > 10000)
            check.fail(u"$.webhooks.maxConnections"_s, u"must be a number from 1 to 10000"_s);
        else
            ws.webhooks.maxConnections = v;
    }
    if (auto cert = check.string(hooks, u"tlsCert"_s, u"$.webhooks"_s, false))
        ws.webhooks.tlsCertFile = resolvePath(baseDir, *cert);
    if (auto key = check.string(hooks, u"tlsKey"_s, u"$.webhooks"_s, false))
        ws.webhooks.tlsKeyFile = resolvePath(baseDir, *key);
    if (ws.webhooks.tlsCertFile.isEmpty() != ws.webhooks.tlsKeyFile.isEmpty())
        check.fail(u"$.webhooks"_s, u"\"tlsCert\" and \"tlsKey\" go together"_s);
    ws.webhooks.dedupRetentionMs = check.duration(hooks, u"dedupRetention"_s, u"$.webhooks"_s,
                                                  ws.webhooks.dedupRetentionMs, 60'000);
    ws.webhooks.lagAlertMs =
        check.duration(hooks, u"lagAlert"_s, u"$.webhooks"_s, ws.webhooks.lagAlertMs, 1000);

    // metrics
    const auto metrics = check.object(root, u"metrics"_s, u"$"_s);
    check.onlyKeys(metrics, u"$.metrics"_s, {u"listen"_s});
    if (auto listen = check.string(metrics, u"listen"_s, u"$.metrics"_s, false)) {
        auto parsed = parseListen(*listen);
        if (parsed)
            ws.metrics = *parsed;
        else
            check.fail(u"$.metrics.listen"_s, parsed.error().message);
    }

    // fleet
    const auto fleet = check.object(root, u"fleet"_s, u"$"_s);
    check.onlyKeys(fleet, u"$.fleet"_s, {u"leaseSeconds"_s});
    if (fleet.contains(u"leaseSeconds"_s)) {
        const double v = fleet.value(u"leaseSeconds"_s).toDouble(-1);
        if (v < 1 || v > 3600 || v != std::floor(v))
            check.fail(u"$.fleet.leaseSeconds"_s, u"must be a whole number from 1 to 3600"_s);
        else
            ws.fleet.leaseMs = qint64(v) * 1000;
    }

    // extra connector definitions
    QStringList extraDirs;
    const auto dirs = check.array(root, u"connectorDirs"_s, u"$"_s);
    for (int i = 0; i < dirs.size(); ++i) {
        const QString p = u"$.connectorDirs[%1]"_s.arg(i);
        if (!dirs[i].isString()) {
            check.fail(p, u"must be a folder path"_s);
            continue;
        }
        const QString dir = resolvePath(baseDir, dirs[i].toString());
        if (!QFileInfo(dir).isDir())
            check.fail(p, u"folder \"%1\" does not exist"_s.arg(dir));
        else
            extraDirs << dir;
    }
    ws.connectorDirs = extraDirs;
    ConnectorCatalog catalog = m_catalog;
    if (!extraDirs.isEmpty()) {
        auto extra = ConnectorCatalog::load(extraDirs);
        if (extra)
            catalog = *extra;
        else
            check.fail(u"$.connectorDirs"_s, extra.error().message);
    }

    // connectors
    const auto connectors = check.array(root, u"connectors"_s, u"$"_s);
    QSet<QString> connectorIds;
    for (int i = 0; i < connectors.size(); ++i) {
        const QString p = u"$.connectors[%1]"_s.arg(i);
        if (!connectors[i].isObject()) {
            check.fail(p, u"must be an object"_s);
            continue;
        }
        const QJsonObject o = connectors[i].toObject();
        check.onlyKeys(o, p,
                       {u"id"_s, u"type"_s, u"name"_s, u"enabled"_s, u"baseUrl"_s, u"authBaseUrl"_s,
                        u"statusPageUrl"_s, u"clientId"_s, u"division"_s, u"shop"_s, u"company"_s,
                        u"defaultRegion"_s, u"overrides"_s});
        ConnectorConfig c;
        c.raw = o;
        if (auto id = check.id(o, u"id"_s, p)) {
            if (connectorIds.contains(*id))
                check.fail(p + u".id"_s, u"duplicate connector id \"%1\""_s.arg(*id));
            connectorIds.insert(*id);
            c.id = *id;
        }
        if (auto type = check.string(o, u"type"_s, p, true)) {
            if (!catalog.contains(*type))
                check.fail(p + u".type"_s, u"unknown connector type \"%1\" (known: %2)"_s.arg(
                                               *type, catalog.types().join(u", "_s)));
            c.type = *type;
        }
        c.displayName = check.string(o, u"name"_s, p, false).value_or(c.id);
        c.enabled = check.boolean(o, u"enabled"_s, p, true);
        c.baseUrl = check.httpUrl(o, u"baseUrl"_s, p).value_or(QUrl());
        c.authBaseUrl = check.httpUrl(o, u"authBaseUrl"_s, p).value_or(QUrl());
        c.statusPageUrl = check.httpUrl(o, u"statusPageUrl"_s, p).value_or(QUrl());
        c.clientId = check.string(o, u"clientId"_s, p, false).value_or(QString());
        const auto division = o.value(u"division"_s);
        if (division.isDouble())
            c.division = QString::number(qint64(division.toDouble()));
        else
            c.division = check.string(o, u"division"_s, p, false).value_or(QString());
        c.shop = check.string(o, u"shop"_s, p, false).value_or(QString());
        c.company = check.string(o, u"company"_s, p, false).value_or(QString());
        c.defaultRegion = check.string(o, u"defaultRegion"_s, p, false).value_or(QString());
        if (!c.defaultRegion.isEmpty() &&
            !QRegularExpression(u"^[A-Z]{2}$"_s).match(c.defaultRegion).hasMatch())
            check.fail(p + u".defaultRegion"_s,
                       u"must be an ISO 3166-1 alpha-2 code such as \"NL\""_s);
        c.overrides = check.object(o, u"overrides"_s, p);
        if (o.contains(u"clientSecret"_s) || c.overrides.contains(u"clientSecret"_s))
            check.fail(p, u"client secrets never go in the workspace file; store them with "
                          u"\"bridgekeeper-engine auth\" or the console"_s);
        ws.connectors.push_back(c);
    }

    // flows
    const auto flows = check.array(root, u"flows"_s, u"$"_s);
    QSet<QString> flowIds;
    for (int i = 0; i < flows.size(); ++i) {
        const QString p = u"$.flows[%1]"_s.arg(i);
        if (!flows[i].isObject()) {
            check.fail(p, u"must be an object"_s);
            continue;
        }
        const QJsonObject o = flows[i].toObject();
        check.onlyKeys(o, p,
                       {u"id"_s, u"enabled"_s, u"source"_s, u"destination"_s, u"mapping"_s,
                        u"schedule"_s, u"reconcile"_s, u"options"_s});
        FlowConfig f;
        f.raw = o;
        if (auto id = check.id(o, u"id"_s, p)) {
            if (flowIds.contains(*id))
                check.fail(p + u".id"_s, u"duplicate flow id \"%1\""_s.arg(*id));
            flowIds.insert(*id);
            f.id = *id;
        }
        f.enabled = check.boolean(o, u"enabled"_s, p, true);
        auto endpoint = [&](const QString& key, QString& connector, QString& resource) {
            const QString ep = p + u"."_s + key;
            if (!o.value(key).isObject()) {
                check.fail(ep, o.contains(key)
                                   ? u"must be an object {\"connector\", \"resource\"}"_s
                                   : u"required field is missing"_s);
                return;
            }
            const QJsonObject e = o.value(key).toObject();
            check.onlyKeys(e, ep, {u"connector"_s, u"resource"_s});
            connector = check.string(e, u"connector"_s, ep, true).value_or(QString());
            resource = check.string(e, u"resource"_s, ep, true).value_or(QString());
            const ConnectorConfig* c = ws.connector(connector);
            if (!connector.isEmpty() && !c) {
                check.fail(ep + u".connector"_s,
                           u"no connector with id \"%1\" in this workspace"_s.arg(connector));
                return;
            }
            if (c && !resource.isEmpty() && catalog.contains(c->type)) {
                const auto resources = catalog.definition(c->type).value(u"resources"_s).toObject();
                if (!resources.isEmpty() && !resources.contains(resource))
                    check.fail(ep + u".resource"_s,
                               u"connector type \"%1\" has no resource \"%2\" (known: %3)"_s.arg(
                                   c->type, resource, resources.keys().join(u", "_s)));
            }
        };
        endpoint(u"source"_s, f.sourceConnector, f.sourceResource);
        endpoint(u"destination"_s, f.destinationConnector, f.destinationResource);
        if (auto mapping = check.string(o, u"mapping"_s, p, true)) {
            QString resolved = resolvePath(baseDir, *mapping);
            if (!QFileInfo::exists(resolved) && QFileInfo::exists(u":/mappings/"_s + *mapping))
                resolved = u":/mappings/"_s + *mapping;
            if (!QFileInfo::exists(resolved))
                check.fail(p + u".mapping"_s, u"mapping document \"%1\" not found"_s.arg(resolved));
            f.mappingFile = resolved;
        }
        f.intervalMs = check.duration(o, u"schedule"_s, p, f.intervalMs, 1000);
        f.reconcileIntervalMs = check.duration(o, u"reconcile"_s, p, f.reconcileIntervalMs, 60'000);
        ws.flows.push_back(f);
    }

    // alerts
    const auto alerts = check.array(root, u"alerts"_s, u"$"_s);
    QSet<QString> alertIds;
    for (int i = 0; i < alerts.size(); ++i) {
        const QString p = u"$.alerts[%1]"_s.arg(i);
        if (!alerts[i].isObject()) {
            check.fail(p, u"must be an object"_s);
            continue;
        }
        const QJsonObject o = alerts[i].toObject();
        check.onlyKeys(o, p,
                       {u"id"_s, u"type"_s, u"minSeverity"_s, u"url"_s, u"smtpUrl"_s, u"from"_s,
                        u"to"_s, u"username"_s, u"requireTls"_s});
        AlertChannelConfig a;
        a.raw = o;
        if (auto id = check.id(o, u"id"_s, p)) {
            if (alertIds.contains(*id))
                check.fail(p + u".id"_s, u"duplicate alert channel id \"%1\""_s.arg(*id));
            alertIds.insert(*id);
            a.id = *id;
        }
        a.minSeverity = check.string(o, u"minSeverity"_s, p, false).value_or(u"warning"_s);
        if (!QStringList{u"info"_s, u"warning"_s, u"critical"_s}.contains(a.minSeverity))
            check.fail(p + u".minSeverity"_s, u"must be \"info\", \"warning\" or \"critical\""_s);
        const QString type = check.string(o, u"type"_s, p, true).value_or(QString());
        if (type == u"desktop"_s) {
            a.kind = AlertChannelConfig::Kind::Desktop;
        } else if (type == u"slack"_s) {
            a.kind = AlertChannelConfig::Kind::Slack;
            if (auto url = check.httpUrl(o, u"url"_s, p))
                a.url = *url;
            else if (!o.contains(u"url"_s))
                check.fail(p + u".url"_s, u"required field is missing"_s);
        } else if (type == u"email"_s) {
            a.kind = AlertChannelConfig::Kind::Email;
            const auto smtp = check.string(o, u"smtpUrl"_s, p, true);
            if (smtp) {
                a.smtpUrl = QUrl(*smtp, QUrl::StrictMode);
                if (!a.smtpUrl.isValid() || a.smtpUrl.host().isEmpty() ||
                    (a.smtpUrl.scheme() != u"smtp"_s && a.smtpUrl.scheme() != u"smtps"_s))
                    check.fail(p + u".smtpUrl"_s,
                               u"\"%1\" is not smtp://host:port or smtps://host:port"_s.arg(*smtp));
                if (!a.smtpUrl.password().isEmpty())
                    check.fail(p + u".smtpUrl"_s, u"passwords never go in the workspace file"_s);
            }
            a.from = check.string(o, u"from"_s, p, true).value_or(QString());
            for (const auto& t : check.array(o, u"to"_s, p))
                a.to << t.toString();
            if (a.to.isEmpty())
                check.fail(p + u".to"_s, u"needs at least one recipient address"_s);
            a.username = check.string(o, u"username"_s, p, false).value_or(QString());
            a.requireTls = check.boolean(o, u"requireTls"_s, p, true);
        } else if (!type.isEmpty()) {
            check.fail(
                p + u".type"_s,
                u"\"%1\" is not an alert channel (use \"desktop\", \"slack\" or \"email\")"_s.arg(
                    type));
        }
        ws.alerts.push_back(a);
    }

    if (!m_issues.isEmpty()) {
        QString line = m_issues.first().toString();
        if (m_issues.size() > 1)
            line += u" (and %1 more)"_s.arg(m_issues.size() - 1);
        return Error::usage(line);
    }
    return ws;
}

} // namespace bk
