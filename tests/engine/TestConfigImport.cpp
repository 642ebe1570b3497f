#include "engine/ConfigImport.h"
#include "support/TestZip.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bk;

// Importing connector definitions and mapping documents: all or nothing, validated first.
class TestConfigImport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_zips = 0;

    static QByteArray resource(const QString& path) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("missing resource");
        return f.readAll();
    }

    // A shipped definition under another id: a realistic valid connector definition.
    static QByteArray definition(const QString& id) {
        QJsonObject o =
            QJsonDocument::fromJson(resource(u":/connectors/pipedrive.json"_s)).object();
        o.insert(u"id"_s, id);
        o.insert(u"name"_s, u"Acme CRM"_s);
        return QJsonDocument(o).toJson();
    }

    QString zip(const QList<std::pair<QString, QByteArray>>& entries) {
        return bk::test::writeZip(m_dir.filePath(u"in-%1.zip"_s.arg(++m_zips)), entries);
    }

    ConfigImportTargets targets(const QString& name) {
        const QString root = m_dir.filePath(name);
        QDir().mkpath(root + u"/connectors"_s);
        ConfigImportTargets t;
        t.connectorDir = root + u"/connectors"_s;
        t.catalogDirs = {t.connectorDir};
        t.mappingDir = root + u"/mappings"_s;
        return t;
    }

    static QStringList filesUnder(const QString& root) {
        QStringList out;
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            out << it.next();
        out.sort();
        return out;
    }

private Q_SLOTS:
    void validZipImports() {
        const auto t = targets(u"valid"_s);
        // The mapping document names the connector type that arrives in the same zip.
        QJsonObject mapping = QJsonDocument::fromJson(
                                  resource(u":/mappings/pipedrive-person-to-exact-contact.json"_s))
                                  .object();
        QJsonObject source = mapping.value(u"source"_s).toObject();
        source.insert(u"connectorType"_s, u"acme-crm"_s);
        mapping.insert(u"source"_s, source);
        const QString path = zip({{u"connectors/"_s, {}},
                                  {u"connectors/acme-crm.json"_s, definition(u"acme-crm"_s)},
                                  {u"mappings/persons.json"_s, QJsonDocument(mapping).toJson()},
                                  {u"mappings/orders.json"_s,
                                   resource(u":/mappings/shopify-order-to-exact-invoice.json"_s)}});
        QList<ConfigImportIssue> issues;
        auto plan = ConfigImport::plan(path, t, &issues);
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        QCOMPARE(plan->entries.size(), 3);
        QVERIFY(filesUnder(t.mappingDir).isEmpty()); // planning writes nothing

        auto written = ConfigImport::apply(*plan);
        QVERIFY2(written.ok(), written.ok() ? "" : qPrintable(written.error().message));
        QCOMPARE(written->size(), 3);
        QCOMPARE(resource(t.connectorDir + u"/acme-crm.json"_s), definition(u"acme-crm"_s));
        QCOMPARE(filesUnder(t.mappingDir), (QStringList{t.mappingDir + u"/orders.json"_s,
                                                        t.mappingDir + u"/persons.json"_s}));
        // No staging or backup files are left behind.
        QCOMPARE(filesUnder(t.connectorDir), QStringList{t.connectorDir + u"/acme-crm.json"_s});

        // Importing again replaces the files and says so.
        auto again = ConfigImport::plan(path, t);
        QVERIFY(again.ok());
        for (const auto& e : again->entries)
            QVERIFY(e.replaces);
        QVERIFY(ConfigImport::apply(*again).ok());
        QCOMPARE(filesUnder(t.connectorDir), QStringList{t.connectorDir + u"/acme-crm.json"_s});
    }

    void oneBadFileWritesNothing() {
        const auto t = targets(u"bad"_s);
        QJsonObject badMapping =
            QJsonDocument::fromJson(resource(u":/mappings/shopify-order-to-exact-invoice.json"_s))
                .object();
        badMapping.insert(u"fields"_s, QJsonValue(u"not a list"_s));
        QJsonObject badDefinition = QJsonDocument::fromJson(definition(u"acme"_s)).object();
        badDefinition.insert(u"retry"_s, QJsonObject{{u"maxAttempts"_s, 0}});
        const QString path =
            zip({{u"connectors/good.json"_s, definition(u"good"_s)},
                 {u"connectors/acme.json"_s, QJsonDocument(badDefinition).toJson()},
                 {u"connectors/broken.json"_s, "{ not json"},
                 {u"mappings/orders.json"_s, QJsonDocument(badMapping).toJson()},
                 {u"mappings/fine.json"_s,
                  resource(u":/mappings/pipedrive-person-to-exact-contact.json"_s)},
                 {u"README.txt"_s, "hello"}});
        QList<ConfigImportIssue> issues;
        auto plan = ConfigImport::plan(path, t, &issues);
        QVERIFY(!plan.ok());
        QStringList files;
        for (const auto& i : issues)
            files << i.file;
        QVERIFY2(files.contains(u"connectors/acme.json"_s), qPrintable(plan.error().message));
        QVERIFY(files.contains(u"connectors/broken.json"_s));
        QVERIFY(files.contains(u"mappings/orders.json"_s));
        QVERIFY(files.contains(u"README.txt"_s));
        QVERIFY(!files.contains(u"connectors/good.json"_s));
        QVERIFY(!files.contains(u"mappings/fine.json"_s));
        const QString message = plan.error().message;
        QVERIFY2(message.contains(u"connectors/acme.json: "_s) &&
                     message.contains(u"retry.maxAttempts must be at least 1"_s),
                 qPrintable(message));
        QVERIFY2(message.contains(u"mappings/orders.json: $.fields"_s), qPrintable(message));
        QVERIFY(message.contains(u"nothing was written"_s));
        QVERIFY(filesUnder(m_dir.filePath(u"bad"_s)).isEmpty());
    }

    void zipSlipAndOversizedAreRefused() {
        const auto t = targets(u"slip"_s);
        const QString outside = m_dir.filePath(u"evil.json"_s);
        const QString path = zip({{u"mappings/../../evil.json"_s, definition(u"evil"_s)},
                                  {u"/tmp/abs.json"_s, definition(u"abs"_s)},
                                  {u"connectors\\..\\win.json"_s, definition(u"win"_s)},
                                  {u"connectors/ok.json"_s, definition(u"ok"_s)}});
        QList<ConfigImportIssue> issues;
        auto plan = ConfigImport::plan(path, t, &issues);
        QVERIFY(!plan.ok());
        QCOMPARE(issues.size(), 3);
        for (const auto& i : issues)
            QVERIFY2(i.message.contains(u"refused"_s), qPrintable(i.toString()));
        QVERIFY(!QFile::exists(outside));
        QVERIFY(filesUnder(m_dir.filePath(u"slip"_s)).isEmpty());

        // An entry larger than allowed is refused before (and while) it is read.
        ConfigImportLimits limits;
        limits.maxEntryBytes = 1024;
        const QString big = zip({{u"mappings/big.json"_s, QByteArray(4096, ' ') + "{}"}});
        auto bigPlan = ConfigImport::plan(big, t, &issues, limits);
        QVERIFY(!bigPlan.ok());
        QVERIFY2(bigPlan.error().message.contains(u"mappings/big.json: "_s) &&
                     bigPlan.error().message.contains(u"larger than"_s),
                 qPrintable(bigPlan.error().message));
    }

    void definitionsNeedAConnectorFolder() {
        auto t = targets(u"nofolder"_s);
        t.connectorDir.clear();
        const QString path = zip({{u"connectors/acme.json"_s, definition(u"acme"_s)}});
        auto plan = ConfigImport::plan(path, t);
        QVERIFY(!plan.ok());
        QVERIFY(plan.error().message.contains(u"connectorDirs"_s));
    }

    void notAZipIsRefused() {
        QFile f(m_dir.filePath(u"plain.zip"_s));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a zip");
        f.close();
        auto plan = ConfigImport::plan(f.fileName(), targets(u"plain"_s));
        QVERIFY(!plan.ok());
        QVERIFY(plan.error().message.contains(u"not a readable zip"_s));
    }
};

QTEST_GUILESS_MAIN(TestConfigImport)
#include "TestConfigImport.moc"
