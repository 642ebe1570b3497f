#include "ImportDefinitionsDialog.h"
#include "support/TestZip.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

// File ▸ Import definitions…: checks off the GUI thread, lists problems per file, writes only
// a valid zip and only when asked.
class TestImportDefinitionsDialog : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QByteArray resource(const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QString zip(const QString& name, const QList<std::pair<QString, QByteArray>>& entries) {
        return bk::test::writeZip(m_dir.filePath(name), entries);
    }

    bk::Workspace workspace() {
        bk::Workspace ws;
        ws.filePath = m_dir.filePath(u"ws/acme.json"_s);
        ws.connectorDirs = {m_dir.filePath(u"ws/defs"_s)};
        QDir().mkpath(ws.connectorDirs.first());
        return ws;
    }

private Q_SLOTS:
    void invalidZipListsProblemsAndWritesNothing() {
        QJsonObject def =
            QJsonDocument::fromJson(resource(u":/connectors/shopify.json"_s)).object();
        def.insert(u"id"_s, u"Bad Id"_s);
        const QString path =
            zip(u"bad.zip"_s, {{u"connectors/bad.json"_s, QJsonDocument(def).toJson()},
                               {u"../escape.json"_s, "{}"}});
        bk::ui::ImportDefinitionsDialog dialog(workspace());
        dialog.show();
        QSignalSpy checked(&dialog, &bk::ui::ImportDefinitionsDialog::checked);
        dialog.checkZip(path);
        QVERIFY(checked.wait(10'000));
        QCOMPARE(checked.first().first().toBool(), false);
        QVERIFY(!dialog.canImport());
        QVERIFY2(dialog.report().contains(u"connectors/bad.json: $.id"_s),
                 qPrintable(dialog.report()));
        QVERIFY(dialog.report().contains(u"../escape.json: "_s));
        QVERIFY(QDir(m_dir.filePath(u"ws/defs"_s)).isEmpty());
        QVERIFY(!QFile::exists(m_dir.filePath(u"ws/mappings"_s)));
    }

    void validZipIsWrittenOnImport() {
        QJsonObject def =
            QJsonDocument::fromJson(resource(u":/connectors/shopify.json"_s)).object();
        def.insert(u"id"_s, u"acme-shop"_s);
        const QString path =
            zip(u"good.zip"_s, {{u"connectors/acme-shop.json"_s, QJsonDocument(def).toJson()},
                                {u"mappings/orders.json"_s,
                                 resource(u":/mappings/shopify-order-to-exact-invoice.json"_s)}});
        bk::ui::ImportDefinitionsDialog dialog(workspace());
        dialog.show();
        QSignalSpy checked(&dialog, &bk::ui::ImportDefinitionsDialog::checked);
        dialog.checkZip(path);
        QVERIFY(checked.wait(10'000));
        QVERIFY2(checked.first().first().toBool(), qPrintable(dialog.report()));
        QVERIFY(dialog.canImport());
        QVERIFY(dialog.report().contains(u"acme-shop"_s));
        QVERIFY(!QFile::exists(m_dir.filePath(u"ws/defs/acme-shop.json"_s))); // not yet

        QSignalSpy imported(&dialog, &bk::ui::ImportDefinitionsDialog::imported);
        QSignalSpy reopen(&dialog, &bk::ui::ImportDefinitionsDialog::reopenRequested);
        dialog.startImport();
        QVERIFY(imported.wait(10'000));
        QCOMPARE(imported.first().first().toStringList().size(), 2);
        QVERIFY(QFile::exists(m_dir.filePath(u"ws/defs/acme-shop.json"_s)));
        QVERIFY(QFile::exists(m_dir.filePath(u"ws/mappings/orders.json"_s)));
        QPushButton* reopenButton = nullptr;
        for (auto* b : dialog.findChildren<QPushButton*>())
            if (b->text() == u"&Reopen workspace"_s)
                reopenButton = b;
        QVERIFY(reopenButton && reopenButton->isVisible());
        reopenButton->click();
        QCOMPARE(reopen.count(), 1);
        QCOMPARE(reopen.first().first().toString(), m_dir.filePath(u"ws/acme.json"_s));
    }
};

QTEST_MAIN(TestImportDefinitionsDialog)
#include "TestImportDefinitionsDialog.moc"
