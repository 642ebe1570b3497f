#pragma once

// Drives a fleet of real `bridgekeeper-engine run` processes on one PostgreSQL database:
// a fresh database per harness, a workspace on it with encrypted-db secrets, provisioning
// through the engine's own CLI (secrets set, auth import), engines started, stopped
// (SIGTERM) and killed (SIGKILL), their ports read from their logs, and the store queried
// for the checks. Used by tests/fleet/TestFleetProcesses and bench/fleet.
#include "support/ShopifyWebhooks.h"
#include "support/TestPostgres.h"

#include <functional>
#include <memory>

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QVariant>

namespace bk::fleettest {

/// A PostgreSQL server to run against: the one scripts/run-tests.sh started
/// (PgServer::fromEnvironment()), or a throwaway one started here (benchmarks).
using PgServer = bk::test::PgAddress;

/// A throwaway PostgreSQL cluster (initdb + pg_ctl, as scripts/run-tests.sh does); stopped
/// and removed on destruction.
class ScratchPostgres {
public:
    ScratchPostgres() = default;
    ~ScratchPostgres();
    /// Starts a cluster on port; empty string on success, else what went wrong.
    QString start(int port);
    PgServer server() const { return m_server; }

private:
    bool run(const QString& program, const QStringList& args) const;
    QString m_bin, m_dir;
    PgServer m_server;
    bool m_started = false;
};

/// One `bridgekeeper-engine run` process.
struct EngineProcess {
    QString id;
    QString dataDir;
    std::unique_ptr<QProcess> process;
    quint16 webhookPort = 0;
    quint16 metricsPort = 0;
    QString log() const; ///< its engine.log so far
};

class FleetHarness {
public:
    FleetHarness(QString engineExe, PgServer server);
    ~FleetHarness(); ///< kills remaining engines, drops the database

    /// Creates a fresh database; false (with why()) when the server refuses.
    bool createDatabase();
    QString storeUrl() const;
    const QString& why() const { return m_why; }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    /// Writes name in the scratch folder: ws plus this harness's store and encrypted-db
    /// secrets (master key in an environment variable every process gets).
    QString writeWorkspace(const QString& name, QJsonObject ws);

    struct CliResult {
        int code = -1;
        QString out, err;
    };
    /// Runs bridgekeeper-engine with args (and stdinData) to completion.
    CliResult cli(const QStringList& args, const QByteArray& stdinData = {});
    /// `secrets set --name secretName` for a connector.
    bool setSecret(const QString& workspace, const QString& connector, const QString& secretName,
                   const QByteArray& value);
    /// `auth import` of a token response.
    bool importTokens(const QString& workspace, const QString& connector,
                      const QJsonObject& tokens);

    /// Starts `run --workspace ws --engine-id id` (own data folder) plus extraArgs.
    EngineProcess* startEngine(const QString& workspace, const QString& id,
                               const QStringList& extraArgs = {});
    /// Waits until the engine logged "engine running" and, where asked, its listener ports.
    bool waitReady(EngineProcess* engine, bool webhooks, bool metrics, int timeoutMs = 30'000);
    /// SIGTERM and wait; true when it exited 0.
    bool terminate(EngineProcess* engine, int timeoutMs = 70'000);
    /// SIGKILL.
    void kill(EngineProcess* engine);
    const QList<EngineProcess*> engines() const;

    /// A connection of this process to the fleet's database (for checks).
    QSqlDatabase db();
    /// First column of the first row of sql, or an invalid QVariant.
    QVariant scalar(const QString& sql, const QVariantList& binds = {});

private:
    bool adminExec(const QString& sql) {
        return bk::test::pgAdminExec(m_server, sql, QStringLiteral("postgres"), &m_why);
    }

    QString m_exe;
    PgServer m_server;
    QTemporaryDir m_dir;
    QString m_database;
    QString m_connection;
    QString m_why;
    QProcessEnvironment m_env;
    QList<std::shared_ptr<EngineProcess>> m_engines;
};

/// A Shopify-like sender (tests/support/ShopifyWebhooks.h) posting to connectorId on the
/// engines' webhook listeners round-robin: attempt a of event n goes to engine (n + a) % size,
/// so a delivery refused by one listener is retried on the next.
inline std::unique_ptr<bk::test::ShopifyRetrySender>
roundRobinShopify(const QList<EngineProcess*>& engines, const QByteArray& secret,
                  const QByteArray& eventPrefix, const QString& connectorId) {
    return std::make_unique<bk::test::ShopifyRetrySender>(
        secret, eventPrefix, [engines, connectorId](int n, int attempt) {
            const EngineProcess* e = engines[(n + attempt) % engines.size()];
            return bk::test::shopifyHookUrl(e->webhookPort, connectorId);
        });
}

/// GET url (loopback) and return the body; empty on failure. Spins the event loop.
QByteArray httpGet(const QString& url, int timeoutMs = 10'000);
/// The value of a Prometheus sample `name{labels}` whose label set contains every given
/// "key=\"value\"" fragment; nullopt when absent.
std::optional<double> metricValue(const QByteArray& text, const QByteArray& name,
                                  const QList<QByteArray>& labelFragments);

} // namespace bk::fleettest
