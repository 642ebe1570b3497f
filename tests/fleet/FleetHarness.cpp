#include "fleet/FleetHarness.h"

#include <unistd.h>

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace bk::fleettest {

namespace {

const char* const kMasterKeyVar = "BK_FLEET_MASTER_KEY";

} // namespace

ScratchPostgres::~ScratchPostgres() {
    if (m_started)
        run(m_bin + u"/pg_ctl"_s,
            {u"-D"_s, m_dir + u"/data"_s, u"-m"_s, u"fast"_s, u"-w"_s, u"stop"_s});
    if (!m_dir.isEmpty())
        QDir(m_dir).removeRecursively();
}

bool ScratchPostgres::run(const QString& program, const QStringList& args) const {
    // initdb refuses to run as root: the cluster belongs to the postgres user then.
    QProcess p;
    if (::geteuid() == 0)
        p.start(u"runuser"_s, QStringList{u"-u"_s, u"postgres"_s, u"--"_s, program} + args);
    else
        p.start(program, args);
    p.waitForFinished(120'000);
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

QString ScratchPostgres::start(int port) {
    const QStringList bins =
        QDir(u"/usr/lib/postgresql"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    if (bins.isEmpty())
        return u"no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql-15)"_s;
    m_bin = u"/usr/lib/postgresql/"_s + bins.last() + u"/bin"_s;
    m_dir = QDir::temp().filePath(u"bk-fleet-pg-%1"_s.arg(QRandomGenerator::global()->generate()));
    QDir().mkpath(m_dir);
    if (::geteuid() == 0 && QProcess::execute(u"chown"_s, {u"postgres:postgres"_s, m_dir}) != 0)
        return u"cannot chown "_s + m_dir;
    QFile::setPermissions(m_dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    if (!run(m_bin + u"/initdb"_s, {u"-D"_s, m_dir + u"/data"_s, u"-U"_s, u"postgres"_s,
                                    u"--auth=trust"_s, u"-E"_s, u"UTF8"_s, u"--locale=C.UTF-8"_s}))
        return u"initdb failed in "_s + m_dir;
    if (!run(m_bin + u"/pg_ctl"_s,
             {u"-D"_s, m_dir + u"/data"_s, u"-l"_s, m_dir + u"/log"_s, u"-w"_s, u"-o"_s,
              u"-c listen_addresses=127.0.0.1 -c max_connections=300 -p %1 -k %2"_s.arg(port).arg(
                  m_dir),
              u"start"_s}))
        return u"pg_ctl start failed (see %1/log)"_s.arg(m_dir);
    m_started = true;
    m_server = {u"127.0.0.1"_s, port, u"postgres"_s};
    return {};
}

QString EngineProcess::log() const {
    QFile f(dataDir + u"/logs/engine.log"_s);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

FleetHarness::FleetHarness(QString engineExe, PgServer server)
    : m_exe(std::move(engineExe))
    , m_server(std::move(server))
    , m_env(QProcessEnvironment::systemEnvironment()) {
    QByteArray key(32, '\0');
    for (char& c : key)
        c = char(QRandomGenerator::global()->bounded(256));
    m_env.insert(QString::fromLatin1(kMasterKeyVar), QString::fromLatin1(key.toBase64()));
    m_env.insert(u"HOME"_s, m_dir.path());
    m_env.insert(u"XDG_DATA_HOME"_s, m_dir.filePath(u"xdg"_s));
}

FleetHarness::~FleetHarness() {
    for (const auto& e : std::as_const(m_engines))
        if (e->process->state() != QProcess::NotRunning) {
            e->process->kill();
            e->process->waitForFinished(10'000);
        }
    if (!m_connection.isEmpty()) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
    if (!m_database.isEmpty())
        adminExec(u"DROP DATABASE IF EXISTS "_s + m_database + u" WITH (FORCE)"_s);
}

bool FleetHarness::createDatabase() {
    const QString name = u"bk_fleet_%1"_s.arg(QRandomGenerator::global()->generate());
    if (!adminExec(u"CREATE DATABASE "_s + name))
        return false;
    m_database = name;
    return true;
}

QString FleetHarness::storeUrl() const {
    return u"postgresql://%1@%2:%3/%4"_s.arg(m_server.user, m_server.host)
        .arg(m_server.port)
        .arg(m_database);
}

QString FleetHarness::writeWorkspace(const QString& name, QJsonObject ws) {
    ws.insert(u"version"_s, 1);
    ws.insert(u"store"_s, storeUrl());
    ws.insert(u"secrets"_s, QJsonObject{{u"store"_s, u"encrypted-db"_s},
                                        {u"keyEnv"_s, QString::fromLatin1(kMasterKeyVar)}});
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    f.write(QJsonDocument(ws).toJson());
    return f.fileName();
}

FleetHarness::CliResult FleetHarness::cli(const QStringList& args, const QByteArray& stdinData) {
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.start(m_exe, args + QStringList{u"--data-dir"_s, m_dir.filePath(u"cli-data"_s)});
    CliResult r;
    if (!p.waitForStarted(30'000))
        return r;
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(120'000)) {
        p.kill();
        p.waitForFinished();
        return r;
    }
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    if (r.code != 0)
        m_why =
            u"bridgekeeper-engine %1: exit %2: %3"_s.arg(args.join(u' ')).arg(r.code).arg(r.err);
    return r;
}

bool FleetHarness::setSecret(const QString& workspace, const QString& connector,
                             const QString& secretName, const QByteArray& value) {
    return cli({u"secrets"_s, u"set"_s, u"--workspace"_s, workspace, u"--connector"_s, connector,
                u"--name"_s, secretName},
               value)
               .code == 0;
}

bool FleetHarness::importTokens(const QString& workspace, const QString& connector,
                                const QJsonObject& tokens) {
    return cli({u"auth"_s, u"import"_s, u"--workspace"_s, workspace, u"--connector"_s, connector},
               QJsonDocument(tokens).toJson(QJsonDocument::Compact))
               .code == 0;
}

EngineProcess* FleetHarness::startEngine(const QString& workspace, const QString& id,
                                         const QStringList& extraArgs) {
    auto e = std::make_shared<EngineProcess>();
    e->id = id;
    e->dataDir = m_dir.filePath(u"engine-"_s + id);
    e->process = std::make_unique<QProcess>();
    e->process->setProcessEnvironment(m_env);
    // Its stdout/stderr would only fill a pipe nobody reads: the log file has everything.
    e->process->setStandardOutputFile(QProcess::nullDevice());
    e->process->setStandardErrorFile(e->dataDir + u".stderr"_s);
    e->process->start(m_exe, QStringList{u"run"_s, u"--workspace"_s, workspace, u"--engine-id"_s,
                                         id, u"--data-dir"_s, e->dataDir} +
                                 extraArgs);
    if (!e->process->waitForStarted(30'000))
        return nullptr;
    m_engines.append(e);
    return e.get();
}

bool FleetHarness::waitReady(EngineProcess* engine, bool webhooks, bool metrics, int timeoutMs) {
    static const QRegularExpression hookPort(u"webhook listener on port (\\d+)"_s);
    static const QRegularExpression metricsPort(u"metrics on port (\\d+)"_s);
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (engine->process->state() == QProcess::NotRunning) {
            QFile err(engine->dataDir + u".stderr"_s);
            err.open(QIODevice::ReadOnly);
            m_why = u"engine %1 exited (%2): %3"_s.arg(engine->id)
                        .arg(engine->process->exitCode())
                        .arg(QString::fromUtf8(err.readAll()));
            return false;
        }
        const QString log = engine->log();
        if (auto m = hookPort.match(log); m.hasMatch())
            engine->webhookPort = quint16(m.captured(1).toUInt());
        if (auto m = metricsPort.match(log); m.hasMatch())
            engine->metricsPort = quint16(m.captured(1).toUInt());
        if (log.contains(u"engine running on"_s) && (!webhooks || engine->webhookPort) &&
            (!metrics || engine->metricsPort))
            return true;
        QTest::qWait(50);
    }
    m_why = u"engine %1 not ready within %2 ms"_s.arg(engine->id).arg(timeoutMs);
    return false;
}

bool FleetHarness::terminate(EngineProcess* engine, int timeoutMs) {
    engine->process->terminate();
    if (!engine->process->waitForFinished(timeoutMs)) {
        engine->process->kill();
        engine->process->waitForFinished();
        return false;
    }
    return engine->process->exitStatus() == QProcess::NormalExit &&
           engine->process->exitCode() == 0;
}

void FleetHarness::kill(EngineProcess* engine) {
    engine->process->kill(); // SIGKILL
    engine->process->waitForFinished(10'000);
}

const QList<EngineProcess*> FleetHarness::engines() const {
    QList<EngineProcess*> out;
    for (const auto& e : m_engines)
        out << e.get();
    return out;
}

QSqlDatabase FleetHarness::db() {
    if (m_connection.isEmpty()) {
        m_connection = u"fleet-check-%1"_s.arg(QRandomGenerator::global()->generate());
        QSqlDatabase c = QSqlDatabase::addDatabase(u"QPSQL"_s, m_connection);
        c.setHostName(m_server.host);
        c.setPort(m_server.port);
        c.setUserName(m_server.user);
        c.setDatabaseName(m_database);
    }
    QSqlDatabase c = QSqlDatabase::database(m_connection);
    if (!c.isOpen())
        c.open();
    return c;
}

QVariant FleetHarness::scalar(const QString& sql, const QVariantList& binds) {
    QSqlQuery q(db());
    q.prepare(sql);
    for (const QVariant& b : binds)
        q.addBindValue(b);
    if (!q.exec()) {
        m_why = q.lastError().text();
        return {};
    }
    return q.next() ? q.value(0) : QVariant();
}

QByteArray httpGet(const QString& url, int timeoutMs) {
    QNetworkAccessManager nam;
    QNetworkRequest request{QUrl(url)};
    request.setTransferTimeout(timeoutMs);
    std::unique_ptr<QNetworkReply> reply(nam.get(request));
    if (!QTest::qWaitFor([&] { return reply->isFinished(); }, timeoutMs + 1000))
        return {};
    return reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
}

std::optional<double> metricValue(const QByteArray& text, const QByteArray& name,
                                  const QList<QByteArray>& labelFragments) {
    for (const QByteArray& line : text.split('\n')) {
        if (!line.startsWith(QByteArray(name + '{')) && !line.startsWith(QByteArray(name + ' ')))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        const QByteArray head = line.left(space);
        bool all = true;
        for (const QByteArray& f : labelFragments)
            all = all && head.contains(f);
        if (!all)
            continue;
        bool ok = false;
        const double v = line.mid(space + 1).toDouble(&ok);
        if (ok)
            return v;
    }
    return std::nullopt;
}

} // namespace bk::fleettest
