#include "support/TestZip.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// `bridgekeeper-engine import`: exit codes, --dry-run writes nothing, a bad zip writes nothing.
class TestEngineImportCli : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    struct Run {
        int code;
        QString out;
        QString err;
    };

    Run run(const QStringList& args, const QString& lang = u"C.UTF-8"_s) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOME"_s, m_dir.path());
        env.insert(u"LANG"_s, lang);
        env.remove(u"LANGUAGE"_s);
        env.remove(u"LC_ALL"_s);
        env.remove(u"LC_MESSAGES"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(BK_ENGINE_EXE), QStringList(args)
                                                   << u"--data-dir"_s << m_dir.filePath(u"data"_s));
        if (!p.waitForFinished(60'000))
            qFatal("engine did not finish");
        return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                QString::fromUtf8(p.readAllStandardError())};
    }

    QString zip(const QString& name, const QList<std::pair<QString, QByteArray>>& entries) {
        return bk::test::writeZip(m_dir.filePath(name), entries);
    }

    static QByteArray read(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QString workspace() {
        QJsonObject ws =
            QJsonDocument::fromJson(
                read(QStringLiteral(BK_SOURCE_DIR "/resources/workspaces/sample.json")))
                .object();
        ws.insert(u"connectorDirs"_s, QJsonArray{u"defs"_s});
        QDir().mkpath(m_dir.filePath(u"ws/defs"_s));
        QFile f(m_dir.filePath(u"ws/acme.json"_s));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("ws");
        f.write(QJsonDocument(ws).toJson());
        return f.fileName();
    }

    QByteArray definition(const QString& id, int maxAttempts) {
        QJsonObject d =
            QJsonDocument::fromJson(
                read(QStringLiteral(BK_SOURCE_DIR "/resources/connectors/shopify.json")))
                .object();
        d.insert(u"id"_s, id);
        d.insert(u"retry"_s, QJsonObject{{u"maxAttempts"_s, maxAttempts}});
        return QJsonDocument(d).toJson();
    }

private Q_SLOTS:
    void dryRunThenImport() {
        const QString ws = workspace();
        const QString good =
            zip(u"good.zip"_s, {{u"connectors/acme.json"_s, definition(u"acme"_s, 4)}});
        auto r = run({u"import"_s, good, u"--workspace"_s, ws, u"--dry-run"_s});
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"1 file(s) would be written"_s), qPrintable(r.out));
        // Under an English locale the engine's plural-only English catalogue says it properly.
        r = run({u"import"_s, good, u"--workspace"_s, ws, u"--dry-run"_s}, u"en_US.UTF-8"_s);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.out.contains(u"1 file would be written"_s), qPrintable(r.out));
        QVERIFY(!QFile::exists(m_dir.filePath(u"ws/defs/acme.json"_s)));

        r = run({u"import"_s, good, u"--workspace"_s, ws});
        QCOMPARE(r.code, 0);
        QVERIFY(QFile::exists(m_dir.filePath(u"ws/defs/acme.json"_s)));
        // The workspace still loads with the imported definition in its catalogue.
        r = run({u"status"_s, u"--workspace"_s, ws, u"--json"_s});
        QCOMPARE(r.code, 0);
    }

    void badZipWritesNothing() {
        const QString ws = workspace();
        const QString bad =
            zip(u"bad.zip"_s, {{u"connectors/fine.json"_s, definition(u"fine"_s, 4)},
                               {u"connectors/broken.json"_s, definition(u"broken"_s, 0)},
                               {u"../../outside.json"_s, "{}"}});
        const auto r = run({u"import"_s, bad, u"--workspace"_s, ws});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(u"connectors/broken.json: "_s) &&
                     r.err.contains(u"retry.maxAttempts must be at least 1"_s),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(u"../../outside.json: "_s));
        QVERIFY(!QFile::exists(m_dir.filePath(u"ws/defs/fine.json"_s)));
        QVERIFY(!QFile::exists(m_dir.filePath(u"outside.json"_s)));
    }

    void usageErrors() {
        QCOMPARE(run({u"import"_s}).code, 2);
        QCOMPARE(
            run({u"import"_s, u"a.zip"_s, u"--workspace"_s, m_dir.filePath(u"none.json"_s)}).code,
            2);
    }
};

QTEST_GUILESS_MAIN(TestEngineImportCli)
#include "TestEngineImportCli.moc"
