#pragma once

// Runs the real sync engine (FlowRunner, Reconciler, SQLite store, NetworkTransport) against
// the loopback FakeApi with the shipped connector definitions.

#include "FakeApi.h"
#include "sync/FlowRunner.h"
#include "sync/NetworkTransport.h"
#include "sync/Reconciler.h"
#include "sync/SyncStore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

namespace bk::synctest {

/// Copies named source fields to destination fields; a required destination field left
/// empty is a violation; match keys come from the named destination fields.
class FieldMapper final : public sync::RecordMapper {
public:
    FieldMapper(QList<QPair<QString, QString>> pairs, QStringList required, QStringList match)
        : m_pairs(std::move(pairs))
        , m_required(std::move(required))
        , m_match(std::move(match)) {}

    sync::MappedRecord map(const QJsonObject& source) const override {
        sync::MappedRecord m;
        for (const auto& [from, to] : m_pairs) {
            const QJsonValue v = source.value(from);
            if (!v.isUndefined() && !v.isNull() && !(v.isString() && v.toString().isEmpty()))
                m.payload.insert(to, v);
        }
        for (const QString& r : m_required)
            if (!m.payload.contains(r))
                m.violations << QStringLiteral("%1: required field is empty").arg(r);
        for (const QString& f : m_match)
            if (m.payload.contains(f))
                m.matchKeys.insert(f, m.payload.value(f).toString());
        return m;
    }
    QStringList mappedFields() const override {
        QStringList out;
        for (const auto& p : m_pairs)
            out << p.second;
        return out;
    }
    QStringList matchFields() const override { return m_match; }

private:
    QList<QPair<QString, QString>> m_pairs;
    QStringList m_required;
    QStringList m_match;
};

inline std::shared_ptr<sync::RecordMapper> personToContact() {
    return std::make_shared<FieldMapper>(
        QList<QPair<QString, QString>>{{QStringLiteral("name"), QStringLiteral("LastName")},
                                       {QStringLiteral("email"), QStringLiteral("Email")},
                                       {QStringLiteral("phone"), QStringLiteral("Phone")}},
        QStringList{QStringLiteral("LastName")},
        QStringList{QStringLiteral("Email"), QStringLiteral("Phone")});
}

/// Workspace, store and transports around one FakeApi.
class SyncFixture {
public:
    /// sourceTime: the vendors' clock (record update times); engineClock drives retries.
    SyncFixture()
        : sourceTime(std::make_shared<ManualClock>())
        , engineClock(std::make_shared<ScaledClock>(1'767'225'600'000, 200.0))
        , api([t = sourceTime] { return t->nowMs(); }) {}

    bool init(const QJsonArray& flows, int pageSize = 50) {
        if (!dir.isValid() || !api.start())
            return false;
        api.setPageSize(pageSize);
        QFile mapping(dir.filePath(QStringLiteral("mapping.json")));
        if (!mapping.open(QIODevice::WriteOnly))
            return false;
        mapping.write("{}");
        mapping.close();
        QJsonArray fl;
        for (const QJsonValue& v : flows) {
            QJsonObject f = v.toObject();
            f.insert(QStringLiteral("mapping"), QStringLiteral("mapping.json"));
            fl.append(f);
        }
        const QJsonObject ws{
            {QStringLiteral("version"), 1},
            {QStringLiteral("store"),
             QString(QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("s.db")))},
            {QStringLiteral("connectors"),
             QJsonArray{
                 QJsonObject{{QStringLiteral("id"), QStringLiteral("exact")},
                             {QStringLiteral("type"), QStringLiteral("exact-online")},
                             {QStringLiteral("baseUrl"), api.base(QStringLiteral("exact-online"))},
                             {QStringLiteral("division"), 7}},
                 QJsonObject{{QStringLiteral("id"), QStringLiteral("pipedrive")},
                             {QStringLiteral("type"), QStringLiteral("pipedrive")},
                             {QStringLiteral("baseUrl"), api.base(QStringLiteral("pipedrive"))},
                             {QStringLiteral("company"), QStringLiteral("acme")}},
                 QJsonObject{{QStringLiteral("id"), QStringLiteral("shopify")},
                             {QStringLiteral("type"), QStringLiteral("shopify")},
                             {QStringLiteral("baseUrl"), api.base(QStringLiteral("shopify"))},
                             {QStringLiteral("shop"), QStringLiteral("demo")}}}},
            {QStringLiteral("flows"), fl}};
        auto cat = ConnectorCatalog::load();
        if (!cat)
            return false;
        catalog = *cat;
        WorkspaceLoader loader(catalog);
        auto loaded = loader.loadFromJson(QJsonDocument(ws).toJson(),
                                          dir.filePath(QStringLiteral("ws.json")), dir.path());
        if (!loaded) {
            qWarning() << loaded.error().message;
            return false;
        }
        workspace = *loaded;
        auto db = store::Database::open(workspace.store, {sync::syncMigrations()});
        if (!db) {
            qWarning() << db.error().message;
            return false;
        }
        database = *db;
        store = std::make_shared<sync::SyncStore>(database);
        return true;
    }

    sync::RetryPolicy fastRetry() const {
        sync::RetryPolicy p;
        p.baseDelayMs = 1000; // 5 ms of real time at the engine clock's factor 200
        p.maxDelayMs = 8000;
        p.timeoutMs = 3'600'000; // 18 s of real time: no spurious timeouts on a busy machine
        return p;
    }

    std::unique_ptr<sync::NetworkTransport> transport() {
        return std::make_unique<sync::NetworkTransport>(engineClock, fastRetry());
    }

    sync::FlowSpec spec(const QString& flowId) {
        auto s = sync::resolveFlow(workspace, catalog, flowId);
        if (!s)
            qFatal("%s", qPrintable(s.error().message));
        return *s;
    }

    /// Runs one cycle of flowId with a fresh runner (as a restarted process would).
    Result<sync::RunSummary> runOnce(const QString& flowId, const sync::RecordMapper& mapper,
                                     std::function<void(sync::FlowRunner&)> tweak = {},
                                     int timeoutMs = 20'000) {
        auto src = transport();
        auto dst = transport();
        sync::FlowRunner runner(spec(flowId), mapper, *src, *dst, *store, *store, engineClock);
        if (tweak)
            tweak(runner);
        std::optional<Result<sync::RunSummary>> out;
        runner.start([&](Result<sync::RunSummary> r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, timeoutMs))
            return Error::internal(QStringLiteral("run did not finish"));
        return *out;
    }

    Result<sync::ReconcileReport> reconcile(const QString& flowId, const sync::RecordMapper& mapper,
                                            bool repair) {
        auto src = transport();
        auto dst = transport();
        sync::Reconciler rec(spec(flowId), mapper, *src, *dst, *store, *store, engineClock);
        std::optional<Result<sync::ReconcileReport>> out;
        rec.run(repair, [&](Result<sync::ReconcileReport> r) { out.emplace(std::move(r)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20'000))
            return Error::internal(QStringLiteral("reconciliation did not finish"));
        return *out;
    }

    QTemporaryDir dir;
    std::shared_ptr<ManualClock> sourceTime;
    std::shared_ptr<ScaledClock> engineClock;
    FakeApi api;
    ConnectorCatalog catalog;
    Workspace workspace;
    std::shared_ptr<store::Database> database;
    std::shared_ptr<sync::SyncStore> store;
};

inline QJsonObject flow(const QString& id, const QString& srcConn, const QString& srcRes,
                        const QString& dstConn, const QString& dstRes,
                        const QJsonObject& options = {}) {
    QJsonObject f{
        {QStringLiteral("id"), id},
        {QStringLiteral("source"),
         QJsonObject{{QStringLiteral("connector"), srcConn}, {QStringLiteral("resource"), srcRes}}},
        {QStringLiteral("destination"), QJsonObject{{QStringLiteral("connector"), dstConn},
                                                    {QStringLiteral("resource"), dstRes}}}};
    if (!options.isEmpty())
        f.insert(QStringLiteral("options"), options);
    return f;
}

} // namespace bk::synctest
